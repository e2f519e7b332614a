import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bridge, PortfolioSnapshot, PositionActionOutcome } from '../../../shared/ipc/contract';
import type { OrderEvent } from '../../../shared/orders';
import { SessionState, createCoreHandlers } from '../app-core';
import { createBridgeServer } from '../ipc/bridge-server';
import { EMPTY_VAULT as vault, connectInMemory, ok, until } from './bridge-test-kit';
import { createTradingServices, type TradingServicesHandle } from './trading-services';

// portfolio.convert and portfolio.exitAll through the real bridge server, the trading services, the
// Dhan REST client and the simulated exchange (127.0.0.1): what is sent, how often, and the
// broker's words on refusal.

const REF = { segment: 'NSE_EQ', securityId: '2885' } as const;

describe('position actions over the real bridge and the simulated exchange', () => {
  let trading: TradingServicesHandle;
  let bridge: Bridge;
  const sent: string[] = [];
  const countingFetch: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = init?.method ?? 'GET';
    if (/\/v2\/positions(\/convert)?$/.test(url) && method !== 'GET') sent.push(`${method} ${new URL(url).pathname}`);
    return fetch(input, init);
  };
  const snaps: PortfolioSnapshot[] = [];
  const events: OrderEvent[] = [];
  const net = (product: string) => snaps.at(-1)?.positions.find((p) => p.instrument.securityId === '2885' && p.product === product)?.netQuantity;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tickdesk-position-actions-'));
    const session = new SessionState({ broker: 'sim', mode: 'SIM', state: 'disconnected', detail: '', tokenExpiresAtMs: null });
    trading = createTradingServices({ dataDir: dir, session, sim: { alwaysOpen: true, seed: 11, speed: 4 }, fetch: countingFetch });
    await trading.ready;
    const { requests, streams } = createCoreHandlers({ version: '0.0.0', host: 'headless', vault, session, trading });
    bridge = connectInMemory(createBridgeServer(requests, streams)).bridge;
    bridge.subscribe('portfolio.snapshot', {}, (s) => snaps.push(s));
    bridge.subscribe('orders.events', {}, (e) => events.push(e));
  }, 60_000);

  afterAll(async () => {
    await trading?.close();
  });

  it("refuses a conversion without a position in the broker's words, sent once", async () => {
    const out = ok(await bridge.invoke('portfolio.convert', { instrument: REF, positionType: 'LONG', fromProduct: 'INTRADAY', toProduct: 'CNC', quantity: 1 }));
    expect(out.kind).toBe('rejected');
    expect((out as Extract<PositionActionOutcome, { kind: 'rejected' }>).error.message).toMatch(/No open LONG INTRADAY position in RELIANCE to convert/);
    expect(sent).toEqual(['POST /v2/positions/convert']);
  });

  it('refuses malformed arguments at the boundary without a request', async () => {
    const r = await bridge.invoke('portfolio.convert', { instrument: REF, positionType: 'LONG', fromProduct: 'CNC', toProduct: 'CNC', quantity: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('BAD_REQUEST');
    expect(sent).toHaveLength(1);
  });

  it('converts a bought INTRADAY share to CNC; more than the open quantity is refused', async () => {
    const buy = ok(await bridge.invoke('orders.place', { instrument: REF, side: 'BUY', quantity: 1, product: 'INTRADAY', orderType: 'MARKET', validity: 'DAY' }));
    expect(buy.outcomes[0]?.kind).toBe('accepted');
    await until(() => net('INTRADAY') === 1, 15_000, 'an INTRADAY position of 1');

    const tooMany = ok(await bridge.invoke('portfolio.convert', { instrument: REF, positionType: 'LONG', fromProduct: 'INTRADAY', toProduct: 'CNC', quantity: 5 }));
    expect(tooMany.kind).toBe('rejected');
    expect((tooMany as Extract<PositionActionOutcome, { kind: 'rejected' }>).error.message).toMatch(/Cannot convert 5: the open LONG INTRADAY position in RELIANCE is 1/);

    const out = ok(await bridge.invoke('portfolio.convert', { instrument: REF, symbol: 'RELIANCE', positionType: 'LONG', fromProduct: 'INTRADAY', toProduct: 'CNC', quantity: 1 }));
    expect(out).toEqual({ kind: 'accepted', message: 'Position conversion accepted' });
    // A fully converted position leaves no INTRADAY row behind (or a flat one).
    await until(() => net('CNC') === 1 && (net('INTRADAY') ?? 0) === 0, 10_000, 'the CNC position after conversion');
    expect(sent).toEqual(['POST /v2/positions/convert', 'POST /v2/positions/convert', 'POST /v2/positions/convert']);
  }, 40_000);

  it('the kill switch stops a conversion before any request, not an exit all', async () => {
    const settings = ok(await bridge.invoke('settings.get', {}));
    ok(await bridge.invoke('settings.set', { ...settings, risk: { ...settings.risk, killSwitch: true } }));
    const out = ok(await bridge.invoke('portfolio.convert', { instrument: REF, positionType: 'LONG', fromProduct: 'CNC', toProduct: 'INTRADAY', quantity: 1 }));
    expect(out.kind).toBe('rejected');
    if (out.kind === 'rejected') expect(out.error.code).toBe('RISK_BLOCKED');
    expect(sent).toHaveLength(3);
    ok(await bridge.invoke('settings.set', settings));
  });

  it('exit all squares off every position and cancels the open orders, sent once', async () => {
    const q = await bridge.invoke('market.history', { key: 'NSE_EQ:2885', interval: '1d', count: 1 });
    const ltp = ok(q).candles.at(-1)!.close;
    const far = ok(await bridge.invoke('orders.place', { instrument: REF, side: 'BUY', quantity: 1, product: 'INTRADAY', orderType: 'LIMIT', validity: 'DAY', price: Math.floor(ltp * 0.9) }));
    const farId = far.outcomes[0]?.kind === 'accepted' ? far.outcomes[0].orderId : '';
    expect(farId).not.toBe('');
    const status = (id: string) => events.filter((e) => e.kind === 'order' && e.order.orderId === id).at(-1);
    await until(() => status(farId)?.kind === 'order', 10_000, 'the far order in the book');

    const out = ok(await bridge.invoke('portfolio.exitAll', {}));
    expect(out).toEqual({ kind: 'accepted', message: 'All orders and positions exited successfully' });
    expect(sent.filter((s) => s === 'DELETE /v2/positions')).toHaveLength(1);
    await until(() => net('CNC') === 0, 15_000, 'the CNC position squared off');
    expect(snaps.at(-1)!.positions.every((p) => p.netQuantity === 0)).toBe(true);
    await until(() => {
      const e = status(farId);
      return e?.kind === 'order' && e.order.status === 'CANCELLED';
    }, 10_000, 'the far order CANCELLED');
  }, 40_000);
});
