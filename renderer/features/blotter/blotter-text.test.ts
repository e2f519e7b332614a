import { describe, expect, it } from 'vitest';
import { bridgeError } from '../../../shared/errors';
import { cancelOutcomeText, orderTypeLabel, statusTone } from './blotter-text';

describe('blotter words', () => {
  it('colours statuses by what the trader can still do', () => {
    expect(['PENDING', 'TRADED', 'REJECTED', 'CANCELLED', 'UNKNOWN'].map((s) => statusTone(s as never))).toEqual(['open', 'done', 'bad', 'gone', 'unknown']);
    expect(orderTypeLabel('STOP_LOSS_MARKET')).toBe('SL-M');
  });

  it('says what a cancel came to, with the broker words on a rejection', () => {
    expect(cancelOutcomeText('7', { ok: true, value: { kind: 'accepted', orderId: '7', status: 'PENDING', correlationId: null } })).toEqual({
      text: 'Cancel of order 7 accepted (PENDING)',
      tone: 'good',
    });
    const rej = cancelOutcomeText('7', { ok: true, value: { kind: 'rejected', error: bridgeError('REJECTED', 'Order is already traded', false, 'DH-905'), correlationId: null } });
    expect(rej).toEqual({ text: 'Cancel of order 7 rejected: Order is already traded', tone: 'bad' });
    expect(cancelOutcomeText('7', { ok: false, error: bridgeError('TIMEOUT', 'no answer in 10 s') }).tone).toBe('warn');
    expect(cancelOutcomeText('7', { ok: false, error: bridgeError('BAD_REQUEST', 'orderId missing') })).toEqual({ text: 'Cancel of order 7 not sent: orderId missing', tone: 'bad' });
  });
});
