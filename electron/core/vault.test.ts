import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BridgeFault } from '../../shared/errors';
import { CredentialVault, HEADLESS_VAULT_FILE, createHeadlessVault, type SecretBox } from './vault';
import { createJsonFileStore } from './vault-file-store';

const SECRET = 'eyJhbGciOiJIUzUxMiJ9.dhan-access-token-Zq81';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/**
 * A fake safeStorage: XOR with a key behind a version prefix, so the ciphertext is not the secret.
 * It writes `v11`; it still reads the older `v10` and then asks for re-encryption (a rotated key).
 */
function fakeSafeStorage(o: { backend?: string; available?: boolean; async?: boolean } = {}) {
  const calls = { encrypt: 0, encryptAsync: 0, decrypt: 0, decryptAsync: 0 };
  const key = 0x5a;
  const enc = (s: string) => Buffer.concat([Buffer.from('v11'), Buffer.from(s, 'utf8').map((b) => b ^ key)]);
  const dec = (b: Buffer) => {
    if (!['v10', 'v11'].includes(b.subarray(0, 3).toString())) throw new Error('bad ciphertext');
    return Buffer.from(b.subarray(3).map((x) => x ^ key)).toString('utf8');
  };
  const box: SecretBox = {
    isEncryptionAvailable: () => o.available ?? true,
    getSelectedStorageBackend: () => o.backend ?? 'gnome_libsecret',
    encryptString: (s) => (calls.encrypt++, enc(s)),
    decryptString: (b) => (calls.decrypt++, dec(b)),
  };
  if (o.async !== false) {
    box.isAsyncEncryptionAvailable = async () => o.available ?? true;
    box.encryptStringAsync = async (s) => (calls.encryptAsync++, enc(s));
    box.decryptStringAsync = async (b) => (calls.decryptAsync++, { result: dec(b), shouldReEncrypt: b.subarray(0, 3).toString() === 'v10' });
  }
  return { box, calls };
}

let dir: string;
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'tickdesk-vault-')), 'home');
});

function vaultWith(box: SecretBox | null, platform: NodeJS.Platform = 'linux') {
  const file = join(dir, 'vault.json');
  return { vault: new CredentialVault({ box, store: createJsonFileStore(file), platform, now: () => 1_700_000_000_000 }), file };
}

async function refusal(p: Promise<unknown>) {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(BridgeFault);
  return (e as BridgeFault).error;
}

