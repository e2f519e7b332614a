import { describe, expect, it } from 'vitest';
import { BOOK_LEVELS, SimBook } from './book-model';
import { createRng } from './rng';

const shape = { lotSize: 65, levelQuantity: 65 * 12, orderQuantity: 65 * 2, spreadTicks: 1, quoteRate: 40 };

describe('SimBook', () => {
  it('builds 200 whole-lot levels per side around the fair price', () => {
    const b = new SimBook(shape, createRng(1));
    b.reset(2000.4); // fair at 2000.4 ticks → bid 2000, ask 2001
    expect([b.bestBid(), b.bestAsk()]).toEqual([2000, 2001]);
    const bids = b.levels('bid', BOOK_LEVELS);
    expect(bids.length).toBe(200);
    expect(bids.at(-1)!.ticks).toBe(2000 - 199);
    for (const l of [...bids, ...b.levels('ask', BOOK_LEVELS)]) {
      expect(l.quantity % 65).toBe(0);
      expect(l.quantity).toBeGreaterThan(0);
      expect(l.orders).toBeGreaterThan(0);
    }
  });

  it('walks levels up to a limit and removes what it took', () => {
    const b = new SimBook(shape, createRng(2));
    b.reset(1000.5);
    const a = b.levels('ask', 3);
    const fills = b.take('BUY', a[0]!.quantity + a[1]!.quantity + a[2]!.quantity, a[1]!.ticks);
    expect(fills).toEqual([
      { ticks: a[0]!.ticks, quantity: a[0]!.quantity },
      { ticks: a[1]!.ticks, quantity: a[1]!.quantity },
    ]);
    expect(b.bestAsk()).toBe(a[2]!.ticks);
    const bidTotal = b.total('bid');
    expect(b.take('SELL', 65, b.bestBid() + 1)).toEqual([]); // limit above the bid: nothing
    expect(b.total('bid')).toBe(bidTotal);
  });

  it('re-centres when the fair price moves: crossed levels go, new thin levels appear', () => {
    const b = new SimBook(shape, createRng(3));
    b.reset(500.5);
    const oldBids = b.levels('bid', 10);
    const oldAsks = b.levels('ask', 10);
    b.recenter(503.5); // up three ticks: bid 503, ask 504
    expect(b.bestBid()).toBe(503);
    expect(b.bestAsk()).toBe(504);
    // the old bids keep their quantities at their prices
    expect(b.levels('bid', 13).slice(3).map((l) => [l.ticks, l.quantity])).toEqual(oldBids.map((l) => [l.ticks, l.quantity]));
    // old asks at 501…503 were crossed and removed; those at 504+ stay
    expect(b.levels('ask', 7).map((l) => [l.ticks, l.quantity])).toEqual(oldAsks.slice(3).map((l) => [l.ticks, l.quantity]));
  });

  it('changes its shape with quote updates', () => {
    const b = new SimBook(shape, createRng(4));
    b.reset(800.5);
    const before = b.levels('bid', 30).map((l) => l.quantity);
    b.churn(5000);
    const after = b.levels('bid', 30).map((l) => l.quantity);
    expect(after).not.toEqual(before);
    expect(after.filter((q, i) => q !== before[i]).length).toBeGreaterThan(5);
  });
});
