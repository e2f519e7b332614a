/**
 * The one IPC contract: every request channel and every stream, with argument and payload types.
 *
 * Source: DESIGN.md, "The IPC contract". Both transports (Electron preload, loopback WebSocket)
 * carry the same envelopes (`wire.ts`) and implement the same `Bridge`, so the renderer cannot tell
 * them apart. Arguments entering the main process are validated by the zod schemas in
 * `electron/core/ipc/schemas.ts`, which are type-checked against the types here.
 *
 * Rule: no channel returns a token, secret or password. `contract.test.ts` checks every result
 * and payload type for secret-looking fields.
 */
import type { BridgeError, Result } from '../errors';

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
  /** Expiry, epoch milliseconds UTC, when the user knows it. */
  readonly expiresAtMs?: number | null;
  /** Store even when the OS backend is plain text (Linux `basic_text`). Default false. */
  readonly allowInsecureBackend?: boolean;
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

/** Request channels: name → [argument type, result type]. */
export interface RequestMap {
  'app.info': [Record<string, never>, AppInfo];
  'app.ping': [{ readonly nonce: number }, PingReply];
  'session.status': [Record<string, never>, SessionStatus];
  'vault.status': [{ readonly broker: Exclude<BrokerId, 'sim'> }, CredentialStatus];
  'vault.set': [VaultSetArgs, CredentialStatus];
  'vault.clear': [{ readonly broker: Exclude<BrokerId, 'sim'> }, CredentialStatus];
}

/** Streams: name → [subscription argument type, payload type]. */
export interface StreamMap {
  /** Emits the current session status at once, then on every change. */
  'session.status': [Record<string, never>, SessionStatus];
  /** Emits every `intervalMs` (250…60000). */
  'app.heartbeat': [{ readonly intervalMs: number }, Heartbeat];
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
  'session.status',
  'vault.status',
  'vault.set',
  'vault.clear',
] as const satisfies readonly RequestChannel[];

/** Every stream name, at run time. */
export const STREAM_CHANNELS = ['session.status', 'app.heartbeat'] as const satisfies readonly StreamChannel[];

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
