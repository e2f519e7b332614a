import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTradingServices } from '../core/services/trading-services';
import { SessionState, createCoreHandlers, type CredentialVaultPort } from '../core/app-core';
import { createBridgeServer } from '../core/ipc/bridge-server';
import { createIpcTransport, type FrameLike, type IpcEventLike, type IpcMainLike, type WebContentsLike } from './ipc-transport';

type Listener = (event: IpcEventLike, ...args: unknown[]) => void;

function fakeIpcMain() {
  const listeners = new Map<string, Set<Listener>>();
  const ipcMain: IpcMainLike = {
    on: (ch, l) => (listeners.get(ch) ?? listeners.set(ch, new Set()).get(ch)!).add(l),
    removeListener: (ch, l) => listeners.get(ch)?.delete(l),
  };
  const emit = (event: IpcEventLike, frame: unknown) => listeners.get('tickdesk:frame')?.forEach((l) => l(event, frame));
  return { ipcMain, listeners, emit };
}

function fakeWebContents(id: number, url = 'app://tickdesk/index.html') {
  const mainFrame: { url: string } = { url };
  const sent: string[] = [];
  const handlers = new Map<string, Array<(...a: unknown[]) => void>>();
  let destroyed = false;
  const wc: WebContentsLike = {
    id,
    mainFrame,
    isDestroyed: () => destroyed,
    send: (ch, frame) => {
      expect(ch).toBe('tickdesk:frame');
      sent.push(frame as string);
    },
    once: (ev, l) => handlers.set(ev, [...(handlers.get(ev) ?? []), l]),
    on: (ev, l) => handlers.set(ev, [...(handlers.get(ev) ?? []), l]),
  };
  const fire = (ev: string) => handlers.get(ev)?.forEach((l) => l());
  return { wc, mainFrame, sent, fire, destroy: () => ((destroyed = true), fire('destroyed')) };
}

