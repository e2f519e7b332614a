import { describe, expect, it } from 'vitest';
import { cancelOutcomeText } from './cancel-outcome';

describe('cancelOutcomeText', () => {
  const err = (code: 'TIMEOUT' | 'BAD_REQUEST', message: string) => ({ code, message, retryable: false }) as const;
  it('says accepted, rejected in the broker words, or unknown and not sent again', () => {
    expect(cancelOutcomeText('o1', { ok: true, value: { kind: 'accepted', orderId: 'o1', status: 'CANCELLED', correlationId: null } })).toEqual({ text: 'Cancel of order o1 accepted (CANCELLED)', tone: 'good' });
    expect(cancelOutcomeText('o1', { ok: true, value: { kind: 'rejected', error: err('BAD_REQUEST', 'Order already traded'), correlationId: null } })).toEqual({ text: 'Cancel of order o1 rejected: Order already traded', tone: 'bad' });
    const unknown = cancelOutcomeText('o1', { ok: true, value: { kind: 'unknown', error: err('TIMEOUT', 'no answer in 10 s'), correlationId: 'c' } });
    expect(unknown.tone).toBe('warn');
    expect(unknown.text).toMatch(/not sent again/);
    expect(cancelOutcomeText('o1', { ok: false, error: err('TIMEOUT', 'link lost') }).tone).toBe('warn');
    expect(cancelOutcomeText('o1', { ok: false, error: err('BAD_REQUEST', 'no session') })).toEqual({ text: 'Cancel of order o1 not sent: no session', tone: 'bad' });
  });
});
