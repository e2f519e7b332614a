/**
 * Where Tickdesk keeps its files on this machine.
 *
 * Source: DESIGN.md, "Electron security list" (secrets in files 0600). Both hosts (the Electron
 * main process and the headless Node host) use the same data directory so a user finds everything
 * in one place.
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * The data directory: `$TICKDESK_HOME` when set (made absolute against the working directory),
 * else `~/.tickdesk`. The directory is not created here; writers create it with mode 0700.
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.TICKDESK_HOME?.trim();
  if (fromEnv) return isAbsolute(fromEnv) ? fromEnv : resolve(fromEnv);
  return join(homedir(), '.tickdesk');
}
