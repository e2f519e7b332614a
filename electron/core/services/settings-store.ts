/**
 * The workstation settings (risk limits, order confirmation, theme) kept by the core in
 * `<dataDir>/settings.json` (0600, atomic writes, an unreadable file kept aside; see prefs-store.ts).
 * The risk gate reads them before every order.
 *
 * Defaults: risk limits `DEFAULT_RISK_LIMITS` (shared/risk/defaults.ts), `confirmOrders: true`,
 * theme `dark` (issue 5, "Settings": dark by default). A stored file missing newer fields is
 * completed from the defaults and validated with the bridge's own `settings.set` schema.
 */
import { join } from 'node:path';
import type { WorkstationSettings } from '../../../shared/ipc/contract';
import { DEFAULT_RISK_LIMITS } from '../../../shared/risk';
import { requestSchemas } from '../ipc/schemas';
import { openJsonDocument, type JsonDocument } from '../prefs-store';

/** File name of the settings in the data directory. */
export const SETTINGS_FILE = 'settings.json';

/** The settings a new installation starts with. */
export const DEFAULT_SETTINGS: WorkstationSettings = Object.freeze({
  risk: DEFAULT_RISK_LIMITS,
  confirmOrders: true,
  theme: 'dark',
});

function complete(raw: unknown): WorkstationSettings | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const risk = r['risk'] !== null && typeof r['risk'] === 'object' ? { ...DEFAULT_SETTINGS.risk, ...(r['risk'] as object) } : DEFAULT_SETTINGS.risk;
  const parsed = requestSchemas['settings.set'].safeParse({ ...DEFAULT_SETTINGS, ...r, risk });
  return parsed.success ? parsed.data : null;
}

/** Settings on disk, validated. */
export class SettingsStore {
  private readonly doc: JsonDocument<WorkstationSettings>;

  constructor(dataDir: string, log?: (line: string) => void) {
    this.doc = openJsonDocument(join(dataDir, SETTINGS_FILE), complete, () => DEFAULT_SETTINGS, log);
  }

  /** The current settings. */
  get(): WorkstationSettings {
    return this.doc.get();
  }

  /**
   * Replaces the settings (validated again here) and answers what was stored. Throws RangeError
   * for settings that do not validate, or the file system's error when the write fails.
   */
  set(next: WorkstationSettings): WorkstationSettings {
    const ok = complete(next);
    if (ok === null) throw new RangeError('settings are not valid');
    this.doc.set(ok);
    return ok;
  }

  /** Path of the file set aside at load because it was unreadable, or null. */
  get setAside(): string | null {
    return this.doc.setAside;
  }
}
