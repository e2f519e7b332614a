import { describe, expect, it } from 'vitest';
import { BOOK_LEVELS, SimBook } from './book-model';
import type { MarketPhase } from './market-hours';
import { createMarketModel, type SimTick } from './market-model';
import { createRng } from './rng';
import { sampleUniverse } from './sample-universe';
import type { SimInstrumentSpec } from './sim-instrument';

/**
 * Reads are side-effect free in large universes (books built lazily), books never quote at or
 * below ₹0, previous-session OI, and phase-change events.
 */

const START = Date.parse('2026-11-20T04:30:00Z'); // Friday 10:00 IST

/** The sample universe run as if it were above the eager-book limit (books built on demand). */
function lazyModel(seed: number, instruments: readonly SimInstrumentSpec[] = sampleUniverse(START)) {
  return createMarketModel({ seed, instruments, startTimeMs: START, alwaysOpen: true, eagerBookLimit: 0 });
}

function run(seed: number, n: number, read: boolean): SimTick[] {
  const m = lazyModel(seed);
  const ticks: SimTick[] = [];
  m.onTick((t) => ticks.length < n && ticks.push(t));
  const ids = m.instruments().map((s) => ({ segment: s.segment, securityId: s.securityId }));
  while (ticks.length < n) {
    if (read) {
      for (const ref of ids) {
        m.quote(ref, 0);
        m.quote(ref, 5);
        m.top(ref);
        m.depth(ref, 200);
      }
      for (const e of m.expiries('13')) m.optionChain('13', e);
    }
    m.step(250);
  }
  return ticks;
}

describe('reads without side effects', () => {
  it('gives the same first 1000 ticks whatever is read, with books built on demand', () => {
    const quiet = run(5, 1000, false);
    const busy = run(5, 1000, true);
    expect(busy).toEqual(quiet);
  });

  it('still answers a depth read with a full book around the fair value', () => {
    const m = lazyModel(5);
    const d = m.depth({ segment: 'NSE_EQ', securityId: '2885' }, 200);
    expect(d.bids.length).toBe(BOOK_LEVELS);
    expect(d.asks.length).toBe(BOOK_LEVELS);
    const fair = m.fairValue({ segment: 'NSE_EQ', securityId: '2885' });
    expect(d.bids[0]!.price).toBeLessThanOrEqual(fair);
    expect(d.asks[0]!.price).toBeGreaterThan(fair);
  });
});

describe('book floor', () => {
  const shape = { lotSize: 75, levelQuantity: 75 * 12, orderQuantity: 75 * 2, spreadTicks: 2, quoteRate: 40 };

  it('never holds a bid level at or below price 0, after reset, re-centring and quote churn', () => {
    const b = new SimBook(shape, createRng(9));
    for (const fair of [3.2, 1, 0.4, 7.9, 1.5]) {
      b.reset(fair);
      const bids = b.levels('bid', BOOK_LEVELS);
      expect(bids.every((l) => l.ticks >= 1)).toBe(true);
      expect(bids.length).toBeLessThanOrEqual(Math.max(0, Math.floor(fair)));
      for (let k = 0; k < 50; k++) {
        b.recenter(fair + (k % 7) - 3);
        b.churn(1000);
        expect(b.levels('bid', BOOK_LEVELS).every((l) => l.ticks >= 1 && l.quantity > 0)).toBe(true);
        expect(b.take('SELL', 1_000_000, null).every((f) => f.ticks >= 1)).toBe(true);
      }
    }
  });

  it('quotes a deep out-of-the-money option with a thin bid side above ₹0', () => {
    const u = sampleUniverse(START);
    const nifty = u.find((s) => s.securityId === '13')!;
    const farCall: SimInstrumentSpec = {
      ...u.find((s) => s.optionType === 'CE')!,
      securityId: '999001',
      tradingSymbol: 'NIFTY FAR CALL',
      strike: Math.round((nifty.initialPrice * 1.6) / 50) * 50,
    };
    const m = createMarketModel({ seed: 2, instruments: [...u, farCall], startTimeMs: START, alwaysOpen: true });
    const ref = { segment: farCall.segment, securityId: farCall.securityId };
    for (let i = 0; i < 20; i++) {
      const q = m.quote(ref, 200);
      expect(q.bids.length).toBeLessThan(BOOK_LEVELS);
      for (const l of [...q.bids, ...q.asks]) expect(l.price).toBeGreaterThan(0);
      m.step(5000);
    }
  });
});

describe('previous OI and phases', () => {
  it('reports the previous session OI: the history\'s closing OI at start, the closing OI after a rollover', () => {
    const start = Date.parse('2026-11-20T09:50:00Z'); // Friday 15:20 IST
    const u = sampleUniverse(start);
    const fut = u.find((s) => s.instrumentType === 'FUTIDX')!;
    const m = createMarketModel({ seed: 4, instruments: u, startTimeMs: start });
    const ref = { segment: fut.segment, securityId: fut.securityId };
    // Thursday's last 1-minute candle (15:29 IST) carries the OI the session closed with
    const thursday = m.candles(ref, '1m', Date.parse('2026-11-19T03:45:00Z'), Date.parse('2026-11-19T10:00:00Z'));
    expect(thursday.length).toBe(375);
    expect(m.previousOi(ref)).toBe(thursday.at(-1)!.oi);
    expect(m.previousOi(ref)).toBeLessThan(fut.initialOi!); // history OI builds up toward the live OI
    expect(m.previousOi(ref)).toBeGreaterThan(fut.initialOi! * 0.95);
    expect(m.previousOi({ segment: 'NSE_EQ', securityId: '2885' })).toBe(0);
    const phases: [MarketPhase, string][] = [];
    let closingOi = -1;
    m.onPhaseChange((p, at) => {
      phases.push([p, new Date(at).toISOString()]);
      if (p === 'CLOSED' && closingOi < 0) closingOi = m.quote(ref, 0).oi;
    });
    m.advanceTo(Date.parse('2026-11-23T03:50:00Z')); // Monday 09:20 IST
    expect(closingOi).not.toBe(fut.initialOi); // trades moved it
    expect(m.previousOi(ref)).toBe(closingOi);
    expect(phases).toEqual([
      ['CLOSED', '2026-11-20T10:00:00.000Z'],
      ['PRE_OPEN', '2026-11-23T03:30:00.000Z'],
      ['PRE_OPEN_BUFFER', '2026-11-23T03:38:00.000Z'],
      ['OPEN', '2026-11-23T03:45:00.000Z'],
    ]);
  });
});
