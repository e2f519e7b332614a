import { describe, expect, it } from 'vitest';
import { isOnTick } from '../../shared/price';
import { clearHistoryCache } from './history';
import { impliedVol } from './option-model';
import { createMarketModel, type SimTick } from './market-model';
import { sessionActivity } from './price-process';
import { sampleUniverse } from './sample-universe';

// Friday 2026-11-20, 10:00 IST (market open).
const START = Date.parse('2026-11-20T04:30:00Z');

function model(seed: number, alwaysOpen = true, start = START) {
  return createMarketModel({ seed, instruments: sampleUniverse(start), startTimeMs: start, alwaysOpen });
}

function firstTicks(seed: number, n: number): SimTick[] {
  const m = model(seed);
  const ticks: SimTick[] = [];
  m.onTick((t) => ticks.length < n && ticks.push(t));
  while (ticks.length < n) m.step(250);
  return ticks;
}

describe('market model determinism', () => {
  it('gives the same first 1000 ticks for the same seed, other ticks for another seed', () => {
    const a = firstTicks(7, 1000);
    const b = firstTicks(7, 1000);
    const c = firstTicks(8, 1000);
    expect(a).toEqual(b);
    expect(a.map((t) => t.ltp)).not.toEqual(c.map((t) => t.ltp));
  });

  it('keeps every price on its tick grid and reading a book does not change the ticks', () => {
    const plain = firstTicks(3, 300);
    const m = model(3);
    const ticks: SimTick[] = [];
    m.onTick((t) => ticks.length < 300 && ticks.push(t));
    for (const inst of m.instruments()) m.depth(inst.securityId, 1); // books read (not traded against)
    while (ticks.length < 300) m.step(250);
    for (const t of ticks) {
      const tick = m.instrument(t.key.securityId)!.tickSize;
      expect(isOnTick(t.ltp, tick), `${t.key.securityId} ${t.ltp}`).toBe(true);
    }
    // every book exists from the start (small universe): reading depth leaves the tape unchanged
    expect(ticks).toEqual(plain);
  });
});

describe('market model structure', () => {
  it('moves NIFTY with its constituents (weighted, normalised to its start value)', () => {
    const m = model(11);
    m.step(10 * 60_000);
    const u = sampleUniverse(START);
    const nifty = u.find((i) => i.securityId === '13')!;
    const cs = nifty.constituents!;
    const wsum = cs.reduce((a, c) => a + c.weight, 0);
    let v = 0;
    for (const c of cs) v += (c.weight / wsum) * (m.fairValue(c.securityId) / u.find((i) => i.securityId === c.securityId)!.initialPrice);
    expect(m.fairValue('13')).toBeCloseTo(nifty.initialPrice * v, 6);
    expect(Math.abs(m.ltp('13') - nifty.initialPrice * v)).toBeLessThanOrEqual(0.025 + 1e-9);
  });

  it('trades the future near cost-of-carry fair value', () => {
    const m = model(12);
    for (let i = 0; i < 120; i++) m.step(1000);
    const exp = m.instrument('900001')!.expiry!;
    const t = (Date.parse(`${exp}T10:00:00Z`) - m.now()) / (365 * 86_400_000);
    const fair = m.fairValue('13') * Math.exp(0.065 * t);
    expect(Math.abs(m.ltp('900001') - fair)).toBeLessThan(10 * 0.05 + fair * 0.0005);
    expect(m.ltp('900001')).toBeGreaterThan(m.ltp('13')); // positive carry
  });

  it('keeps 200 levels per side and changes the book shape with quotes and trades', () => {
    const m = model(13);
    const d0 = m.depth('2885', 200);
    expect(d0.bids.length).toBe(200);
    expect(d0.asks.length).toBe(200);
    expect(d0.bids[0]!.price).toBeLessThan(d0.asks[0]!.price);
    for (let i = 1; i < 200; i++) {
      expect(d0.bids[i]!.price).toBeLessThan(d0.bids[i - 1]!.price);
      expect(d0.asks[i]!.price).toBeGreaterThan(d0.asks[i - 1]!.price);
    }
    const before = d0.asks.slice(0, 20).map((l) => `${l.price}:${l.quantity}`);
    m.step(5000);
    const after = m.depth('2885', 200).asks.slice(0, 20).map((l) => `${l.price}:${l.quantity}`);
    expect(after).not.toEqual(before);
  });

  it('walks the book when liquidity is taken and prints the trade', () => {
    const m = model(14);
    const d = m.depth('1333', 3);
    const want = d.asks[0]!.quantity + d.asks[1]!.quantity + 1;
    const ticks: SimTick[] = [];
    m.onTick((t) => ticks.push(t));
    const fills = m.takeLiquidity('1333', 'BUY', want, null);
    expect(fills.map((f) => f.price)).toEqual([d.asks[0]!.price, d.asks[1]!.price, d.asks[2]!.price]);
    expect(fills.reduce((a, f) => a + f.quantity, 0)).toBe(want);
    expect(ticks.at(-1)).toMatchObject({ ltp: d.asks[2]!.price, ltq: want, aggressor: 'BUY' });
    expect(m.depth('1333', 1).asks[0]!.price).toBe(d.asks[2]!.price);
  });

  it('drifts derivative OI with trades', () => {
    const m = model(15);
    const oi0 = m.quote('900001').oi;
    for (let i = 0; i < 600; i++) m.step(1000);
    const q = m.quote('900001');
    expect(q.oi).not.toBe(oi0);
    expect(Math.abs(q.oi - oi0) / oi0).toBeLessThan(0.2);
    expect(q.oiDayHigh).toBeGreaterThanOrEqual(q.oi);
    expect(q.oiDayLow).toBeLessThanOrEqual(q.oi);
  });
});

