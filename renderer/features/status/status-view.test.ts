import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../stores/app-store';
import { statusView, TOKEN_SOON_MS } from './status-view';

const NOW = 1_764_000_000_000;

describe('status view', () => {
  it('shows mode, sockets, messages per second, ages and task progress', () => {
    const store = createAppStore();
    const s = store.getState();
    s.setSession({ broker: 'dhan', mode: 'LIVE', state: 'connected', detail: '', tokenExpiresAtMs: NOW + TOKEN_SOON_MS - 1 });
    s.noteHeartbeat(NOW - 2500);
    s.setFeed({
      sockets: [{ id: 'feed-1', kind: 'feed', state: 'open', instruments: 12, detail: '' }],
      messagesPerSecond: 420.4,
      lastMessageAtMs: NOW - 1200,
      malformedFrames: 0,
    });
    s.noteTask({ id: 'master', label: 'Loading instrument master', state: 'running', done: 91_000, total: 273_000, detail: '' });
    s.noteTask({ id: 'hist', label: 'Loading history', state: 'running', done: 3, total: null, detail: '' });
    const v = statusView(store.getState(), NOW);
    expect(v).toMatchObject({ mode: 'LIVE', broker: 'dhan', heartbeatAgeS: 2, lastMessageAgeS: 1, messagesPerSecond: 420.4, tokenExpired: false, tokenExpiresSoon: true });
    expect(v.sockets).toEqual([{ id: 'feed-1', kind: 'feed', state: 'open', instruments: 12, detail: '' }]);
    expect(v.tokenExpiry).toMatch(/IST$/);
    expect(v.tasks.map((t) => [t.label, t.percent])).toEqual([
      ['Loading instrument master', 33],
      ['Loading history', null],
    ]);
  });

  it('says unknown before the core answered, and expired after the token expiry', () => {
    const store = createAppStore();
    expect(statusView(store.getState(), NOW)).toMatchObject({ mode: null, sockets: null, messagesPerSecond: null, lastMessageAgeS: null, tokenExpiry: null });
    store.getState().setSession({ broker: 'dhan', mode: 'LIVE', state: 'expired', detail: 'token expired', tokenExpiresAtMs: NOW - 1 });
    expect(statusView(store.getState(), NOW)).toMatchObject({ tokenExpired: true, tokenExpiresSoon: false });
  });
});
