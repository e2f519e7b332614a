import { describe, expect, it } from 'vitest';
import type { Candle, InstrumentRef, Quote } from '../../shared/market';
import { defaultUniverse } from './default-universe';
import { createMarketModel, type MarketModel } from './market-model';
import { sampleUniverse } from './sample-universe';
import { SimMarket } from './wire/sim-market';

/**
 * Day statistics of an instrument that comes alive during (or outside) a session agree with the
 * intraday history the same sim serves for that day: the watchlist and the chart tell one story.
 * Times: Friday 2026-11-20; IST = UTC + 05:30.
 */

const IST = (hhmm: string, date = '2026-11-20') => Date.parse(`${date}T${hhmm}:00+05:30`);
const RELIANCE: InstrumentRef = { segment: 'NSE_EQ', securityId: '2885' };
const NIFTY: InstrumentRef = { segment: 'IDX_I', securityId: '13' };
const r2 = (x: number) => Math.round(x * 100) / 100;

/** A lazy catalogue (only the IDX_I indices are live at start), the sim's master-file mode. */
function lazyMarket(seed: number, startMs: number): SimMarket {
  return new SimMarket({ seed, catalogue: sampleUniverse(IST('09:20')), startTimeMs: startMs, eagerLimit: 0 });
}

/** Today's 1-minute candles up to now, and the day's summary a trader would compute from them. */
function todayFromCandles(model: MarketModel, ref: InstrumentRef, date = '2026-11-20') {
  const bars = model.candles(ref, '1m', IST('09:15', date), model.now());
  return {
    bars,
    open: bars[0]!.open,
    high: Math.max(...bars.map((b) => b.high)),
    low: Math.min(...bars.map((b) => b.low)),
    close: bars.at(-1)!.close,
    volume: bars.reduce((s, b) => s + b.volume, 0),
  };
}

/** The daily candle of an IST date. */
function daily(model: MarketModel, ref: InstrumentRef, date: string): Candle {
  const d = model.candles(ref, '1d', IST('00:00', date), IST('00:00', date) + 86_400_000);
  expect(d.length).toBe(1);
  return d[0]!;
}

function expectAgree(q: Quote, t: ReturnType<typeof todayFromCandles>): void {
  expect(q.open).toBe(t.open);
  expect(q.high).toBe(t.high);
  expect(q.low).toBe(t.low);
  expect(q.volume).toBe(t.volume);
  expect(q.ltp).toBe(t.close);
}

