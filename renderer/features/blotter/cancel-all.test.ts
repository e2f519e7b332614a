import { describe, expect, it } from 'vitest';
import { bridgeError, type Result } from '../../../shared/errors';
import type { OrderOutcome } from '../../../shared/orders';
import { cancelAllSummary, cancelEach } from './cancel-all';

const accepted = (orderId: string): Result<OrderOutcome> => ({ ok: true, value: { kind: 'accepted', orderId, status: 'CANCELLED', correlationId: null } });

describe('cancel all open orders', () => {
  it('sends one cancel per order, once each, one after another, duplicates dropped', async () => {
    const sent: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const seen: string[] = [];
    const results = await cancelEach(
      ['11', '12', '11', '13'],
      async (id) => {
        sent.push(id);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await Promise.resolve();
        inFlight--;
        return id === '12' ? { ok: true, value: { kind: 'rejected', error: bridgeError('REJECTED', 'Dhan: Order is already TRADED'), correlationId: null } } : accepted(id);
      },
      (r) => seen.push(r.orderId),
    );
    expect(sent).toEqual(['11', '12', '13']);
    expect(maxInFlight).toBe(1);
    expect(seen).toEqual(['11', '12', '13']);
    expect(results.map((r) => r.orderId)).toEqual(['11', '12', '13']);
  });

  it('a cancel that throws is an unknown outcome, and the others still go', async () => {
    const sent: string[] = [];
    const results = await cancelEach(['1', '2'], async (id) => {
      sent.push(id);
      if (id === '1') throw new Error('bridge closed');
      return accepted(id);
    });
    expect(sent).toEqual(['1', '2']);
    expect(cancelAllSummary(results)).toEqual({ text: 'Cancel all: 1 accepted, 1 unknown (order 1: being reconciled; not sent again)', tone: 'warn' });
  });

  it("summarises accepted, rejected in the broker's words, and unknown (bridge timeout or core unknown)", () => {
    const s = cancelAllSummary([
      { orderId: '1', result: accepted('1') },
      { orderId: '2', result: { ok: true, value: { kind: 'rejected', error: bridgeError('REJECTED', 'Order is TRADED and can no longer be cancelled'), correlationId: null } } },
      { orderId: '3', result: { ok: false, error: bridgeError('TIMEOUT', 'no answer') } },
      { orderId: '4', result: { ok: true, value: { kind: 'unknown', error: bridgeError('UNKNOWN_OUTCOME', '502'), correlationId: null } } },
    ]);
    expect(s.tone).toBe('warn');
    expect(s.text).toBe('Cancel all: 1 accepted, 1 rejected (order 2: Order is TRADED and can no longer be cancelled), 2 unknown (order 3, order 4: being reconciled; not sent again)');
  });

  it('all accepted is good; only rejections is bad; none open says so', () => {
    expect(cancelAllSummary([{ orderId: '1', result: accepted('1') }, { orderId: '2', result: accepted('2') }])).toEqual({ text: 'Cancel all: 2 accepted', tone: 'good' });
    expect(cancelAllSummary([{ orderId: '1', result: { ok: false, error: bridgeError('BAD_REQUEST', 'orderId: too long') } }]).tone).toBe('bad');
    expect(cancelAllSummary([]).text).toBe('Cancel all: no open orders');
  });
});
