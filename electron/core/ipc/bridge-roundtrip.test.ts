import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBridge, type ClientPort } from '../../../shared/ipc/client';
import type { ConnectionState, Disposer, TransportName } from '../../../shared/ipc/contract';
import { createTradingServices } from '../services/trading-services';
import { SessionState, createCoreHandlers, type CredentialVaultPort } from '../app-core';
import { createBridgeServer } from './bridge-server';

/** An in-memory port pair: the client side of a link whose core side is a BridgeConnection. */
function memoryLink(transport: TransportName) {
  const vault: CredentialVaultPort = {
    status: async (broker) => ({ broker, present: false, expiresAtMs: null, backend: 'test', insecureBackend: false }),
    set: async () => {
      throw new Error('vault write failed on purpose');
    },
    clear: async (broker) => ({ broker, present: false, expiresAtMs: null, backend: 'test', insecureBackend: false }),
  };
  const session = new SessionState({ broker: 'sim', mode: 'SIM', state: 'connected', detail: '', tokenExpiresAtMs: null });
  const { requests, streams } = createCoreHandlers({ version: '9.9.9', host: 'headless', vault, session, trading: createTradingServices({ dataDir: mkdtempSync(join(tmpdir(), 'tickdesk-core-')), session, autoStart: false }), now: () => 42 });
  const server = createBridgeServer(requests, streams);
  const toClient = new Set<(f: string) => void>();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const sent: string[] = [];
  const conn = server.connect({ transport, send: (f) => queueMicrotask(() => toClient.forEach((l) => l(f))) });
  let state: ConnectionState = 'open';
  const port: ClientPort = {
    send: (f) => {
      sent.push(f);
      queueMicrotask(() => conn.receive(f));
    },
    onFrame: (l): Disposer => (toClient.add(l), () => toClient.delete(l)),
    get state() {
      return state;
    },
    onState: (l): Disposer => (stateListeners.add(l), () => stateListeners.delete(l)),
  };
  const setState = (s: ConnectionState) => {
    state = s;
    stateListeners.forEach((l) => l(s));
  };
  return { bridge: createBridge(port, transport), server, conn, session, sent, setState, raw: (f: unknown) => conn.receive(f), toClient };
}

describe('bridge round trip (shared client ↔ core server)', () => {
  it('answers a request with the value and the transport that carried it', async () => {
    const { bridge } = memoryLink('websocket');
    const r = await bridge.invoke('app.info', {});
    expect(r).toMatchObject({ ok: true, value: { version: '9.9.9', host: 'headless', transport: 'websocket' } });
  });

  it('returns errors as data: bad arguments, unknown channel, handler failure', async () => {
    const { bridge, server } = memoryLink('electron-ipc');
    const bad = await bridge.invoke('app.ping', { nonce: 'x' } as never);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('BAD_REQUEST');
    const unknown = await bridge.invoke('no.such' as never, {} as never);
    expect(!unknown.ok && unknown.error.code).toBe('UNKNOWN_CHANNEL');
    const failed = await bridge.invoke('vault.set', { broker: 'dhan', clientId: '1100', secret: 's' });
    expect(!failed.ok && failed.error).toMatchObject({ code: 'INTERNAL', retryable: false });
    expect(server.stats.badRequests).toBe(1);
    expect(server.stats.handlerFailures).toBe(1);
  });

  it('streams events until unsubscribed', async () => {
    const { bridge, session, sent } = memoryLink('websocket');
    const seen: string[] = [];
    const dispose = bridge.subscribe('session.status', {}, (s) => seen.push(s.state));
    await new Promise((r) => setTimeout(r, 5));
    session.set({ ...session.get(), state: 'expired' });
    await new Promise((r) => setTimeout(r, 5));
    dispose();
    dispose();
    session.set({ ...session.get(), state: 'error' });
    await new Promise((r) => setTimeout(r, 5));
    expect(seen).toEqual(['connected', 'expired']);
    expect(sent.filter((f) => f.includes('"unsub"'))).toHaveLength(1);
  });

  it('rejects a malformed frame with an err frame and keeps serving', async () => {
    const { bridge, raw, toClient, server } = memoryLink('websocket');
    const replies: string[] = [];
    toClient.add((f) => replies.push(f));
    raw('{not json');
    raw(JSON.stringify({ t: 'req', id: -1, ch: 'app.info' }));
    raw(JSON.stringify({ t: 'bogus', id: 7 }));
    raw(42);
    await new Promise((r) => setTimeout(r, 5));
    expect(replies.map((f) => JSON.parse(f).error.code)).toEqual(['MALFORMED_FRAME', 'MALFORMED_FRAME', 'MALFORMED_FRAME', 'MALFORMED_FRAME']);
    expect(JSON.parse(replies[2]!).id).toBe(7);
    expect(server.stats.malformedFrames).toBe(4);
    expect((await bridge.invoke('app.ping', { nonce: 5 })).ok).toBe(true);
  });

  it('refuses a stream with bad arguments through onError', async () => {
    const { bridge } = memoryLink('websocket');
    const err = await new Promise<string>((resolve) => bridge.subscribe('app.heartbeat', { intervalMs: 1 }, () => {}, (e) => resolve(e.code)));
    expect(err).toBe('BAD_REQUEST');
  });

  it('answers in-flight requests NETWORK when the link closes, resubscribes when it reopens', async () => {
    const { bridge, setState, sent } = memoryLink('websocket');
    bridge.subscribe('session.status', {}, () => {});
    const inflight = bridge.invoke('app.info', {});
    setState('closed');
    const r = await inflight;
    expect(!r.ok && r.error.code).toBe('NETWORK');
    expect(await bridge.invoke('app.info', {})).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
    setState('open');
    expect(sent.filter((f) => f.includes('"sub"'))).toHaveLength(2);
  });
});