describe('an instrument materialised mid-session', () => {
  it('at 13:00 IST reports the day of its 1-minute history: open, high, low, volume, ATP, previous close', () => {
    const market = lazyMarket(11, IST('09:20'));
    market.step(IST('13:00') - IST('09:20'));
    expect(market.activeKey('NSE_EQ:2885')).toBe(false);
    market.ensure(['NSE_EQ:2885']);
    const m = market.model;
    const q = m.quote(RELIANCE, 0);
    const t = todayFromCandles(m, RELIANCE);
    expect(t.bars.length).toBe(225); // 09:15 … 12:59, no hole
    expectAgree(q, t);
    expect(q.volume).toBeGreaterThan(100_000); // a day's worth, not a few seconds' worth
    // ATP: the volume-weighted average of the minutes' closes (candles carry no turnover), to
    // within half a tick (the history sums unrounded closes)
    const turnover = t.bars.reduce((s, b) => s + b.close * b.volume, 0);
    expect(Math.abs(q.atp - turnover / t.volume)).toBeLessThanOrEqual(0.03);
    expect(q.atp).toBeGreaterThanOrEqual(q.low);
    expect(q.atp).toBeLessThanOrEqual(q.high);
    // previous close: Thursday's daily candle, which is the catalogue price (the reference close)
    expect(q.close).toBe(daily(m, RELIANCE, '2026-11-19').close);
    expect(q.close).toBe(market.spec('NSE_EQ:2885')!.initialPrice);
    expect(q.netChange).toBe(r2(q.ltp - q.close));
    // the daily candle of today says the same
    const today = daily(m, RELIANCE, '2026-11-20');
    expect([today.open, today.high, today.low, today.close, today.volume]).toEqual([q.open, q.high, q.low, q.ltp, q.volume]);
  });

  it('keeps agreeing with the candles while it trades live after the seam', () => {
    const market = lazyMarket(12, IST('13:00'));
    market.ensure(['NSE_EQ:2885']);
    const m = market.model;
    const before = m.quote(RELIANCE, 0);
    let ticks = 0;
    m.onTick((k) => {
      if (k.key.securityId === '2885') ticks++;
    });
    market.step(10 * 60_000);
    expect(ticks).toBeGreaterThan(100);
    const q = m.quote(RELIANCE, 0);
    const t = todayFromCandles(m, RELIANCE);
    expect(t.bars.length).toBe(235);
    expectAgree(q, t);
    expect(q.open).toBe(before.open);
    expect(q.volume).toBeGreaterThan(before.volume);
  });

  it('has the same day open and first bars whether it comes alive at 09:20 or at 13:00', () => {
    const early = lazyMarket(13, IST('09:20'));
    early.ensure(['NSE_EQ:2885', 'NSE_EQ:1333']);
    const late = lazyMarket(13, IST('09:20'));
    late.step(IST('13:00') - IST('09:20'));
    late.ensure(['NSE_EQ:1333', 'NSE_EQ:2885']); // another order: streams are per instrument
    for (const ref of [RELIANCE, { segment: 'NSE_EQ', securityId: '1333' } as const]) {
      const a = early.model.quote(ref, 0);
      const b = late.model.quote(ref, 0);
      expect(b.open).toBe(a.open);
      expect(b.close).toBe(a.close);
      const first = (m: MarketModel) => m.candles(ref, '1m', IST('09:15'), IST('09:20'));
      expect(first(late.model)).toEqual(first(early.model));
      expect(first(early.model).length).toBe(5);
      // the 09:20 instrument's day so far is the first five bars of the 13:00 one's
      expect(a.high).toBe(Math.max(...first(early.model).map((k) => k.high)));
      expect(b.high).toBeGreaterThanOrEqual(a.high);
      expect(b.low).toBeLessThanOrEqual(a.low);
    }
  });

  it('is deterministic: the same seed gives the same statistics and candles, another seed others', () => {
    const at = (seed: number) => {
      const s = lazyMarket(seed, IST('13:00'));
      s.ensure(['NSE_EQ:2885']);
      return { q: s.model.quote(RELIANCE, 0), k: s.model.candles(RELIANCE, '5m', IST('09:15'), IST('13:00')) };
    };
    const a = at(21);
    const b = at(21);
    expect(b.q).toEqual(a.q);
    expect(b.k).toEqual(a.k);
    expect(at(22).k).not.toEqual(a.k);
  });

  it('an option materialised after its underlying: candles without a hole, and OI day statistics', () => {
    const market = lazyMarket(14, IST('09:20')); // NIFTY (IDX_I) is live from 09:20
    market.step(IST('13:00') - IST('09:20'));
    const m = market.model;
    const chainKeys = market.optionKeys('IDX_I:13', market.expiries('IDX_I:13')[0]!);
    const key = chainKeys[Math.floor(chainKeys.length / 2)]!;
    market.ensure([key]);
    const ref = { segment: 'NSE_FNO', securityId: key.split(':')[1]! } as const;
    const q = m.quote(ref, 0);
    const t = todayFromCandles(m, ref);
    // 09:15-09:19 from NIFTY's history, 09:20-12:59 from NIFTY's live minutes, priced as this option
    expect(t.bars.length).toBe(225);
    for (let i = 1; i < t.bars.length; i++) expect(t.bars[i]!.time - t.bars[i - 1]!.time).toBe(60);
    expectAgree(q, t);
    // the option moves with NIFTY over the bridged minutes (a call rises when NIFTY rises)
    const n = m.candles(NIFTY, '1m', IST('09:20'), IST('13:00'));
    const dn = n.at(-1)!.close - n[0]!.open;
    const dc = t.bars.at(-1)!.close - t.bars[5]!.open;
    const isCall = market.spec(key)!.optionType === 'CE';
    if (Math.abs(dn) > 20) expect(Math.sign(dc)).toBe(isCall ? Math.sign(dn) : -Math.sign(dn));
    // OI: the day's range covers the bars and the live OI; the previous OI closed Thursday
    const oi = t.bars.map((b) => b.oi!);
    expect(q.oiDayHigh).toBe(Math.max(q.oi, ...oi));
    expect(q.oiDayLow).toBe(Math.min(q.oi, ...oi));
    const thursday = m.candles(ref, '1m', IST('15:29', '2026-11-19'), IST('15:30', '2026-11-19'));
    expect(m.previousOi(ref)).toBe(thursday[0]!.oi);
    expect(q.close).toBe(thursday[0]!.close);
  });
});

