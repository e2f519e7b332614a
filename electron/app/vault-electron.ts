/**
 * The Electron shell's credential vault: `safeStorage` (the OS secret store) for encryption,
 * electron-store for persistence, in the data directory (`paths.ts`) as `vault.json`.
 *
 * Source: DESIGN.md, "Electron security list" (secrets: safeStorage, async API preferred; refuse
 * `basic_text` unless the user opts in; files 0600; electron-store's own encryption is not
 * security). electron-store's `encryptionKey` would sit in the app bundle in clear, so it is not
 * used: records hold safeStorage ciphertext only. Create after app `ready` (safeStorage needs it).
 */
import { chmodSync, existsSync } from 'node:fs';
import { ipcMain, safeStorage } from 'electron';
import Store from 'electron-store';
import { dataDir } from '../core/paths';
import { CredentialVault, type LiveBroker, type VaultPersistence, type VaultRecord } from '../core/vault';
import { VAULT_FILE_MODE, ensurePrivateDir } from '../core/vault-file-store';

/** File name (without extension) of the Electron vault in the data directory. */
export const ELECTRON_VAULT_NAME = 'vault';

/**
 * Builds the vault over `safeStorage` and an electron-store file `<dir>/vault.json` (mode 0600 in
 * a 0700 directory). Throws when the file exists but is not valid JSON (electron-store keeps it;
 * the user can move it aside), rather than silently dropping stored credentials.
 */
export function createElectronVault(dir: string = dataDir()): CredentialVault {
  ensurePrivateDir(dir);
  const store = new Store<Record<string, unknown>>({
    name: ELECTRON_VAULT_NAME,
    cwd: dir,
    configFileMode: VAULT_FILE_MODE,
    accessPropertiesByDotNotation: false,
    clearInvalidConfig: false,
    watch: false,
  });
  // electron-store registers an ipcMain channel for renderer-side stores (it answers the userData
  // path and app version to any renderer). Tickdesk has no renderer-side store: remove it.
  ipcMain.removeAllListeners('electron-store-get-data');
  if (process.platform !== 'win32' && existsSync(store.path)) chmodSync(store.path, VAULT_FILE_MODE);
  const persistence: VaultPersistence = {
    get: (broker: LiveBroker) => store.get(broker),
    set: (broker: LiveBroker, record: VaultRecord) => store.set(broker, record),
    delete: (broker: LiveBroker) => store.delete(broker),
  };
  return new CredentialVault({ box: safeStorage, store: persistence });
}
