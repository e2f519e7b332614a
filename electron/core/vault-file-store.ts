/**
 * A tiny JSON file store for vault records: one file, owner-only (0600) in an owner-only (0700)
 * directory, written atomically (temporary file + rename) so a crash never leaves half a file.
 *
 * Source: DESIGN.md, "Electron security list" (secrets: files 0600). Used by the headless host's
 * vault and by tests; the Electron shell persists through electron-store with the same modes.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { LiveBroker, VaultPersistence, VaultRecord } from './vault';

/** File mode of vault files: read/write for the owner only. */
export const VAULT_FILE_MODE = 0o600;
/** Mode of the directory holding vault files: owner only. */
export const VAULT_DIR_MODE = 0o700;

/**
 * Creates `dir` (and parents) with mode 0700, and tightens an existing `dir` that group or others
 * could read, write or enter. The directory is Tickdesk's own data directory (`paths.ts`).
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: VAULT_DIR_MODE });
  if (process.platform === 'win32') return; // POSIX modes mean little on Windows; ACLs rule there.
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, VAULT_DIR_MODE);
}

/**
 * Writes `text` to `file` atomically with mode 0600: a fresh temporary file beside it (created
 * exclusively, so no one can pre-plant it), chmod 0600 against odd umasks, then rename over `file`.
 */
export function writePrivateFileAtomic(file: string, text: string): void {
  ensurePrivateDir(dirname(file));
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, text, { mode: VAULT_FILE_MODE, flag: 'wx' });
    chmodSync(tmp, VAULT_FILE_MODE);
    renameSync(tmp, file);
  } catch (e) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw e;
  }
}

/**
 * A `VaultPersistence` over one JSON file `{ "dhan": VaultRecord, "kite": VaultRecord }`.
 * A file that is not a JSON object is moved aside to `<file>.corrupt-<epoch ms>` (kept, never
 * deleted) and the store starts empty; `log` gets one line saying so.
 */
export function createJsonFileStore(file: string, log: (line: string) => void = () => {}): VaultPersistence {
  const load = (): Record<string, unknown> => {
    if (!existsSync(file)) return {};
    const text = readFileSync(file, 'utf8');
    try {
      const v: unknown = JSON.parse(text);
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // fall through: not JSON
    }
    const aside = `${file}.corrupt-${Date.now()}`;
    renameSync(file, aside);
    log(`vault: ${file} was not a JSON object; kept it as ${aside} and started empty`);
    return {};
  };
  const save = (all: Record<string, unknown>) => writePrivateFileAtomic(file, `${JSON.stringify(all, null, 2)}\n`);
  return {
    get(broker: LiveBroker): unknown {
      const all = load();
      return Object.hasOwn(all, broker) ? all[broker] : undefined;
    },
    set(broker: LiveBroker, record: VaultRecord): void {
      const all = load();
      all[broker] = record;
      save(all);
    },
    delete(broker: LiveBroker): void {
      const all = load();
      if (!Object.hasOwn(all, broker)) return;
      delete all[broker];
      save(all);
    },
  };
}
