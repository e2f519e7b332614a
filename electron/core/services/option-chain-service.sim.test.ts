import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bridge, QuoteBatch } from '../../../shared/ipc/contract';
import { isOnTick } from '../../../shared/price';
import { SessionState, createCoreHandlers } from '../app-core';
import { createBridgeServer } from '../ipc/bridge-server';
import { EMPTY_VAULT as vault, connectInMemory, ok } from './bridge-test-kit';
import { createTradingServices, type TradingServicesHandle } from './trading-services';

// options.expiries / options.chain through the real bridge server, the trading services, the Dhan
// REST client (with its rate limiter) and the simulated exchange on 127.0.0.1: what the panel
// gets, and how many /optionchain requests several panels asking at once cost.

describe('option chain over the real bridge and the simulated exchange', () => {
  let trading: TradingServicesHandle;
  let bridge: Bridge;
  const sent: string[] = [];
  const countingFetch: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/v2/optionchain')) sent.push(new URL(url).pathname);
    return fetch(input, init);
  };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tickdesk-option-chain-'));
    const session = new SessionState({ broker: 'sim', mode: 'SIM', state: 'disconnected', detail: '', tokenExpiresAtMs: null });
    trading = createTradingServices({ dataDir: dir, session, sim: { alwaysOpen: true, seed: 5 }, fetch: countingFetch });
    await trading.ready;
    const { requests, streams } = createCoreHandlers({ version: '0.0.0', host: 'headless', vault, session, trading });
    bridge = connectInMemory(createBridgeServer(requests, streams)).bridge;
  }, 60_000);

  afterAll(async () => {
    await trading?.close();
  });

  it('answers NIFTY\'s expiries and a chain whose legs stream quotes, one request for three panels', { timeout: 30_000 }, async () => {
    const ex = ok(await bridge.invoke('options.expiries', { key: 'IDX_I:13' }));
    expect(ex.underlying).toBe('IDX_I:13');
    expect(ex.underlyingSymbol).toBe('NIFTY');
    expect(ex.expiries.length).toBeGreaterThanOrEqual(3);
    expect([...ex.expiries].sort()).toEqual(ex.expiries);

    const asks = await Promise.all([0, 1, 2].map(() => bridge.invoke('options.chain', { underlying: 'IDX_I:13', expiry: ex.expiries[0]! })));
    expect(sent.filter((p) => p === '/v2/optionchain')).toHaveLength(1);
    const chain = ok(asks[0]!);
    expect(ok(asks[2]!).atMs).toBe(chain.atMs);
    expect(chain.rows.length).toBe(41); // the sim lists ATM ± 20 strikes
    expect(chain.lotSize).toBe(65);
    expect(chain.tickSize).toBe(0.05);
    expect(chain.spot).toBeGreaterThan(0);
    const strikes = chain.rows.map((r) => r.strike);
    expect([...strikes].sort((a, b) => a - b)).toEqual(strikes);
    for (const r of chain.rows) {
      expect(r.call?.key).toMatch(/^NSE_FNO:\d+$/);
      expect(r.put?.key).toMatch(/^NSE_FNO:\d+$/);
      expect(r.call!.greeks.delta).toBeGreaterThan(0);
      expect(r.call!.greeks.delta).toBeLessThan(1);
      expect(r.put!.greeks.delta).toBeGreaterThan(-1);
      expect(r.put!.greeks.delta).toBeLessThan(0);
      expect(isOnTick(r.call!.ltp, 0.05)).toBe(true);
    }
    // an option's key answers its underlying
    const viaOption = ok(await bridge.invoke('options.expiries', { key: chain.rows[20]!.call!.key! }));
    expect(viaOption.underlying).toBe('IDX_I:13');

    // the legs' keys stream live quotes
    const key = chain.rows[20]!.call!.key!;
    const batches: QuoteBatch[] = [];
    const stop = bridge.subscribe('market.quotes', { keys: [key] }, (b) => batches.push(b));
    for (let i = 0; i < 200 && !batches.some((b) => b.ticks.some((t) => t.key === key && t.ltp > 0)); i++) await new Promise((r) => setTimeout(r, 25));
    stop();
    expect(batches.some((b) => b.ticks.some((t) => t.key === key && t.ltp > 0))).toBe(true);
  });

  it('refuses a malformed expiry at the boundary, and an unknown expiry in the broker\'s words', async () => {
    const before = sent.length;
    const bad = await bridge.invoke('options.chain', { underlying: 'IDX_I:13', expiry: '24-11-2026' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('BAD_REQUEST');
    expect(sent.length).toBe(before);
    const unknown = await bridge.invoke('options.chain', { underlying: 'IDX_I:13', expiry: '2099-01-01' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toMatch(/Expiry/i);
  });
});
