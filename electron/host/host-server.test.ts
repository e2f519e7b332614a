import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBridge, type ClientPort } from '../../shared/ipc/client';
import type { ConnectionState, Disposer, Heartbeat } from '../../shared/ipc/contract';
import { readAppVersion } from './app-version';
import { startHeadlessHost, type HeadlessHost } from './main';

let dir: string;
let host: HeadlessHost;
const logs: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tickdesk-host-'));
  await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Tickdesk test</title>');
  await writeFile(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'renderer', 'assets', 'app.css'), 'body{}');
  await writeFile(join(dir, 'secret.txt'), 'TOP-SECRET-OUTSIDE');
  host = await startHeadlessHost({ port: 0, rendererDir: join(dir, 'renderer'), dataDir: join(dir, 'data'), log: (l) => logs.push(l) });
});

afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

/** Opens a raw `ws` client with chosen headers; resolves with the socket or the refusal status. */
function openWs(url: string, headers: Record<string, string>): Promise<{ ws: WebSocket } | { status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.once('error', (e) => reject(e));
  });
}

const goodOrigin = () => ({ origin: `http://127.0.0.1:${host.port}` });
const bridgeUrl = (token: string | null) => `ws://127.0.0.1:${host.port}/bridge${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;

/** A `ClientPort` over a Node `ws` client: the same text frames the browser's WebSocket carries. */
function nodeWsPort(ws: WebSocket): ClientPort {
  let state: ConnectionState = ws.readyState === ws.OPEN ? 'open' : 'connecting';
  const frames = new Set<(f: string) => void>();
  const states = new Set<(s: ConnectionState) => void>();
  ws.on('message', (data) => frames.forEach((l) => l(String(data))));
  ws.on('close', () => {
    state = 'closed';
    states.forEach((l) => l(state));
  });
  return {
    send: (f) => ws.send(f),
    onFrame: (l): Disposer => (frames.add(l), () => frames.delete(l)),
    get state() {
      return state;
    },
    onState: (l): Disposer => (states.add(l), () => states.delete(l)),
  };
}

/** HTTP GET with a raw request target (no client-side normalisation) and chosen headers. */
function rawGet(target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path: target, method, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('headless host: who may open the bridge', () => {
  it('prints a loopback URL with a token of at least 128 bits', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(Buffer.from(host.token, 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it('refuses a missing, wrong or wrong-length token with 401', async () => {
    const wrong = host.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await openWs(bridgeUrl(null), goodOrigin())).toEqual({ status: 401 });
    expect(await openWs(bridgeUrl(wrong), goodOrigin())).toEqual({ status: 401 });
    expect(await openWs(bridgeUrl(host.token.slice(0, 10)), goodOrigin())).toEqual({ status: 401 });
    expect(await openWs(bridgeUrl(`${host.token}AAAA`), goodOrigin())).toEqual({ status: 401 });
  });

  it('refuses a foreign or missing Origin with 403, even with the right token', async () => {
    expect(await openWs(bridgeUrl(host.token), { origin: 'https://evil.example' })).toEqual({ status: 403 });
    expect(await openWs(bridgeUrl(host.token), { origin: `http://127.0.0.1.evil.example:${host.port}` })).toEqual({ status: 403 });
    expect(await openWs(bridgeUrl(host.token), {})).toEqual({ status: 403 });
  });

  it('refuses a rebinding Host with 403 on the upgrade and on plain HTTP', async () => {
    expect(await openWs(bridgeUrl(host.token), { ...goodOrigin(), host: `evil.example:${host.port}` })).toEqual({ status: 403 });
    const page = await rawGet('/', { host: `evil.example:${host.port}` });
    expect(page.status).toBe(403);
    expect(page.body).not.toContain('Tickdesk test');
  });

  it('logs refusals without the token', async () => {
    await openWs(bridgeUrl(`${host.token.slice(0, -1)}!`), goodOrigin());
    expect(logs.some((l) => l.includes('refused bridge upgrade') && l.includes('wrong launch token'))).toBe(true);
    expect(logs.join('\n')).not.toContain(host.token.slice(0, 12));
  });

  it('accepts the right token and Origin, via 127.0.0.1 and localhost', async () => {
    for (const name of ['127.0.0.1', 'localhost']) {
      const r = await openWs(`ws://${name}:${host.port}/bridge?token=${host.token}`, { origin: `http://${name}:${host.port}` });
      expect('ws' in r).toBe(true);
      if ('ws' in r) r.ws.close();
    }
  });

  it('tells a page why its upgrade failed through a plain GET of /bridge', async () => {
    expect((await rawGet('/bridge?token=nope')).status).toBe(401);
    expect((await rawGet(`/bridge?token=${host.token}`)).status).toBe(426);
    expect((await rawGet(`/bridge?token=${host.token}`, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await rawGet(`/bridge?token=${host.token}`, { host: `evil.example:${host.port}` })).status).toBe(403);
  });
});