describe('the built-in universe started mid-session', () => {
  it('opens every kind of instrument with the day its candles show', () => {
    const start = IST('13:00');
    const u = defaultUniverse(start);
    const m = createMarketModel({ seed: 5, instruments: u, startTimeMs: start });
    const fut = u.find((s) => s.instrumentType === 'FUTIDX')!;
    const opt = u.find((s) => s.instrumentType === 'OPTIDX')!;
    const bank = u.find((s) => s.instrumentType === 'INDEX' && s.tradingSymbol === 'NIFTY BANK') ?? u.find((s) => s.instrumentType === 'INDEX')!;
    for (const ref of [RELIANCE, NIFTY, bank, fut, opt].map((s) => ({ segment: s.segment, securityId: s.securityId }))) {
      const q = m.quote(ref, 0);
      const t = todayFromCandles(m, ref);
      expect(t.bars.length).toBe(225);
      expectAgree(q, t);
      expect(q.close).toBe(daily(m, ref, '2026-11-19').close);
    }
    expect(m.quote(NIFTY, 0).volume).toBe(0); // indices carry no volume
  });
});

describe('outside the session', () => {
  it('before the pre-open: the last finished session (Thursday), previous close Wednesday', () => {
    const market = lazyMarket(15, IST('08:00'));
    market.ensure(['NSE_EQ:2885']);
    const m = market.model;
    const q = m.quote(RELIANCE, 0);
    const thu = daily(m, RELIANCE, '2026-11-19');
    expect([q.open, q.high, q.low, q.ltp, q.volume]).toEqual([thu.open, thu.high, thu.low, thu.close, thu.volume]);
    expect(q.ltp).toBe(market.spec('NSE_EQ:2885')!.initialPrice);
    expect(q.close).toBe(daily(m, RELIANCE, '2026-11-18').close);
  });

  it('in the pre-open: the day has rolled, nothing traded yet, previous close = LTP', () => {
    const market = lazyMarket(16, IST('09:05'));
    market.ensure(['NSE_EQ:2885']);
    const q = market.model.quote(RELIANCE, 0);
    expect([q.open, q.high, q.low, q.volume]).toEqual([0, 0, 0, 0]);
    expect(q.close).toBe(q.ltp);
    expect(q.close).toBe(daily(market.model, RELIANCE, '2026-11-19').close);
  });

  it('after the close: the whole of today, previous close Thursday', () => {
    const market = lazyMarket(17, IST('20:00'));
    market.ensure(['NSE_EQ:2885']);
    const m = market.model;
    const q = m.quote(RELIANCE, 0);
    const t = todayFromCandles(m, RELIANCE);
    expect(t.bars.length).toBe(375);
    expectAgree(q, t);
    expect(q.close).toBe(market.spec('NSE_EQ:2885')!.initialPrice);
  });

  it('on a Saturday: Friday\'s session', () => {
    const market = lazyMarket(18, IST('11:00', '2026-11-21'));
    market.ensure(['NSE_EQ:2885']);
    const m = market.model;
    const q = m.quote(RELIANCE, 0);
    const fri = daily(m, RELIANCE, '2026-11-20');
    expect([q.open, q.high, q.low, q.ltp, q.volume]).toEqual([fri.open, fri.high, fri.low, fri.close, fri.volume]);
    expect(q.close).toBe(daily(m, RELIANCE, '2026-11-19').close);
  });
});
