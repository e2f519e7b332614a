import { describe, expect, it } from 'vitest';
import { bollinger, ema, sma } from '../../../shared/indicators';
import type { Candle } from '../../../shared/market';
import { macd } from '../../../shared/indicators';
import { INDICATORS, computeIndicator, createIndicatorStepper, indicatorSpec, legendValues, toPoints, type IndicatorId } from './indicator-series';

/** A deterministic wandering series of candles, one a minute. */
function candles(n: number, seed = 7): Candle[] {
  let x = seed;
  let p = 1000;
  const out: Candle[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const open = p;
    p = Math.max(1, p + ((x % 2001) - 1000) / 100);
    out.push({ time: 1_700_000_000 + i * 60, open, high: Math.max(open, p) + 0.5, low: Math.min(open, p) - 0.5, close: p, volume: 100 + (x % 50) });
  }
  return out;
}

const IDS: IndicatorId[] = ['sma', 'ema', 'bollinger', 'rsi', 'macd', 'atr'];

describe('computeIndicator', () => {
  it('gives one series per drawn line, as long as the candles', () => {
    const cs = candles(120);
    for (const id of IDS) {
      const out = computeIndicator(id, cs);
      expect(out).toHaveLength(indicatorSpec(id).lines.length);
      for (const s of out) expect(s).toHaveLength(120);
    }
  });

  it('orders Bollinger lines upper, middle, lower and matches shared/indicators', () => {
    const cs = candles(60);
    const [upper, middle, lower] = computeIndicator('bollinger', cs);
    const ref = bollinger(cs.map((c) => c.close));
    expect(Array.from(upper!)).toEqual(Array.from(ref.upper));
    expect(Array.from(middle!)).toEqual(Array.from(ref.middle));
    expect(Array.from(lower!)).toEqual(Array.from(ref.lower));
    expect(upper![59]!).toBeGreaterThan(lower![59]!);
    expect(Array.from(computeIndicator('sma', cs)[0]!)).toEqual(Array.from(sma(cs.map((c) => c.close), 20)));
    expect(Array.from(computeIndicator('ema', cs)[0]!)).toEqual(Array.from(ema(cs.map((c) => c.close), 50)));
  });

  it('places SMA/EMA/Bollinger on the price pane and RSI/MACD/ATR in their own panes', () => {
    expect(INDICATORS.filter((s) => s.placement === 'overlay').map((s) => s.id)).toEqual(['sma', 'ema', 'bollinger']);
    expect(INDICATORS.filter((s) => s.placement === 'pane').map((s) => s.id)).toEqual(['rsi', 'macd', 'atr']);
  });
});

describe('legendValues', () => {
  it('prints MACD as line, signal, histogram although the histogram is drawn first', () => {
    const cs = candles(80);
    const lines = computeIndicator('macd', cs).map((s) => s[79]!);
    const ref = macd(cs.map((c) => c.close));
    expect(legendValues(indicatorSpec('macd'), lines)).toEqual([ref.macd[79], ref.signal[79], ref.histogram[79]]);
    expect(legendValues(indicatorSpec('bollinger'), [3, 2, 1])).toEqual([3, 2, 1]);
  });
});

describe('toPoints', () => {
  it('leaves the warm-up (NaN) bars out and keeps candle times', () => {
    const cs = candles(25);
    const pts = toPoints(cs, computeIndicator('sma', cs)[0]!);
    expect(pts).toHaveLength(25 - 19);
    expect(pts[0]!.time).toBe(cs[19]!.time);
  });
});

describe('createIndicatorStepper', () => {
  it('follows a forming candle and new candles with the same values as the batch over the grown window', () => {
    const all = candles(200);
    const seedBars = all.slice(0, 150);
    for (const id of IDS) {
      const stepper = createIndicatorStepper(id, seedBars);
      const window = seedBars.slice();
      for (const next of all.slice(150)) {
        // The candle forms in three changes, then closes; each change is one step.
        const forming: Candle[] = [
          { ...next, high: next.open, low: next.open, close: next.open },
          { ...next, close: (next.open + next.close) / 2, high: Math.max(next.open, next.close), low: Math.min(next.open, next.close) },
          next,
        ];
        let got: number[] | null = null;
        for (const f of forming) got = stepper.step(f);
        window.push(next);
        const batch = computeIndicator(id, window).map((s) => s[s.length - 1]!);
        expect(got!.length).toBe(batch.length);
        got!.forEach((v, i) => expect(v).toBeCloseTo(batch[i]!, 8));
      }
    }
  });

  it('ignores a candle older than the last one stepped', () => {
    const cs = candles(40);
    const s = createIndicatorStepper('sma', cs);
    expect(s.step(cs[10]!)).toBeNull();
    expect(s.step(cs[39]!)).not.toBeNull();
  });
});
