import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, STREAM_CHANNELS, type RequestArgs, type RequestChannel, type StreamArgs, type StreamChannel } from '../../shared/ipc/contract';
import { localFeedBases } from '../brokers/dhan/feed-urls';
import { startSimExchange } from '../sim/wire/server';
import { SessionState, createCoreHandlers } from './app-core';
import { createBridgeServer } from './ipc/bridge-server';
import { DEFAULT_SETTINGS } from './services/settings-store';
import { createTradingServices } from './services/trading-services';
import { CredentialVault, type SecretBox } from './vault';
import { createJsonFileStore } from './vault-file-store';

// Issue 2: "no channel in the contract returns a secret". A vault holds known secrets; every request
// channel is called with valid arguments and every stream is opened, over the real bridge server
// and the real trading services; no frame that comes back may carry a secret (nor its base64, nor
// the stored ciphertext). The "live Dhan" here is a second simulated exchange on 127.0.0.1 that
// accepts only the vault's Dhan token, so `session.connect {broker:'dhan'}` really sends the secret
// (REST headers, socket URLs, order-socket login) while every reply must stay free of it.

const DHAN_SECRET = 'eyJ0eXAiOiJKV1QifQ.DHAN-TOKEN-never-leaves-main-7c1e';
const KITE_SECRET = 'kite-api-secret-never-leaves-main-42aa';
const NEW_SECRET = 'brand-new-secret-sent-by-vault-set-93f0';

const xorBox: SecretBox = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'kwallet6',
  encryptString: (s) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0x33)),
  decryptString: (b) => Buffer.from(b.map((x) => x ^ 0x33)).toString('utf8'),
};

/** Valid arguments for every request channel; a new channel fails to compile until listed here. */
const REQUEST_ARGS: { [C in RequestChannel]: RequestArgs<C> } = {
  'app.info': {},
  'app.ping': { nonce: 7 },
  'app.notify': { title: 'Order filled', body: 'BUY 1 RELIANCE @ ₹1,234.50', tone: 'good' },
  'session.status': {},
  'vault.status': { broker: 'dhan' },
  'vault.set': { broker: 'kite', clientId: 'kiteapikey', secret: NEW_SECRET, expiresAtMs: 1_800_000_000_000 },
  'vault.clear': { broker: 'kite' },
  'session.connect': { broker: 'dhan' },
  'broker.capabilities': {},
  'instruments.search': { query: 'RELIANCE', limit: 5 },
  'instruments.get': { keys: ['NSE_EQ:2885', 'NSE_EQ:999999'] },
  'market.history': { key: 'NSE_EQ:2885', interval: '5m', count: 50 },
  'orders.place': { instrument: { segment: 'NSE_EQ', securityId: '2885' }, side: 'BUY', quantity: 1, product: 'INTRADAY', orderType: 'MARKET', validity: 'DAY' },
  'orders.modify': { orderId: '1', orderType: 'LIMIT', validity: 'DAY', quantity: 1, price: 100 },
  'orders.cancel': { orderId: '1' },
  'orders.list': {},
  'trades.list': {},
  'portfolio.positions': {},
  'portfolio.holdings': {},
  'funds.get': {},
  'portfolio.convert': { instrument: { segment: 'NSE_EQ', securityId: '2885' }, positionType: 'LONG', fromProduct: 'INTRADAY', toProduct: 'CNC', quantity: 1 },
  'portfolio.exitAll': {},
  'margin.calculate': { instrument: { segment: 'NSE_EQ', securityId: '2885' }, side: 'BUY', quantity: 1, product: 'CNC', orderType: 'LIMIT', validity: 'DAY', price: 1300 },
  'options.expiries': { key: 'IDX_I:13' },
  'options.chain': { underlying: 'IDX_I:13', expiry: '2099-01-01' },
  'settings.get': {},
  'settings.set': DEFAULT_SETTINGS,
  'prefs.get': { key: 'layout' },
  'prefs.set': { key: 'layout', value: { panels: ['watchlist'] } },
};
const STREAM_ARGS: { [S in StreamChannel]: StreamArgs<S> } = {
  'session.status': {},
  'app.heartbeat': { intervalMs: 250 },
  'market.quotes': { keys: ['NSE_EQ:2885'] },
  'market.depth': { key: 'NSE_EQ:2885', levels: 20 },
  'orders.events': {},
  'portfolio.snapshot': {},
  'feed.status': {},
  'tasks.progress': {},
};

