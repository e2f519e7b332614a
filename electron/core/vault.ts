/**
 * The credential vault: broker credentials encrypted by the OS secret store (Electron's
 * `safeStorage`), persisted as ciphertext only. Write-only from the renderer's side: the bridge can
 * store, clear and ask for status (present, expiry, backend); only the main process can `read`.
 *
 * Source: DESIGN.md, "Electron security list" (safeStorage, async API preferred; refuse the Linux
 * `basic_text` backend unless the user opts in; files 0600; electron-store's own encryption is not
 * security) and "Money rules" (tokens and secrets live in the main process only). Issue 2.
 *
 * The vault is broker-neutral and imports nothing from Electron: the secret store (`SecretBox`,
 * shaped like `safeStorage`) and the persistence (`VaultPersistence`) are injected, so it runs in
 * Node tests and in the headless host (`createHeadlessVault`).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { BridgeFault, bridgeError } from '../../shared/errors';
import type { BrokerId, CredentialStatus, VaultSetArgs } from '../../shared/ipc/contract';
import type { CredentialVaultPort } from './app-core';
import { jwtExpiryMs } from './jwt-expiry';
import { createJsonFileStore } from './vault-file-store';

/** A broker with real credentials (the simulated exchange needs none). */
export type LiveBroker = Exclude<BrokerId, 'sim'>;

/**
 * The OS secret store, shaped like Electron 45's `safeStorage` (electron.d.ts `SafeStorage`).
 * The async members are used when present (Electron deprecates the sync ones); the sync ones are
 * the fallback. Buffers hold the opaque ciphertext.
 */