describe('CredentialVault with the OS secret store', () => {
  it('round-trips a credential through the async safeStorage API and reports status without it', async () => {
    const { box, calls } = fakeSafeStorage();
    const { vault } = vaultWith(box);
    const st = await vault.set({ broker: 'dhan', clientId: ' 1100012345 ', secret: SECRET, expiresAtMs: 1_700_086_400_000 });
    expect(st).toEqual({ broker: 'dhan', present: true, expiresAtMs: 1_700_086_400_000, backend: 'gnome_libsecret', insecureBackend: false });
    expect(JSON.stringify(st)).not.toContain(SECRET);
    expect(await vault.read('dhan')).toEqual({ broker: 'dhan', clientId: '1100012345', secret: SECRET, expiresAtMs: 1_700_086_400_000 });
    expect(calls).toEqual({ encrypt: 0, encryptAsync: 1, decrypt: 0, decryptAsync: 1 });
    expect(await vault.read('kite')).toBeNull();
    expect((await vault.status('kite')).present).toBe(false);
  });

  it('falls back to the sync API when the async one is absent', async () => {
    const { box, calls } = fakeSafeStorage({ async: false });
    const { vault } = vaultWith(box);
    await vault.set({ broker: 'kite', clientId: 'kiteapikey', secret: 'kite-api-secret-9' });
    expect((await vault.read('kite'))?.secret).toBe('kite-api-secret-9');
    expect(calls).toEqual({ encrypt: 1, encryptAsync: 0, decrypt: 1, decryptAsync: 0 });
  });

  it('writes only ciphertext: the file holds neither the secret nor its plain base64', async () => {
    const { vault, file } = vaultWith(fakeSafeStorage().box);
    await vault.set({ broker: 'dhan', clientId: '1100012345', secret: SECRET });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(b64(SECRET));
    expect(text).not.toContain('dhan-access-token');
    const rec = JSON.parse(text).dhan;
    expect(Object.keys(rec).sort()).toEqual(['backend', 'ciphertext', 'clientId', 'expiresAtMs', 'scheme', 'storedAtMs', 'v']);
    expect(rec).toMatchObject({ clientId: '1100012345', scheme: 'os', backend: 'gnome_libsecret', expiresAtMs: null });
  });

  it.skipIf(process.platform === 'win32')('writes the file 0600 in a 0700 directory, and tightens a loose directory', async () => {
    const { vault, file } = vaultWith(fakeSafeStorage().box);
    await vault.set({ broker: 'dhan', clientId: '1', secret: SECRET });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    await vault.clear('dhan');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses the Linux basic_text backend unless the user opts in, and writes nothing when refusing', async () => {
    const { vault, file } = vaultWith(fakeSafeStorage({ backend: 'basic_text' }).box);
    const err = await refusal(vault.set({ broker: 'dhan', clientId: '1', secret: SECRET }));
    expect(err.code).toBe('VAULT_INSECURE');
    expect(err.message).toMatch(/basic_text/);
    expect(err.message).toMatch(/store anyway/);
    expect(err.message).not.toContain(SECRET);
    expect(existsSync(file)).toBe(false);
    expect(await vault.status('dhan')).toMatchObject({ present: false, backend: 'basic_text', insecureBackend: true });

    const st = await vault.set({ broker: 'dhan', clientId: '1', secret: SECRET, allowInsecureBackend: true });
    expect(st).toMatchObject({ present: true, backend: 'basic_text', insecureBackend: true });
    expect((await vault.read('dhan'))?.secret).toBe(SECRET);
    expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
  });

  it('refuses when encryption is unavailable or the backend is not known yet', async () => {
    const locked = vaultWith(fakeSafeStorage({ available: false }).box).vault;
    expect((await refusal(locked.set({ broker: 'kite', clientId: 'k', secret: 's' }))).message).toMatch(/cannot encrypt/);
    const early = vaultWith(fakeSafeStorage({ backend: 'unknown' }).box).vault;
    expect((await refusal(early.set({ broker: 'kite', clientId: 'k', secret: 's' }))).code).toBe('VAULT_INSECURE');
  });

  it('names the backend on macOS and Windows, where getSelectedStorageBackend does not apply', async () => {
    expect((await vaultWith(fakeSafeStorage({ backend: 'basic_text' }).box, 'darwin').vault.status('dhan')).backend).toBe('keychain');
    expect((await vaultWith(fakeSafeStorage().box, 'win32').vault.status('dhan')).backend).toBe('dpapi');
  });

  it('re-encrypts and stores again when the OS rotated its key', async () => {
    const { vault, file } = vaultWith(fakeSafeStorage().box);
    await vault.set({ broker: 'dhan', clientId: '1', secret: SECRET });
    const before = JSON.parse(readFileSync(file, 'utf8')).dhan;
    const oldKey = Buffer.concat([Buffer.from('v10'), Buffer.from(SECRET).map((b) => b ^ 0x5a)]).toString('base64');
    writeFileSync(file, JSON.stringify({ dhan: { ...before, ciphertext: oldKey } }));
    expect((await vault.read('dhan'))?.secret).toBe(SECRET);
    const after = JSON.parse(readFileSync(file, 'utf8')).dhan;
    expect(Buffer.from(after.ciphertext, 'base64').subarray(0, 3).toString()).toBe('v11');
    expect(after).toMatchObject({ clientId: '1', storedAtMs: before.storedAtMs });
    expect((await vault.read('dhan'))?.secret).toBe(SECRET);
  });

  it('clears a credential; an undecryptable record is a clear error without the ciphertext', async () => {
    const { vault, file } = vaultWith(fakeSafeStorage().box);
    await vault.set({ broker: 'dhan', clientId: '1', secret: SECRET });
    await vault.set({ broker: 'kite', clientId: 'k', secret: 'kite-secret' });
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), kite: { ...JSON.parse(readFileSync(file, 'utf8')).kite, ciphertext: b64('garbage') } }));
    const err = await refusal(vault.read('kite'));
    expect(err.message).toMatch(/Kite API secret cannot be decrypted.*store it again/);
    expect(await vault.clear('dhan')).toMatchObject({ present: false });
    expect(await vault.read('dhan')).toBeNull();
    expect(JSON.parse(readFileSync(file, 'utf8'))).not.toHaveProperty('dhan');
  });

  it('rejects bad arguments from main-process callers with BAD_REQUEST', async () => {
    const { vault } = vaultWith(fakeSafeStorage().box);
    expect((await refusal(vault.set({ broker: 'dhan', clientId: '  ', secret: 's' }))).code).toBe('BAD_REQUEST');
    expect((await refusal(vault.set({ broker: 'dhan', clientId: '1', secret: '' }))).code).toBe('BAD_REQUEST');
    expect((await refusal(vault.set({ broker: 'dhan', clientId: '1', secret: 's', expiresAtMs: 1.5 }))).code).toBe('BAD_REQUEST');
    expect((await refusal(vault.set({ broker: 'sim' as never, clientId: '1', secret: 's' }))).code).toBe('BAD_REQUEST');
  });

  it("records a Dhan token's JWT exp as its expiry unless the caller gave one; a malformed token is stored with none", async () => {
    const seg = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${seg({ typ: 'JWT', alg: 'HS512' })}.${seg({ iss: 'dhan', exp: 1_764_300_000, dhanClientId: '1100012345' })}.sig-Zq81`;
    const { vault, file } = vaultWith(fakeSafeStorage().box);
    expect(await vault.set({ broker: 'dhan', clientId: '1100012345', secret: token })).toMatchObject({ present: true, expiresAtMs: 1_764_300_000_000 });
    expect(await vault.status('dhan')).toMatchObject({ expiresAtMs: 1_764_300_000_000 });
    expect((await vault.read('dhan'))?.expiresAtMs).toBe(1_764_300_000_000);
    expect(JSON.parse(readFileSync(file, 'utf8')).dhan.expiresAtMs).toBe(1_764_300_000_000);
    // The caller's expiry wins over the claim.
    expect((await vault.set({ broker: 'dhan', clientId: '1', secret: token, expiresAtMs: 1_700_000_000_000 })).expiresAtMs).toBe(1_700_000_000_000);
    // Not a JWT: stored all the same, expiry unknown.
    expect(await vault.set({ broker: 'dhan', clientId: '1', secret: 'eyJhbGciOiJIUzUxMiJ9.%%%not-base64.x' })).toMatchObject({ present: true, expiresAtMs: null });
    expect((await vault.read('dhan'))?.secret).toBe('eyJhbGciOiJIUzUxMiJ9.%%%not-base64.x');
    // A Kite API secret is never read as a token, even when it looks like one.
    expect((await vault.set({ broker: 'kite', clientId: 'k', secret: token })).expiresAtMs).toBeNull();
  });

  it('keeps a corrupt vault file aside instead of overwriting it', async () => {
    const { vault, file } = vaultWith(fakeSafeStorage().box);
    await vault.set({ broker: 'dhan', clientId: '1', secret: SECRET });
    writeFileSync(file, '{not json');
    expect((await vault.status('dhan')).present).toBe(false);
    expect(readdirSync(dir).some((f) => f.startsWith('vault.json.corrupt-'))).toBe(true);
    // A record that is JSON but not a vault record reads as absent, and is left in place.
    writeFileSync(file, JSON.stringify({ dhan: { secret: 'x' } }));
    expect(await vault.read('dhan')).toBeNull();
  });
});

describe('createHeadlessVault (plain Node, no OS secret store)', () => {
  it("reports backend 'none' as insecure and refuses without the opt-in", async () => {
    const vault = createHeadlessVault(dir);
    expect(await vault.status('dhan')).toEqual({ broker: 'dhan', present: false, expiresAtMs: null, backend: 'none', insecureBackend: true });
    const err = await refusal(vault.set({ broker: 'dhan', clientId: '1', secret: SECRET }));
    expect(err.code).toBe('VAULT_INSECURE');
    expect(err.message).toMatch(/no OS secret store/);
    expect(existsSync(join(dir, HEADLESS_VAULT_FILE))).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('with the opt-in keeps plain text at rest in a 0600 file and says so', async () => {
    const vault = createHeadlessVault(dir);
    const st = await vault.set({ broker: 'kite', clientId: 'key', secret: 'kite-secret-1', expiresAtMs: 1_800_000_000_000, allowInsecureBackend: true });
    expect(st).toEqual({ broker: 'kite', present: true, expiresAtMs: 1_800_000_000_000, backend: 'none', insecureBackend: true });
    const file = join(dir, HEADLESS_VAULT_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).kite).toMatchObject({ scheme: 'plain', backend: 'none' });
    expect((await createHeadlessVault(dir).read('kite'))?.secret).toBe('kite-secret-1');
  });

  it('cannot decrypt a record written by the OS store, and says so', async () => {
    const store = createJsonFileStore(join(dir, HEADLESS_VAULT_FILE));
    await new CredentialVault({ box: fakeSafeStorage().box, store, platform: 'linux' }).set({ broker: 'dhan', clientId: '1', secret: SECRET });
    const err = await refusal(createHeadlessVault(dir).read('dhan'));
    expect(err.message).toMatch(/no OS secret store/);
  });
});
