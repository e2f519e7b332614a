import { describe, expect, it } from 'vitest';
import type { Position } from '../../../shared/portfolio';
import { holdingKey, holdingPnl, liveUnrealised, pnlTone, pnlTotals, roundPaise, unrealisedAt } from './mtm';

const pos = (over: Partial<Position>): Position => ({
  instrument: { segment: 'NSE_EQ', securityId: '2885' }, symbol: 'RELIANCE', product: 'INTRADAY', positionType: 'LONG', netQuantity: 0,
  buyQuantity: 0, sellQuantity: 0, dayBuyQuantity: 0, daySellQuantity: 0, carryForwardBuyQuantity: 0, carryForwardSellQuantity: 0,
  buyAverage: 0, sellAverage: 0, costPrice: 0, dayBuyValue: 0, daySellValue: 0, realisedPnl: 0, unrealisedPnl: 0, multiplier: 1,
  expiryDate: null, optionType: null, strikePrice: null, ...over,
});

describe('MTM arithmetic', () => {
  it('long: (LTP − buy average) × net quantity', () => {
    // 10 bought at 1234.45, LTP 1236.10: 1.65 × 10 = 16.50
    expect(unrealisedAt(pos({ netQuantity: 10, buyAverage: 1234.45 }), 1236.1)).toBe(16.5);
    // LTP below: (1230.00 − 1234.45) × 10 = −44.50
    expect(unrealisedAt(pos({ netQuantity: 10, buyAverage: 1234.45 }), 1230)).toBe(-44.5);
  });

  it('short: (LTP − sell average) × net quantity, net negative', () => {
    // 75 sold at 120.50, LTP 118.25: (118.25 − 120.50) × −75 = 168.75
    expect(unrealisedAt(pos({ netQuantity: -75, sellAverage: 120.5, positionType: 'SHORT' }), 118.25)).toBe(168.75);
  });

  it('applies the contract multiplier (currency futures: 1000)', () => {
    // 2 lots of USDINR long at 83.2500, LTP 83.2625: 0.0125 × 2 × 1000 = 25.00
    expect(unrealisedAt(pos({ netQuantity: 2, buyAverage: 83.25, multiplier: 1000 }), 83.2625)).toBe(25);
  });

  it('is 0 when flat, null without an LTP, and falls back to the snapshot figure', () => {
    expect(unrealisedAt(pos({ netQuantity: 0, buyAverage: 100 }), 101)).toBe(0);
    expect(unrealisedAt(pos({ netQuantity: 1, buyAverage: 100 }), undefined)).toBeNull();
    expect(liveUnrealised(pos({ netQuantity: 1, buyAverage: 100, unrealisedPnl: 3.5 }), undefined)).toBe(3.5);
    expect(liveUnrealised(pos({ netQuantity: 1, buyAverage: 100, unrealisedPnl: 3.5 }), 104)).toBe(4);
  });

  it('totals realised from the snapshot and unrealised from the ticks', () => {
    const ps = [pos({ realisedPnl: 12.35, netQuantity: 0 }), pos({ realisedPnl: -2.1, netQuantity: 10, buyAverage: 1234.45 })];
    const t = pnlTotals(ps, (p) => liveUnrealised(p, 1236.1));
    // realised 12.35 − 2.10 = 10.25; unrealised 0 + 16.50; total 26.75
    expect(t).toEqual({ realised: 10.25, unrealised: 16.5, total: 26.75 });
  });

  it('rounds to paise without binary noise and colours by sign', () => {
    expect(roundPaise(0.1 + 0.2)).toBe(0.3);
    expect(roundPaise(-1.005)).toBe(-1.01);
    expect([pnlTone(1), pnlTone(-0.01), pnlTone(0)]).toEqual(['up', 'down', 'flat']);
  });

  it('values holdings against their average cost, quoted in their exchange cash segment', () => {
    // 12 shares at 2,410.35, LTP 2,455.80: 45.45 × 12 = 545.40
    expect(holdingPnl({ totalQuantity: 12, averageCostPrice: 2410.35 }, 2455.8)).toBe(545.4);
    expect(holdingPnl({ totalQuantity: 12, averageCostPrice: 2410.35 }, undefined)).toBeNull();
    expect(holdingKey({ exchange: 'ALL', securityId: '2885' })).toBe('NSE_EQ:2885');
    expect(holdingKey({ exchange: 'BSE', securityId: '500325' })).toBe('BSE_EQ:500325');
  });
});
