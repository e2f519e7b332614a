import { beforeEach, describe, expect, it, vi } from 'vitest';

// The real 'electron' module cannot load outside Electron; capture what the preload exposes.
const exposed = vi.hoisted(() => ({ calls: [] as Array<[string, unknown]> }));
const ipc = vi.hoisted(() => {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  return {
    listeners,
    sent: [] as unknown[][],
    send: (...args: unknown[]) => void ipc.sent.push(args),
    on: (ch: string, l: (event: unknown, ...args: unknown[]) => void) => {
      if (!listeners.has(ch)) listeners.set(ch, new Set());
      listeners.get(ch)!.add(l);
    },
    removeListener: (ch: string, l: (event: unknown, ...args: unknown[]) => void) => void listeners.get(ch)?.delete(l),
    emit: (ch: string, ...args: unknown[]) => listeners.get(ch)?.forEach((l) => l({ sender: 'the ipcRenderer itself', ports: [] }, ...args)),
  };
});
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.calls.push([key, api]) },
  ipcRenderer: { send: ipc.send, on: ipc.on, removeListener: ipc.removeListener },
}));

import type { TickdeskPreloadApi } from '../../shared/ipc/preload-api';
import './preload';

const api = () => exposed.calls[0]![1] as TickdeskPreloadApi;

describe('preload', () => {
  beforeEach(() => {
    ipc.sent.length = 0;
  });

  it('exposes exactly one object, tickdesk, with exactly send/onFrame/transport', () => {
    expect(exposed.calls).toHaveLength(1);
    expect(exposed.calls[0]![0]).toBe('tickdesk');
    expect(Object.keys(api()).sort()).toEqual(['onFrame', 'send', 'transport']);
    expect(api().transport).toBe('electron-ipc');
    expect(typeof api().send).toBe('function');
    expect(Object.isFrozen(api())).toBe(true);
    // Nothing of ipcRenderer leaks through the object.
    expect(Object.values(api())).not.toContain(ipc.send);
    expect(JSON.stringify(Object.getOwnPropertyNames(api()))).not.toMatch(/ipc|invoke|on\b|removeListener/);
  });

  it('forwards strings only, on the frame channel', () => {
    api().send('{"t":"req","id":1,"ch":"app.info","args":{}}');
    expect(ipc.sent).toEqual([['tickdesk:frame', '{"t":"req","id":1,"ch":"app.info","args":{}}']]);
    for (const bad of [42, { t: 'req' }, null, undefined, ['x']]) {
      expect(() => api().send(bad as never)).toThrow(TypeError);
    }
    expect(ipc.sent).toHaveLength(1);
  });

  it('hands listeners the frame text only (never the IPC event), and the disposer works once', () => {
    const got: unknown[][] = [];
    const dispose = api().onFrame((...args: unknown[]) => void got.push(args));
    ipc.emit('tickdesk:frame', '{"t":"ev","id":1,"payload":1}');
    ipc.emit('tickdesk:frame', { not: 'a string' });
    ipc.emit('tickdesk:frame', 7);
    expect(got).toEqual([['{"t":"ev","id":1,"payload":1}']]);
    expect(ipc.listeners.get('tickdesk:frame')?.size).toBe(1);
    dispose();
    dispose();
    expect(ipc.listeners.get('tickdesk:frame')?.size).toBe(0);
    ipc.emit('tickdesk:frame', '{"t":"ev","id":1,"payload":2}');
    expect(got).toHaveLength(1);
    expect(() => api().onFrame('nope' as never)).toThrow(TypeError);
  });
});
