/**
 * The trading session: which broker the core talks to, and the adapter that talks to it.
 *
 * - Start: the simulated exchange is started in this process on an ephemeral loopback port
 *   (`startSimExchange({ port: 0 })`) and the Dhan adapter is connected to it with the sim's own
 *   credentials (issue 4). NSE hours apply unless `sim.alwaysOpen` (or `TICKDESK_SIM_ALWAYS_OPEN=1`;
 *   `=0` forces NSE hours).
 * - `session.connect {broker:'dhan'}`: the sim is stopped and the adapter reconnects to Dhan's
 *   production endpoints (or `liveEndpoints`) with the vault's stored credential (read in the main
 *   process only); `{broker:'sim'}` starts a fresh sim again. Kite is not wired yet (refused).
 * - Status goes into the shared `SessionState` (state, detail, mode SIM/LIVE, token expiry). An
 *   authentication failure anywhere (REST 401/403 or DH-901, feed 807-810, order socket refused)
 *   makes it `expired`, and so does the stored token's expiry time: a token already expired is
 *   refused before any network call, and a connected LIVE session turns `expired` when its token's
 *   time comes. The sim's session has no expiry (its token is not a JWT; `tokenExpiresAtMs` null).
 */
import { basename } from 'node:path';
import { BridgeFault, bridgeError, type BridgeError } from '../../../shared/errors';
import type { BrokerId, SessionStatus, TaskProgress } from '../../../shared/ipc/contract';
import type { OrderUpdateEvent } from '../../../shared/orders';
import { localFeedBases } from '../../brokers/dhan/feed-urls';
import type { OrderUpdateStatus } from '../../brokers/dhan/order-updates';
import type { FeedIssue } from '../../feed/feed-types';
import { startSimExchange, type SimExchangeHandle } from '../../sim/wire/server';
import type { SessionState } from '../app-core';
import { DHAN_PRODUCTION_ENDPOINTS, DhanSession, type DhanEndpoints } from './dhan-session';

/** Longest delay setTimeout honours (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;

/** Options of the built-in simulated exchange. */
export interface SimSessionOptions {
  readonly seed?: number;
  /**
   * Always open (demos, tests) instead of NSE hours in IST; default false. The environment wins:
   * `TICKDESK_SIM_ALWAYS_OPEN=1` forces always open, `=0` forces NSE hours.
   */
  readonly alwaysOpen?: boolean;
  /** A Dhan master CSV (`.csv`/`.csv.gz`) as the sim's universe (default: the built-in universe). */
  readonly instrumentsFile?: string;
  /** Simulated ms per real ms (default 1). */
  readonly speed?: number;
}

/** A stored live credential as the main process reads it (never crosses the bridge). */
export interface LiveCredential {
  readonly clientId: string;
  readonly secret: string;
  readonly expiresAtMs: number | null;
}

/** Options of {@link SessionManager}. */
export interface SessionManagerOptions {
  readonly state: SessionState;
  readonly sim?: SimSessionOptions;
  /** Reads the vault's credential for a live broker (main process only); absent: live brokers refused. */
  readonly readCredential?: (broker: 'dhan') => Promise<LiveCredential | null>;
  /** Dhan's endpoints for LIVE (default production; tests point them at a second sim). */
  readonly liveEndpoints?: DhanEndpoints;
  readonly fetch?: typeof fetch;
  readonly feedWorkerUrl?: URL | string;
  readonly log?: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => number;
  /**
   * Reports long steps of a session start (the simulated exchange loading a whole master takes
   * seconds) for the status bar's progress (`tasks.progress`).
   */
  readonly onTask?: (task: TaskProgress) => void;
}

/** What the services need to know about a newly active session. */
export interface ActiveSession {
  readonly adapter: DhanSession;
  readonly mode: 'SIM' | 'LIVE';
  /** The running sim (SIM mode), else null. */
  readonly sim: SimExchangeHandle | null;
  readonly endpoints: DhanEndpoints;
}

/** Listeners the services register. */
export interface SessionListener {
  /** A new session is active (null: none). */
  onSession(s: ActiveSession | null): void;
  onOrderEvent(e: OrderUpdateEvent): void;
  /** The order-update socket (re)connected: reconcile from REST now. */
  onOrderSocketOpen(): void;
}

