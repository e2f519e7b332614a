import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, STREAM_CHANNELS, type RequestArgs, type RequestChannel, type StreamArgs, type StreamChannel } from '../../shared/ipc/contract';
import { SessionState, createCoreHandlers } from './app-core';
import { createBridgeServer } from './ipc/bridge-server';
import { CredentialVault, type SecretBox } from './vault';
import { createJsonFileStore } from './vault-file-store';

// Issue 2: "no channel in the contract returns a secret". A vault holds known secrets; every request
// channel is called with valid arguments and every stream is opened, over the real bridge server;
// no frame that comes back may carry a secret (nor its base64, nor the stored ciphertext).

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
  'session.status': {},
  'vault.status': { broker: 'dhan' },
  'vault.set': { broker: 'kite', clientId: 'kiteapikey', secret: NEW_SECRET, expiresAtMs: 1_800_000_000_000 },
  'vault.clear': { broker: 'kite' },
};
const STREAM_ARGS: { [S in StreamChannel]: StreamArgs<S> } = {
  'session.status': {},
  'app.heartbeat': { intervalMs: 250 },
};

describe('no channel in the contract returns a secret', () => {
  it('every request, stream and error reply is free of secrets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tickdesk-secrecy-'));
    const file = join(dir, 'vault.json');
    const vault = new CredentialVault({ box: xorBox, store: createJsonFileStore(file), platform: 'linux' });
    await vault.set({ broker: 'dhan', clientId: '1100012345', secret: DHAN_SECRET, expiresAtMs: 1_800_000_000_000 });
    await vault.set({ broker: 'kite', clientId: 'kiteapikey', secret: KITE_SECRET });
    const ciphertexts = Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, { ciphertext: string }>).map((r) => r.ciphertext);

    const session = new SessionState({ broker: 'dhan', mode: 'LIVE', state: 'connected', detail: 'ok', tokenExpiresAtMs: 1_800_000_000_000 });
    const { requests, streams } = createCoreHandlers({ version: '0.1.0', host: 'electron', vault, session });
    const server = createBridgeServer(requests, streams);
    const frames: string[] = [];
    const conn = server.connect({ transport: 'electron-ipc', send: (f) => frames.push(f) });

    let id = 1;
    const send = (f: object) => conn.receive(JSON.stringify({ id: id++, ...f }));
    for (const s of STREAM_CHANNELS) send({ t: 'sub', ch: s, args: STREAM_ARGS[s] });
    // Status of both brokers first, then every channel, then bad calls that carry a secret.
    send({ t: 'req', ch: 'vault.status', args: { broker: 'kite' } });
    for (const c of REQUEST_CHANNELS) send({ t: 'req', ch: c, args: REQUEST_ARGS[c] });
    send({ t: 'req', ch: 'vault.set', args: { broker: 'dhan', clientId: 'x'.repeat(65), secret: DHAN_SECRET } });
    send({ t: 'req', ch: 'vault.set', args: { broker: 'sim', clientId: '1', secret: DHAN_SECRET } });
    send({ t: 'req', ch: 'vault.set', args: { broker: 'dhan', clientId: '1', secret: DHAN_SECRET, read: true } });
    send({ t: 'req', ch: 'vault.read', args: { broker: 'dhan' } });
    send({ t: 'sub', ch: 'vault.secret', args: {} });
    session.set({ ...session.get(), state: 'expired', detail: 'token expired' });
    await new Promise((r) => setTimeout(r, 50));
    conn.close();

    const answered = new Set(frames.map((f) => JSON.parse(f).id));
    for (let i = 1; i < id; i++) expect(answered.has(i), `frame ${i} was answered`).toBe(true);
    // The vault.status reply proves the credential was there to leak.
    expect(frames.some((f) => f.includes('"present":true') && f.includes('"broker":"dhan"'))).toBe(true);
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