describe('adding instruments to a running market', () => {
  const all = sampleUniverse(START);
  const cash = all.filter((s) => s.segment !== 'NSE_FNO');
  const fno = all.filter((s) => s.segment === 'NSE_FNO');

  it('prices the new derivatives off the live underlying and leaves the others untouched', () => {
    const a = createMarketModel({ seed: 41, instruments: cash, startTimeMs: START, alwaysOpen: true });
    const b = createMarketModel({ seed: 41, instruments: cash, startTimeMs: START, alwaysOpen: true });
    a.step(60_000);
    b.step(60_000);
    a.addInstruments(fno);
    expect(a.instruments().length).toBe(all.length);
    const t = (Date.parse(`${fno[0]!.expiry}T10:00:00Z`) - a.now()) / (365 * 86_400_000);
    expect(a.fairValue('900001')).toBeCloseTo(a.fairValue('13') * Math.exp(0.065 * t), 6);
    const opt = fno.find((s) => s.optionType === 'CE')!;
    const an = a.optionAnalytics(opt.securityId);
    expect(an.underlyingPrice).toBe(a.fairValue('13'));
    expect(a.ltp(opt.securityId)).toBe(an.markPrice);
    // the cash market goes on exactly as without the addition
    const seenA: SimTick[] = [];
    const seenB: SimTick[] = [];
    a.onTick((x) => x.key.segment !== 'NSE_FNO' && seenA.push(x));
    b.onTick((x) => seenB.push(x));
    a.step(30_000);
    b.step(30_000);
    expect(seenA.length).toBeGreaterThan(50);
    expect(seenA).toEqual(seenB);
    // history of a late instrument ends at its price when it joined
    const k = a.candles(opt.securityId, '1m', START - 3_600_000, START + 60_000);
    expect(k.at(-1)!.close).toBe(an.markPrice);
  });

  it('refuses a duplicate or an orphan derivative and adds nothing', () => {
    const m = createMarketModel({ seed: 42, instruments: cash, startTimeMs: START, alwaysOpen: true });
    expect(() => m.addInstruments([cash[0]!])).toThrow(/duplicate/);
    expect(() => m.addInstruments([{ ...fno[0]!, underlyingSecurityId: '424242' }])).toThrow(/not in the universe/);
    expect(m.instruments().length).toBe(cash.length);
    expect(m.instrument('900001')).toBeUndefined();
  });
});

describe('intraday seasonality', () => {
  it('is heavier at the open and the close, and keeps the session variance', () => {
    expect(sessionActivity(0)).toBeGreaterThan(1.8);
    expect(sessionActivity(187)).toBeLessThan(0.9);
    expect(sessionActivity(374)).toBeGreaterThan(1.3);
    let v = 0;
    for (let m = 0; m < 375; m++) v += sessionActivity(m) ** 2;
    expect(v / 375).toBeCloseTo(1, 2);
    expect(sessionActivity(-30)).toBe(1);
  });
});

