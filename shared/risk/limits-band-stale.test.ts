import { describe, expect, it } from 'vitest';
import { checkMaxQuantity, checkMaxValue, orderValue, valuationPrice } from './order-limits';
import { checkPriceBand, priceBand } from './price-band';
import { checkStaleQuote, isMarketOrderType, quoteAgeMs } from './stale-quote';
import type { RiskInstrument, RiskMarket, RiskOrder } from './types';

const reliance: RiskInstrument = { segment: 'NSE_EQ', instrumentType: 'EQUITY', tradingSymbol: 'RELIANCE', underlying: 'RELIANCE', lotSize: 1, tickSize: 0.05, freezeQuantity: null };
const niftyFut: RiskInstrument = { segment: 'NSE_FNO', instrumentType: 'FUTIDX', tradingSymbol: 'NIFTY-Nov2026-FUT', underlying: 'NIFTY', lotSize: 65, tickSize: 0.1, freezeQuantity: null };
const usdinr: RiskInstrument = { segment: 'NSE_CURRENCY', instrumentType: 'FUTCUR', tradingSymbol: 'USDINR-Nov2026-FUT', underlying: 'USDINR', lotSize: 1, tickSize: 0.0025, freezeQuantity: null };
const NOW = Date.UTC(2026, 10, 21, 4, 0, 0);
const market = (ltp: number | null, ageMs: number | null = 0): RiskMarket => ({ ltp, quoteTimeMs: ageMs === null ? null : NOW - ageMs });

describe('max quantity and value per order', () => {
  it('refuses one unit above the quantity limit, passes at the limit', () => {
    const o = (quantity: number): RiskOrder => ({ side: 'BUY', orderType: 'LIMIT', quantity, price: 100 });
    expect(checkMaxQuantity(o(1000), reliance, 1000)).toEqual([]);
    const [f] = checkMaxQuantity(o(1001), reliance, 1000);
    expect(f).toMatchObject({ code: 'MAX_QUANTITY', severity: 'block', field: 'quantity', suggestions: [1000] });
    expect(f!.message).toBe('Quantity 1,001 is above your limit of 1,000 per order');
    expect(checkMaxQuantity(o(5000), reliance, null)).toEqual([]);
  });

  it('suggests the largest whole-lot quantity within the limit', () => {
    const o: RiskOrder = { side: 'SELL', orderType: 'MARKET', quantity: 1300 };
    expect(checkMaxQuantity(o, niftyFut, 1000)[0]!.suggestions).toEqual([975]);
    expect(checkMaxQuantity(o, niftyFut, 50)[0]!.suggestions).toEqual([]);
  });

  it('values limit orders at the price, SL-M at the trigger, market orders at LTP', () => {
    expect(valuationPrice({ side: 'BUY', orderType: 'LIMIT', quantity: 10, price: 250 }, 240)).toBe(250);
    expect(valuationPrice({ side: 'BUY', orderType: 'STOP_LOSS', quantity: 10, price: 250, triggerPrice: 249 }, 240)).toBe(250);
    expect(valuationPrice({ side: 'BUY', orderType: 'STOP_LOSS_MARKET', quantity: 10, triggerPrice: 249 }, 240)).toBe(249);
    expect(valuationPrice({ side: 'BUY', orderType: 'MARKET', quantity: 10 }, 240)).toBe(240);
    expect(valuationPrice({ side: 'BUY', orderType: 'MARKET', quantity: 10 }, null)).toBeNull();
    expect(orderValue({ side: 'BUY', orderType: 'LIMIT', quantity: 65, price: 24512.3 }, null)).toBeCloseTo(1_593_299.5, 6);
  });

  it('refuses a value above the limit, in rupees with Indian grouping', () => {
    const o: RiskOrder = { side: 'BUY', orderType: 'LIMIT', quantity: 130, price: 24500 };
    const [f] = checkMaxValue(o, niftyFut, null, 25_00_000);
    expect(f!.message).toBe('Order value ₹31,85,000.00 is above your limit of ₹25,00,000.00 per order');
    expect(f!.suggestions).toEqual([65]);
    expect(checkMaxValue(o, niftyFut, null, 31_85_000)).toEqual([]); // exactly at the limit
  });

  it('says what a market order was valued at, and refuses when it cannot be valued', () => {
    const m: RiskOrder = { side: 'BUY', orderType: 'MARKET', quantity: 100 };
    expect(checkMaxValue(m, reliance, 1500, 1_00_000)[0]!.message).toBe('Order value ₹1,50,000.00 at LTP is above your limit of ₹1,00,000.00 per order');
    expect(checkMaxValue(m, reliance, null, 1_00_000)[0]).toMatchObject({ code: 'VALUE_UNKNOWN', severity: 'block' });
    expect(checkMaxValue(m, reliance, null, null)).toEqual([]);
  });
});

