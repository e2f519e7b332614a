import { describe, expect, it } from 'vitest';
import { checkDisclosedQuantity, minDisclosedQuantity } from './disclosed';
import { checkTrigger } from './trigger';
import type { RiskInstrument, RiskMarket, RiskOrder } from './types';

const sbin: RiskInstrument = { segment: 'NSE_EQ', instrumentType: 'EQUITY', tradingSymbol: 'SBIN', underlying: 'SBIN', lotSize: 1, tickSize: 0.05, freezeQuantity: null };
const ltp = (v: number | null): RiskMarket => ({ ltp: v, quoteTimeMs: 0 });
const codes = (o: RiskOrder, m: RiskMarket = ltp(100)): string[] => checkTrigger(o, sbin, m).map((f) => f.code);

describe('trigger rules', () => {
  it('STOP_LOSS and STOP_LOSS_MARKET need a trigger; LIMIT and STOP_LOSS need a price', () => {
    expect(codes({ side: 'BUY', orderType: 'STOP_LOSS', quantity: 1, price: 101 })).toEqual(['TRIGGER_REQUIRED']);
    expect(codes({ side: 'BUY', orderType: 'STOP_LOSS_MARKET', quantity: 1, triggerPrice: 0 })).toEqual(['TRIGGER_REQUIRED']);
    expect(codes({ side: 'BUY', orderType: 'STOP_LOSS', quantity: 1, triggerPrice: 101 })).toEqual(['PRICE_REQUIRED']);
    expect(codes({ side: 'BUY', orderType: 'LIMIT', quantity: 1 })).toEqual(['PRICE_REQUIRED']);
    expect(codes({ side: 'BUY', orderType: 'MARKET', quantity: 1 })).toEqual([]);
  });

  it('SL buy: trigger <= price, equal allowed', () => {
    expect(codes({ side: 'BUY', orderType: 'STOP_LOSS', quantity: 1, price: 101, triggerPrice: 101 })).toEqual([]);
    expect(codes({ side: 'BUY', orderType: 'STOP_LOSS', quantity: 1, price: 101.5, triggerPrice: 101 })).toEqual([]);
    const [f] = checkTrigger({ side: 'BUY', orderType: 'STOP_LOSS', quantity: 1, price: 101, triggerPrice: 101.05 }, sbin, ltp(100));
    expect(f).toMatchObject({ code: 'TRIGGER_PRICE_SIDE', field: 'triggerPrice', suggestions: [101] });
    expect(f!.message).toBe('For a stop-loss buy the trigger price 101.05 must not be above the limit price 101.00');
  });

  it('SL sell: trigger >= price, equal allowed', () => {
    expect(codes({ side: 'SELL', orderType: 'STOP_LOSS', quantity: 1, price: 99, triggerPrice: 99 })).toEqual([]);
    const [f] = checkTrigger({ side: 'SELL', orderType: 'STOP_LOSS', quantity: 1, price: 99, triggerPrice: 98.95 }, sbin, ltp(100));
    expect(f!.message).toBe('For a stop-loss sell the trigger price 98.95 must not be below the limit price 99.00');
  });

  it('a buy stop must trigger above LTP, a sell stop below it; equal would fire at once', () => {
    expect(codes({ side: 'BUY', orderType: 'STOP_LOSS_MARKET', quantity: 1, triggerPrice: 100.05 })).toEqual([]);
    const [b] = checkTrigger({ side: 'BUY', orderType: 'STOP_LOSS_MARKET', quantity: 1, triggerPrice: 100 }, sbin, ltp(100));
    expect(b).toMatchObject({ code: 'TRIGGER_LTP_SIDE', suggestions: [100.05] });
    expect(b!.message).toBe('For a stop-loss buy the trigger price 100.00 must be above LTP 100.00: at or below it the order would trigger at once');
    expect(codes({ side: 'SELL', orderType: 'STOP_LOSS_MARKET', quantity: 1, triggerPrice: 99.95 })).toEqual([]);
    const [s] = checkTrigger({ side: 'SELL', orderType: 'STOP_LOSS', quantity: 1, price: 100, triggerPrice: 100.5 }, sbin, ltp(100.02));
    expect(s).toMatchObject({ code: 'TRIGGER_LTP_SIDE', suggestions: [100] }); // highest tick below LTP 100.02
  });

  it('without LTP the side check against it is skipped with a warning', () => {
    expect(checkTrigger({ side: 'BUY', orderType: 'STOP_LOSS_MARKET', quantity: 1, triggerPrice: 50 }, sbin, ltp(null))).toMatchObject([
      { code: 'NO_LTP', severity: 'warn', field: 'triggerPrice' },
    ]);
  });

  it('a trigger on a LIMIT or MARKET order is only a warning', () => {
    const fs = checkTrigger({ side: 'BUY', orderType: 'LIMIT', quantity: 1, price: 100, triggerPrice: 99 }, sbin, ltp(100));
    expect(fs).toMatchObject([{ code: 'TRIGGER_IGNORED', severity: 'warn', message: 'The trigger price 99.00 is not used by a LIMIT order' }]);
  });
});

describe('disclosed quantity', () => {
  const o = (quantity: number, disclosedQuantity?: number): RiskOrder => ({ side: 'BUY', orderType: 'LIMIT', quantity, price: 100, disclosedQuantity });

  it('computes the minimum exactly', () => {
    expect(minDisclosedQuantity(100, 30)).toBe(30);
    expect(minDisclosedQuantity(101, 30)).toBe(31);
    expect(minDisclosedQuantity(10, 30)).toBe(3);
    expect(minDisclosedQuantity(7, 30)).toBe(3); // 2.1 → 3
    expect(minDisclosedQuantity(1000, 12.5)).toBe(125);
  });

  it('accepts none, exactly 30 %, and up to the whole quantity', () => {
    expect(checkDisclosedQuantity(o(100), 30)).toEqual([]);
    expect(checkDisclosedQuantity(o(100, 0), 30)).toEqual([]);
    expect(checkDisclosedQuantity(o(100, 30), 30)).toEqual([]);
    expect(checkDisclosedQuantity(o(100, 100), 30)).toEqual([]);
  });

  it('refuses below 30 %, above the quantity, or not whole', () => {
    const [low] = checkDisclosedQuantity(o(100, 29), 30);
    expect(low).toMatchObject({ code: 'DISCLOSED_QUANTITY', severity: 'block', field: 'disclosedQuantity', suggestions: [30] });
    expect(low!.message).toBe('Disclosed quantity 29 is below 30% of the quantity 100: disclose at least 30, or leave it empty');
    expect(checkDisclosedQuantity(o(101, 30), 30)[0]!.suggestions).toEqual([31]);
    expect(checkDisclosedQuantity(o(100, 101), 30)[0]!.message).toBe('Disclosed quantity 101 is more than the quantity 100');
    expect(checkDisclosedQuantity(o(100, 40.5), 30)[0]!.code).toBe('DISCLOSED_QUANTITY');
  });
});
