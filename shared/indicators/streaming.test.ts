/**
 * Streaming equals batch: each stream is fed the way the live chart feeds it (a `push` when a
 * candle opens, an `update` per tick while it forms), and every value it returns must equal the
 * batch function over the bars as they stand at that moment (closed bars plus the forming one).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atr, createAtrStream } from './atr';
import { bollinger, createBollingerStream } from './bollinger';
import { createEmaStream, ema } from './ema';
import { createMacdStream, macd } from './macd';
import { createRsiStream, rsi } from './rsi';
import { createSmaStream, sma } from './sma';
import type { ValueStream } from './types';

const price = fc.integer({ min: 5, max: 10_000_000 }).map((paise) => paise / 100);

/** Candles as tick sequences (1…4 ticks each): independent prices or a ±3 % random walk. */
const candles = fc.oneof(
  fc.array(fc.array(price, { minLength: 1, maxLength: 4 }), { maxLength: 60 }),
  fc
    .tuple(
      price,
      fc.array(fc.array(fc.integer({ min: -300, max: 300 }), { minLength: 1, maxLength: 4 }), { maxLength: 60 }),
    )
    .map(([start, steps]) => {
      let p = start;
      return steps.map((bar) =>
        bar.map((bp) => {
          p = Math.max(0.05, Math.round(p * (1 + bp / 10_000) * 100) / 100);
          return p;
        }),
      );
    }),
);

function near(actual: number, ref: number, tol: number): void {
  if (Number.isNaN(ref)) expect(actual).toBeNaN();
  else expect(Math.abs(actual - ref)).toBeLessThanOrEqual(tol);
}

/**
 * Feeds `ticks` to `stream` candle by candle and, after every call, compares what it returned
 * with `batch(closes so far)` at the last bar, field by field.
 */
function replay<T>(
  ticks: readonly (readonly number[])[],
  stream: ValueStream<T>,
  batchLast: (closes: readonly number[]) => T,
  fields: (v: T) => readonly number[],
  tol: number,
): void {
  const closes: number[] = [];
  for (const bar of ticks) {
    bar.forEach((t, k) => {
      if (k === 0) closes.push(t);
      else closes[closes.length - 1] = t;
      const got = fields(k === 0 ? stream.push(t) : stream.update(t));
      const want = fields(batchLast(closes));
      want.forEach((w, j) => near(got[j]!, w, tol));
    });
  }
  expect(stream.length).toBe(ticks.length);
}

const scale = (ticks: readonly (readonly number[])[]): number => Math.max(1, ...ticks.flat());
const last = (a: Float64Array): number => a[a.length - 1]!;

describe('streams equal batch while the last candle forms (property)', () => {
  it('SMA', () => {
    fc.assert(
      fc.property(candles, fc.integer({ min: 1, max: 25 }), (ticks, period) => {
        replay(ticks, createSmaStream(period), (c) => last(sma(c, period)), (v) => [v], 1e-11 * scale(ticks));
      }),
    );
  });

  it('EMA', () => {
    fc.assert(
      fc.property(candles, fc.integer({ min: 1, max: 25 }), (ticks, period) => {
        replay(ticks, createEmaStream(period), (c) => last(ema(c, period)), (v) => [v], 1e-11 * scale(ticks));
      }),
    );
  });

  it('Bollinger bands', () => {
    fc.assert(
      fc.property(
        candles,
        fc.integer({ min: 1, max: 25 }),
        fc.double({ min: 0, max: 4, noNaN: true }),
        (ticks, period, k) => {
          replay(
            ticks,
            createBollingerStream({ period, k }),
            (c) => {
              const b = bollinger(c, { period, k });
              return { middle: last(b.middle), upper: last(b.upper), lower: last(b.lower) };
            },
            (v) => [v.middle, v.upper, v.lower],
            1e-10 * scale(ticks),
          );
        },
      ),
    );
  });

  it('RSI', () => {
    fc.assert(
      fc.property(candles, fc.integer({ min: 1, max: 25 }), (ticks, period) => {
        replay(ticks, createRsiStream(period), (c) => last(rsi(c, period)), (v) => [v], 1e-9);
      }),
    );
  });

  it('MACD', () => {
    fc.assert(
      fc.property(
        candles,
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 6 }),
        (ticks, fast, extra, signal) => {
          const o = { fast, slow: fast + extra, signal };
          replay(
            ticks,
            createMacdStream(o),
            (c) => {
              const m = macd(c, o);
              return { macd: last(m.macd), signal: last(m.signal), histogram: last(m.histogram) };
            },
            (v) => [v.macd, v.signal, v.histogram],
            1e-11 * scale(ticks),
          );
        },
      ),
    );
  });

  it('ATR, with the forming candle’s high, low and close all moving', () => {
    fc.assert(
      fc.property(candles, fc.integer({ min: 1, max: 25 }), (ticks, period) => {
        const s = createAtrStream(period);
        const h: number[] = [];
        const l: number[] = [];
        const c: number[] = [];
        const tol = 1e-11 * scale(ticks);
        for (const bar of ticks) {
          bar.forEach((t, k) => {
            let got: number;
            if (k === 0) {
              h.push(t);
              l.push(t);
              c.push(t);
              got = s.push(t, t, t);
            } else {
              const i = c.length - 1;
              h[i] = Math.max(h[i]!, t);
              l[i] = Math.min(l[i]!, t);
              c[i] = t;
              got = s.update(h[i]!, l[i]!, t);
            }
            near(got, last(atr(h, l, c, period)), tol);
          });
        }
      }),
    );
  });

  it('a stream seeded with history then ticked for many candles still matches (resync path)', () => {
    const s = createBollingerStream({ period: 7, k: 2 });
    const r = createRsiStream(5);
    const closes: number[] = [];
    let p = 1_234.5;
    let seed = 3;
    let got = s.push(p);
    let gotRsi = r.push(p);
    closes.push(p);
    for (let i = 1; i < 5_000; i++) {
      for (let t = 0; t < 6; t++) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        p = Math.max(1, Math.round((p + ((seed % 21) - 10) * 0.05) * 100) / 100);
        if (t === 0) {
          closes.push(p);
          got = s.push(p);
          gotRsi = r.push(p);
        } else {
          closes[closes.length - 1] = p;
          got = s.update(p);
          gotRsi = r.update(p);
        }
      }
    }
    const b = bollinger(closes, { period: 7, k: 2 });
    near(got.middle, last(b.middle), 1e-9);
    near(got.upper, last(b.upper), 1e-9);
    near(got.lower, last(b.lower), 1e-9);
    near(gotRsi, last(rsi(closes, 5)), 1e-9);
  });
});
