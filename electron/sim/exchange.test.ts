import { describe, expect, it } from 'vitest';
import { createSimExchange } from './exchange';
import { sampleUniverse } from './sample-universe';
import type { EngineEvent } from './matching/types';

const START = Date.parse('2026-11-20T04:30:00Z'); // Friday 10:00 IST

function exchange(seed = 1, alwaysOpen = true, start = START) {
  return createSimExchange({ seed, instruments: sampleUniverse(start), startTimeMs: start, alwaysOpen });
}

describe('sim exchange (model + engine)', () => {
  it('fills a market order against the simulated book, walking its levels', () => {
    const x = exchange();
    const d = x.model.depth('2885', 3);
    const qty = d.asks[0]!.quantity + d.asks[1]!.quantity;
    const r = x.engine.placeOrder({ instrument: { segment: 'NSE_EQ', securityId: '2885' }, side: 'BUY', quantity: qty, product: 'CNC', orderType: 'MARKET', validity: 'DAY' });
    expect(r.ok && r.order.status).toBe('TRADED');
    expect(x.engine.tradeBook().map((t) => [t.price, t.quantity])).toEqual([
      [d.asks[0]!.price, d.asks[0]!.quantity],
      [d.asks[1]!.price, d.asks[1]!.quantity],
    ]);
    // the fill printed on the tape: LTP is the last fill's price
    expect(x.model.ltp('2885')).toBe(d.asks[1]!.price);
    const pos = x.engine.positionBook()[0]!;
    expect(pos.netQuantity).toBe(qty);
    // unrealised = qty × LTP − money paid
    const paid = d.asks[0]!.price * d.asks[0]!.quantity + d.asks[1]!.price * d.asks[1]!.quantity;
    expect(pos.unrealisedPnl).toBe(Math.round((qty * x.model.ltp('2885') - paid) * 100) / 100);
  });

  it('triggers a stop and fills resting limits from the market moving by itself', () => {
    const x = exchange(4);
    const ltp = x.model.ltp('1333');
    const events: EngineEvent[] = [];
    x.engine.onEvent((e) => events.push(e));
    const key = { segment: 'NSE_EQ', securityId: '1333' } as const;
    const down = Math.round((ltp - 1) * 20) / 20; // ₹1 below
    const up = Math.round((ltp + 1) * 20) / 20;
    x.engine.placeOrder({ instrument: key, side: 'BUY', quantity: 1, product: 'INTRADAY', orderType: 'LIMIT', validity: 'DAY', price: down });
    x.engine.placeOrder({ instrument: key, side: 'BUY', quantity: 1, product: 'INTRADAY', orderType: 'STOP_LOSS_MARKET', validity: 'DAY', triggerPrice: up });
    for (let i = 0; i < 4 * 3600 && x.engine.orderBook().some((o) => o.status === 'PENDING'); i++) x.step(1000);
    const book = x.engine.orderBook();
    // HDFCBANK at 18% a year moves ₹1 both ways within hours of simulated trading
    expect(book.map((o) => o.status)).toEqual(['TRADED', 'TRADED']);
    expect(book[0]!.averageTradedPrice).toBeLessThanOrEqual(down);
    expect(book[1]!.averageTradedPrice).toBeGreaterThanOrEqual(up);
    expect(events.filter((e) => e.kind === 'trade').length).toBe(2);
  });

  it('is deterministic: the same seed and steps give the same order book and trades', () => {
    const run = () => {
      const x = exchange(9);
      const key = { segment: 'NSE_FNO', securityId: '900001' } as const;
      x.engine.placeOrder({ instrument: key, side: 'SELL', quantity: 130, product: 'MARGIN', orderType: 'MARKET', validity: 'DAY' });
      for (let i = 0; i < 120; i++) x.step(500);
      return { trades: x.engine.tradeBook(), funds: x.engine.funds(), ltp: x.model.ltp('900001') };
    };
    expect(run()).toEqual(run());
  });
});
