/**
 * Errors that cross process boundaries as data, never as thrown classes.
 *
 * Source: DESIGN.md, "The IPC contract" (`{ code, message, retryable, brokerCode? }`).
 * Broker adapters map their own codes (Dhan DH-901…DH-910 and 800…814, Kite exception names) to
 * these in their `errors.ts`, keeping the broker's code in `brokerCode` and its words in `message`.
 */

/** Broker-neutral error codes. */
export type ErrorCode =
  /** The request's arguments failed validation at the boundary. */
  | 'BAD_REQUEST'
  /** A frame that could not be parsed, or had no valid envelope. */
  | 'MALFORMED_FRAME'
  /** The channel or stream name is not in the contract. */
  | 'UNKNOWN_CHANNEL'
  /** Missing, wrong or expired credentials (Dhan DH-901, 807-810; Kite TokenException). */
  | 'UNAUTHENTICATED'
  /** The account lacks a permission or data subscription (Dhan DH-902, 806; Kite PermissionException). */
  | 'FORBIDDEN'
  /** Too many requests (Dhan DH-904, 805; HTTP 429). */
  | 'RATE_LIMITED'
  /** The broker refused the order or request on its merits (Dhan DH-905/906, Kite OrderException). */
  | 'REJECTED'
  /** Not found (unknown order id, security id, instrument). */
  | 'NOT_FOUND'
  /** Transport failure before the broker answered. */
  | 'NETWORK'
  /** No answer in time. For an order-changing request the outcome is UNKNOWN, never retried. */
  | 'TIMEOUT'
  /** An order-changing request whose fate is not known; reconcile by correlation id / tag. */
  | 'UNKNOWN_OUTCOME'
  /** The credential vault refuses to store secrets on this OS backend (Linux basic_text). */
  | 'VAULT_INSECURE'
  /** The risk gate stopped an order before any network call. */
  | 'RISK_BLOCKED'
  /** The broker or the app failed internally (Dhan DH-908/909/910, 5xx). */
  | 'INTERNAL';

/** An error as it crosses the bridge. `message` is for the user, in our words and the broker's. */
export interface BridgeError {
  readonly code: ErrorCode;
  readonly message: string;
  /** True when the same request may succeed if sent again later (never true for order changes). */
  readonly retryable: boolean;
  /** The broker's own code, such as `DH-905` or `807` or `InputException`. */
  readonly brokerCode?: string;
}

/** A result that carries either a value or an error as data. */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: BridgeError };

/** Builds a `BridgeError`. */
export function bridgeError(
  code: ErrorCode,
  message: string,
  retryable = false,
  brokerCode?: string,
): BridgeError {
  return brokerCode === undefined ? { code, message, retryable } : { code, message, retryable, brokerCode };
}

/** Thrown inside the main process by handlers that want a specific code to cross the bridge. */
export class BridgeFault extends Error {
  readonly error: BridgeError;
  constructor(error: BridgeError) {
    super(error.message);
    this.name = 'BridgeFault';
    this.error = error;
  }
}
