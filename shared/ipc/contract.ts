/**
 * The one IPC contract: every request channel and every stream, with argument and payload types.
 *
 * Source: DESIGN.md, "The IPC contract". Both transports (Electron preload, loopback WebSocket)
 * carry the same envelopes (`wire.ts`) and implement the same `Bridge`, so the renderer cannot tell
 * them apart. Arguments entering the main process are validated by the zod schemas in
 * `electron/core/ipc/schemas.ts`, which are type-checked against the types here.
 *
 * Rule: no channel returns a token, secret or password. `electron/core/vault-secrecy.test.ts`
 * calls every request channel and opens every stream over the real bridge server with secrets in
 * the vault, and checks that no reply or payload carries one.
 */
import type { BridgeError, Result } from '../errors';
import type { ExchangeSegment, Instrument, InstrumentKey, InstrumentType } from '../instruments';
import type { Candle, CandleInterval, DepthLevel, OptionChainLeg } from '../market';
import type { ModifyOrderRequest, Order, OrderEvent, OrderOutcome, OrderType, PlaceOrderRequest, ProductType, Trade, Validity } from '../orders';
import type { ConvertPositionRequest, Funds, Holding, MarginRequirement, Position } from '../portfolio';
import type { RiskFinding, RiskLimits } from '../risk/types';

/** Broker adapters the app knows. `sim` is the built-in simulated exchange (it speaks Dhan's wire). */
export type BrokerId = 'dhan' | 'kite' | 'sim';

/** How the renderer is connected to the core. */
export type TransportName = 'electron-ipc' | 'websocket';

/** SIM (simulated exchange, no real money) or LIVE (a real broker account). */
export type TradingMode = 'SIM' | 'LIVE';

/** Answer of `app.info`. */
export interface AppInfo {
  /** Semantic version from package.json. */
  readonly version: string;
  /** Which host runs the core: the Electron main process or the headless Node host. */
  readonly host: 'electron' | 'headless';
  /** The transport that carried this answer, filled in by the transport itself on the main side. */
  readonly transport: TransportName;
  /** Node.js version of the core process, e.g. `20.20.2`. */
  readonly node: string;
  /** `process.platform` of the core. */
  readonly platform: string;
}

/** Answer of `app.ping`: the core's wall clock. */
export interface PingReply {
  /** Core time, epoch milliseconds UTC. */
  readonly serverTimeMs: number;
  /** The `nonce` the caller sent, echoed. */
  readonly nonce: number;
}

/** Whether a credential is stored, and when it expires. Never the credential itself. */
export interface CredentialStatus {
  readonly broker: BrokerId;
  readonly present: boolean;
  /** Expiry, epoch milliseconds UTC, when known (Dhan tokens carry one; Kite's end at 06:00 IST). */
  readonly expiresAtMs: number | null;
  /** The OS secret-store backend (`gnome_libsecret`, `kwallet5`, `basic_text`, `keychain`, `dpapi`…). */
  readonly backend: string;
  /** True when the backend is not a real secret store (Linux `basic_text`). */
  readonly insecureBackend: boolean;
}

/** Arguments of `vault.set`: the only way secrets enter the core from the renderer (write-only). */
export interface VaultSetArgs {
  readonly broker: Exclude<BrokerId, 'sim'>;
  /** Dhan client id, or Kite API key. Not secret on its own. */
  readonly clientId: string;
  /** Dhan access token, or Kite API secret. Write-only: no channel ever returns it. */
  readonly secret: string;
  /**
   * Expiry, epoch milliseconds UTC, when the user knows it. Absent for Dhan: the core reads the
   * access token's own expiry (the JWT `exp` claim); it stays unknown for a token without one.
   */
  readonly expiresAtMs?: number | null;
  /** Store even when the OS backend is plain text (Linux `basic_text`). Default false. */
  readonly allowInsecureBackend?: boolean;
}

/** Colour and weight of a notice: `good` a fill, `bad` a rejection (the renderer's toast tones). */
export type NoticeTone = 'info' | 'good' | 'warn' | 'bad';

