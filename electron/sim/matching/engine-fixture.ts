/**
 * Test fixture of the matching engine: a hand-set book per instrument, four contracts (RELIANCE,
 * a NIFTY future, the NIFTY index, a CRUDEOIL future on MCX) and an engine wired to them, for engine.test.ts and
 * demat-conversion.test.ts. Not shipped: only tests import it.
 */
import type { InstrumentRef } from '../../../shared/market';
import type { OrderStatus, PlaceOrderRequest } from '../../../shared/orders';
import type { SimContract } from '../sim-instrument';
import { createMatchingEngine, type MatchingEngine } from './engine';
import type { BookFill, EngineEvent, LiquiditySource, MarketTop } from './types';

/** A hand-set book per instrument: levels best first, consumed by takes. */
export class TestBook implements LiquiditySource {
  readonly bids = new Map<string, { price: number; quantity: number }[]>();
  readonly asks = new Map<string, { price: number; quantity: number }[]>();
  readonly ltps = new Map<string, number>();
  set(id: string, ltp: number, bids: [number, number][], asks: [number, number][]): void {
    this.ltps.set(id, ltp);
    this.bids.set(id, bids.map(([price, quantity]) => ({ price, quantity })));
    this.asks.set(id, asks.map(([price, quantity]) => ({ price, quantity })));
  }
  top(ref: InstrumentRef): MarketTop | null {
    const b = this.bids.get(ref.securityId)?.find((l) => l.quantity > 0);
    const a = this.asks.get(ref.securityId)?.find((l) => l.quantity > 0);
    const ltp = this.ltps.get(ref.securityId);
    return ltp === undefined ? null : { bid: b?.price ?? NaN, ask: a?.price ?? NaN, ltp };
  }
  take(ref: InstrumentRef, side: 'BUY' | 'SELL', quantity: number, limit: number | null): BookFill[] {
    const levels = (side === 'BUY' ? this.asks : this.bids).get(ref.securityId) ?? [];
    const out: BookFill[] = [];
    let left = quantity;
    for (const l of levels) {
      if (left <= 0) break;
      if (l.quantity <= 0) continue;
      if (limit !== null && (side === 'BUY' ? l.price > limit : l.price < limit)) break;
      const q = Math.min(left, l.quantity);
      l.quantity -= q;
      left -= q;
      out.push({ price: l.price, quantity: q });
    }
    if (out.length > 0) this.ltps.set(ref.securityId, out.at(-1)!.price);
    return out;
  }
}

const base = { expiry: null, strike: null, optionType: null, underlyingSecurityId: null } as const;
export const CONTRACTS: SimContract[] = [
  { ...base, segment: 'NSE_EQ', securityId: '2885', tradingSymbol: 'RELIANCE', instrumentType: 'EQUITY', lotSize: 1, tickSize: 0.05 },
  { ...base, segment: 'NSE_FNO', securityId: '900001', tradingSymbol: 'NIFTY-FUT', instrumentType: 'FUTIDX', lotSize: 65, tickSize: 0.05, expiry: '2026-11-24', underlyingSecurityId: '13' },
  { ...base, segment: 'IDX_I', securityId: '13', tradingSymbol: 'NIFTY', instrumentType: 'INDEX', lotSize: 1, tickSize: 0.05 },
  { ...base, segment: 'MCX_COMM', securityId: '472780', tradingSymbol: 'CRUDEOIL-FUT', instrumentType: 'FUTCOM', lotSize: 100, tickSize: 1, expiry: '2026-12-18' },
];
export const lookup = (ref: InstrumentRef) => CONTRACTS.find((c) => c.segment === ref.segment && c.securityId === ref.securityId);
export const REL = { segment: 'NSE_EQ', securityId: '2885' } as const;
export const FUT = { segment: 'NSE_FNO', securityId: '900001' } as const;
/** A commodity future (MCX_COMM): no book until a test sets one. */
export const CRUDE = { segment: 'MCX_COMM', securityId: '472780' } as const;

// Friday 2026-11-20 10:00 IST
export const OPEN_TIME = Date.parse('2026-11-20T04:30:00Z');

export function order(over: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest {
  return { instrument: REL, side: 'BUY', quantity: 10, product: 'INTRADAY', orderType: 'LIMIT', validity: 'DAY', price: 100, ...over };
}

/** A fresh book and engine; `events` collects every engine event. */
export interface EngineFixture {
  readonly book: TestBook;
  readonly engine: MatchingEngine;
  readonly events: EngineEvent[];
  /** The statuses order `orderId` went through, in event order. */
  statuses(orderId: string): OrderStatus[];
}

/** Builds the fixture at `startMs` (default Friday 2026-11-20 10:00 IST), NSE hours unless `alwaysOpen`. */
export function createEngineFixture(startMs = OPEN_TIME, alwaysOpen = false): EngineFixture {
  const book = new TestBook();
  book.set('2885', 100, [[99.95, 5], [99.9, 10], [99.85, 50]], [[100, 6], [100.05, 4], [100.1, 10]]);
  book.set('900001', 26000, [[25999.95, 650]], [[26000, 650]]);
  const engine = createMatchingEngine({ contracts: lookup, liquidity: book, startTimeMs: startMs, alwaysOpen });
  const events: EngineEvent[] = [];
  engine.onEvent((e) => events.push(e));
  return {
    book,
    engine,
    events,
    statuses: (orderId) => events.flatMap((e) => (e.kind === 'order' && e.order.orderId === orderId ? [e.order.status] : [])),
  };
}
