/**
 * The last `period` inputs of a stream, with O(1) mean and population variance, where the last
 * input may be replaced any number of times (the forming candle) before the next one is appended.
 *
 * Numerics: sums are kept of `x - shift` and `(x - shift)^2` over the bars before the last one,
 * with `shift` a recent input, so the variance does not lose digits to cancellation at prices
 * like 25 000 with a spread of paise (the textbook E[x^2] - E[x]^2 on raw prices would). Every
 * `period` appends the sums are recomputed exactly from the buffer and `shift` is moved, which
 * bounds float drift at O(period) work per `period` bars (O(1) amortised). Replacing the last
 * input touches no running sum, so a million ticks on one candle accumulate no error.
 */
export class RollingWindow {
  private readonly buf: Float64Array;
  private head = -1; // slot of the last (forming) input
  private count = 0; // inputs appended
  private shift = 0;
  private s1 = 0; // Σ (x - shift) over the window minus its last input
  private s2 = 0; // Σ (x - shift)^2 over the same inputs
  private sinceResync = 0;

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
    if (this.count === 0) {
      this.shift = x;
    } else {
      const prev = this.buf[this.head]! - this.shift;
      this.s1 += prev;
      this.s2 += prev * prev;
    }
    const next = (this.head + 1) % p;
    if (this.count >= p) {
      // The slot being overwritten holds the input that leaves the window.
      const out = this.buf[next]! - this.shift;
      this.s1 -= out;
      this.s2 -= out * out;
    }
    this.buf[next] = x;
    this.head = next;
    this.count++;
    if (++this.sinceResync >= p) this.resync();
  }

  /** Replaces the last input by `x` (no-op before the first append). */
  replaceLast(x: number): void {
    if (this.count > 0) this.buf[this.head] = x;
  }

  /** Mean of the inputs in the window (up to `period` of them). */
  mean(): number {
    const n = Math.min(this.count, this.period);
    const d = this.buf[this.head]! - this.shift;
    return this.shift + (this.s1 + d) / n;
  }

  /** Population variance (divide by n) of the inputs in the window, never negative. */
  variance(): number {
    const n = Math.min(this.count, this.period);
    const d = this.buf[this.head]! - this.shift;
    const m1 = (this.s1 + d) / n;
    const v = (this.s2 + d * d) / n - m1 * m1;
    return v > 0 ? v : 0;
  }

  /** Recomputes the running sums exactly, re-centred on the last input. */
  private resync(): void {
    const p = this.period;
    const n = Math.min(this.count, p);
    this.shift = this.buf[this.head]!;
    let s1 = 0;
    let s2 = 0;
    // The n - 1 inputs before the last one sit in the slots just behind head (circularly).
    for (let k = 1; k < n; k++) {
      const d = this.buf[(this.head - k + p) % p]! - this.shift;
      s1 += d;
      s2 += d * d;
    }
    this.s1 = s1;
    this.s2 = s2;
    this.sinceResync = 0;
  }
}
