import { describe, expect, it } from 'vitest';
import { createAppStore } from './app-store';
import { INITIAL_CONNECTION } from './connection-slice';

describe('connection slice', () => {
  it('starts unknown and connecting', () => {
    expect(createAppStore().getState().connection).toEqual(INITIAL_CONNECTION);
  });

  it('records each fact without losing the others', () => {
    const store = createAppStore();
    const s = store.getState();
    s.setTransport('websocket');
    s.setLink('open', 'Bridge open.');
    s.setAppInfo({ version: '1.2.3', host: 'headless', transport: 'websocket', node: '20.0.0', platform: 'linux' });
    s.setSession({ broker: 'sim', mode: 'SIM', state: 'disconnected', detail: 'simulated exchange not started', tokenExpiresAtMs: null });
    s.noteHeartbeat(1_700_000_000_000);
    s.setLink('reconnecting', 'The host does not answer.');
    expect(store.getState().connection).toEqual({
      transport: 'websocket',
      linkState: 'reconnecting',
      linkDetail: 'The host does not answer.',
      appInfo: { version: '1.2.3', host: 'headless', transport: 'websocket', node: '20.0.0', platform: 'linux' },
      session: { broker: 'sim', mode: 'SIM', state: 'disconnected', detail: 'simulated exchange not started', tokenExpiresAtMs: null },
      lastHeartbeatAtMs: 1_700_000_000_000,
    });
  });

  it('gives each page its own store', () => {
    const a = createAppStore();
    const b = createAppStore();
    a.getState().setTransport('electron-ipc');
    expect(b.getState().connection.transport).toBeNull();
  });
});