/** See the file comment. */
export class SessionManager {
  private active: ActiveSession | null = null;
  private readonly listeners = new Set<SessionListener>();
  private switching: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly now: () => number;
  /** Fires when the LIVE session's token reaches its expiry (see `armExpiry`). */
  private expiryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly o: SessionManagerOptions) {
    this.now = o.now ?? (() => Date.now());
  }

  /** The active session, or null (while switching, after close). */
  get current(): ActiveSession | null {
    return this.active;
  }

  /** Registers the service's listener; returns the disposer. */
  listen(l: SessionListener): () => void {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  }

  /** Starts the default session: the simulated exchange. */
  start(): Promise<SessionStatus> {
    return this.connect('sim');
  }

  /**
   * Switches to `broker` (one switch at a time; a second waits for the first). Resolves with the
   * status reached; throws `BridgeFault` for a broker that cannot be used here (Kite, no vault).
   */
  connect(broker: BrokerId): Promise<SessionStatus> {
    const next = this.switching.then(
      () => this.doConnect(broker),
      () => this.doConnect(broker),
    );
    this.switching = next.catch(() => undefined);
    return next;
  }

  /** An error from any REST call: authentication failures end the session as `expired`. */
  noteError(error: BridgeError): void {
    if (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN' || error.brokerCode === 'DH-901') {
      this.expire(`The broker refused the credentials: ${error.message}`);
    }
  }

  /** Stops the session and the sim. */
  async close(): Promise<void> {
    this.closed = true;
    await this.switching.catch(() => undefined);
    await this.teardown();
    this.setStatus({ state: 'disconnected', detail: 'closed' });
  }

  private async doConnect(broker: BrokerId): Promise<SessionStatus> {
    if (this.closed) throw new BridgeFault(bridgeError('BAD_REQUEST', 'The trading session is closed.'));
    if (broker === 'kite') throw new BridgeFault(bridgeError('BAD_REQUEST', 'Kite Connect is not available in this version; use Dhan or the simulated exchange.'));
    let credential: LiveCredential | null = null;
    if (broker === 'dhan') {
      if (this.o.readCredential === undefined) throw new BridgeFault(bridgeError('BAD_REQUEST', 'No credential vault is available for Dhan.'));
      credential = await this.o.readCredential('dhan');
      if (credential === null) throw new BridgeFault(bridgeError('NOT_FOUND', 'No Dhan credentials are stored: enter your client id and access token in Settings first.'));
    }
    await this.teardown();
    const mode = broker === 'sim' ? 'SIM' : 'LIVE';
    this.o.state.set({ broker, mode, state: 'connecting', detail: broker === 'sim' ? 'starting the simulated exchange' : 'connecting to Dhan', tokenExpiresAtMs: credential?.expiresAtMs ?? null });
    if (credential !== null && credential.expiresAtMs !== null && credential.expiresAtMs <= this.now()) {
      return this.setStatus({ state: 'expired', detail: `The Dhan access token expired at ${new Date(credential.expiresAtMs).toISOString()}; enter a new one in Settings.` });
    }
    let sim: SimExchangeHandle | null = null;
    let endpoints: DhanEndpoints;
    let credentials: { clientId: string; accessToken: string };
    try {
      if (broker === 'sim') {
        const env = this.o.env ?? process.env;
        const s = this.o.sim ?? {};
        const task = (state: TaskProgress['state'], detail: string): void =>
          this.o.onTask?.({ id: 'sim-start', label: 'Starting the simulated exchange', state, done: state === 'running' ? 0 : 1, total: state === 'running' ? null : 1, detail });
        task('running', s.instrumentsFile !== undefined ? `loading instruments from ${basename(s.instrumentsFile)}` : 'built-in universe');
        try {
          sim = await startSimExchange({
          port: 0,
          seed: s.seed ?? 1,
          speed: s.speed ?? 1,
          alwaysOpen: env.TICKDESK_SIM_ALWAYS_OPEN === '1' ? true : env.TICKDESK_SIM_ALWAYS_OPEN === '0' ? false : (s.alwaysOpen ?? false),
          ...(s.instrumentsFile !== undefined ? { instruments: s.instrumentsFile } : {}),
          log: (l) => this.o.log?.(l),
          });
        } catch (e) {
          task('failed', e instanceof Error ? e.message : String(e));
          throw e;
        }
        task('done', 'listening on 127.0.0.1');
        endpoints = {
          restBaseUrl: sim.restBaseUrl,
          feedBases: localFeedBases(sim.wsBase),
          orderUpdateUrl: sim.orderUpdateUrl,
          masterUrl: `${sim.baseUrl}/api-data/api-scrip-master.csv`,
        };
        credentials = { clientId: sim.clientId, accessToken: sim.token };
      } else {
        endpoints = this.o.liveEndpoints ?? DHAN_PRODUCTION_ENDPOINTS;
        credentials = { clientId: credential!.clientId, accessToken: credential!.secret };
      }
    } catch (e) {
      return this.setStatus({ state: 'error', detail: `The simulated exchange did not start: ${e instanceof Error ? e.message : String(e)}` });
    }
    const adapter = new DhanSession(
      {
        broker: broker === 'sim' ? 'sim' : 'dhan',
        endpoints,
        credentials,
        ...(this.o.fetch !== undefined ? { fetch: this.o.fetch } : {}),
        ...(this.o.feedWorkerUrl !== undefined ? { feedWorkerUrl: this.o.feedWorkerUrl } : {}),
        ...(this.o.log !== undefined ? { log: this.o.log } : {}),
      },
      {
        onOrderEvent: (e) => {
          if (this.active?.adapter === adapter) for (const l of this.listeners) l.onOrderEvent(e);
        },
        onOrderSocket: (s) => {
          if (this.active?.adapter !== adapter) return;
          this.onOrderSocket(s);
        },
        onFeedIssue: (i) => {
          if (this.active?.adapter === adapter) this.onFeedIssue(i);
        },
      },
    );
    this.active = { adapter, mode, sim, endpoints };
    adapter.start();
    for (const l of this.listeners) l.onSession(this.active);
    // A first REST read proves the credential (the sim's always works).
    const funds = await adapter.rest.portfolio.funds();
    if (!funds.ok) {
      if (funds.error.code === 'UNAUTHENTICATED' || funds.error.code === 'FORBIDDEN' || funds.error.brokerCode === 'DH-901') {
        return this.setStatus({ state: 'expired', detail: `Dhan refused the access token: ${funds.error.message}` });
      }
      return this.setStatus({ state: 'error', detail: `Could not reach ${broker === 'sim' ? 'the simulated exchange' : 'Dhan'}: ${funds.error.message}` });
    }
    const status = this.setStatus({ state: 'connected', detail: broker === 'sim' ? `simulated exchange on ${sim!.baseUrl}` : 'connected to Dhan' });
    if (credential !== null && credential.expiresAtMs !== null) this.armExpiry(adapter, credential.expiresAtMs);
    return status;
  }

  /**
   * At the token's expiry (the vault's `expiresAtMs`, from the JWT `exp` for Dhan) the session
   * turns `expired` without waiting for the broker to refuse a request: the status bar and
   * Settings then say what to do. Timers longer than setTimeout's limit (24.8 days) re-arm.
   */
  private armExpiry(adapter: DhanSession, expiresAtMs: number): void {
    this.clearExpiry();
    const wait = expiresAtMs - this.now();
    const fire = () => {
      this.expiryTimer = null;
      if (this.active?.adapter !== adapter) return;
      if (this.now() < expiresAtMs) {
        this.armExpiry(adapter, expiresAtMs);
        return;
      }
      this.expire(`The Dhan access token expired at ${new Date(expiresAtMs).toISOString()}; enter a new one in Settings.`);
    };
    this.expiryTimer = setTimeout(fire, Math.max(0, Math.min(wait, MAX_TIMER_MS)));
    this.expiryTimer.unref?.();
  }

  private clearExpiry(): void {
    if (this.expiryTimer !== null) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
  }

  private onOrderSocket(s: OrderUpdateStatus): void {
    if (s.state === 'open') for (const l of this.listeners) l.onOrderSocketOpen();
    if (s.state === 'auth-failed') this.expire(`The order-update socket refused the credentials: ${s.detail}`);
  }

  private onFeedIssue(i: FeedIssue): void {
    if (i.kind === 'session-expired') this.expire(`The market feed refused the credentials (${i.reason.code}: ${i.reason.meaning})`);
  }

  private expire(detail: string): void {
    const cur = this.o.state.get();
    if (cur.state === 'expired') return;
    this.setStatus({ state: 'expired', detail });
  }

  private setStatus(p: Pick<SessionStatus, 'state' | 'detail'>): SessionStatus {
    const next = { ...this.o.state.get(), ...p };
    this.o.state.set(next);
    return next;
  }

  private async teardown(): Promise<void> {
    this.clearExpiry();
    const old = this.active;
    this.active = null;
    if (old === null) return;
    for (const l of this.listeners) l.onSession(null);
    await old.adapter.close().catch(() => undefined);
    await old.sim?.close().catch(() => undefined);
  }
}