describe('price band around LTP', () => {
  it('puts the band on the tick grid, inward', () => {
    expect(priceBand(100, 5, 0.05)).toEqual({ low: 95, high: 105 });
    expect(priceBand(101.03, 5, 0.05)).toEqual({ low: 96, high: 106.05 }); // 95.9785 up, 106.0815 down
    expect(priceBand(83.2425, 1, 0.0025)).toEqual({ low: 82.4125, high: 84.0725 }); // 82.410075 up, 84.074925 down
    expect(priceBand(0, 5, 0.05)).toBeNull();
    expect(priceBand(100, 0, 0.05)).toBeNull();
  });

  it('allows the band edges and refuses one tick outside, showing the band', () => {
    const o = (price: number): RiskOrder => ({ side: 'BUY', orderType: 'LIMIT', quantity: 1, price });
    expect(checkPriceBand(o(105), reliance, market(100), 5)).toEqual([]);
    expect(checkPriceBand(o(95), reliance, market(100), 5)).toEqual([]);
    const [hi] = checkPriceBand(o(105.05), reliance, market(100), 5);
    expect(hi).toMatchObject({ code: 'PRICE_BAND', severity: 'block', field: 'price', suggestions: [105] });
    expect(hi!.message).toBe('Price 105.05 is outside the 5% band around LTP 100.00: allowed 95.00 to 105.00');
    expect(checkPriceBand(o(94.95), reliance, market(100), 5)[0]!.suggestions).toEqual([95]);
  });

  it('bands the trigger of SL-M orders, not MARKET orders, in the segment’s decimals', () => {
    const slm: RiskOrder = { side: 'SELL', orderType: 'STOP_LOSS_MARKET', quantity: 1, triggerPrice: 80 };
    expect(checkPriceBand(slm, reliance, market(100), 10)[0]!.message).toBe(
      'Trigger price 80.00 is outside the 10% band around LTP 100.00: allowed 90.00 to 110.00',
    );
    expect(checkPriceBand({ side: 'BUY', orderType: 'MARKET', quantity: 1 }, reliance, market(100), 0.01)).toEqual([]);
    const fx: RiskOrder = { side: 'BUY', orderType: 'LIMIT', quantity: 1, price: 85 };
    expect(checkPriceBand(fx, usdinr, market(83.2425), 1)[0]!.message).toBe(
      'Price 85.0000 is outside the 1% band around LTP 83.2425: allowed 82.4125 to 84.0725',
    );
  });

  it('warns when there is no LTP, and is silent when the check is off', () => {
    const o: RiskOrder = { side: 'BUY', orderType: 'LIMIT', quantity: 1, price: 100 };
    expect(checkPriceBand(o, reliance, market(null), 5)).toMatchObject([{ code: 'NO_LTP', severity: 'warn' }]);
    expect(checkPriceBand(o, reliance, market(0), 5)).toMatchObject([{ code: 'NO_LTP' }]);
    expect(checkPriceBand({ ...o, price: 1000 }, reliance, market(100), null)).toEqual([]);
  });
});

describe('stale quote', () => {
  const mkt: RiskOrder = { side: 'BUY', orderType: 'MARKET', quantity: 1 };
  const lim: RiskOrder = { side: 'BUY', orderType: 'LIMIT', quantity: 1, price: 100 };

  it('a quote exactly at the limit is fresh; one millisecond older is stale', () => {
    expect(checkStaleQuote(mkt, reliance, market(100, 10_000), 10, 'MARKET_ORDERS', NOW)).toEqual([]);
    const [f] = checkStaleQuote(mkt, reliance, market(100, 10_001), 10, 'MARKET_ORDERS', NOW);
    expect(f).toMatchObject({ code: 'STALE_QUOTE', severity: 'block' });
    expect(f!.message).toBe('Last quote for RELIANCE is 10.0 s old (limit 10 s): wait for a fresh quote');
    expect(checkStaleQuote(mkt, reliance, market(100, 3_600_000), 10, 'MARKET_ORDERS', NOW)[0]!.message).toBe(
      'Last quote for RELIANCE is 3,600 s old (limit 10 s): wait for a fresh quote',
    );
  });

  it('applies to market orders only by default, to all orders when configured', () => {
    expect(checkStaleQuote(lim, reliance, market(100, 60_000), 10, 'MARKET_ORDERS', NOW)).toEqual([]);
    expect(checkStaleQuote(lim, reliance, market(100, 60_000), 10, 'ALL_ORDERS', NOW)).toHaveLength(1);
    const slm: RiskOrder = { side: 'SELL', orderType: 'STOP_LOSS_MARKET', quantity: 1, triggerPrice: 99 };
    expect(checkStaleQuote(slm, reliance, market(100, 60_000), 10, 'MARKET_ORDERS', NOW)).toHaveLength(1);
    expect(isMarketOrderType('STOP_LOSS')).toBe(false);
  });

  it('no quote at all is stale; a quote time ahead of the clock is fresh; the check can be off', () => {
    expect(checkStaleQuote(mkt, reliance, market(100, null), 10, 'MARKET_ORDERS', NOW)[0]!.message).toBe(
      'No quote received for RELIANCE yet (limit 10 s): wait for a fresh quote',
    );
    expect(checkStaleQuote(mkt, reliance, market(100, -5000), 10, 'MARKET_ORDERS', NOW)).toEqual([]);
    expect(quoteAgeMs(market(100, -5000), NOW)).toBe(0);
    expect(checkStaleQuote(mkt, reliance, market(100, null), null, 'ALL_ORDERS', NOW)).toEqual([]);
  });
});