describe('market hours', () => {
  it('does not move while closed and gaps at the next pre-open', () => {
    const fri1545 = Date.parse('2026-11-20T10:15:00Z'); // 15:45 IST Friday
    const m = createMarketModel({ seed: 5, instruments: sampleUniverse(fri1545), startTimeMs: fri1545 });
    const ticks: SimTick[] = [];
    m.onTick((t) => ticks.push(t));
    const px = m.ltp('2885');
    m.advanceTo(Date.parse('2026-11-23T03:29:00Z')); // Monday 08:59 IST
    expect(ticks).toEqual([]);
    expect(m.ltp('2885')).toBe(px);
    m.advanceTo(Date.parse('2026-11-23T03:44:00Z')); // 09:14, pre-open done, not yet open
    expect(m.marketPhase()).toBe('PRE_OPEN_BUFFER');
    expect(ticks).toEqual([]);
    expect(m.quote('2885').close).toBe(px); // previous close = Friday's last price
    m.advanceTo(Date.parse('2026-11-23T03:50:00Z')); // 09:20
    expect(m.marketPhase()).toBe('OPEN');
    expect(ticks.length).toBeGreaterThan(0);
  });
});

describe('option chain sanity', () => {
  it('keeps put-call parity within a tick, delta signs, and IV recoverable from the price', () => {
    const m = model(21);
    for (let i = 0; i < 30; i++) m.step(1000);
    for (const expiry of m.expiries('13')) {
      const chain = m.optionChain('13', expiry);
      expect(chain.rows.length).toBe(21);
      for (const row of chain.rows) {
        const c = m.optionAnalytics(row.call!.securityId!);
        const p = m.optionAnalytics(row.put!.securityId!);
        // parity on the tick-grid mark prices: C − P = S·e^(−qT) − K·e^(−rT), within one tick
        const rhs = c.underlyingPrice * Math.exp(-c.q * c.t) - row.strike * Math.exp(-c.r * c.t);
        expect(Math.abs(c.markPrice - p.markPrice - rhs), `K=${row.strike}`).toBeLessThanOrEqual(0.05 + 1e-9);
        expect(row.call!.greeks.delta).toBeGreaterThan(0);
        expect(row.call!.greeks.delta).toBeLessThan(1);
        expect(row.put!.greeks.delta).toBeGreaterThan(-1);
        expect(row.put!.greeks.delta).toBeLessThan(0);
        expect(row.call!.greeks.gamma).toBeCloseTo(row.put!.greeks.gamma, 12);
        expect(row.call!.iv).toBeCloseTo(c.iv * 100, 12);
        for (const a of [c, p]) {
          const type = a === c ? 'CALL' : 'PUT';
          const inputs = { spot: a.underlyingPrice, strike: a.strike, t: a.t, r: a.r, q: a.q, type } as const;
          // the theoretical price gives the model IV back exactly …
          expect(impliedVol(a.greeks.price, inputs)).toBeCloseTo(a.iv, 6);
          // … and the tick-rounded price within half a tick's worth of vega (first order, +5 % for
          // the curvature of price in volatility)
          if (a.greeks.vega > 0.5) {
            const iv = impliedVol(a.markPrice, inputs);
            expect(Math.abs(iv - a.iv) * 100).toBeLessThanOrEqual((1.05 * 0.025) / a.greeks.vega);
          }
        }
      }
    }
  });

  it('moves option prices and deltas with the underlying, and shows a skew', () => {
    const m = model(22);
    const exp = m.expiries('13')[0]!;
    const atmRow = (ch: ReturnType<typeof m.optionChain>) => ch.rows[10]!;
    const before = atmRow(m.optionChain('13', exp));
    const c0 = m.optionAnalytics(before.call!.securityId!);
    let moved = false;
    for (let i = 0; i < 600 && !moved; i++) {
      m.step(1000);
      moved = Math.abs(m.fairValue('13') - c0.underlyingPrice) > 20;
    }
    expect(moved).toBe(true);
    const c1 = m.optionAnalytics(before.call!.securityId!);
    const up = c1.underlyingPrice > c0.underlyingPrice;
    expect(c1.greeks.price > c0.greeks.price).toBe(up);
    expect(c1.greeks.delta > c0.greeks.delta).toBe(up);
    const chain = m.optionChain('13', exp);
    expect(chain.rows[0]!.put!.iv).toBeGreaterThan(chain.rows[10]!.put!.iv); // OTM puts dearer
  });
});

