import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../shared/instruments';
import type { PlaceOrderReply } from '../../../shared/ipc/contract';
import { DEFAULT_RISK_LIMITS } from '../../../shared/risk';
import {
  blockedText,
  cancelQuestion,
  cancelReplyText,
  checkLadderOrder,
  describeOrder,
  ladderOrder,
  marketableWarning,
  placeReplyText,
  readQuantity,
  replyTone,
} from './one-click';

const reliance: Instrument = {
  exchange: 'NSE',
  segment: 'NSE_EQ',
  securityId: '2885',
  securityIdNum: 2885,
  tradingSymbol: 'RELIANCE',
  underlying: 'RELIANCE',
  underlyingSecurityId: null,
  displayName: 'Reliance Industries',
  name: 'RELIANCE INDUSTRIES LTD',
  instrumentType: 'EQUITY',
  series: 'EQ',
  lotSize: 1,
  tickSize: 0.1,
  expiry: null,
  expiryCycle: null,
  strike: null,
  optionType: null,
  isin: null,
  freezeQuantity: null,
};
const niftyCe: Instrument = { ...reliance, segment: 'NSE_FNO', securityId: '40001', tradingSymbol: 'NIFTY-Nov2026-24500-CE', displayName: 'NIFTY 27 NOV 24500 CE', instrumentType: 'OPTIDX', lotSize: 75, tickSize: 0.05 };
const defaults = { product: 'INTRADAY', validity: 'DAY' } as const;

describe('readQuantity', () => {
  it('reads shares for cash and lots for F&O, showing both', () => {
    expect(readQuantity('12', reliance)).toEqual({ ok: true, units: 12, lots: null, label: '12' });
    expect(readQuantity('2', niftyCe)).toEqual({ ok: true, units: 150, lots: 2, label: '150 (2 lots)' });
    expect(readQuantity('1,000', reliance)).toMatchObject({ ok: true, units: 1000 });
  });

  it('refuses anything but a whole number >= 1, saying in which unit', () => {
    expect(readQuantity('0', niftyCe)).toEqual({ ok: false, message: 'Quantity must be at least 1 lot' });
    expect(readQuantity('1.5', reliance)).toEqual({ ok: false, message: 'Quantity must be a whole number of shares' });
    expect(readQuantity('', niftyCe)).toMatchObject({ ok: false });
    expect(readQuantity('-3', reliance)).toMatchObject({ ok: false });
  });
});

describe('ladderOrder and the risk check', () => {
  it('is a LIMIT at the clicked price with the header defaults', () => {
    const o = ladderOrder(reliance, 'BUY', 1250.2000000001, 5, defaults);
    expect(o).toEqual({ instrument: { segment: 'NSE_EQ', securityId: '2885' }, side: 'BUY', quantity: 5, product: 'INTRADAY', orderType: 'LIMIT', validity: 'DAY', price: 1250.2 });
  });

  it('passes a sane order and blocks one outside the price band, saying why', () => {
    const ok = checkLadderOrder(ladderOrder(reliance, 'BUY', 1250, 5, defaults), reliance, 1251, 1_000, DEFAULT_RISK_LIMITS, 2_000);
    expect(ok.ok).toBe(true);
    const far = checkLadderOrder(ladderOrder(reliance, 'BUY', 500, 5, defaults), reliance, 1251, 1_000, DEFAULT_RISK_LIMITS, 2_000);
    expect(far.ok).toBe(false);
    expect(blockedText(far)).toMatch(/^Not sent: .*band/i);
  });

  it('blocks on the user limits and the kill switch', () => {
    const order = ladderOrder(reliance, 'SELL', 1250, 50, defaults);
    expect(checkLadderOrder(order, reliance, 1250, 1_000, { ...DEFAULT_RISK_LIMITS, maxQuantityPerOrder: 10 }, 2_000).ok).toBe(false);
    expect(checkLadderOrder(order, reliance, 1250, 1_000, { ...DEFAULT_RISK_LIMITS, killSwitch: true }, 2_000).ok).toBe(false);
  });
});