/**
 * Arguments of `app.notify`: one fill or rejection notice for a desktop (OS) notification. Plain
 * text only (no HTML tags or entities), at most `DESKTOP_NOTICE_LIMITS` characters.
 */
export interface DesktopNotice {
  /** `Order filled`, `Order rejected`. One line. */
  readonly title: string;
  /** `BUY 1 RELIANCE @ ₹1,234.50 · order 5123`, or the broker's rejection reason. */
  readonly body: string;
  readonly tone: NoticeTone;
}

/** Longest `DesktopNotice` title and body, characters (the renderer cuts longer text to fit). */
export const DESKTOP_NOTICE_LIMITS = { title: 100, body: 300 } as const;

/**
 * Answer of `app.notify`. `shown` is true when the host shows it as a desktop notification (now, or
 * folded into a summary within about a second); false when this host has none to show (headless
 * host, unsupported OS, the app's window has the focus): the caller then shows it itself.
 */
export interface DesktopNoticeReply {
  readonly shown: boolean;
}

/** Session state shown in the status bar. */
export interface SessionStatus {
  readonly broker: BrokerId;
  readonly mode: TradingMode;
  readonly state: 'disconnected' | 'connecting' | 'connected' | 'expired' | 'error';
  /** Human-readable detail for the status bar, e.g. why the session expired. */
  readonly detail: string;
  /** Token expiry, epoch ms UTC, when known. */
  readonly tokenExpiresAtMs: number | null;
}

/** A heartbeat from the core, used to show bridge health (age of the last message). */
export interface Heartbeat {
  readonly seq: number;
  /** Core time, epoch milliseconds UTC. */
  readonly serverTimeMs: number;
}

/** What the connected broker can do. The UI reads this; it never branches on the broker's name. */
export interface BrokerCapabilities {
  readonly broker: BrokerId;
  /** Depth ladders offered: Dhan 5/20/200, Kite 5. */
  readonly depthLevels: readonly DepthLevels[];
  readonly products: readonly ProductType[];
  readonly orderTypes: readonly OrderType[];
  readonly validities: readonly Validity[];
  /** After-market orders accepted. */
  readonly amo: boolean;
  /** Order updates are pushed (a socket), not only polled. */
  readonly streamingOrderUpdates: boolean;
  /** Largest number of instruments one market-feed socket takes. */
  readonly instrumentsPerSocket: number;
}

/** Depth ladder sizes. */
export type DepthLevels = 5 | 20 | 200;

/**
 * One instrument's latest market state, as a conflated stream sends it (at most once per display
 * frame per instrument). Prices in rupees (snapped), quantities in units, times epoch ms UTC.
 */
export interface QuoteTick {
  readonly key: InstrumentKey;
  readonly ltp: number;
  /** Last traded quantity, units. */
  readonly ltq: number;
  /** Last trade time, epoch ms UTC (null before the first trade). */
  readonly lttMs: number | null;
  /** Average traded price of the day, rupees. */
  readonly atp: number;
  /** Day volume, units. */
  readonly volume: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  /** Previous session's close, rupees (the base of change and % change). */
  readonly prevClose: number;
  /** Open interest, contracts (0 for cash). */
  readonly oi: number;
  /** Best bid and ask, rupees (0 when the side is empty), and their quantities, units. */
  readonly bidPrice: number;
  readonly bidQty: number;
  readonly askPrice: number;
  readonly askQty: number;
  readonly totalBuyQty: number;
  readonly totalSellQty: number;
  /** When the core received the last update for this instrument, epoch ms UTC (quote age). */
  readonly receivedAtMs: number;
}

/** A conflated batch of ticks for one `market.quotes` subscription. */
export interface QuoteBatch {
  /** Core time when the batch was cut, epoch ms UTC. */
  readonly atMs: number;
  readonly ticks: readonly QuoteTick[];
}

/** A depth ladder snapshot for one instrument (20/200 from the depth sockets; 5 from the full packet). */
export interface DepthSnapshot {
  readonly key: InstrumentKey;
  readonly levels: DepthLevels;
  /** Best first, at most `levels` rows each. */
  readonly bids: readonly DepthLevel[];
  readonly asks: readonly DepthLevel[];
  /** LTP, rupees, 0 when unknown. */
  readonly ltp: number;
  readonly atMs: number;
}

