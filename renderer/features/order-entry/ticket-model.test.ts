import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../shared/instruments';
import { buildPlaceRequest, defaultPrice, defaultPriceFrom, defaultProduct, upgradesDefault, parseField, ticketPreset, ticketQuantity, usesLots, validateTicket, type TicketForm } from './ticket-model';

const NOW = Date.UTC(2026, 10, 21, 4, 0, 0);

const reliance: Instrument = {
  exchange: 'NSE', segment: 'NSE_EQ', securityId: '2885', securityIdNum: 2885, tradingSymbol: 'RELIANCE', underlying: 'RELIANCE',
  underlyingSecurityId: null, displayName: 'Reliance Industries', name: 'RELIANCE INDUSTRIES LTD', instrumentType: 'EQUITY', series: 'EQ',
  lotSize: 1, tickSize: 0.05, expiry: null, expiryCycle: null, strike: null, optionType: null, isin: 'INE002A01018', freezeQuantity: null,
};
const niftyCe: Instrument = {
  ...reliance, segment: 'NSE_FNO', securityId: '35001', securityIdNum: 35001, tradingSymbol: 'NIFTY-Nov2026-24500-CE', underlying: 'NIFTY',
  displayName: 'NIFTY 24 NOV 24500 CE', name: null, instrumentType: 'OPTIDX', series: null, lotSize: 75, expiry: '2026-11-24', strike: 24500, optionType: 'CE', isin: null,
};

const form = (over: Partial<TicketForm> = {}): TicketForm => ({
  side: 'BUY', product: 'INTRADAY', orderType: 'LIMIT', validity: 'DAY', quantityText: '1', priceText: '1234.50', triggerText: '',
  disclosedText: '', amo: false, amoTime: 'OPEN', ...over,
});
const market = { ltp: 1234.4, receivedAtMs: NOW - 200 };

describe('ticket fields', () => {
  it('parses plain decimals, leaves empty as undefined and refuses the rest as NaN', () => {
    expect(parseField(' 1,234.50 ')).toBe(1234.5);
    expect(parseField('.5')).toBe(0.5);
    expect(parseField('')).toBeUndefined();
    expect(parseField('12a')).toBeNaN();
    expect(parseField('1e3')).toBeNaN();
  });

  it('counts F&O in lots and sends units; cash in units', () => {
    expect(usesLots(niftyCe)).toBe(true);
    expect(usesLots(reliance)).toBe(false);
    expect(ticketQuantity({ quantityText: '2' }, niftyCe)).toBe(150);
    expect(ticketQuantity({ quantityText: '2' }, reliance)).toBe(2);
    expect(ticketQuantity({ quantityText: '1.5' }, niftyCe)).toBeNaN();
    expect(ticketQuantity({ quantityText: '' }, niftyCe)).toBeNull();
  });

  it('builds the request with only the fields its order type uses', () => {
    expect(buildPlaceRequest(form({ triggerText: '1200' }), reliance)).toEqual({
      instrument: { segment: 'NSE_EQ', securityId: '2885' }, side: 'BUY', quantity: 1, product: 'INTRADAY', orderType: 'LIMIT', validity: 'DAY', price: 1234.5,
    });
    const slm = buildPlaceRequest(form({ side: 'SELL', orderType: 'STOP_LOSS_MARKET', triggerText: '1200.05', amo: true, amoTime: 'OPEN_30', disclosedText: '' }), niftyCe);
    expect(slm).toEqual({
      instrument: { segment: 'NSE_FNO', securityId: '35001' }, side: 'SELL', quantity: 75, product: 'INTRADAY', orderType: 'STOP_LOSS_MARKET', validity: 'DAY',
      triggerPrice: 1200.05, afterMarketOrder: true, amoTime: 'OPEN_30',
    });
  });
});

