import { describe, expect, it } from 'vitest';
import type { QuoteTick } from '../../../shared/ipc/contract';
import { flashDirection, quoteCells } from './quote-cells';

const t = (p: Partial<QuoteTick>): QuoteTick => ({
  key: 'NSE_EQ:2885', ltp: 1250.5, ltq: 1, lttMs: null, atp: 1249, volume: 12345678, open: 1240, high: 1260, low: 1238,
  prevClose: 1240, oi: 0, bidPrice: 1250.45, bidQty: 10, askPrice: 1250.55, askQty: 12, totalBuyQty: 0, totalSellQty: 0,
  receivedAtMs: 1, ...p,
});

describe('watchlist quote cells', () => {
  it('formats a cash row with Indian grouping, signed change and % change', () => {
    expect(quoteCells(t({}), 2, false)).toEqual({
      ltp: '1,250.50', change: '+10.50', changePct: '+0.85%', bid: '1,250.45', ask: '1,250.55', volume: '1,23,45,678', volumeShort: '1.23 Cr',
      oi: '—', oiShort: '—', trend: 'up',
    });
  });

  it('shows OI for F&O, 4 decimals for currency, and — for an empty side or no previous close', () => {
    const fo = quoteCells(t({ ltp: 98.25, prevClose: 120, oi: 2_500_000, bidPrice: 0 }), 2, true);
    expect(fo).toMatchObject({ ltp: '98.25', change: '-21.75', changePct: '-18.13%', bid: '—', oi: '25,00,000', oiShort: '25.0 L', trend: 'down' });
    const fx = quoteCells(t({ ltp: 83.2425, prevClose: 0, bidPrice: 83.24, askPrice: 83.245 }), 4, true);
    expect(fx).toMatchObject({ ltp: '83.2425', change: '—', changePct: '—', bid: '83.2400', ask: '83.2450', trend: 'flat' });
  });

  it('abbreviates volume and OI in lakh and crore for a narrow panel', () => {
    expect(quoteCells(t({ volume: 912_345, oi: 24_000_000 }), 2, true)).toMatchObject({ volume: '9,12,345', volumeShort: '9.12 L', oi: '2,40,00,000', oiShort: '2.40 Cr' });
    expect(quoteCells(t({ volume: 98_765, oi: 0 }), 2, true)).toMatchObject({ volumeShort: '98,765', oi: '0', oiShort: '0' });
  });

  it('flashes up or down on an LTP move only', () => {
    expect(flashDirection(t({ ltp: 101 }), t({ ltp: 100 }))).toBe('up');
    expect(flashDirection(t({ ltp: 99 }), t({ ltp: 100 }))).toBe('down');
    expect(flashDirection(t({ ltp: 100, volume: 5 }), t({ ltp: 100 }))).toBeNull();
    expect(flashDirection(t({ ltp: 100 }), undefined)).toBeNull();
  });
});