/** Health of one socket of the session, for the status bar. */
export interface SocketStatus {
  readonly id: string;
  readonly kind: 'feed' | 'depth20' | 'depth200' | 'orders';
  readonly state: 'connecting' | 'open' | 'reconnecting' | 'stale' | 'closed' | 'expired';
  /** Instruments subscribed on it. */
  readonly instruments: number;
  /** Why it is in that state (a disconnect reason, an error), or ''. Never a token or URL. */
  readonly detail: string;
  /**
   * The last disconnect the server announced on this socket (kept after it reopens, so the user
   * can still read why it dropped), absent when none. Market-data sockets only.
   */
  readonly lastDisconnect?: SocketDisconnect;
}

/**
 * A server's disconnect of a socket, with its reason: Dhan's feed disconnect packet (code 50) and
 * its reason 805…814 (seeds/002, Annexure "Data API Error"), or an HTTP 401/403 refusal of the
 * WebSocket handshake.
 */
export interface SocketDisconnect {
  /** 805 (too many connections), 806 (data APIs not subscribed), 807-810 (token/client id), or 401/403. */
  readonly code: number;
  /** The broker's words for it (`Data APIs not subscribed`). */
  readonly meaning: string;
  /** When it arrived, epoch ms UTC. Two disconnects with the same code differ by this. */
  readonly atMs: number;
  /**
   * True when the socket stopped for good because of it (credentials refused, or no data
   * subscription): it stays down until new credentials; false when it reconnects by itself.
   */
  readonly final: boolean;
}

/** Feed and order-socket health, pushed about once a second. */
export interface FeedStatus {
  readonly sockets: readonly SocketStatus[];
  /** Market-data messages per second over the last second. */
  readonly messagesPerSecond: number;
  /** Time of the last market-data message, epoch ms UTC, or null. */
  readonly lastMessageAtMs: number | null;
  /** Frames that could not be decoded, counted since start. */
  readonly malformedFrames: number;
}

/** A long task's progress (master download and indexing, history loading). */
export interface TaskProgress {
  readonly id: string;
  /** For the user: `Loading instrument master`. */
  readonly label: string;
  readonly state: 'running' | 'done' | 'failed';
  /** Units of work done, and the total when known. */
  readonly done: number;
  readonly total: number | null;
  readonly detail: string;
}

/** Arguments of `instruments.search`. */
export interface InstrumentSearchArgs {
  /** What the user typed, e.g. `NIFTY 24500 CE`, `reliance`. */
  readonly query: string;
  /** Only these segments (all when absent or empty). */
  readonly segments?: readonly ExchangeSegment[];
  /** Only these instrument types (all when absent or empty). */
  readonly types?: readonly InstrumentType[];
  /** At most this many hits (1…100, default 50). */
  readonly limit?: number;
}

/** Answer of `instruments.search`: best first. */
export interface InstrumentSearchReply {
  readonly hits: readonly Instrument[];
  /** Instruments in the loaded master (0 while it loads). */
  readonly universe: number;
}

/** Answer of `market.history`: candles oldest first. */
export interface HistoryReply {
  readonly key: InstrumentKey;
  readonly interval: CandleInterval;
  readonly candles: readonly Candle[];
  /** True when older candles exist before the first one returned. */
  readonly hasMore: boolean;
}

/** Answer of `orders.place`: what the risk gate found and what each sent slice came to. */
export interface PlaceOrderReply {
  /** Risk-gate findings: blocking ones mean nothing was sent. */
  readonly findings: readonly RiskFinding[];
  /** One outcome per slice sent (several above the freeze quantity); empty when refused. */
  readonly outcomes: readonly OrderOutcome[];
}

/**
 * Answer of `options.expiries`: the underlying an instrument's options are written on (the
 * instrument itself for an index or a stock; NIFTY 50 for a NIFTY option or future) and its active
 * option expiries, `YYYY-MM-DD` ascending (seeds/002 "Option Chain", `POST /optionchain/expirylist`).
 */
