import { describe, expect, it } from 'vitest';
import { bridgeError } from '../../../shared/errors';
import type { Position } from '../../../shared/portfolio';
import { conversionTargets, convertQuantity, convertRequest, exitAllSummary, exitTicketParams, positionActionText } from './position-actions';

function position(over: Partial<Position>): Position {
  return {
    instrument: { segment: 'NSE_EQ', securityId: '2885' },
    symbol: 'RELIANCE',
    product: 'INTRADAY',
    positionType: 'LONG',
    netQuantity: 1,
    buyQuantity: 1,
    sellQuantity: 0,
    dayBuyQuantity: 1,
    daySellQuantity: 0,
    carryForwardBuyQuantity: 0,
    carryForwardSellQuantity: 0,
    buyAverage: 1300,
    sellAverage: 0,
    costPrice: 1300,
    dayBuyValue: 1300,
    daySellValue: 0,
    realisedPnl: 0,
    unrealisedPnl: 0,
    multiplier: 1,
    expiryDate: null,
    optionType: null,
    strikePrice: null,
    ...over,
  };
}

const NIFTY_FUT = { instrument: { segment: 'NSE_FNO', securityId: '52175' }, symbol: 'NIFTY-Nov2026-FUT' } as const;

describe('exit ticket pre-fill', () => {
  it('a long equity position is closed by a SELL of its net quantity in its product, LIMIT', () => {
    expect(exitTicketParams(position({ netQuantity: 7, product: 'CNC' }))).toEqual({
      key: 'NSE_EQ:2885',
      side: 'SELL',
      quantity: 7,
      product: 'CNC',
      orderType: 'LIMIT',
      exit: true,
    });
  });

  it('a short F&O position is closed by a BUY of |net| units (the ticket shows them as lots)', () => {
    const p = exitTicketParams(position({ ...NIFTY_FUT, netQuantity: -150, product: 'MARGIN', positionType: 'SHORT' }));
    expect(p).toMatchObject({ key: 'NSE_FNO:52175', side: 'BUY', quantity: 150, product: 'MARGIN' });
  });

  it('a flat position has nothing to exit', () => {
    expect(exitTicketParams(position({ netQuantity: 0, positionType: 'CLOSED' }))).toBeNull();
  });
});

describe('conversion targets', () => {
  it('equity: INTRADAY long → CNC, CNC → INTRADAY, a short INTRADAY cannot go to delivery', () => {
    expect(conversionTargets(position({ product: 'INTRADAY', netQuantity: 5 }))).toEqual(['CNC']);
    expect(conversionTargets(position({ product: 'CNC', netQuantity: 5 }))).toEqual(['INTRADAY']);
    expect(conversionTargets(position({ product: 'INTRADAY', netQuantity: -5 }))).toEqual([]);
  });

  it('F&O: INTRADAY ↔ MARGIN, long or short; nothing for flat, CO/BO/MTF', () => {
    expect(conversionTargets(position({ ...NIFTY_FUT, product: 'INTRADAY', netQuantity: -75 }))).toEqual(['MARGIN']);
    expect(conversionTargets(position({ ...NIFTY_FUT, product: 'MARGIN', netQuantity: 75 }))).toEqual(['INTRADAY']);
    expect(conversionTargets(position({ ...NIFTY_FUT, product: 'MARGIN', netQuantity: 0 }))).toEqual([]);
    expect(conversionTargets(position({ product: 'MTF', netQuantity: 3 }))).toEqual([]);
    expect(conversionTargets(position({ product: 'BO', netQuantity: 3 }))).toEqual([]);
  });
});

