import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../stores/app-store';
import { DISCONNECT_SHOWN_MS, disconnectView, shortExpiry, statusView, TOKEN_SOON_MS } from './status-view';

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
    // NOW is 24 Nov 2025 21:30 IST; the token ends an hour later, same year: no year shown.
    expect(v.tokenExpiry).toBe('24 Nov 22:29 IST');
    expect(v.tokenExpiryTitle).toBe('Access token valid until 24 Nov 2025 22:29:59 IST');
    expect(shortExpiry(Date.parse('2027-01-03T02:30:00Z'), NOW)).toBe('03 Jan 2027 08:00 IST');
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

  it('shows the last server disconnect while its socket is down and for a while after it reopens', () => {
    const store = createAppStore();
    const busy = { code: 805, meaning: 'Too many requests or connections. Further requests may result in the user being blocked.', atMs: NOW - 30_000, final: false };
    const sock = { id: 'feed-0', kind: 'feed' as const, instruments: 5, detail: '' };
    store.getState().setFeed({ sockets: [{ ...sock, state: 'reconnecting', detail: '805: Too many…', lastDisconnect: busy }], messagesPerSecond: 0, lastMessageAtMs: null, malformedFrames: 0 });
    const v = statusView(store.getState(), NOW).disconnect;
    expect(v).toMatchObject({ text: '805 Too many requests or connections', tone: 'warn' });
    expect(v!.title).toMatch(/^feed-0 disconnected by the server at \d\d:\d\d:\d\d IST, reconnecting: 805 Too many requests or connections\. Further requests/);
    // Open again: still shown for DISCONNECT_SHOWN_MS after the disconnect, then gone.
    const open = [{ ...sock, state: 'open' as const, lastDisconnect: busy }];
    expect(disconnectView(open, busy.atMs + DISCONNECT_SHOWN_MS - 1)?.title).toMatch(/, open again: 805/);
    expect(disconnectView(open, busy.atMs + DISCONNECT_SHOWN_MS)).toBeNull();
    // Down for good: shown however old, in the bad tone; the newest of several wins.
    const auth = { code: 808, meaning: 'Authentication Failed - Client ID or Access Token invalid', atMs: NOW - 3_600_000, final: true };
    const down = [
      { ...sock, id: 'depth20-0', kind: 'depth20' as const, state: 'expired' as const, lastDisconnect: auth },
      { ...sock, state: 'open' as const, lastDisconnect: { ...busy, atMs: NOW - 3_700_000 } },
    ];
    expect(disconnectView(down, NOW)).toMatchObject({ text: '808 Authentication Failed', tone: 'bad' });
    expect(disconnectView([{ ...down[0]!, lastDisconnect: { ...auth, code: 806, meaning: 'Data APIs not subscribed' } }, { ...sock, state: 'reconnecting' as const, lastDisconnect: busy }], NOW)?.text).toBe('805 Too many requests or connections');
    expect(disconnectView([{ ...sock, state: 'open' }], NOW)).toBeNull();
    expect(disconnectView(null, NOW)).toBeNull();
  });
});