describe('words', () => {
  it('describes the order for the confirmation, lots and units for F&O', () => {
    expect(describeOrder(ladderOrder(niftyCe, 'SELL', 120.5, 150, defaults), niftyCe)).toBe('SELL 150 (2 lots) NIFTY 27 NOV 24500 CE @ 120.50 LIMIT · INTRADAY · DAY');
  });

  it('warns when the limit price will trade at once', () => {
    expect(marketableWarning(ladderOrder(reliance, 'BUY', 1250.1, 1, defaults), 1249.9, 1250.1)).toMatch(/BUY will trade at once/);
    expect(marketableWarning(ladderOrder(reliance, 'BUY', 1250, 1, defaults), 1249.9, 1250.1)).toBe('');
    expect(marketableWarning(ladderOrder(reliance, 'SELL', 1249.9, 1, defaults), 1249.9, 1250.1)).toMatch(/SELL will trade at once/);
  });

  it('reports accepted, rejected (broker words) and unknown outcomes, and a gate refusal', () => {
    const order = ladderOrder(reliance, 'BUY', 1250, 1, defaults);
    const accepted: PlaceOrderReply = { findings: [], outcomes: [{ kind: 'accepted', orderId: '42', status: 'PENDING', correlationId: 'c1' }] };
    expect(placeReplyText(order, accepted, 2)).toBe('BUY 1 @ 1,250.00: order 42 PENDING');
    expect(replyTone(accepted)).toBe('good');
    const rejected: PlaceOrderReply = {
      findings: [],
      outcomes: [{ kind: 'rejected', error: { code: 'BROKER_REJECTED', message: 'RMS: Margin Exceeds', retryable: false }, correlationId: 'c1' }],
    } as unknown as PlaceOrderReply;
    expect(placeReplyText(order, rejected, 2)).toContain('rejected: RMS: Margin Exceeds');
    expect(replyTone(rejected)).toBe('bad');
    const unknown = { findings: [], outcomes: [{ kind: 'unknown', error: { code: 'TIMEOUT', message: 'no answer in 10 s', retryable: false }, correlationId: 'c9' }] } as unknown as PlaceOrderReply;
    expect(placeReplyText(order, unknown, 2)).toContain('not retried; check the order book, correlation id c9');
    expect(replyTone(unknown)).toBe('warn');
    const refused = { findings: [{ code: 'KILL_SWITCH', severity: 'block', message: 'Kill switch is on', field: null, suggestions: [] }], outcomes: [] } as unknown as PlaceOrderReply;
    expect(placeReplyText(order, refused, 2)).toBe('BUY 1 @ 1,250.00 not sent: Kill switch is on');
    const stopped = {
      findings: [{ code: 'SLICES_NOT_SENT', severity: 'warn', message: 'Slice 1 of 2 was not accepted (it was rejected): the remaining 1 slice(s), 5 units, were not sent.', field: 'quantity', suggestions: [] }],
      outcomes: rejected.outcomes,
    } as unknown as PlaceOrderReply;
    expect(placeReplyText(order, stopped, 2)).toMatch(/rejected: RMS: Margin Exceeds Slice 1 of 2 .* were not sent\.$/);
  });

  it('asks before cancelling and reports each cancel', () => {
    expect(cancelQuestion({ side: 'BUY', price: 1200, quantity: 9, orderIds: ['a', 'b'] }, 2)).toBe('Cancel all 2 BUY orders at 1,200.00 (9 working)?');
    expect(cancelQuestion({ side: 'SELL', price: 1200, quantity: 1, orderIds: ['a'] }, 2)).toBe('Cancel the SELL order at 1,200.00 (1 working)?');
    expect(
      cancelReplyText([
        { orderId: 'a', outcome: { kind: 'accepted', orderId: 'a', status: 'CANCELLED', correlationId: null }, error: null },
        { orderId: 'b', outcome: null, error: 'link down' },
      ]),
    ).toBe('cancel a: CANCELLED; cancel b failed: link down');
  });
});