function setup() {
  const vault: CredentialVaultPort = {
    status: async (broker) => ({ broker, present: false, expiresAtMs: null, backend: 'test', insecureBackend: false }),
    set: async (a) => ({ broker: a.broker, present: true, expiresAtMs: null, backend: 'test', insecureBackend: false }),
    clear: async (broker) => ({ broker, present: false, expiresAtMs: null, backend: 'test', insecureBackend: false }),
  };
  const session = new SessionState({ broker: 'sim', mode: 'SIM', state: 'connected', detail: '', tokenExpiresAtMs: null });
  const { requests, streams } = createCoreHandlers({ version: '1.2.3', host: 'electron', vault, session, trading: createTradingServices({ dataDir: mkdtempSync(join(tmpdir(), 'tickdesk-core-')), session, autoStart: false }) });
  const server = createBridgeServer(requests, streams);
  const ipc = fakeIpcMain();
  const logs: string[] = [];
  const transport = createIpcTransport({ ipcMain: ipc.ipcMain, server, log: (l) => logs.push(l) });
  return { server, ipc, transport, logs, session };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const INFO = '{"t":"req","id":1,"ch":"app.info","args":{}}';
const event = (sender: WebContentsLike, senderFrame: FrameLike | null): IpcEventLike => ({ sender, senderFrame });

describe('Electron IPC transport', () => {
  it('delivers frames from the app main frame and answers with the electron-ipc transport', async () => {
    const { ipc, transport } = setup();
    const w = fakeWebContents(1);
    transport.attach(w.wc);
    ipc.emit(event(w.wc, w.wc.mainFrame), INFO);
    await tick();
    expect(w.sent).toHaveLength(1);
    expect(JSON.parse(w.sent[0]!)).toMatchObject({ t: 'res', id: 1, ok: true, value: { version: '1.2.3', host: 'electron', transport: 'electron-ipc' } });
    expect(transport.stats.delivered).toBe(1);
  });

  it.each([
    ['a foreign origin', 'https://evil.example/'],
    ['a look-alike host', 'app://tickdesk.evil/'],
    ['credentials in the URL', 'app://user:pass@tickdesk/'],
    ['file:', 'file:///etc/passwd'],
    ['about:blank', 'about:blank'],
  ])('drops and counts a frame whose sender frame is %s, without answering', async (_why, url) => {
    const { ipc, transport, server, logs } = setup();
    const w = fakeWebContents(1);
    transport.attach(w.wc);
    w.mainFrame.url = url;
    ipc.emit(event(w.wc, w.wc.mainFrame), '{"t":"req","id":1,"ch":"vault.set","args":{"broker":"dhan","clientId":"1","secret":"TOP-SECRET"}}');
    await tick();
    expect(w.sent).toEqual([]);
    expect(transport.stats).toMatchObject({ delivered: 0, untrusted: 1 });
    expect(server.stats.malformedFrames + server.stats.badRequests).toBe(0);
    expect(logs.join('\n')).not.toContain('TOP-SECRET');
  });

  it('drops a frame with no sender frame, and one from a subframe even of the app origin', async () => {
    const { ipc, transport } = setup();
    const w = fakeWebContents(1);
    transport.attach(w.wc);
    ipc.emit(event(w.wc, null), INFO);
    ipc.emit(event(w.wc, { url: 'app://tickdesk/index.html' }), INFO);
    await tick();
    expect(w.sent).toEqual([]);
    expect(transport.stats.untrusted).toBe(2);
  });

  it('drops frames from webContents that were never attached (not an app window)', async () => {
    const { ipc, transport } = setup();
    const stranger = fakeWebContents(7);
    ipc.emit(event(stranger.wc, stranger.wc.mainFrame), INFO);
    await tick();
    expect(stranger.sent).toEqual([]);
    expect(transport.stats.unattached).toBe(1);
  });

  it('does not send frames to a renderer that no longer shows the app', async () => {
    const { ipc, transport, session } = setup();
    const w = fakeWebContents(1);
    transport.attach(w.wc);
    ipc.emit(event(w.wc, w.wc.mainFrame), '{"t":"sub","id":5,"ch":"session.status","args":{}}');
    await tick();
    expect(w.sent).toHaveLength(1);
    w.mainFrame.url = 'https://evil.example/';
    session.set({ ...session.get(), state: 'expired' });
    expect(w.sent).toHaveLength(1);
    expect(transport.stats.undeliverable).toBe(1);
  });

  it('closes the connection (and its streams) when the webContents is destroyed or navigates', async () => {
    const { ipc, transport, server, session } = setup();
    const w = fakeWebContents(1);
    transport.attach(w.wc);
    transport.attach(w.wc); // idempotent
    expect(server.stats.connections).toBe(1);
    ipc.emit(event(w.wc, w.wc.mainFrame), '{"t":"sub","id":5,"ch":"session.status","args":{}}');
    await tick();
    expect(w.sent).toHaveLength(1);
    w.fire('did-navigate'); // reload: the new page starts with no streams
    session.set({ ...session.get(), detail: 'after reload' });
    expect(w.sent).toHaveLength(1);
    expect(server.stats.connections).toBe(1);
    w.destroy();
    expect(server.stats.connections).toBe(0);
    expect(transport.attached).toBe(0);
    ipc.emit(event(w.wc, w.wc.mainFrame), INFO);
    expect(transport.stats.unattached).toBe(1);
  });

  it('unsubscribe through the transport ends that stream only: no more frames for it, the other stream still flows', async () => {
    const { ipc, transport, session, server } = setup();
    const w = fakeWebContents(1);
    transport.attach(w.wc);
    const send = (frame: string) => ipc.emit(event(w.wc, w.wc.mainFrame), frame);
    send('{"t":"sub","id":5,"ch":"session.status","args":{}}');
    send('{"t":"sub","id":6,"ch":"session.status","args":{}}');
    await tick();
    const frames = () => w.sent.map((f) => JSON.parse(f) as { t: string; id: number; payload?: { detail?: string } });
    expect(frames().map((f) => `${f.t}:${f.id}`)).toEqual(['ev:5', 'ev:6']); // each stream starts with the current status
    session.set({ ...session.get(), detail: 'one' });
    expect(frames().slice(2).map((f) => `${f.t}:${f.id}:${f.payload?.detail}`)).toEqual(['ev:5:one', 'ev:6:one']);

    send('{"t":"unsub","id":5}');
    await tick();
    session.set({ ...session.get(), detail: 'two' });
    expect(frames().slice(4).map((f) => `${f.t}:${f.id}:${f.payload?.detail}`)).toEqual(['ev:6:two']);
    // unsubscribing an id that is not open (again, or never opened) is harmless and answers nothing
    send('{"t":"unsub","id":5}');
    send('{"t":"unsub","id":99}');
    await tick();
    expect(w.sent).toHaveLength(5);
    expect(transport.stats.delivered).toBe(5);
    expect(server.stats.malformedFrames).toBe(0);
    expect(server.stats.connections).toBe(1);
  });

  it('answers malformed frames from the app with an err frame (id when readable), counts them, and keeps serving', async () => {
    const { ipc, transport, server } = setup();
    const w = fakeWebContents(1);
    transport.attach(w.wc);
    const send = (frame: unknown) => ipc.emit(event(w.wc, w.wc.mainFrame), frame);
    // ipcRenderer.send can carry any structured-clonable value, not only text
    expect(() => {
      send('{"t":"req","id":1,'); // truncated JSON
      send({ t: 'req', id: 2, ch: 'app.info', args: {} }); // an object, not a JSON text
      send('[1,2,3]');
      send('{"t":"req","ch":"app.info"}'); // no id
      send('{"t":"push","id":7}'); // unknown type, id readable
      send('{"t":"req","id":8,"ch":""}'); // empty channel, id readable
      send(`{"t":"req","id":9,"ch":"app.info","args":{"pad":"${'x'.repeat(1 << 20)}"}}`); // over the 1 MiB frame limit
      send(undefined);
    }).not.toThrow();
    await tick();
    const replies = w.sent.map((f) => JSON.parse(f) as { t: string; id: number | null; error: { code: string; message: string } });
    expect(replies.map((r) => [r.t, r.id, r.error.code])).toEqual([
      ['err', null, 'MALFORMED_FRAME'],
      ['err', null, 'MALFORMED_FRAME'],
      ['err', null, 'MALFORMED_FRAME'],
      ['err', null, 'MALFORMED_FRAME'],
      ['err', 7, 'MALFORMED_FRAME'],
      ['err', 8, 'MALFORMED_FRAME'],
      ['err', null, 'MALFORMED_FRAME'],
      ['err', null, 'MALFORMED_FRAME'],
    ]);
    expect(replies[0]!.error.message).toMatch(/not valid JSON/);
    expect(replies[1]!.error.message).toMatch(/not text/);
    expect(replies[4]!.error.message).toMatch(/unknown frame type "push"/);
    expect(server.stats.malformedFrames).toBe(8);
    expect(transport.stats).toMatchObject({ delivered: 8, untrusted: 0, unattached: 0 });

    // the same connection still answers a good request
    send(INFO);
    await tick();
    expect(JSON.parse(w.sent.at(-1)!)).toMatchObject({ t: 'res', id: 1, ok: true, value: { transport: 'electron-ipc' } });
    expect(server.stats.connections).toBe(1);
  });

  it('dispose removes the ipcMain listener and closes every connection', () => {
    const { ipc, transport, server } = setup();
    transport.attach(fakeWebContents(1).wc);
    transport.attach(fakeWebContents(2).wc);
    expect(server.stats.connections).toBe(2);
    transport.dispose();
    expect(server.stats.connections).toBe(0);
    expect(ipc.listeners.get('tickdesk:frame')?.size).toBe(0);
  });
});
