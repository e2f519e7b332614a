import { describe, expect, it } from 'vitest';
import type { OptionChainQuoteLeg, OptionChainQuoteRow } from '../../../shared/ipc/contract';
import { legKeysOf, subscribedRows, visibleRows } from './chain-view';

const leg = (id: number): OptionChainQuoteLeg => ({
  key: `NSE_FNO:${id}`,
  securityId: String(id),
  ltp: 1,
  atp: null,
  previousClose: 1,
  iv: 10,
  greeks: { delta: 0.5, gamma: 0, theta: 0, vega: 0 },
  oi: 0,
  previousOi: 0,
  volume: 0,
  previousVolume: 0,
  bidPrice: 0,
  bidQuantity: 0,
  askPrice: 0,
  askQuantity: 0,
});

describe('option chain subscriptions', () => {
  it('subscribes the rows on screen ± 6, rounded out to blocks of 8', () => {
    expect(subscribedRows(20, 40, 100)).toEqual({ from: 8, to: 48 });
    // scrolling by one row keeps the same range (no resubscription)
    expect(subscribedRows(21, 41, 100)).toEqual({ from: 8, to: 48 });
    expect(subscribedRows(0, 10, 100)).toEqual({ from: 0, to: 24 });
    expect(subscribedRows(90, 99, 100)).toEqual({ from: 80, to: 100 });
    expect(subscribedRows(0, -1, 0)).toEqual({ from: 0, to: 0 });
  });

  it('finds the rows on screen from the scroll position', () => {
    expect(visibleRows(0, 210, 40, 21, 100)).toEqual({ first: 0, last: 8 }); // row 8 (y 168-189) shows in part
    expect(visibleRows(420, 210, 40, 21, 100)).toEqual({ first: 18, last: 28 });
    expect(visibleRows(5000, 210, 40, 21, 100)).toEqual({ first: 99, last: 99 });
  });

  it('lists the legs\' keys of a range, skipping legs without a key', () => {
    const rows: OptionChainQuoteRow[] = [
      { strike: 100, call: leg(1), put: leg(2) },
      { strike: 150, call: { ...leg(3), key: null }, put: leg(4) },
      { strike: 200, call: leg(5), put: null },
    ];
    expect(legKeysOf(rows, { from: 0, to: 3 })).toEqual(['NSE_FNO:1', 'NSE_FNO:2', 'NSE_FNO:4', 'NSE_FNO:5']);
    expect(legKeysOf(rows, { from: 1, to: 9 })).toEqual(['NSE_FNO:4', 'NSE_FNO:5']);
  });
});