describe('headless host: the bridge round trip over a real WebSocket', () => {
  let ws: WebSocket;
  let bridge: ReturnType<typeof createBridge>;

  beforeAll(async () => {
    const r = await openWs(bridgeUrl(host.token), goodOrigin());
    if (!('ws' in r)) throw new Error(`bridge refused: ${r.status}`);
    ws = r.ws;
    bridge = createBridge(nodeWsPort(ws), 'websocket');
  });
  afterAll(() => ws.close());

  it('answers a request with app.info carried over the websocket transport', async () => {
    const r = await bridge.invoke('app.info', {});
    expect(r).toEqual({
      ok: true,
      value: { version: readAppVersion(), host: 'headless', transport: 'websocket', node: process.versions.node, platform: process.platform },
    });
  });

  it('answers session.status: the simulated exchange is the default session, in SIM mode', async () => {
    const r = await bridge.invoke('session.status', {});
    expect(r).toMatchObject({ ok: true, value: { broker: 'sim', mode: 'SIM' } });
    expect(r.ok && ['connecting', 'connected']).toContain(r.ok && r.value.state);
  });

  it('has no desktop notifications of its own: app.notify answers shown:false (the page falls back)', async () => {
    const r = await bridge.invoke('app.notify', { title: 'Order filled', body: 'BUY 1 RELIANCE @ ₹1,234.50', tone: 'good' });
    expect(r).toEqual({ ok: true, value: { shown: false } });
  });

  it('serves the headless vault: status readable, no secret stored on its plain-text backend without opt-in', async () => {
    const status = await bridge.invoke('vault.status', { broker: 'dhan' });
    expect(status).toMatchObject({ ok: true, value: { broker: 'dhan', present: false, insecureBackend: true } });
    const set = await bridge.invoke('vault.set', { broker: 'dhan', clientId: '1100000000', secret: 'not-a-real-token' });
    expect(set).toMatchObject({ ok: false, error: { code: 'VAULT_INSECURE' } });
  });

  it('streams heartbeats and stops after unsubscribe', async () => {
    const beats: Heartbeat[] = [];
    const dispose = bridge.subscribe('app.heartbeat', { intervalMs: 250 }, (h) => beats.push(h));
    await new Promise<void>((resolve) => {
      const t = setInterval(() => beats.length >= 3 && (clearInterval(t), resolve()), 20);
    });
    dispose();
    // An unsub frame crosses the socket; after a ping round trip the core has seen it.
    await bridge.invoke('app.ping', { nonce: 1 });
    const seen = beats.length;
    await new Promise((r) => setTimeout(r, 700));
    expect(beats.length).toBe(seen);
    expect(beats.slice(0, 3).map((b) => b.seq)).toEqual([0, 1, 2]);
  });

  it('returns bad arguments as a BAD_REQUEST error, as data', async () => {
    const r = await bridge.invoke('app.ping', { nonce: 'one' } as never);
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', retryable: false } });
    const refused = await new Promise<string>((resolve) => bridge.subscribe('app.heartbeat', { intervalMs: 5 }, () => {}, (e) => resolve(e.code)));
    expect(refused).toBe('BAD_REQUEST');
  });

  it('answers a malformed frame with MALFORMED_FRAME and keeps the connection working', async () => {
    const replies: string[] = [];
    const onMessage = (d: WebSocket.RawData) => replies.push(String(d));
    ws.on('message', onMessage);
    ws.send('{not json');
    ws.send(JSON.stringify({ t: 'bogus', id: 99 }));
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    await new Promise<void>((resolve) => {
      const t = setInterval(() => replies.length >= 3 && (clearInterval(t), resolve()), 10);
    });
    ws.off('message', onMessage);
    const frames = replies.map((r) => JSON.parse(r) as { t: string; id: number | null; error: { code: string } });
    expect(frames.map((f) => [f.t, f.error.code])).toEqual([
      ['err', 'MALFORMED_FRAME'],
      ['err', 'MALFORMED_FRAME'],
      ['err', 'MALFORMED_FRAME'],
    ]);
    expect(frames[1]!.id).toBe(99);
    expect(ws.readyState).toBe(ws.OPEN);
    expect(await bridge.invoke('app.ping', { nonce: 7 })).toMatchObject({ ok: true, value: { nonce: 7 } });
  });

  it('closes a socket that sends a message over 1 MiB (1009) without crashing the host', async () => {
    const r = await openWs(bridgeUrl(host.token), goodOrigin());
    if (!('ws' in r)) throw new Error('refused');
    const code = await new Promise<number>((resolve) => {
      r.ws.on('close', (c) => resolve(c));
      r.ws.on('error', () => {});
      r.ws.send('x'.repeat((1 << 20) + 1));
    });
    expect(code).toBe(1009);
    expect(await bridge.invoke('app.ping', { nonce: 8 })).toMatchObject({ ok: true });
  });
});

describe('headless host: static files', () => {
  it('serves index.html for / with the security headers', async () => {
    const r = await rawGet('/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('Tickdesk test');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves assets with their content types, HEAD without a body', async () => {
    expect((await rawGet('/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await rawGet('/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await rawGet('/assets/app.js', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await rawGet('/nope.js')).status).toBe(404);
  });

  it('refuses other methods with 405', async () => {
    expect((await rawGet('/', {}, 'POST')).status).toBe(405);
    expect((await rawGet('/', {}, 'DELETE')).status).toBe(405);
  });

  it('never serves a file outside the renderer directory', async () => {
    for (const target of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/assets/../../secret.txt', '/..\\secret.txt', '/%00', '/%zz']) {
      const r = await rawGet(target);
      expect([400, 403, 404], target).toContain(r.status);
      expect(r.body, target).not.toContain('TOP-SECRET');
    }
  });

  it('answers 503 with the build command when the renderer is not built', async () => {
    const bare = await startHeadlessHost({ rendererDir: join(dir, 'missing'), dataDir: join(dir, 'data') });
    try {
      const r = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        request({ host: '127.0.0.1', port: bare.port, path: '/' }, (res) => {
          let body = '';
          res.on('data', (c) => (body += String(c)));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
          .on('error', reject)
          .end();
      });
      expect(r.status).toBe(503);
      expect(r.body).toContain('npm run build');
    } finally {
      await bare.close();
    }
  });

  it('refuses a port outside 0…65535 and one already in use', async () => {
    await expect(startHeadlessHost({ port: 70000 })).rejects.toThrow(RangeError);
    await expect(startHeadlessHost({ port: host.port, dataDir: join(dir, 'data') })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
