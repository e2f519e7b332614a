/**
 * The app's version as `app.info` reports it: `version` of the repository's package.json.
 *
 * Source: issue 2 (the end-to-end test compares the page's version with package.json's).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root: two folders above electron/host. */
export const REPO_ROOT = join(import.meta.dirname, '..', '..');

/** Reads `version` from `<root>/package.json`. Throws when the file or the field is missing. */
export function readAppVersion(root: string = REPO_ROOT): string {
  const pkg: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const version = typeof pkg === 'object' && pkg !== null ? (pkg as { version?: unknown }).version : undefined;
  if (typeof version !== 'string' || version === '') throw new Error(`package.json in ${root} has no version`);
  return version;
}