describe('ticket validation', () => {
  it('passes a valid LIMIT buy', () => {
    const v = validateTicket(form(), reliance, market, undefined, NOW);
    expect(v.ok).toBe(true);
    expect(v.byField).toEqual({});
    expect(v.verdict.slices).toEqual([1]);
  });

  it('puts an off-tick price next to the price field with the nearest valid prices', () => {
    const v = validateTicket(form({ priceText: '1234.52' }), reliance, market, undefined, NOW);
    expect(v.ok).toBe(false);
    expect(v.byField.price?.[0]?.code).toBe('TICK_SIZE');
    expect(v.byField.price?.[0]?.message).toBe('Price 1234.52 is not a multiple of the tick size 0.05: nearest valid prices 1234.50 or 1234.55');
    expect(v.byField.price?.[0]?.suggestions).toEqual([1234.5, 1234.55]);
  });

  it('words a fractional lot count in lots, not units', () => {
    const v = validateTicket(form({ quantityText: '1.5', priceText: '120' }), niftyCe, { ltp: 120, receivedAtMs: NOW - 100 }, undefined, NOW);
    expect(v.ok).toBe(false);
    expect(v.byField.quantity).toHaveLength(1);
    expect(v.byField.quantity?.[0]?.message).toBe('Enter a whole number of lots, 1 or more (1 lot = 75 units)');
    expect(v.byField.quantity?.[0]?.suggestions).toEqual([1, 2]);
  });

  it('refuses an SL buy whose trigger is above its limit price, at the trigger field', () => {
    const v = validateTicket(form({ orderType: 'STOP_LOSS', priceText: '1240', triggerText: '1245' }), reliance, market, undefined, NOW);
    expect(v.ok).toBe(false);
    expect(v.byField.triggerPrice?.map((f) => f.code)).toContain('TRIGGER_PRICE_SIDE');
  });

  it('applies the trader limits (kill switch) as a general finding', () => {
    const v = validateTicket(form(), reliance, market, { killSwitch: true }, NOW);
    expect(v.ok).toBe(false);
    expect(v.general.map((f) => f.code)).toEqual(['KILL_SWITCH']);
  });

  it('refuses a MARKET order on a stale quote', () => {
    const v = validateTicket(form({ orderType: 'MARKET', priceText: '' }), reliance, { ltp: 1234, receivedAtMs: NOW - 60_000 }, undefined, NOW);
    expect(v.ok).toBe(false);
    expect(v.general.map((f) => f.code)).toContain('STALE_QUOTE');
  });
});

describe('default price and product', () => {
  const tick = { ltp: 1234.4, bidPrice: 1234.35, askPrice: 1234.45 };
  it('buys at the best ask and sells at the best bid', () => {
    expect(defaultPrice('BUY', tick, 0.05)).toBe(1234.45);
    expect(defaultPrice('SELL', tick, 0.05)).toBe(1234.35);
  });
  it('falls back to LTP when the side is empty, rounding buys up and sells down to the tick', () => {
    expect(defaultPrice('BUY', { ltp: 100.07, bidPrice: 0, askPrice: 0 }, 0.05)).toBe(100.1);
    expect(defaultPrice('SELL', { ltp: 100.07, bidPrice: 0, askPrice: 0 }, 0.05)).toBe(100.05);
  });
  it('says where the default came from: a quote with bid and ask, and one with neither', () => {
    expect(defaultPriceFrom('BUY', { ltp: 1430.1, bidPrice: 1430.1, askPrice: 1430.2 }, 0.1)).toEqual({ price: 1430.2, source: 'ask', quoted: 1430.2, stale: false });
    expect(defaultPriceFrom('SELL', { ltp: 1430.1, bidPrice: 1430.1, askPrice: 1430.2 }, 0.1)).toEqual({ price: 1430.1, source: 'bid', quoted: 1430.1, stale: false });
    // Bid/ask not known yet (a ticker-only tick, or an empty side): LTP, marked as such.
    expect(defaultPriceFrom('BUY', { ltp: 1430, bidPrice: 0, askPrice: 0 }, 0.1)).toEqual({ price: 1430, source: 'ltp', quoted: 1430, stale: false });
    expect(defaultPriceFrom('SELL', { ltp: 1430, bidPrice: 0, askPrice: 1430.2 }, 0.1)).toEqual({ price: 1430, source: 'ltp', quoted: 1430, stale: false });
    expect(defaultPriceFrom('BUY', { ltp: 1430, bidPrice: 1429.9, askPrice: 1430.2 }, 0)).toBeNull();
  });
  it('replaces a default from LTP with the first one from the book, and never a default from the book', () => {
    const ltp = defaultPriceFrom('BUY', { ltp: 1430, bidPrice: 0, askPrice: 0 }, 0.1);
    const ask = defaultPriceFrom('BUY', { ltp: 1430, bidPrice: 1430.1, askPrice: 1430.2 }, 0.1);
    const later = defaultPriceFrom('BUY', { ltp: 1431, bidPrice: 1431, askPrice: 1431.1 }, 0.1);
    const ltpAgain = defaultPriceFrom('BUY', { ltp: 1431, bidPrice: 0, askPrice: 0 }, 0.1);
    expect(upgradesDefault(null, ltp)).toBe(true);
    expect(upgradesDefault(ltp, ask)).toBe(true);
    expect(upgradesDefault(ltp, ltpAgain)).toBe(false);
    expect(upgradesDefault(ask, later)).toBe(false);
    expect(upgradesDefault(ask, null)).toBe(false);
    expect(upgradesDefault(null, null)).toBe(false);
  });
  it('treats a quote older than the staleness limit as provisional, replaced by the first fresh one', () => {
    const clock = { nowMs: 1_000_000, staleAfterMs: 10_000 };
    const old = defaultPriceFrom('BUY', { ltp: 1400, bidPrice: 1399.9, askPrice: 1400, receivedAtMs: 980_000 }, 0.1, clock);
    expect(old).toEqual({ price: 1400, source: 'ask', quoted: 1400, stale: true });
    const fresh = defaultPriceFrom('BUY', { ltp: 1430, bidPrice: 1430.1, askPrice: 1430.2, receivedAtMs: 995_000 }, 0.1, clock);
    expect(fresh?.stale).toBe(false);
    expect(upgradesDefault(old, fresh)).toBe(true);
    const freshLtpOnly = defaultPriceFrom('BUY', { ltp: 1430, bidPrice: 0, askPrice: 0, receivedAtMs: 999_000 }, 0.1, clock);
    expect(upgradesDefault(old, freshLtpOnly)).toBe(false);
    // No clock (or no receive time): never stale.
    expect(defaultPriceFrom('BUY', { ltp: 1400, bidPrice: 1399.9, askPrice: 1400, receivedAtMs: 1 }, 0.1)?.stale).toBe(false);
  });
  it('has no default without a quote', () => {
    expect(defaultPrice('BUY', undefined, 0.05)).toBeNull();
    expect(defaultPrice('BUY', { ltp: 0, bidPrice: 0, askPrice: 0 }, 0.05)).toBeNull();
  });
  it('starts INTRADAY, else MARGIN for F&O, else CNC for cash', () => {
    expect(defaultProduct(['CNC', 'INTRADAY', 'MARGIN'], false)).toBe('INTRADAY');
    expect(defaultProduct(['CNC', 'MARGIN'], true)).toBe('MARGIN');
    expect(defaultProduct(['CNC', 'MARGIN'], false)).toBe('CNC');
  });
});