export interface SecretBox {
  /** Sync availability (deprecated in Electron 45; fallback when the async one is absent). */
  isEncryptionAvailable(): boolean;
  /** Async availability; initialises the async encryptor after app `ready`. */
  isAsyncEncryptionAvailable?(): Promise<boolean>;
  /** Linux only: `basic_text`, `gnome_libsecret`, `kwallet`, `kwallet5`, `kwallet6` or `unknown` (before `ready`). */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  encryptStringAsync?(plainText: string): Promise<Buffer>;
  /** `shouldReEncrypt` is true when the OS key rotated: encrypt again and store. */
  decryptStringAsync?(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

/**
 * One persisted credential. Never holds the secret in clear unless `scheme` is `plain` (only with
 * the user's opt-in, when no OS encryption exists, as in the headless host).
 */
export interface VaultRecord {
  readonly v: 1;
  /** Dhan client id or Kite API key (not secret on its own). */
  readonly clientId: string;
  /** Base64 of the OS ciphertext (`os`) or of the UTF-8 secret (`plain`). */
  readonly ciphertext: string;
  readonly scheme: 'os' | 'plain';
  /** The secret-store backend the record was written with (see `CredentialStatus.backend`). */
  readonly backend: string;
  /** Expiry, epoch ms UTC, when known. */
  readonly expiresAtMs: number | null;
  /** When it was stored, epoch ms UTC. */
  readonly storedAtMs: number;
}

/** Where records live (electron-store in the shell, a 0600 JSON file in the headless host). */
export interface VaultPersistence {
  /** The raw stored value for `broker` (validated by the vault), or undefined. */
  get(broker: LiveBroker): unknown;
  set(broker: LiveBroker, record: VaultRecord): void;
  delete(broker: LiveBroker): void;
}

/** A credential as the main process reads it. Never crosses the bridge. */
export interface StoredCredential {
  readonly broker: LiveBroker;
  readonly clientId: string;
  readonly secret: string;
  readonly expiresAtMs: number | null;
}

/** What the vault knows of the OS secret store right now. */
export interface BackendInfo {
  /** `gnome_libsecret`, `kwallet5`, `basic_text`, `keychain` (macOS), `dpapi` (Windows), `none` (no store), `unknown`. */
  readonly backend: string;
  /** Whether the store can encrypt now. */
  readonly encryptionAvailable: boolean;
  /** True when secrets would not be protected by a real OS secret store. */
  readonly insecure: boolean;
}

export interface CredentialVaultOptions {
  /** The OS secret store, or null where none exists (plain Node). */
  readonly box: SecretBox | null;
  readonly store: VaultPersistence;
  /** `process.platform` of the host; names the backend on macOS/Windows. */
  readonly platform?: NodeJS.Platform;
  /** Clock, epoch ms UTC. */
  readonly now?: () => number;
}

/**
 * Backend names that do not protect secrets: Linux `basic_text` (a fixed, public key), `unknown`
 * (asked before app `ready`, or not recognised) and `none` (no OS store at all).
 */
export function isInsecureBackend(backend: string): boolean {
  return backend === 'basic_text' || backend === 'unknown' || backend === 'none';
}

const recordSchema = z
  .object({
    v: z.literal(1),
    clientId: z.string().min(1),
    ciphertext: z.string().min(1),
    scheme: z.enum(['os', 'plain']),
    backend: z.string(),
    expiresAtMs: z.number().int().positive().nullable(),
    storedAtMs: z.number().int().nonnegative(),
  })
  .strict();

const BROKER_LABEL: Record<LiveBroker, { name: string; secret: string }> = {
  dhan: { name: 'Dhan', secret: 'access token' },
  kite: { name: 'Kite', secret: 'API secret' },
};

function refusal(broker: LiveBroker, info: BackendInfo): BridgeFault {
  const { name, secret } = BROKER_LABEL[broker];
  const why =
    info.backend === 'none'
      ? 'there is no OS secret store here (the headless host runs in plain Node), so it would be kept as plain text in a file only your user can read (mode 0600)'
      : info.backend === 'basic_text'
        ? "this machine's secret store is 'basic_text', which hides secrets with a fixed, publicly known key (no GNOME Keyring or KWallet was found)"
        : !info.encryptionAvailable
          ? `the OS secret store ('${info.backend}') cannot encrypt right now (locked or missing)`
          : `the OS secret store is not known yet ('${info.backend}')`;
  const remedy = info.backend === 'none' ? 'Use the desktop app (npm start) where an OS secret store exists' : 'Install or unlock a keyring and try again';
  return new BridgeFault(
    bridgeError(
      'VAULT_INSECURE',
      `Tickdesk did not store your ${name} ${secret}: ${why}. ${remedy}, or choose "store anyway" (allowInsecureBackend) to accept the risk.`,
    ),
  );
}

/**
 * The vault. `set` encrypts and persists (refusing insecure backends unless
 * `allowInsecureBackend`), `status` never decrypts, `read` is for the main process only and is not
 * part of `CredentialVaultPort`, so no bridge channel can reach it.
 *
 * Expiry: `set` keeps the caller's `expiresAtMs`; without one, a Dhan token's JWT `exp` claim
 * (epoch s → ms) is recorded (see `jwtExpiryMs`), else null (unknown).
 *
 * Errors: `set` throws `BridgeFault` with `VAULT_INSECURE` (refused) or `BAD_REQUEST` (empty
 * client id/secret, bad expiry); `read` throws `BridgeFault` `INTERNAL` when the stored record
 * cannot be decrypted here (OS key lost or changed): store the credential again.
 */
export class CredentialVault implements CredentialVaultPort {
  private readonly box: SecretBox | null;
  private readonly store: VaultPersistence;
  private readonly platform: NodeJS.Platform;
  private readonly now: () => number;

  constructor(o: CredentialVaultOptions) {
    this.box = o.box;
    this.store = o.store;
    this.platform = o.platform ?? process.platform;
    this.now = o.now ?? (() => Date.now());
  }

  /** The OS secret store's name and whether it protects secrets. */
  async backendInfo(): Promise<BackendInfo> {
    const box = this.box;
    if (!box) return { backend: 'none', encryptionAvailable: false, insecure: true };
    const encryptionAvailable = box.isAsyncEncryptionAvailable ? await box.isAsyncEncryptionAvailable() : box.isEncryptionAvailable();
    let backend: string;
    if (this.platform === 'darwin') backend = 'keychain';
    else if (this.platform === 'win32') backend = 'dpapi';
    else backend = box.getSelectedStorageBackend?.() ?? 'unknown';
    return { backend, encryptionAvailable, insecure: !encryptionAvailable || isInsecureBackend(backend) };
  }

  async status(broker: LiveBroker): Promise<CredentialStatus> {
    const rec = this.record(broker);
    if (rec) {
      return {
        broker,
        present: true,
        expiresAtMs: rec.expiresAtMs,
        backend: rec.backend,
        insecureBackend: rec.scheme === 'plain' || isInsecureBackend(rec.backend),
      };
    }
    const info = await this.backendInfo();
    return { broker, present: false, expiresAtMs: null, backend: info.backend, insecureBackend: info.insecure };
  }

  async set(args: VaultSetArgs): Promise<CredentialStatus> {
    const broker = args.broker;
    if (broker !== 'dhan' && broker !== 'kite') throw new BridgeFault(bridgeError('BAD_REQUEST', `The vault holds Dhan and Kite credentials, not ${JSON.stringify(broker)}.`));
    const clientId = args.clientId.trim();
    if (!clientId || !args.secret) throw new BridgeFault(bridgeError('BAD_REQUEST', 'Both the client id and the secret are needed.'));
    const given = args.expiresAtMs ?? null;
    if (given !== null && !(Number.isSafeInteger(given) && given > 0)) {
      throw new BridgeFault(bridgeError('BAD_REQUEST', 'expiresAtMs must be epoch milliseconds (a positive integer) or null.'));
    }
    // A Dhan access token is a JWT: its `exp` claim is the expiry when the caller gave none (a
    // malformed token is stored all the same, with the expiry unknown).
    const expiresAtMs = given ?? (broker === 'dhan' ? jwtExpiryMs(args.secret) : null);
    const info = await this.backendInfo();
    if (info.insecure && args.allowInsecureBackend !== true) throw refusal(broker, info);
    let scheme: VaultRecord['scheme'];
    let ciphertext: string;
    if (info.encryptionAvailable && this.box) {
      scheme = 'os';
      ciphertext = (await this.encrypt(this.box, args.secret)).toString('base64');
    } else {
      scheme = 'plain';
      ciphertext = Buffer.from(args.secret, 'utf8').toString('base64');
    }
    this.store.set(broker, { v: 1, clientId, ciphertext, scheme, backend: info.backend, expiresAtMs, storedAtMs: this.now() });
    return this.status(broker);
  }

  async clear(broker: LiveBroker): Promise<CredentialStatus> {
    this.store.delete(broker);
    return this.status(broker);
  }

  /**
   * MAIN PROCESS ONLY: the stored credential in clear, or null when none is stored. Not part of
   * `CredentialVaultPort`; never wire it to a bridge channel. Re-encrypts when the OS asks to.
   */
  async read(broker: LiveBroker): Promise<StoredCredential | null> {
    const rec = this.record(broker);
    if (!rec) return null;
    const bytes = Buffer.from(rec.ciphertext, 'base64');
    let secret: string;
    if (rec.scheme === 'plain') {
      secret = bytes.toString('utf8');
    } else {
      const box = this.box;
      if (!box) throw this.undecryptable(broker, 'no OS secret store is available in this process');
      try {
        if (box.decryptStringAsync) {
          const out = await box.decryptStringAsync(bytes);
          secret = out.result;
          if (out.shouldReEncrypt) {
            const again = (await this.encrypt(box, secret)).toString('base64');
            this.store.set(broker, { ...rec, ciphertext: again });
          }
        } else {
          secret = box.decryptString(bytes);
        }
      } catch (e) {
        throw this.undecryptable(broker, e instanceof Error ? e.message : String(e));
      }
    }
    return { broker, clientId: rec.clientId, secret, expiresAtMs: rec.expiresAtMs };
  }

  private record(broker: LiveBroker): VaultRecord | null {
    const parsed = recordSchema.safeParse(this.store.get(broker));
    return parsed.success ? parsed.data : null;
  }

  private async encrypt(box: SecretBox, secret: string): Promise<Buffer> {
    return box.encryptStringAsync ? box.encryptStringAsync(secret) : box.encryptString(secret);
  }

  private undecryptable(broker: LiveBroker, why: string): BridgeFault {
    const { name, secret } = BROKER_LABEL[broker];
    return new BridgeFault(bridgeError('INTERNAL', `The stored ${name} ${secret} cannot be decrypted here (${why}); store it again.`));
  }
}

/** File name of the headless host's vault inside the data directory. */
export const HEADLESS_VAULT_FILE = 'vault-headless.json';

/**
 * The headless host's vault: plain Node has no OS secret store, so the backend is reported as
 * `none` and insecure. It refuses to store unless the user opts in (`allowInsecureBackend`), then
 * keeps the secret as plain text (base64) in `<dir>/vault-headless.json`, mode 0600 in a 0700
 * directory, and `status` says `insecureBackend: true`.
 */
export function createHeadlessVault(dir: string, log?: (line: string) => void): CredentialVault {
  return new CredentialVault({ box: null, store: createJsonFileStore(join(dir, HEADLESS_VAULT_FILE), log) });
}
