/**
 * The renderer's WebSocket port, bridge selection and store wiring against the real headless host
 * on 127.0.0.1:0 (Node's `ws` stands in for the browser's WebSocket, with the page's Origin).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readAppVersion } from '../electron/host/app-version';
import { startHeadlessHost, type HeadlessHost } from '../electron/host/main';
import { connectCore } from '../renderer/app/connect-core';
import { selectBridge, type BridgeEnvironment } from '../renderer/app/select-bridge';
import type { SocketLike } from '../renderer/app/ws-port';
import { createAppStore, type AppState, type AppStore } from '../renderer/stores/app-store';
import type { TickdeskPreloadApi } from '../shared/ipc/preload-api';

let dir: string;
let host: HeadlessHost;
const cleanups: (() => void | Promise<void>)[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tickdesk-renderer-'));
  host = await startHeadlessHost({ rendererDir: join(dir, 'none'), dataDir: join(dir, 'data') });
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

/** Opens the page's bridge the way main.tsx does, with `ws` sockets carrying the page's Origin. */
function openPage(search: string, port = host.port) {
  const sockets: WebSocket[] = [];
  const env: BridgeEnvironment = { location: { host: `127.0.0.1:${port}`, search } };
  const selected = selectBridge(env, {
    backoff: { baseMs: 20, capMs: 100 },
    createSocket: (url) => {
      const ws = new WebSocket(url, { headers: { origin: `http://127.0.0.1:${port}` } });
      ws.on('error', () => {});
      sockets.push(ws);
      return ws as unknown as SocketLike;
    },
  });
  const store = createAppStore();
  const stop = connectCore(selected, store);
  cleanups.push(() => {
    stop();
    for (const ws of sockets) ws.terminate();
  });
  return { selected, store, sockets };
}

function until(store: AppStore, ok: (s: AppState) => boolean, what: string, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ok(store.getState())) return resolve();
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}; connection = ${JSON.stringify(store.getState().connection)}`));
    }, timeoutMs);
    const off = store.subscribe((s) => {
      if (ok(s)) {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  });
}

describe('renderer ↔ headless host over a real WebSocket', () => {
  it('fills the store with app info, session and heartbeats that crossed the bridge', async () => {
    const { store } = openPage(`?token=${host.token}`);
    await until(store, (s) => s.connection.appInfo !== null && s.connection.session !== null && s.connection.lastHeartbeatAtMs !== null, 'app info, session, heartbeat');
    const c = store.getState().connection;
    expect(c.transport).toBe('websocket');
    expect(c.linkState).toBe('open');
    expect(c.appInfo).toMatchObject({ version: readAppVersion(), host: 'headless', transport: 'websocket' });
    expect(c.session).toMatchObject({ broker: 'sim', mode: 'SIM' });
    expect(['connecting', 'connected']).toContain(c.session?.state);
    // The launch token stays inside the port: nothing in the store carries it.
    expect(JSON.stringify(store.getState())).not.toContain(host.token);
  });

  it('reconnects after the link drops and resubscribes its streams', async () => {
    const { store, sockets } = openPage(`?token=${host.token}`);
    await until(store, (s) => s.connection.lastHeartbeatAtMs !== null, 'first heartbeat');
    const states: string[] = [];
    store.subscribe((s, prev) => s.connection.linkState !== prev.connection.linkState && states.push(s.connection.linkState));
    sockets[0]!.terminate();
    await until(store, (s) => s.connection.linkState === 'reconnecting', 'reconnecting');
    store.getState().noteHeartbeat(0);
    await until(store, (s) => s.connection.linkState === 'open' && (s.connection.lastHeartbeatAtMs ?? 0) > 0, 'heartbeat after reconnect');
    expect(states).toEqual(['reconnecting', 'open']);
    expect(sockets.length).toBeGreaterThanOrEqual(2);
  });

  it('shows refused, and stops trying, without a token or with a wrong one', async () => {
    const none = openPage('');
    const wrong = openPage(`?token=${host.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`);
    await until(none.store, (s) => s.connection.linkState === 'refused', 'refused (no token)');
    await until(wrong.store, (s) => s.connection.linkState === 'refused', 'refused (wrong token)');
    expect(none.store.getState().connection.linkDetail).toContain('no launch token');
    expect(wrong.store.getState().connection.linkDetail).toContain('refused this launch token');
    expect(wrong.store.getState().connection.linkDetail).not.toContain(host.token.slice(1, 12));
    expect(none.store.getState().connection.appInfo).toBeNull();
    const attempts = none.sockets.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(none.sockets.length).toBe(attempts);
  });

  it('keeps retrying while the host is away, and shows refused once a new launch has a new token', async () => {
    const { store } = openPage(`?token=${host.token}`);
    await until(store, (s) => s.connection.linkState === 'open', 'open');
    const port = host.port;
    await host.close();
    await until(store, (s) => s.connection.linkState === 'reconnecting', 'reconnecting');
    await until(store, (s) => /does not answer/.test(s.connection.linkDetail), 'host away');
    host = await startHeadlessHost({ port, rendererDir: join(dir, 'none'), dataDir: join(dir, 'data') });
    await until(store, (s) => s.connection.linkState === 'refused', 'refused by the new launch');
  });

  it('picks the Electron preload when window.tickdesk is there', () => {
    const sent: string[] = [];
    const api: TickdeskPreloadApi = { transport: 'electron-ipc', send: (f) => sent.push(f), onFrame: () => () => {} };
    const { bridge, link } = selectBridge({ tickdesk: api, location: { host: 'app', search: '' } });
    expect(bridge.transport).toBe('electron-ipc');
    expect(bridge.connection).toBe('open');
    expect(link.status.state).toBe('open');
    void bridge.invoke('app.ping', { nonce: 3 });
    expect(JSON.parse(sent[0]!)).toEqual({ t: 'req', id: 1, ch: 'app.ping', args: { nonce: 3 } });
  });
});