export interface OptionExpiriesReply {
  /** The underlying's key (`IDX_I:13`): the `underlying` argument of `options.chain`. */
  readonly underlying: InstrumentKey;
  /** The underlying's display name (`Nifty 50`). */
  readonly underlyingName: string;
  /** Its trading symbol (`NIFTY`). */
  readonly underlyingSymbol: string;
  /** Active expiries, IST calendar dates `YYYY-MM-DD`, nearest first. */
  readonly expiries: readonly string[];
}

/**
 * One side (call or put) of a strike in `options.chain`: the broker's snapshot of the leg (prices
 * rupees, quantities units, IV percent, theta rupees per day, vega rupees per volatility point) and
 * the option's instrument key, so the panel can stream its LTP/bid/ask/OI and trade it.
 */
export interface OptionChainQuoteLeg extends OptionChainLeg {
  /** `NSE_FNO:42528`; null when the broker sent no security id or the master does not list it. */
  readonly key: InstrumentKey | null;
}

/** One strike of `options.chain`: calls on the left, puts on the right. */
export interface OptionChainQuoteRow {
  /** Strike, rupees. */
  readonly strike: number;
  readonly call: OptionChainQuoteLeg | null;
  readonly put: OptionChainQuoteLeg | null;
}

/**
 * Answer of `options.chain`: one expiry's chain, strikes ascending, as the broker served it at
 * `atMs` (Dhan allows one option-chain request per 3 s: the core shares one snapshot between every
 * panel asking within that time). Greeks and IV are refreshed with each snapshot; LTP, bid, ask
 * and OI stream live through `market.quotes` on the legs' keys.
 */
export interface OptionChainReply {
  readonly underlying: InstrumentKey;
  readonly underlyingName: string;
  readonly expiry: string;
  /** Underlying LTP when the snapshot was taken, rupees. */
  readonly spot: number;
  /** Lot size of the options, units (null when the master lists none of the legs). */
  readonly lotSize: number | null;
  /** Tick size of the options, rupees (null when unknown). */
  readonly tickSize: number | null;
  /** When the core received this snapshot from the broker, epoch ms UTC. */
  readonly atMs: number;
  readonly rows: readonly OptionChainQuoteRow[];
}

/** Portfolio state pushed after fills and on request. */
export interface PortfolioSnapshot {
  readonly positions: readonly Position[];
  readonly funds: Funds | null;
  readonly atMs: number;
}

/**
 * Outcome of a position change that is not an order (`portfolio.convert`, `portfolio.exitAll`).
 * Like `OrderOutcome`: `accepted` means the broker acknowledged the request (the new positions
 * arrive on `portfolio.snapshot`); `rejected` carries the broker's words and ours, nothing changed;
 * `unknown` (timeout, network error, 5xx, unreadable answer) was NOT sent again: check positions
 * and orders before doing anything else.
 */
export type PositionActionOutcome =
  | { readonly kind: 'accepted'; readonly message: string }
  | { readonly kind: 'rejected'; readonly error: BridgeError }
  | { readonly kind: 'unknown'; readonly error: BridgeError };

/** User settings kept by the core (the risk gate reads them before every order). */
export interface WorkstationSettings {
  readonly risk: RiskLimits;
  /** Ask before sending an order (can be turned off). */
  readonly confirmOrders: boolean;
  readonly theme: 'dark' | 'light';
}

/** Keys of the renderer's saved preferences (layout, watchlists...): lower-case dotted names. */
export type PrefKey = string;