describe('ticket preset from params (the positions panel\'s Exit)', () => {
  const offered = ['LIMIT', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_MARKET'] as const;
  it('equity: the quantity in units, the product and the order type as given', () => {
    expect(ticketPreset({ quantity: 7, product: 'CNC', orderType: 'LIMIT' }, reliance, offered)).toEqual({ quantityText: '7', product: 'CNC', orderType: 'LIMIT' });
    const f = form({ ...ticketPreset({ quantity: 7, product: 'CNC' }, reliance, offered), side: 'SELL' });
    expect(buildPlaceRequest(f, reliance)).toMatchObject({ side: 'SELL', quantity: 7, product: 'CNC' });
  });

  it('F&O: 150 units show as 2 lots and go back to 150 units in the request', () => {
    const p = ticketPreset({ quantity: 150, product: 'MARGIN' }, niftyCe, offered);
    expect(p).toEqual({ quantityText: '2', product: 'MARGIN' });
    expect(buildPlaceRequest(form({ ...p }), niftyCe).quantity).toBe(150);
  });

  it('units that are not whole lots show the fraction, which the lots check refuses in words', () => {
    const p = ticketPreset({ quantity: 100 }, niftyCe, offered);
    expect(p.quantityText).toBe('1.3333');
    const v = validateTicket(form({ ...p, priceText: '120.00' }), niftyCe, { ltp: 120, receivedAtMs: NOW }, undefined, NOW);
    expect(v.ok).toBe(false);
    expect(v.byField.quantity?.[0]?.message).toMatch(/whole number of lots/);
  });

  it('leaves out what is malformed or not offered', () => {
    expect(ticketPreset({ quantity: -1, product: 'XYZ', orderType: 'STOP_LOSS' }, reliance, ['LIMIT', 'MARKET'])).toEqual({});
    expect(ticketPreset({ quantity: 1.5, product: 3 }, reliance, offered)).toEqual({});
    expect(ticketPreset({}, reliance, offered)).toEqual({});
  });
});
