import { describe, expect, it } from 'vitest';
import { bridgeError } from '../../../shared/errors';
import { errorWords, outcomeLine, placeReplyLines, worstTone } from './outcome-message';

describe('outcome messages', () => {
  it('accepted: the order id and status', () => {
    expect(outcomeLine({ kind: 'accepted', orderId: '5123', status: 'TRANSIT', correlationId: 'td-1' })).toEqual({
      tone: 'good',
      text: 'Order accepted: order 5123 (TRANSIT)',
    });
  });

  it("rejected: our words, the broker's words and its code", () => {
    const error = { ...bridgeError('REJECTED', 'Order rejected by Dhan: Insufficient Funds'), brokerCode: 'DH-906' };
    expect(outcomeLine({ kind: 'rejected', error, correlationId: null })).toEqual({
      tone: 'bad',
      text: 'Order rejected: Order rejected by Dhan: Insufficient Funds (DH-906)',
    });
    expect(errorWords({ ...error, message: 'DH-906: Insufficient Funds' })).toBe('DH-906: Insufficient Funds');
  });

  it('unknown: being reconciled by correlation id, never sent again', () => {
    const l = outcomeLine({ kind: 'unknown', error: bridgeError('TIMEOUT', 'No answer within 10 s', false), correlationId: 'td-42' });
    expect(l.tone).toBe('warn');
    expect(l.text).toContain('being reconciled by correlation id td-42');
    expect(l.text).toContain('NOT sent again');
  });

  it('a refusal by the core risk gate says nothing was sent and why', () => {
    const lines = placeReplyLines({
      findings: [{ code: 'KILL_SWITCH', severity: 'block', field: null, message: 'The kill switch is on', suggestions: [] }],
      outcomes: [],
    });
    expect(lines).toEqual([{ tone: 'bad', text: 'Not sent: the risk gate refused the order: The kill switch is on' }]);
  });

  it('numbers slices and takes the worst tone', () => {
    const lines = placeReplyLines({
      findings: [],
      outcomes: [
        { kind: 'accepted', orderId: '1', status: 'TRANSIT', correlationId: 'a' },
        { kind: 'unknown', error: bridgeError('NETWORK', 'Connection reset'), correlationId: 'b' },
      ],
    });
    expect(lines[0]!.text).toBe('Slice 1 of 2 accepted: order 1 (TRANSIT)');
    expect(lines[1]!.text.startsWith('Slice 2 of 2 outcome unknown')).toBe(true);
    expect(worstTone(lines)).toBe('warn');
  });

  it('says which slices were not sent when the core stopped a sliced order', () => {
    const stop = 'Slice 1 of 3 was not accepted (it was rejected): the remaining 2 slice(s), 150 units, were not sent.';
    const lines = placeReplyLines({
      findings: [
        { code: 'FREEZE_SLICED', severity: 'info', field: 'quantity', message: 'Sent as 3 orders', suggestions: [] },
        { code: 'SLICES_NOT_SENT', severity: 'warn', field: 'quantity', message: stop, suggestions: [] },
      ],
      outcomes: [{ kind: 'rejected', error: bridgeError('REJECTED', 'RMS: margin shortfall'), correlationId: 'a' }],
    });
    expect(lines.map((l) => l.text)).toEqual([expect.stringMatching(/^Order rejected: /), stop]);
    expect(lines[1]!.tone).toBe('warn');
    expect(worstTone(lines)).toBe('bad');
  });
});
