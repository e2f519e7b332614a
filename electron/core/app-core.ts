/**
 * The broker-neutral core's bridge handlers: one composition used by both hosts (Electron main and
 * the headless Node host), so both answer every channel of `shared/ipc/contract.ts` identically.
 *
 * Source: DESIGN.md, "Data flow" and "The IPC contract".
 */
import type {
  AppInfo,
  BrokerId,
  CredentialStatus,
  SessionStatus,
  VaultSetArgs,
} from '../../shared/ipc/contract';
import type { RequestChannel, StreamChannel } from '../../shared/ipc/contract';
import { NO_DESKTOP_NOTICES, createDesktopNotices, type DesktopNoticePort } from './desktop-notices';
import type { RequestHandlers, StreamHandlers } from './ipc/bridge-server';

/** The credential vault as the core sees it: write-only for secrets, status readable. */
export interface CredentialVaultPort {
  status(broker: Exclude<BrokerId, 'sim'>): Promise<CredentialStatus>;
  set(args: VaultSetArgs): Promise<CredentialStatus>;
  clear(broker: Exclude<BrokerId, 'sim'>): Promise<CredentialStatus>;
}

/** Holds the session status and tells listeners of changes. */
export class SessionState {
  private current: SessionStatus;
  private readonly listeners = new Set<(s: SessionStatus) => void>();
  constructor(initial: SessionStatus) {
    this.current = initial;
  }
  get(): SessionStatus {
    return this.current;
  }
  set(next: SessionStatus): void {
    this.current = next;
    for (const l of this.listeners) l(next);
  }
  subscribe(listener: (s: SessionStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Request channels served by the trading services (session, market data, orders, portfolio, settings). */
export type TradingRequestChannel = Exclude<RequestChannel, 'app.info' | 'app.ping' | 'app.notify' | 'session.status' | 'vault.status' | 'vault.set' | 'vault.clear'>;
/** Streams served by the trading services. */
export type TradingStreamChannel = Exclude<StreamChannel, 'session.status' | 'app.heartbeat'>;

/**
 * The trading side of the core (electron/core/services): one handler per trading channel of the
 * contract, built over a broker adapter (the simulated exchange by default).
 */
export interface TradingServices {
  readonly requests: Pick<RequestHandlers, TradingRequestChannel>;
  readonly streams: Pick<StreamHandlers, TradingStreamChannel>;
}

export interface CoreOptions {
  /** Semantic version (package.json). */
  readonly version: string;
  readonly host: AppInfo['host'];
  readonly vault: CredentialVaultPort;
  readonly session: SessionState;
  readonly trading: TradingServices;
  /**
   * How this host shows desktop notifications (`app.notify`): the Electron shell's main-process
   * `Notification`; absent (the headless host) answers `{ shown: false }`.
   */
  readonly notifications?: DesktopNoticePort;
  /** Clock, epoch ms UTC; injectable for tests. */
  readonly now?: () => number;
}

/** Builds the request and stream handlers of the contract. */
export function createCoreHandlers(o: CoreOptions): { requests: RequestHandlers; streams: StreamHandlers } {
  const now = o.now ?? (() => Date.now());
  const notices = createDesktopNotices({ port: o.notifications ?? NO_DESKTOP_NOTICES });
  const requests: RequestHandlers = {
    'app.info': (_args, ctx) => ({
      version: o.version,
      host: o.host,
      transport: ctx.transport,
      node: process.versions.node,
      platform: process.platform,
    }),
    'app.ping': ({ nonce }) => ({ nonce, serverTimeMs: now() }),
    'app.notify': (notice) => notices.notify(notice),
    'session.status': () => o.session.get(),
    'vault.status': ({ broker }) => o.vault.status(broker),
    'vault.set': (args) => o.vault.set(args),
    'vault.clear': ({ broker }) => o.vault.clear(broker),
    ...o.trading.requests,
  };
  const streams: StreamHandlers = {
    'session.status': (_args, emit) => {
      emit(o.session.get());
      return o.session.subscribe(emit);
    },
    'app.heartbeat': ({ intervalMs }, emit) => {
      let seq = 0;
      emit({ seq: seq++, serverTimeMs: now() });
      const timer = setInterval(() => emit({ seq: seq++, serverTimeMs: now() }), intervalMs);
      return () => clearInterval(timer);
    },
    ...o.trading.streams,
  };
  return { requests, streams };
}
