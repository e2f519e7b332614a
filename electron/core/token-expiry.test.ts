import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localFeedBases } from '../brokers/dhan/feed-urls';
import { startSimExchange, type SimExchangeHandle } from '../sim/wire/server';
import { SessionState, createCoreHandlers } from './app-core';
import { createBridgeServer } from './ipc/bridge-server';
import { createTradingServices } from './services/trading-services';
import { CredentialVault, type SecretBox } from './vault';
import { createJsonFileStore } from './vault-file-store';

// Issue 5, status bar and Settings: "the renderer only learns whether they are set and when they
// expire". The renderer stores a Dhan access token (a JWT) through `vault.set` WITHOUT an expiry;
// the core reads the token's `exp` claim, `vault.status` and (after a LIVE connect) `session.status`
// report it, no frame carries the token, and an expired token is refused before any network call.
// The "live Dhan" is a simulated exchange on 127.0.0.1 that accepts only the stored JWT.

const CLIENT = '1100012345';
const seg = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const dhanJwt = (expS: number, nonce: string) => `${seg({ typ: 'JWT', alg: 'HS512' })}.${seg({ iss: 'dhan', tokenConsumerType: 'SELF', exp: expS, dhanClientId: CLIENT, nonce })}.c2lnLXRva2VuLWV4cGlyeQ`;

const box: SecretBox = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (s) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0x21)),
  decryptString: (b) => Buffer.from(b.map((x) => x ^ 0x21)).toString('utf8'),
};

describe('Dhan token expiry from the JWT, end to end through the bridge', () => {
  const expS = Math.floor(Date.now() / 1000) + 6 * 3600;
  const fresh = dhanJwt(expS, 'fresh-7Qp');
  let live: SimExchangeHandle;
  beforeAll(async () => {
    live = await startSimExchange({ port: 0, alwaysOpen: true, clientId: CLIENT, token: fresh });
  });
  afterAll(async () => {
    await live.close();
  });

  async function core() {
    const dir = mkdtempSync(join(tmpdir(), 'tickdesk-token-'));
    const vault = new CredentialVault({ box, store: createJsonFileStore(join(dir, 'vault.json')), platform: 'linux' });
    const session = new SessionState({ broker: 'sim', mode: 'SIM', state: 'disconnected', detail: '', tokenExpiresAtMs: null });
    const liveCalls: string[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.startsWith(live.baseUrl)) liveCalls.push(url);
      return fetch(input, init);
    };
    const trading = createTradingServices({
      dataDir: dir,
      session,
      autoStart: false,
      fetch: countingFetch,
      readCredential: async (b) => vault.read(b),
      liveEndpoints: { restBaseUrl: live.restBaseUrl, feedBases: localFeedBases(live.wsBase), orderUpdateUrl: live.orderUpdateUrl, masterUrl: `${live.baseUrl}/api-data/api-scrip-master.csv` },
    });
    const { requests, streams } = createCoreHandlers({ version: '0.0.0', host: 'headless', vault, session, trading });
    const frames: string[] = [];
    const conn = createBridgeServer(requests, streams).connect({ transport: 'websocket', send: (f) => frames.push(f) });
    let id = 1;
    const call = async (ch: string, args: object): Promise<{ ok: boolean; value?: Record<string, unknown>; error?: Record<string, unknown> }> => {
      const my = id++;
      conn.receive(JSON.stringify({ id: my, t: 'req', ch, args }));
      for (let i = 0; i < 400; i++) {
        const f = frames.map((x) => JSON.parse(x) as { id: number; t: string; ok?: boolean; value?: Record<string, unknown>; error?: Record<string, unknown> }).find((x) => x.id === my);
        if (f) return { ok: f.t === 'res' && f.ok === true, ...(f.value ? { value: f.value } : {}), ...(f.error ? { error: f.error } : {}) };
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`no answer to ${ch}`);
    };
    return { call, frames, liveCalls, close: () => trading.sessions.close() };
  }

  it('vault.status and session.status carry exp*1000; no frame carries the token', { timeout: 30_000 }, async () => {
    const c = await core();
    const set = await c.call('vault.set', { broker: 'dhan', clientId: CLIENT, secret: fresh });
    expect(set.ok).toBe(true);
    expect(set.value).toMatchObject({ present: true, expiresAtMs: expS * 1000 });
    expect((await c.call('vault.status', { broker: 'dhan' })).value).toMatchObject({ present: true, expiresAtMs: expS * 1000 });
    const connected = await c.call('session.connect', { broker: 'dhan' });
    expect(connected.value).toMatchObject({ broker: 'dhan', mode: 'LIVE', state: 'connected', tokenExpiresAtMs: expS * 1000 });
    expect((await c.call('session.status', {})).value).toMatchObject({ state: 'connected', tokenExpiresAtMs: expS * 1000 });
    expect(c.liveCalls.length).toBeGreaterThan(0);
    const replies = c.frames.join('\n');
    expect(replies).not.toContain(fresh);
    expect(replies).not.toContain(fresh.split('.')[1]!);
    await c.close();
  });

  it('an expired token is refused before any call to the broker, saying when it expired', { timeout: 30_000 }, async () => {
    const c = await core();
    const expiredS = Math.floor(Date.now() / 1000) - 120;
    const old = dhanJwt(expiredS, 'old-3Jd');
    expect((await c.call('vault.set', { broker: 'dhan', clientId: CLIENT, secret: old })).value).toMatchObject({ expiresAtMs: expiredS * 1000 });
    const r = await c.call('session.connect', { broker: 'dhan' });
    expect(r.value).toMatchObject({ broker: 'dhan', mode: 'LIVE', state: 'expired', tokenExpiresAtMs: expiredS * 1000 });
    expect(String(r.value?.detail)).toContain(new Date(expiredS * 1000).toISOString());
    expect(String(r.value?.detail)).toMatch(/enter a new one in Settings/);
    expect(c.liveCalls).toEqual([]);
    expect(c.frames.join('\n')).not.toContain(old);
    await c.close();
  });

  it('a token that is not a JWT is stored with its expiry unknown', { timeout: 30_000 }, async () => {
    const c = await core();
    const set = await c.call('vault.set', { broker: 'dhan', clientId: CLIENT, secret: 'opaque-token-not-a-jwt' });
    expect(set).toMatchObject({ ok: true, value: { present: true, expiresAtMs: null } });
    expect((await c.call('vault.status', { broker: 'dhan' })).value).toMatchObject({ present: true, expiresAtMs: null });
    await c.close();
  });
});
