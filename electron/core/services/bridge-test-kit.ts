/**
 * Shared setup of the core's integration tests that go through the REAL bridge server
 * (trading-services.test.ts, option-chain-service.sim.test.ts, portfolio-actions.sim.test.ts): a
 * vault that holds nothing, a client bridge over an in-memory link to a bridge-server connection,
 * and two small helpers. Not a test file; imported by tests only.
 */
import type { Result } from '../../../shared/errors';
import { createBridge, type ClientPort } from '../../../shared/ipc/client';
import type { Bridge, ConnectionState, Disposer } from '../../../shared/ipc/contract';
import type { CredentialVaultPort } from '../app-core';
import type { BridgeServer } from '../ipc/bridge-server';

/** A vault with no credentials (the sim session needs none). */
export const EMPTY_VAULT: CredentialVaultPort = {
  status: async (broker) => ({ broker, present: false, expiresAtMs: null, backend: 'test', insecureBackend: false }),
  set: async (a) => ({ broker: a.broker, present: false, expiresAtMs: null, backend: 'test', insecureBackend: false }),
  clear: async (broker) => ({ broker, present: false, expiresAtMs: null, backend: 'test', insecureBackend: false }),
};

/**
 * A client bridge over an in-memory link to a real bridge-server connection (frames cross on
 * microtasks, as they would cross a socket). `close` ends the link as a dropped transport does.
 */
export function connectInMemory(server: BridgeServer): { bridge: Bridge; close: () => void } {
  const toClient = new Set<(f: string) => void>();
  const conn = server.connect({ transport: 'websocket', send: (f) => queueMicrotask(() => toClient.forEach((l) => l(f))) });
  let state: ConnectionState = 'open';
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const port: ClientPort = {
    send: (f) => queueMicrotask(() => conn.receive(f)),
    onFrame: (l): Disposer => (toClient.add(l), () => toClient.delete(l)),
    get state() {
      return state;
    },
    onState: (l): Disposer => (stateListeners.add(l), () => stateListeners.delete(l)),
  };
  return {
    bridge: createBridge(port, 'websocket'),
    close: () => {
      state = 'closed';
      conn.close();
    },
  };
}

/** The value of an ok result; throws with the bridge error's code and message otherwise. */
export function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`bridge error ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Waits until `pred` holds (polling every 25 ms), or throws after `ms` naming `what`. */
export async function until(pred: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