describe('historical candles', () => {
  it('are the same for the same seed and continuous with the live price at the seam', () => {
    const from = Date.parse('2026-11-10T00:00:00Z');
    const a = model(31, false);
    const b = model(31, false);
    const c = model(32, false);
    const ca = a.candles('2885', '5m', from, START);
    expect(ca).toEqual(b.candles('2885', '5m', from, START));
    expect(ca).not.toEqual(c.candles('2885', '5m', from, START));
    // 8 trading days (10th–19th, weekend skipped) of 75 bars, plus 09:15–10:00 on the 20th
    expect(ca.length).toBe(8 * 75 + 9);
    expect(ca.at(-1)!.close).toBe(a.ltp('2885'));
    for (const k of ca) {
      expect(k.high).toBeGreaterThanOrEqual(Math.max(k.open, k.close));
      expect(k.low).toBeLessThanOrEqual(Math.min(k.open, k.close));
      expect(isOnTick(k.open, 0.05) && isOnTick(k.close, 0.05) && isOnTick(k.high, 0.05) && isOnTick(k.low, 0.05)).toBe(true);
    }
    // live bars after the seam continue from the anchor
    a.step(20 * 60_000);
    const live = a.candles('2885', '1m', START, a.now());
    expect(live.length).toBeGreaterThan(15);
    expect(Math.abs(live[0]!.open - ca.at(-1)!.close)).toBeLessThanOrEqual(0.2);
    // the same range asked again after trading gives the same history
    expect(a.candles('2885', '5m', from, START)).toEqual(ca);
  });

  it('agree across intervals and make daily candles at IST midnight', () => {
    const a = model(33, false);
    const from = Date.parse('2026-11-15T18:30:00Z'); // Monday 16th, IST midnight
    const to = Date.parse('2026-11-19T18:30:00Z'); // Friday 20th, IST midnight
    const m1 = a.candles('1333', '1m', from, to);
    const m25 = a.candles('1333', '25m', from, to);
    const d1 = a.candles('1333', '1d', from, to);
    expect(m25.length).toBe(4 * 15);
    expect(d1.map((d) => new Date((d.time + 19_800) * 1000).toISOString().slice(0, 16))).toEqual([
      '2026-11-16T00:00',
      '2026-11-17T00:00',
      '2026-11-18T00:00',
      '2026-11-19T00:00',
    ]);
    const day1 = m1.filter((k) => k.time < d1[1]!.time);
    expect(d1[0]!.open).toBe(day1[0]!.open);
    expect(d1[0]!.close).toBe(day1.at(-1)!.close);
    expect(d1[0]!.high).toBe(Math.max(...day1.map((k) => k.high)));
    expect(d1[0]!.volume).toBe(day1.reduce((s, k) => s + k.volume, 0));
    // consecutive days chain: each day's close leads (with a small gap) into the next open
    for (let i = 1; i < d1.length; i++) expect(Math.abs(Math.log(d1[i]!.open / d1[i - 1]!.close))).toBeLessThan(0.03);
  });

  it('give the same bars for a sub-range asked first or after a wider range', () => {
    const fresh = model(35, false);
    const from = Date.parse('2026-10-01T00:00:00Z');
    const sub = fresh.candles('1594', '15m', Date.parse('2026-11-02T00:00:00Z'), Date.parse('2026-11-04T00:00:00Z'));
    clearHistoryCache(); // rebuild the day chain from scratch, in the other order
    const other = model(35, false);
    const wide = other.candles('1594', '15m', from, START);
    const cut = wide.filter((k) => k.time * 1000 >= Date.parse('2026-11-02T00:00:00Z') && k.time * 1000 < Date.parse('2026-11-04T00:00:00Z'));
    expect(sub.length).toBe(2 * 25);
    expect(sub).toEqual(cut);
  });

  it('derives option candles from the underlying and ends them at the option LTP', () => {
    const a = model(34, false);
    const chain = a.optionChain('13', a.expiries('13')[0]!);
    const id = chain.rows[10]!.call!.securityId!;
    const k = a.candles(id, '15m', Date.parse('2026-11-19T00:00:00Z'), START);
    expect(k.length).toBe(25 + 3);
    expect(k.at(-1)!.close).toBe(a.ltp(id));
    // OI builds up toward the live OI at the seam, in whole lots
    const oi0 = a.quote(id).oi;
    expect(k.every((c) => c.oi !== undefined && c.oi % 65 === 0)).toBe(true);
    expect(Math.abs(k.at(-1)!.oi! / oi0 - 1)).toBeLessThan(0.01);
    expect(k[0]!.oi!).toBeLessThan(k.at(-1)!.oi!);
    // cash instruments carry no OI
    expect(a.candles('2885', '15m', Date.parse('2026-11-19T00:00:00Z'), START).every((c) => c.oi === undefined)).toBe(true);
  });
});