/** Request channels: name → [argument type, result type]. */
export interface RequestMap {
  'app.info': [Record<string, never>, AppInfo];
  'app.ping': [{ readonly nonce: number }, PingReply];
  /**
   * A fill or rejection as a desktop notification from the host (Electron's main-process
   * `Notification`; the renderer's own permission stays denied). Bursts are folded into one
   * summary and the rate is capped (electron/core/desktop-notices.ts).
   */
  'app.notify': [DesktopNotice, DesktopNoticeReply];
  'session.status': [Record<string, never>, SessionStatus];
  'vault.status': [{ readonly broker: Exclude<BrokerId, 'sim'> }, CredentialStatus];
  'vault.set': [VaultSetArgs, CredentialStatus];
  'vault.clear': [{ readonly broker: Exclude<BrokerId, 'sim'> }, CredentialStatus];
  /** Switch the session to a broker (`dhan` uses the stored credential; `sim` the built-in exchange). */
  'session.connect': [{ readonly broker: BrokerId }, SessionStatus];
  'broker.capabilities': [Record<string, never>, BrokerCapabilities];
  'instruments.search': [InstrumentSearchArgs, InstrumentSearchReply];
  /** Instruments by key (at most 500), `null` for unknown keys, in the order asked. */
  'instruments.get': [{ readonly keys: readonly InstrumentKey[] }, readonly (Instrument | null)[]];
  /**
   * Candles ending before `toSec` (epoch s UTC; now when absent), at most `count` (1…5000,
   * default 2000), oldest first. Scrolling back asks again with the first candle's time.
   */
  'market.history': [{ readonly key: InstrumentKey; readonly interval: CandleInterval; readonly toSec?: number; readonly count?: number }, HistoryReply];
  /** Runs the risk gate, then sends (sliced at the freeze quantity) with fresh correlation ids. */
  'orders.place': [PlaceOrderRequest, PlaceOrderReply];
  'orders.modify': [ModifyOrderRequest, OrderOutcome];
  'orders.cancel': [{ readonly orderId: string }, OrderOutcome];
  'orders.list': [Record<string, never>, readonly Order[]];
  'trades.list': [Record<string, never>, readonly Trade[]];
  'portfolio.positions': [Record<string, never>, readonly Position[]];
  'portfolio.holdings': [Record<string, never>, readonly Holding[]];
  'funds.get': [Record<string, never>, Funds];
  /**
   * Converts open quantity (units) of a position to another product (INTRADAY ↔ CNC for equity,
   * INTRADAY ↔ MARGIN for F&O; seeds/002 "Convert Position"). Sent once, never retried; refused by
   * the kill switch before any network call.
   */
  'portfolio.convert': [ConvertPositionRequest, PositionActionOutcome];
  /**
   * Exit all (seeds/002 "Exit All Positions", `DELETE /positions`): the broker squares off EVERY open
   * position and cancels EVERY open order of the day. Sent once, never retried; a second call while
   * one is in flight is refused without a request.
   */
  'portfolio.exitAll': [Record<string, never>, PositionActionOutcome];
  /** Margin the order needs, from the broker's margin calculator. */
  'margin.calculate': [PlaceOrderRequest, MarginRequirement];
  /**
   * The underlying of `key` (itself for an index or stock) and its active option expiries
   * (seeds/002 "Option Chain", expiry list). NOT_FOUND when the master does not list the key or its
   * underlying; the broker's error otherwise.
   */
  'options.expiries': [{ readonly key: InstrumentKey }, OptionExpiriesReply];
  /**
   * The option chain of `underlying` (a key from `options.expiries`) for `expiry` (`YYYY-MM-DD`),
   * through the option-chain rate limit (1 request per 3 s): asks within 3 s of the last snapshot
   * share it, concurrent asks share one request.
   */
  'options.chain': [{ readonly underlying: InstrumentKey; readonly expiry: string }, OptionChainReply];
  'settings.get': [Record<string, never>, WorkstationSettings];
  /** Replaces the settings (validated); answers the stored result. */
  'settings.set': [WorkstationSettings, WorkstationSettings];
  /** A saved preference (layout, watchlists...), `null` when never saved. JSON values, <= 256 KiB. */
  'prefs.get': [{ readonly key: PrefKey }, unknown];
  'prefs.set': [{ readonly key: PrefKey; readonly value: unknown }, null];
}

