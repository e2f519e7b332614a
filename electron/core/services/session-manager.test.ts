import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskProgress } from '../../../shared/ipc/contract';
import { localFeedBases } from '../../brokers/dhan/feed-urls';
import { startSimExchange, type SimExchangeHandle } from '../../sim/wire/server';
import { SessionState } from '../app-core';
import { SessionManager, type LiveCredential } from './session-manager';

// The "real Dhan" is a second simulated exchange on 127.0.0.1 that accepts one client id and token.
const CLIENT = '1100012345';
const TOKEN = 'live-token-for-session-tests-5b1d';

describe('SessionManager', () => {
  let live: SimExchangeHandle;
  beforeAll(async () => {
    live = await startSimExchange({ port: 0, alwaysOpen: true, clientId: CLIENT, token: TOKEN });
  });
  afterAll(async () => {
    await live.close();
  });

  let tasks: TaskProgress[] = [];
  const manager = (credential: LiveCredential | null, state: SessionState) =>
    new SessionManager({
      state,
      onTask: (t) => void tasks.push(t),
      sim: { alwaysOpen: true },
      readCredential: async () => credential,
      liveEndpoints: {
        restBaseUrl: live.restBaseUrl,
        feedBases: localFeedBases(live.wsBase),
        orderUpdateUrl: live.orderUpdateUrl,
        masterUrl: `${live.baseUrl}/api-data/api-scrip-master.csv`,
      },
    });
  const newState = () => new SessionState({ broker: 'sim', mode: 'SIM', state: 'disconnected', detail: '', tokenExpiresAtMs: null });

  it('starts on the sim, switches to Dhan with the stored credential, and back', { timeout: 30_000 }, async () => {
    const state = newState();
    const seen: string[] = [];
    state.subscribe((s) => seen.push(`${s.mode}:${s.state}`));
    tasks = [];
    const m = manager({ clientId: CLIENT, secret: TOKEN, expiresAtMs: Date.now() + 3_600_000 }, state);
    expect(await m.start()).toMatchObject({ broker: 'sim', mode: 'SIM', state: 'connected' });
    // Starting the sim shows as a task: running, then done.
    expect(tasks.filter((t) => t.id === 'sim-start').map((t) => t.state)).toEqual(['running', 'done']);
    expect(m.current?.sim).not.toBeNull();
    const simUrl = m.current!.endpoints.restBaseUrl;
    const liveStatus = await m.connect('dhan');
    expect(liveStatus).toMatchObject({ broker: 'dhan', mode: 'LIVE', state: 'connected' });
    expect(liveStatus.tokenExpiresAtMs).toBeGreaterThan(Date.now());
    expect(m.current?.sim).toBeNull();
    expect(m.current?.endpoints.restBaseUrl).toBe(live.restBaseUrl);
    // The sim of the first session was stopped.
    await expect(fetch(`${simUrl}/fundlimit`)).rejects.toThrow();
    expect(await m.connect('sim')).toMatchObject({ broker: 'sim', mode: 'SIM', state: 'connected' });
    expect(seen).toContain('LIVE:connecting');
    await m.close();
    expect(state.get().state).toBe('disconnected');
  });

  it('reports a refused token as expired, an expired one without connecting, and no credential as NOT_FOUND', { timeout: 30_000 }, async () => {
    const wrong = manager({ clientId: CLIENT, secret: 'not-the-token', expiresAtMs: null }, newState());
    const refused = await wrong.connect('dhan');
    expect(refused).toMatchObject({ mode: 'LIVE', state: 'expired' });
    expect(refused.detail).not.toContain('not-the-token');
    await wrong.close();

    const old = manager({ clientId: CLIENT, secret: TOKEN, expiresAtMs: Date.now() - 1000 }, newState());
    expect(await old.connect('dhan')).toMatchObject({ state: 'expired' });
    expect(old.current).toBeNull();
    await old.close();

    const none = manager(null, newState());
    await expect(none.connect('dhan')).rejects.toMatchObject({ error: { code: 'NOT_FOUND' } });
    await expect(none.connect('kite')).rejects.toMatchObject({ error: { code: 'BAD_REQUEST' } });
    await none.close();
  });

  it('turns a connected LIVE session expired when its token expires; a session switched away is left alone', { timeout: 30_000 }, async () => {
    const until = async (cond: () => boolean) => {
      for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
    };
    const state = newState();
    const exp = Date.now() + 1200;
    const m = manager({ clientId: CLIENT, secret: TOKEN, expiresAtMs: exp }, state);
    expect(await m.connect('dhan')).toMatchObject({ mode: 'LIVE', state: 'connected', tokenExpiresAtMs: exp });
    await until(() => state.get().state === 'expired');
    expect(state.get()).toMatchObject({ mode: 'LIVE', state: 'expired', tokenExpiresAtMs: exp });
    expect(state.get().detail).toBe(`The Dhan access token expired at ${new Date(exp).toISOString()}; enter a new one in Settings.`);
    await m.close();

    const state2 = newState();
    const exp2 = Date.now() + 1200;
    const m2 = manager({ clientId: CLIENT, secret: TOKEN, expiresAtMs: exp2 }, state2);
    expect(await m2.connect('dhan')).toMatchObject({ state: 'connected' });
    expect(await m2.connect('sim')).toMatchObject({ mode: 'SIM', state: 'connected', tokenExpiresAtMs: null });
    const seen: string[] = [];
    state2.subscribe((s) => seen.push(s.state));
    await until(() => Date.now() > exp2 + 300);
    expect(seen).toEqual([]);
    expect(state2.get()).toMatchObject({ mode: 'SIM', state: 'connected' });
    await m2.close();
  });
});