describe('convert quantity and request', () => {
  it('equity counts units; more than the open quantity or a fraction is refused with a reason', () => {
    expect(convertQuantity('3', 1, 5)).toEqual({ ok: true, units: 3 });
    expect(convertQuantity('6', 1, 5)).toEqual({ ok: false, message: 'At most the open quantity: 5' });
    expect(convertQuantity('1.5', 1, 5)).toMatchObject({ ok: false, message: 'Enter a whole number of units, 1 or more' });
    expect(convertQuantity('0', 1, 5).ok).toBe(false);
  });

  it('F&O counts lots: 2 lots of 75 are 150 units; 3 lots of a 150-unit position is too many', () => {
    expect(convertQuantity('2', 75, 150)).toEqual({ ok: true, units: 150 });
    expect(convertQuantity('3', 75, 150)).toEqual({ ok: false, message: 'At most the open quantity: 2 lots (150 units)' });
    expect(convertQuantity('1', 75, 150)).toEqual({ ok: true, units: 75 });
  });

  it('the request names the side of the position, both products and the units', () => {
    expect(convertRequest(position({ netQuantity: 4 }), 'CNC', 4)).toEqual({
      instrument: { segment: 'NSE_EQ', securityId: '2885' },
      symbol: 'RELIANCE',
      positionType: 'LONG',
      fromProduct: 'INTRADAY',
      toProduct: 'CNC',
      quantity: 4,
    });
    expect(convertRequest(position({ ...NIFTY_FUT, netQuantity: -150, product: 'INTRADAY' }), 'MARGIN', 75)).toMatchObject({ positionType: 'SHORT', fromProduct: 'INTRADAY', toProduct: 'MARGIN', quantity: 75 });
  });
});

describe('exit all summary', () => {
  it('counts open positions and their total quantity, one line each, closed ones left out', () => {
    const ps = [
      position({ netQuantity: 2 }),
      position({ netQuantity: 0, product: 'CNC' }),
      position({ ...NIFTY_FUT, netQuantity: -150, product: 'MARGIN' }),
    ];
    const s = exitAllSummary(ps, (p) => p.symbol, (p) => (p.instrument.segment === 'NSE_FNO' ? 75 : 1));
    expect(s.positions).toBe(2);
    expect(s.units).toBe(152);
    expect(s.lines).toEqual(['SELL 2 RELIANCE · INTRADAY', 'BUY 150 (2 lots) NIFTY-Nov2026-FUT · MARGIN']);
  });

  it('is empty when everything is flat', () => {
    expect(exitAllSummary([position({ netQuantity: 0 })], (p) => p.symbol, () => 1)).toEqual({ positions: 0, units: 0, lines: [] });
  });
});

describe('outcome words', () => {
  it("accepted, rejected in the broker's words, unknown, and a bridge timeout (unknown, not resent)", () => {
    expect(positionActionText('Conversion', { ok: true, value: { kind: 'accepted', message: 'Position conversion accepted' } })).toEqual({ tone: 'good', text: 'Conversion accepted: Position conversion accepted' });
    const rej = positionActionText('Conversion', { ok: true, value: { kind: 'rejected', error: bridgeError('REJECTED', 'Dhan: Cannot convert 5: the open LONG INTRADAY position in RELIANCE is 1') } });
    expect(rej).toEqual({ tone: 'bad', text: 'Conversion rejected: Dhan: Cannot convert 5: the open LONG INTRADAY position in RELIANCE is 1' });
    const unk = positionActionText('Exit all', { ok: true, value: { kind: 'unknown', error: bridgeError('TIMEOUT', 'no answer in 10 s') } });
    expect(unk.tone).toBe('warn');
    expect(unk.text).toMatch(/^Exit all outcome UNKNOWN: no answer in 10 s\. It was NOT sent again/);
    expect(positionActionText('Exit all', { ok: false, error: { code: 'TIMEOUT', message: 'bridge timeout' } }).tone).toBe('warn');
    expect(positionActionText('Exit all', { ok: false, error: { code: 'BAD_REQUEST', message: 'bad' } })).toEqual({ tone: 'bad', text: 'Exit all not sent: bad' });
  });
});
