/**
 * The trading side of the core: one handler per trading channel of the IPC contract
 * (`TradingServices`, electron/core/app-core.ts), over the session's broker adapter. Both hosts
 * build it with `createTradingServices` and pass it to `createCoreHandlers`.
 *
 * Composition: SessionManager (sim by default, Dhan with the vault's credential) → MarketData
 * (quotes/depth/feed status), OrderService (risk gate, place/modify/cancel, events,
 * reconciliation), PortfolioService (positions, funds, snapshot after fills), PortfolioActions
 * (convert a position, exit all; sent once), HistoryService, OptionChainService (option chains
 * shared between panels at the broker's 1 request per 3 s),
 * InstrumentCatalog (master + search index in a worker thread), SettingsStore and PrefsStore
 * (JSON files in the data directory), TaskBoard (long tasks' progress).
 *
 * Source: issue 5 ("Workstation v1"), issue 4 ("the app's default session is simply the Dhan
 * adapter pointed at 127.0.0.1"); DESIGN.md "Data flow", "Money rules".
 */
import { join } from 'node:path';
import { BridgeFault, bridgeError } from '../../../shared/errors';
import { istDateOf } from '../../../shared/instruments';
import type { SessionState, TradingServices } from '../app-core';
import { PrefsStore } from '../prefs-store';
import { redactText } from '../redact';
import { capabilitiesOf } from './capabilities';
import type { DhanEndpoints } from './dhan-session';
import { HistoryService } from './history-service';
import { InstrumentCatalog } from './instrument-catalog';
import type { MasterSource } from './instrument-worker-protocol';
import { MarketData } from './market-data';
import { OptionChainService } from './option-chain-service';
import { OrderService } from './order-service';
import { PortfolioActions } from './portfolio-actions';
import { PortfolioService } from './portfolio-service';
import { SessionManager, type ActiveSession, type LiveCredential, type SimSessionOptions } from './session-manager';
import { SettingsStore } from './settings-store';
import { TaskBoard } from './task-board';

/** Options of {@link createTradingServices}. */
export interface TradingServicesOptions {
  /** Where settings, prefs and the master cache live (`dataDir()`, or the headless host's own). */
  readonly dataDir: string;
  /** The session status shared with `createCoreHandlers` (status bar, `session.status`). */
  readonly session: SessionState;
  /** The built-in simulated exchange (the default session). */
  readonly sim?: SimSessionOptions;
  /** Reads a stored live credential (main process only), e.g. `(b) => vault.read(b)`. */
  readonly readCredential?: (broker: 'dhan') => Promise<LiveCredential | null>;
  /** Dhan endpoints for LIVE mode (default production). */
  readonly liveEndpoints?: DhanEndpoints;
  /** `fetch` for the REST client (tests count requests). */
  readonly fetch?: typeof fetch;
  /** Worker entries for a bundled build (default: the `.ts` entries under tsx). */
  readonly feedWorkerUrl?: URL | string;
  readonly instrumentWorkerUrl?: URL | string;
  /** Start the default (sim) session at once; default true. */
  readonly autoStart?: boolean;
  /** One redacted line per notable event. */
  readonly log?: (line: string) => void;
  readonly now?: () => number;
}

/** The services plus their life cycle and parts (tests, hosts). */
export interface TradingServicesHandle extends TradingServices {
  /** Resolves when the first session has started and its instruments are loaded (or failed to). */
  readonly ready: Promise<void>;
  readonly sessions: SessionManager;
  readonly market: MarketData;
  readonly orders: OrderService;
  readonly catalog: InstrumentCatalog;
  readonly settings: SettingsStore;
  readonly prefs: PrefsStore;
  readonly tasks: TaskBoard;
  /** Stops the session (sim, sockets, feed worker), the instrument worker and every timer. */
  close(): Promise<void>;
}

/** Interval of `feed.status`, ms. */
export const FEED_STATUS_INTERVAL_MS = 1000;

