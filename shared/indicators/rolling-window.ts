/**
 * The last `period` inputs of a stream, where the last input (the forming candle) may be replaced
 * any number of times before the next one is appended. Gives the window's mean in O(1) and its
 * population variance in O(1) per replacement after one O(period) pass per appended bar.
 *
 * Numerics:
 * - mean: a running sum of the inputs before the last one ("committed"), re-added exactly every
 *   `period` appends so float drift stays bounded (O(1) amortised); replacing the last input
 *   touches no running sum, so a million ticks on one candle accumulate no error.
 * - variance: the committed inputs' mean and sum of squared deviations are computed in two passes
 *   (once per appended bar, on first use), then the forming input is folded in with Chan et al.'s
 *   pairwise update, M2 = M2c + (x - meanC)^2 × m / n. Everything is measured from the mean, so
 *   there is no E[x^2] - E[x]^2 cancellation at prices like 25 000 with paise-wide bands.
 */
export class RollingWindow {
  private readonly buf: Float64Array;
  private head = -1; // slot of the last (forming) input
  private count = 0; // inputs appended
  private committedSum = 0; // Σ of the window's inputs before the last one
  private sinceResync = 0;
  private momentsValid = false; // committedMean/committedM2 computed for the current bar
  private committedMean = 0;
  private committedM2 = 0;

  constructor(readonly period: number) {
    this.buf = new Float64Array(period);
  }

  /** Inputs appended so far. */
  get length(): number {
    return this.count;
  }

  /** True once the window holds `period` inputs. */
  get full(): boolean {
    return this.count >= this.period;
  }

  /** Appends `x` as the new last input; the previous last input becomes final. */
  append(x: number): void {
    const p = this.period;
    const next = (this.head + 1) % p;
    if (this.count > 0) this.committedSum += this.buf[this.head]!;
    // When full, the slot being overwritten holds the input that leaves the window.
    if (this.count >= p) this.committedSum -= this.buf[next]!;
    this.buf[next] = x;
    this.head = next;
    this.count++;
    this.momentsValid = false;
    if (++this.sinceResync >= p) this.resyncSum();
  }

  /** Replaces the last input by `x` (no-op before the first append). */
  replaceLast(x: number): void {
    if (this.count > 0) this.buf[this.head] = x;
  }

  /** Mean of the inputs in the window (up to `period` of them). */
  mean(): number {
    const n = Math.min(this.count, this.period);
    return (this.committedSum + this.buf[this.head]!) / n;
  }

  /** Mean and population variance (divide by n) of the window, computed from the committed moments. */
  meanAndVariance(): { mean: number; variance: number } {
    const n = Math.min(this.count, this.period);
    const m = n - 1;
    const x = this.buf[this.head]!;
    if (m === 0) return { mean: x, variance: 0 };
    if (!this.momentsValid) this.computeMoments(m);
    const d = x - this.committedMean;
    const mean = this.committedMean + d / n;
    const variance = (this.committedM2 + (d * d * m) / n) / n;
    return { mean, variance };
  }

  /** The m inputs before the last one sit in the slots just behind head (circularly). */
  private committedAt(k: number): number {
    const p = this.period;
    return this.buf[(this.head - k + p) % p]!;
  }

  private computeMoments(m: number): void {
    let s = 0;
    for (let k = 1; k <= m; k++) s += this.committedAt(k);
    const mean = s / m;
    let m2 = 0;
    for (let k = 1; k <= m; k++) {
      const d = this.committedAt(k) - mean;
      m2 += d * d;
    }
    this.committedMean = mean;
    this.committedM2 = m2;
    this.momentsValid = true;
  }

  private resyncSum(): void {
    const m = Math.min(this.count, this.period) - 1;
    let s = 0;
    for (let k = 1; k <= m; k++) s += this.committedAt(k);
    this.committedSum = s;
    this.sinceResync = 0;
  }
}