/** Streams: name → [subscription argument type, payload type]. */
export interface StreamMap {
  /** Emits the current session status at once, then on every change. */
  'session.status': [Record<string, never>, SessionStatus];
  /** Emits every `intervalMs` (250…60000). */
  'app.heartbeat': [{ readonly intervalMs: number }, Heartbeat];
  /** Conflated quotes of these instruments (at most 1000 keys), at most one batch per display frame. */
  'market.quotes': [{ readonly keys: readonly InstrumentKey[] }, QuoteBatch];
  /** Depth ladder of one instrument, conflated per display frame. */
  'market.depth': [{ readonly key: InstrumentKey; readonly levels: DepthLevels }, DepthSnapshot];
  /** Every order event (updates from the order socket and REST reconciliation, unknown outcomes). */
  'orders.events': [Record<string, never>, OrderEvent];
  /** Positions and funds, at once and after every fill or position change. */
  'portfolio.snapshot': [Record<string, never>, PortfolioSnapshot];
  /** Sockets' health, about once a second. */
  'feed.status': [Record<string, never>, FeedStatus];
  /** Long tasks' progress, each task's latest state on subscribe then every change. */
  'tasks.progress': [Record<string, never>, TaskProgress];
}

export type RequestChannel = keyof RequestMap;
export type StreamChannel = keyof StreamMap;
export type RequestArgs<C extends RequestChannel> = RequestMap[C][0];
export type RequestResult<C extends RequestChannel> = RequestMap[C][1];
export type StreamArgs<S extends StreamChannel> = StreamMap[S][0];
export type StreamPayload<S extends StreamChannel> = StreamMap[S][1];

/** Every request channel name, at run time (kept equal to `RequestMap`'s keys by the type below). */
export const REQUEST_CHANNELS = [
  'app.info',
  'app.ping',
  'app.notify',
  'session.status',
  'vault.status',
  'vault.set',
  'vault.clear',
  'session.connect',
  'broker.capabilities',
  'instruments.search',
  'instruments.get',
  'market.history',
  'orders.place',
  'orders.modify',
  'orders.cancel',
  'orders.list',
  'trades.list',
  'portfolio.positions',
  'portfolio.holdings',
  'funds.get',
  'portfolio.convert',
  'portfolio.exitAll',
  'margin.calculate',
  'options.expiries',
  'options.chain',
  'settings.get',
  'settings.set',
  'prefs.get',
  'prefs.set',
] as const satisfies readonly RequestChannel[];

/** Every stream name, at run time. */
export const STREAM_CHANNELS = [
  'session.status',
  'app.heartbeat',
  'market.quotes',
  'market.depth',
  'orders.events',
  'portfolio.snapshot',
  'feed.status',
  'tasks.progress',
] as const satisfies readonly StreamChannel[];

// Compile-time proof that the run-time lists hold every key (a missing key fails `tsc -b`).
type Missing<All, Listed> = Exclude<All, Listed>;
const _allRequests: Missing<RequestChannel, (typeof REQUEST_CHANNELS)[number]> extends never ? true : never = true;
const _allStreams: Missing<StreamChannel, (typeof STREAM_CHANNELS)[number]> extends never ? true : never = true;
void _allRequests;
void _allStreams;

/** Call this to stop a subscription. Calling it twice is harmless. */
export type Disposer = () => void;

/**
 * What the renderer talks to. Implemented once (`shared/ipc/client.ts`) over any `BridgePort`, so
 * the Electron preload and the loopback WebSocket behave identically.
 */
export interface Bridge {
  /** Name of the transport underneath, for the status bar and tests. */
  readonly transport: TransportName;
  /** Sends a request; resolves with the value or the error as data (never rejects). */
  invoke<C extends RequestChannel>(channel: C, args: RequestArgs<C>): Promise<Result<RequestResult<C>>>;
  /**
   * Opens a stream. `onEvent` gets each payload; `onError` gets a refusal or the stream's end by
   * error (then no more events come). Returns the disposer that unsubscribes.
   */
  subscribe<S extends StreamChannel>(
    stream: S,
    args: StreamArgs<S>,
    onEvent: (payload: StreamPayload<S>) => void,
    onError?: (error: BridgeError) => void,
  ): Disposer;
  /** Connection state of the transport itself. */
  readonly connection: ConnectionState;
  /** Called on every change of `connection`. Returns a disposer. */
  onConnectionChange(listener: (state: ConnectionState) => void): Disposer;
}

/** State of the renderer's link to the core. */
export type ConnectionState = 'connecting' | 'open' | 'closed';