/** Builds the services; starts the simulated exchange unless `autoStart: false`. */
export function createTradingServices(o: TradingServicesOptions): TradingServicesHandle {
  const log = (line: string) => o.log?.(redactText(line));
  const now = o.now ?? (() => Date.now());
  const tasks = new TaskBoard();
  const settings = new SettingsStore(o.dataDir, log);
  const prefs = new PrefsStore(o.dataDir, log);
  const catalog = InstrumentCatalog.start({ tasks, log, ...(o.instrumentWorkerUrl !== undefined ? { workerUrl: o.instrumentWorkerUrl } : {}) });
  const sessions = new SessionManager({
    state: o.session,
    log,
    now,
    onTask: (t) => tasks.report(t),
    ...(o.sim !== undefined ? { sim: o.sim } : {}),
    ...(o.readCredential !== undefined ? { readCredential: o.readCredential } : {}),
    ...(o.liveEndpoints !== undefined ? { liveEndpoints: o.liveEndpoints } : {}),
    ...(o.fetch !== undefined ? { fetch: o.fetch } : {}),
    ...(o.feedWorkerUrl !== undefined ? { feedWorkerUrl: o.feedWorkerUrl } : {}),
  });
  const market = new MarketData({ now });
  const portfolio = new PortfolioService({ sessions, market, now, log });
  const orders = new OrderService({ sessions, catalog, market, settings, now, log, onFill: () => portfolio.changed() });
  const history = new HistoryService({ sessions, catalog, tasks, now });
  const optionChains = new OptionChainService({
    source: () => {
      const s = sessions.current;
      return s === null ? null : { api: s.adapter.rest.market, session: s };
    },
    catalog,
    noteError: (e) => sessions.noteError(e),
    now,
  });
  const positionActions = new PortfolioActions({
    broker: () => sessions.current?.adapter.rest.portfolio ?? null,
    killSwitch: () => settings.get().risk.killSwitch,
    afterChange: (action) => {
      portfolio.changed();
      // Exit all cancels and places orders on the broker's side: read the order book again.
      if (action === 'exitAll') void orders.reconcile();
    },
    log,
  });

  let instrumentsLoaded: Promise<unknown> = Promise.resolve();
  const masterSource = (s: ActiveSession): MasterSource => {
    if (s.mode === 'SIM') {
      return o.sim?.instrumentsFile !== undefined ? { kind: 'file', path: o.sim.instrumentsFile } : { kind: 'url', url: s.endpoints.masterUrl };
    }
    return { kind: 'url', url: s.endpoints.masterUrl, cacheFile: join(o.dataDir, 'instruments', `dhan-compact-${istDateOf(now())}.csv`) };
  };
  sessions.listen({
    onSession(s) {
      market.attach(s?.adapter ?? null);
      orders.reset();
      if (s === null) return;
      portfolio.changed();
      instrumentsLoaded = catalog
        .load(masterSource(s), s.mode === 'SIM' ? 'Loading the simulated exchange\'s instruments' : 'Loading the Dhan instrument master')
        .catch((e: unknown) => log(`instruments: load failed: ${e instanceof Error ? e.message : String(e)}`));
    },
    onOrderEvent: (e) => orders.onStreamEvent(e),
    onOrderSocketOpen: () => void orders.reconcile(),
  });

  const ready =
    o.autoStart === false
      ? Promise.resolve()
      : sessions
          .start()
          .then(() => instrumentsLoaded)
          .then(
            () => undefined,
            (e: unknown) => log(`session: start failed: ${e instanceof Error ? e.message : String(e)}`),
          );

  const broker = () => o.session.get().broker;
  let closing: Promise<void> | null = null;

  return {
    ready,
    sessions,
    market,
    orders,
    catalog,
    settings,
    prefs,
    tasks,
    requests: {
      'session.connect': ({ broker: b }) => sessions.connect(b),
      'broker.capabilities': () => capabilitiesOf(broker()),
      'instruments.search': (args) => catalog.search(args),
      'instruments.get': ({ keys }) => catalog.get(keys),
      'market.history': (args) => history.history(args),
      'orders.place': (req) => orders.place(req),
      'orders.modify': (req) => orders.modify(req),
      'orders.cancel': ({ orderId }) => orders.cancel(orderId),
      'orders.list': () => orders.list(),
      'trades.list': () => orders.trades(),
      'portfolio.positions': () => portfolio.positions(),
      'portfolio.holdings': () => portfolio.holdings(),
      'funds.get': () => portfolio.funds(),
      'portfolio.convert': (req) => positionActions.convert(req),
      'portfolio.exitAll': () => positionActions.exitAll(),
      'margin.calculate': (req) => portfolio.margin(req),
      'options.expiries': ({ key }) => optionChains.expiries(key),
      'options.chain': ({ underlying, expiry }) => optionChains.chain(underlying, expiry),
      'settings.get': () => settings.get(),
      'settings.set': (next) => {
        try {
          return settings.set(next);
        } catch (e) {
          throw new BridgeFault(bridgeError(e instanceof RangeError ? 'BAD_REQUEST' : 'INTERNAL', `Settings not saved: ${e instanceof Error ? e.message : String(e)}`));
        }
      },
      'prefs.get': ({ key }) => prefs.get(key),
      'prefs.set': ({ key, value }) => {
        try {
          prefs.set(key, value);
        } catch (e) {
          throw new BridgeFault(bridgeError(e instanceof RangeError ? 'BAD_REQUEST' : 'INTERNAL', `Preference not saved: ${e instanceof Error ? e.message : String(e)}`));
        }
        return null;
      },
    },
    streams: {
      'market.quotes': ({ keys }, emit) => market.subscribeQuotes(keys, emit),
      'market.depth': ({ key, levels }, emit) => market.subscribeDepth(key, levels, emit),
      'orders.events': (_args, emit) => orders.subscribe(emit),
      'portfolio.snapshot': (_args, emit) => portfolio.subscribe(emit),
      'feed.status': (_args, emit) => {
        emit(market.feedStatus());
        const timer = setInterval(() => emit(market.feedStatus()), FEED_STATUS_INTERVAL_MS);
        return () => clearInterval(timer);
      },
      'tasks.progress': (_args, emit) => tasks.subscribe(emit),
    },
    close() {
      closing ??= (async () => {
        await ready.catch(() => undefined);
        market.close();
        orders.close();
        portfolio.close();
        await sessions.close();
        await catalog.close();
      })();
      return closing;
    },
  };
}
