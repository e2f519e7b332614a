import { describe, expect, it } from 'vitest';
import { bridgeError, BridgeFault } from '../../../shared/errors';
import type { PositionActionOutcome } from '../../../shared/ipc/contract';
import type { ConvertPositionRequest } from '../../../shared/portfolio';
import { requestSchemas } from '../ipc/schemas';
import { PortfolioActions, type PositionActionsPort } from './portfolio-actions';

// `portfolio.convert` / `portfolio.exitAll` handlers over a stand-in broker: each request sent once,
// outcomes passed through as data, unknown never retried, kill switch, one exit all at a time.

const REQ: ConvertPositionRequest = {
  instrument: { segment: 'NSE_EQ', securityId: '2885' },
  symbol: 'RELIANCE',
  positionType: 'LONG',
  fromProduct: 'INTRADAY',
  toProduct: 'CNC',
  quantity: 1,
};

/** A broker whose answers the test scripts, counting calls. */
function standIn(answer: () => Promise<PositionActionOutcome>) {
  const calls: string[] = [];
  const port: PositionActionsPort = {
    convert: async (req) => {
      calls.push(`convert ${req.fromProduct}->${req.toProduct} ${req.quantity}`);
      return answer();
    },
    exitAll: async () => {
      calls.push('exitAll');
      return answer();
    },
  };
  return { port, calls };
}

function make(port: PositionActionsPort | null, killSwitch = false) {
  const after: string[] = [];
  const lines: string[] = [];
  const actions = new PortfolioActions({ broker: () => port, killSwitch: () => killSwitch, afterChange: (a) => after.push(a), log: (l) => lines.push(l) });
  return { actions, after, lines };
}

describe('portfolio.convert', () => {
  it('sends the conversion once and refetches positions after acceptance', async () => {
    const b = standIn(async () => ({ kind: 'accepted', message: 'Position conversion accepted' }));
    const { actions, after, lines } = make(b.port);
    const out = await actions.convert(REQ);
    expect(out).toEqual({ kind: 'accepted', message: 'Position conversion accepted' });
    expect(b.calls).toEqual(['convert INTRADAY->CNC 1']);
    expect(after).toEqual(['convert']);
    expect(lines[0]).toContain('convert 1 LONG RELIANCE INTRADAY → CNC: accepted');
  });

  it("passes the broker's rejection words through and refetches nothing", async () => {
    const words = 'Dhan rejected the request (DH-906): Cannot convert 5: the open LONG INTRADAY position in RELIANCE is 1';
    const b = standIn(async () => ({ kind: 'rejected', error: bridgeError('REJECTED', words, false, 'DH-906') }));
    const { actions, after } = make(b.port);
    const out = await actions.convert({ ...REQ, quantity: 5 });
    expect(out.kind).toBe('rejected');
    if (out.kind === 'rejected') {
      expect(out.error.message).toBe(words);
      expect(out.error.brokerCode).toBe('DH-906');
    }
    expect(b.calls).toHaveLength(1);
    expect(after).toEqual([]);
  });

  it('is refused by the kill switch before any request', async () => {
    const b = standIn(async () => ({ kind: 'accepted', message: 'x' }));
    const { actions } = make(b.port, true);
    const out = await actions.convert(REQ);
    expect(out.kind).toBe('rejected');
    if (out.kind === 'rejected') {
      expect(out.error.code).toBe('RISK_BLOCKED');
      expect(out.error.message).toMatch(/kill switch/);
    }
    expect(b.calls).toEqual([]);
  });

  it('a call that throws after leaving is an unknown outcome, not retried, and positions are read again', async () => {
    const b = standIn(async () => {
      throw new Error('socket hang up');
    });
    const { actions, after } = make(b.port);
    const out = await actions.convert(REQ);
    expect(out.kind).toBe('unknown');
    if (out.kind === 'unknown') {
      expect(out.error.code).toBe('UNKNOWN_OUTCOME');
      expect(out.error.message).toMatch(/socket hang up.*not sent again/);
      expect(out.error.retryable).toBe(false);
    }
    expect(b.calls).toHaveLength(1);
    expect(after).toEqual(['convert']);
  });

  it('without a session throws a NETWORK BridgeFault (an error reply on the bridge)', async () => {
    const { actions } = make(null);
    await expect(actions.convert(REQ)).rejects.toBeInstanceOf(BridgeFault);
  });
});

describe('portfolio.exitAll', () => {
  it('passes an unknown outcome through (timeout) without sending again, and reconciles', async () => {
    const b = standIn(async () => ({ kind: 'unknown', error: bridgeError('TIMEOUT', 'Dhan did not answer in 10 s', false) }));
    const { actions, after } = make(b.port);
    const out = await actions.exitAll();
    expect(out.kind).toBe('unknown');
    expect(b.calls).toEqual(['exitAll']);
    expect(after).toEqual(['exitAll']);
  });

  it('is not stopped by the kill switch (it only reduces exposure)', async () => {
    const b = standIn(async () => ({ kind: 'accepted', message: 'All orders and positions exited successfully' }));
    const { actions } = make(b.port, true);
    expect(await actions.exitAll()).toEqual({ kind: 'accepted', message: 'All orders and positions exited successfully' });
    expect(b.calls).toEqual(['exitAll']);
  });

  it('refuses a second exit all while the first is in flight, then allows the next one', async () => {
    let release: (o: PositionActionOutcome) => void = () => undefined;
    const b = standIn(() => new Promise<PositionActionOutcome>((r) => (release = r)));
    const { actions } = make(b.port);
    const first = actions.exitAll();
    const second = await actions.exitAll();
    expect(second.kind).toBe('rejected');
    if (second.kind === 'rejected') expect(second.error.message).toMatch(/already on its way/);
    expect(b.calls).toEqual(['exitAll']);
    release({ kind: 'rejected', error: bridgeError('REJECTED', 'Dhan did not exit all positions: market closed', false) });
    expect((await first).kind).toBe('rejected');
    const third = actions.exitAll();
    release({ kind: 'accepted', message: 'ok' });
    expect((await third).kind).toBe('accepted');
    expect(b.calls).toEqual(['exitAll', 'exitAll']);
  });
});

describe('argument schemas of the new channels', () => {
  it('accepts a valid conversion and refuses the same product, CLOSED, zero or fractional quantities', () => {
    const s = requestSchemas['portfolio.convert'];
    expect(s.safeParse(REQ).success).toBe(true);
    expect(s.safeParse({ ...REQ, toProduct: 'INTRADAY' }).success).toBe(false);
    expect(s.safeParse({ ...REQ, positionType: 'CLOSED' }).success).toBe(false);
    expect(s.safeParse({ ...REQ, quantity: 0 }).success).toBe(false);
    expect(s.safeParse({ ...REQ, quantity: 1.5 }).success).toBe(false);
    expect(s.safeParse({ ...REQ, token: 'x' }).success).toBe(false);
    expect(requestSchemas['portfolio.exitAll'].safeParse({}).success).toBe(true);
    expect(requestSchemas['portfolio.exitAll'].safeParse({ all: true }).success).toBe(false);
  });
});
