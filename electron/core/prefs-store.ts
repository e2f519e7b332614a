/**
 * Small JSON documents in the data directory (settings, renderer preferences), written safely:
 * files 0600 in a 0700 directory, atomic replacement (write a temporary file, then rename over the
 * old one), and a file that cannot be read as what it should be is moved aside (`<name>.corrupt-<ms>`)
 * and never overwritten, so a hand-edited or damaged file loses nothing.
 *
 * Source: issue 5 ("Settings", layout "saved and restored per user"); DESIGN.md, "Electron security
 * list" (files 0600). Plain Node; no Electron (both hosts use it).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A JSON document on disk, read once and then kept in memory. */
export interface JsonDocument<T> {
  /** The current value (the file's, or the fallback when there is no readable file). */
  get(): T;
  /** Replaces the value and writes it atomically. Throws the file system's error when the write fails. */
  set(value: T): void;
  /** Path of the file kept aside at load because it was unreadable, or null. */
  readonly setAside: string | null;
}

/**
 * Opens `file`. `validate` turns the parsed JSON into a `T`, or returns null when it is not one;
 * `fallback` gives the value when there is no file or it was set aside. Never throws on a bad file.
 */
export function openJsonDocument<T>(
  file: string,
  validate: (raw: unknown) => T | null,
  fallback: () => T,
  log: (line: string) => void = () => {},
): JsonDocument<T> {
  let value: T;
  let setAside: string | null = null;
  if (existsSync(file)) {
    let parsed: T | null = null;
    let why = '';
    try {
      parsed = validate(JSON.parse(readFileSync(file, 'utf8')) as unknown);
      if (parsed === null) why = 'its content is not valid';
    } catch (e) {
      why = e instanceof Error ? e.message : String(e);
    }
    if (parsed === null) {
      setAside = `${file}.corrupt-${Date.now()}`;
      try {
        renameSync(file, setAside);
        log(`prefs: ${file} could not be read (${why}); kept aside as ${setAside}, defaults used`);
      } catch (e) {
        log(`prefs: ${file} could not be read (${why}) nor moved aside: ${(e as Error).message}`);
      }
      value = fallback();
    } else {
      value = parsed;
    }
  } else {
    value = fallback();
  }
  return {
    get: () => value,
    set(next: T) {
      writeJsonAtomic(file, next);
      value = next;
    },
    get setAside() {
      return setAside;
    },
  };
}

/** Writes `value` as JSON to `file` atomically (temp file 0600 + rename); creates the directory 0700. */
export function writeJsonAtomic(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // the temp file was never made
    }
    throw e;
  }
}

/** File name of the renderer's preferences in the data directory. */
export const PREFS_FILE = 'prefs.json';

/** Largest JSON text of one preference value (the contract's limit). */
export const MAX_PREF_JSON_CHARS = 256 * 1024;

/**
 * The renderer's saved preferences (layout, watchlists...): JSON values by key, in one file
 * `<dataDir>/prefs.json`. A `null` value clears a key.
 */
export class PrefsStore {
  private readonly doc: JsonDocument<Readonly<Record<string, unknown>>>;

  constructor(dataDir: string, log?: (line: string) => void) {
    this.doc = openJsonDocument(
      join(dataDir, PREFS_FILE),
      (raw) => (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null),
      () => ({}),
      log,
    );
  }

  /** The value saved under `key`, or null when never saved. */
  get(key: string): unknown {
    return Object.hasOwn(this.doc.get(), key) ? this.doc.get()[key] : null;
  }

  /** Saves `value` (JSON) under `key`; null removes it. Throws RangeError above 256 KiB of JSON. */
  set(key: string, value: unknown): void {
    const text = JSON.stringify(value ?? null);
    if (text.length > MAX_PREF_JSON_CHARS) throw new RangeError(`preference ${key} is ${text.length} characters of JSON; at most ${MAX_PREF_JSON_CHARS}`);
    const next: Record<string, unknown> = { ...this.doc.get() };
    if (value === null || value === undefined) delete next[key];
    else next[key] = JSON.parse(text) as unknown;
    this.doc.set(next);
  }

  /** Path of the file set aside at load because it was unreadable, or null. */
  get setAside(): string | null {
    return this.doc.setAside;
  }
}