describe('no channel in the contract returns a secret', () => {
  it('every request, stream and error reply is free of secrets', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tickdesk-secrecy-'));
    const file = join(dir, 'vault.json');
    const vault = new CredentialVault({ box: xorBox, store: createJsonFileStore(file), platform: 'linux' });
    await vault.set({ broker: 'dhan', clientId: '1100012345', secret: DHAN_SECRET, expiresAtMs: 1_800_000_000_000 });
    await vault.set({ broker: 'kite', clientId: 'kiteapikey', secret: KITE_SECRET });
    const ciphertexts = Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, { ciphertext: string }>).map((r) => r.ciphertext);

    const live = await startSimExchange({ port: 0, alwaysOpen: true, clientId: '1100012345', token: DHAN_SECRET });
    const session = new SessionState({ broker: 'dhan', mode: 'LIVE', state: 'connected', detail: 'ok', tokenExpiresAtMs: 1_800_000_000_000 });
    const trading = createTradingServices({
      dataDir: dir,
      session,
      sim: { alwaysOpen: true },
      readCredential: async (b) => vault.read(b),
      liveEndpoints: {
        restBaseUrl: live.restBaseUrl,
        feedBases: localFeedBases(live.wsBase),
        orderUpdateUrl: live.orderUpdateUrl,
        masterUrl: `${live.baseUrl}/api-data/api-scrip-master.csv`,
      },
    });
    await trading.ready;
    const { requests, streams } = createCoreHandlers({ version: '0.1.0', host: 'electron', vault, session, trading });
    const server = createBridgeServer(requests, streams);
    const frames: string[] = [];
    const conn = server.connect({ transport: 'electron-ipc', send: (f) => frames.push(f) });

    let id = 1;
    const send = (f: object) => conn.receive(JSON.stringify({ id: id++, ...f }));
    const answeredAll = async () => {
      for (let i = 0; i < 300; i++) {
        const answered = new Set(frames.map((f) => JSON.parse(f).id));
        let all = true;
        for (let j = 1; j < id; j++) if (!answered.has(j)) all = false;
        if (all) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    // Switch to the "live" broker first, so that every channel below runs with the secret in use.
    send({ t: 'req', ch: 'session.connect', args: { broker: 'dhan' } });
    await answeredAll();
    await trading.ready;
    for (const s of STREAM_CHANNELS) send({ t: 'sub', ch: s, args: STREAM_ARGS[s] });
    // A live quote first, so that the market order below passes the risk gate and trades.
    for (let i = 0; i < 200 && !frames.some((f) => f.includes('"ltp"')); i++) await new Promise((r) => setTimeout(r, 50));
    // Status of both brokers first, then every channel, then bad calls that carry a secret.
    send({ t: 'req', ch: 'vault.status', args: { broker: 'kite' } });
    for (const c of REQUEST_CHANNELS) if (c !== 'session.connect') send({ t: 'req', ch: c, args: REQUEST_ARGS[c] });
    send({ t: 'req', ch: 'vault.set', args: { broker: 'dhan', clientId: 'x'.repeat(65), secret: DHAN_SECRET } });
    send({ t: 'req', ch: 'vault.set', args: { broker: 'sim', clientId: '1', secret: DHAN_SECRET } });
    send({ t: 'req', ch: 'vault.set', args: { broker: 'dhan', clientId: '1', secret: DHAN_SECRET, read: true } });
    send({ t: 'req', ch: 'vault.read', args: { broker: 'dhan' } });
    send({ t: 'sub', ch: 'vault.secret', args: {} });
    session.set({ ...session.get(), state: 'expired', detail: 'token expired' });
    await answeredAll();
    await new Promise((r) => setTimeout(r, 1200)); // a feed.status tick and some quotes
    conn.close();
    await trading.close();
    await live.close();

    const answered = new Set(frames.map((f) => JSON.parse(f).id));
    for (let i = 1; i < id; i++) expect(answered.has(i), `frame ${i} was answered`).toBe(true);
    // The vault.status reply proves the credential was there to leak.
    expect(frames.some((f) => f.includes('"present":true') && f.includes('"broker":"dhan"'))).toBe(true);
    // The session really ran on the "live" broker with the secret (LIVE mode, connected).
    expect(frames.some((f) => f.includes('"mode":"LIVE"') && f.includes('"state":"connected"'))).toBe(true);
    expect(frames.some((f) => f.includes('"tradingSymbol":"RELIANCE"'))).toBe(true);
    const all = frames.join('\n');
    for (const secret of [DHAN_SECRET, KITE_SECRET, NEW_SECRET]) {
      expect(all).not.toContain(secret);
      expect(all).not.toContain(Buffer.from(secret).toString('base64'));
      expect(all).not.toContain(`1100012345:${secret}`);
    }
    for (const c of ciphertexts) expect(all).not.toContain(c);
    expect(all).not.toMatch(/"(secret|token|accessToken|password|ciphertext)"\s*:/i);
    // The secrets are still there for the main process.
    expect((await vault.read('dhan'))?.secret).toBe(DHAN_SECRET);
  });
});
