/**
 * DhanHQ v2 error codes mapped to the shared `ErrorCode`s, in one table.
 *
 * Source: seeds/002 (DhanHQ v2 reference), Annexure, "Trading API Error" (DH-901…DH-910) and
 * "Data API Error" (800…814); seeds/000, "Errors" (envelope `{ errorType, errorCode, errorMessage }`).
 * Recorded bodies in fixtures/dhan/rest/error.*.json show two real quirks handled here:
 * - the data-API error arrives as `{ errorCode: 806, errorMessage }` (a number, no `errorType`) and
 *   with HTTP 200, so callers must look at the body, not only the status;
 * - an expired/invalid token on `/charts/historical` came back as `DH-906` ("Order Error") with the
 *   message "Invalid Token": that is an authentication failure, not an order rejection.
 *
 * `retryable` is true only where sending the same request again is safe and may succeed later
 * (a read hitting a transient broker fault). It is never true for an order-changing request.
 */

import { bridgeError, type BridgeError, type ErrorCode } from '../../../shared/errors';

/** One row of the error table. */
export interface DhanErrorInfo {
  /** The broker's code as it appears on the wire: `DH-905`, or `806` for data-API errors. */
  readonly code: string;
  /** The annexure's type / short name (`Input Exception`), or its description for data errors. */
  readonly type: string;
  /** The annexure's meaning, verbatim. */
  readonly meaning: string;
  /** Our own words for the user, put in front of the broker's message. */
  readonly ours: string;
  /** The shared code this maps to. */
  readonly shared: ErrorCode;
  /** True when a read (never an order change) may be sent again later. */
  readonly retryableRead: boolean;
  /** True when the session's credentials are bad or expired: stop reconnecting, ask to log in. */
  readonly authFailure: boolean;
}

function row(
  code: string,
  type: string,
  meaning: string,
  ours: string,
  shared: ErrorCode,
  retryableRead: boolean,
  authFailure = false,
): DhanErrorInfo {
  return { code, type, meaning, ours, shared, retryableRead, authFailure };
}

/** Trading-API errors DH-901…DH-910 (seeds/002, Annexure, "Trading API Error"). */
export const DHAN_TRADING_ERRORS: Readonly<Record<string, DhanErrorInfo>> = {
  'DH-901': row('DH-901', 'Invalid Authentication', 'Client ID or user generated access token is invalid or expired.',
    'Dhan session is not valid; log in again', 'UNAUTHENTICATED', false, true),
  'DH-902': row('DH-902', 'Invalid Access', 'User has not subscribed to Data APIs or does not have access to Trading APIs. Kindly subscribe to Data APIs to be able to fetch Data.',
    'This Dhan account has no access to this API', 'FORBIDDEN', false),
  'DH-903': row('DH-903', 'User Account', "Errors related to User's Account. Check if the required segments are activated or other requirements are met.",
    'Dhan refused the request because of an account setting (segment not activated?)', 'FORBIDDEN', false),
  'DH-904': row('DH-904', 'Rate Limit', 'Too many requests on server from single user breaching rate limits. Try throttling API calls.',
    'Dhan rate limit reached', 'RATE_LIMITED', true),
  'DH-905': row('DH-905', 'Input Exception', 'Missing required fields, bad values for parameters etc.',
    'Dhan rejected the request parameters', 'BAD_REQUEST', false),
  'DH-906': row('DH-906', 'Order Error', 'Incorrect request for order and cannot be processed.',
    'Dhan rejected the order', 'REJECTED', false),
  'DH-907': row('DH-907', 'Data Error', 'System is unable to fetch data due to incorrect parameters or no data present.',
    'Dhan has no data for this request', 'NOT_FOUND', false),
  'DH-908': row('DH-908', 'Internal Server Error', 'Server was not able to process API request. This will only occur rarely.',
    'Dhan failed internally', 'INTERNAL', true),
  'DH-909': row('DH-909', 'Network Error', 'Network error where the API was unable to communicate with the backend system.',
    "Dhan could not reach its own back end", 'NETWORK', true),
  'DH-910': row('DH-910', 'Others', 'Error originating from other reasons.',
    'Dhan refused the request', 'INTERNAL', false),
};

/**
 * Data-API errors 800…814 (seeds/002, Annexure, "Data API Error"). They arrive on REST data APIs
 * (market quote, historical, option chain) and as the reason code of the feed's disconnect packet.
 * 805 is not marked retryable: the annexure warns that further requests may get the user blocked.
 */
export const DHAN_DATA_ERRORS: Readonly<Record<number, DhanErrorInfo>> = {
  800: row('800', 'Internal Server Error', 'Internal Server Error', 'Dhan data service failed internally', 'INTERNAL', true),
  804: row('804', 'Instrument limit', 'Requested number of instruments exceeds limit', 'Too many instruments in one request', 'BAD_REQUEST', false),
  805: row('805', 'Too many requests', 'Too many requests or connections. Further requests may result in the user being blocked.',
    'Too many Dhan data requests or connections', 'RATE_LIMITED', false),
  806: row('806', 'Not subscribed', 'Data APIs not subscribed', 'This Dhan account has no Data API subscription', 'FORBIDDEN', false),
  807: row('807', 'Token expired', 'Access token is expired', 'Dhan session expired; log in again', 'UNAUTHENTICATED', false, true),
  808: row('808', 'Authentication failed', 'Authentication Failed - Client ID or Access Token invalid', 'Dhan authentication failed; log in again', 'UNAUTHENTICATED', false, true),
  809: row('809', 'Token invalid', 'Access token is invalid', 'Dhan access token is not valid; log in again', 'UNAUTHENTICATED', false, true),
  810: row('810', 'Client id invalid', 'Client ID is invalid', 'Dhan client id is not valid', 'UNAUTHENTICATED', false, true),
  811: row('811', 'Invalid expiry', 'Invalid Expiry Date', 'Expiry date not accepted by Dhan', 'BAD_REQUEST', false),
  812: row('812', 'Invalid date format', 'Invalid Date Format', 'Date format not accepted by Dhan', 'BAD_REQUEST', false),
  813: row('813', 'Invalid security id', 'Invalid SecurityId', 'Dhan does not know this security id', 'NOT_FOUND', false),
  814: row('814', 'Invalid request', 'Invalid Request', 'Dhan rejected the data request', 'BAD_REQUEST', false),
};

/** The result of `dataApiError`: what a data-API / feed-disconnect code means. */
export interface DataApiErrorInfo {
  /** The numeric code (800…814). */
  readonly code: number;
  /** The annexure's description. */
  readonly meaning: string;
  /** The shared code it maps to. */
  readonly shared: ErrorCode;
  /** True for 807, 808, 809, 810: credentials are bad; stop reconnecting and report the session expired. */
  readonly authFailure: boolean;
}

/**
 * Looks up a data-API error or feed-disconnect reason (805 too many connections, 806 not subscribed,
 * 807 token expired, 808 auth failed, 809 token invalid, 810 client id invalid, …).
 * An unknown code yields `{ meaning: 'Unknown Dhan data error <code>', shared: 'INTERNAL' }`.
 */
export function dataApiError(code: number): DataApiErrorInfo {
  const info = DHAN_DATA_ERRORS[code];
  if (info === undefined) {
    return { code, meaning: `Unknown Dhan data error ${code}`, shared: 'INTERNAL', authFailure: false };
  }
  return { code, meaning: info.meaning, shared: info.shared, authFailure: info.authFailure };
}

/** True for the data/feed codes that mean the credentials are bad or expired (807-810). */
export function isAuthFailure(code: number): boolean {
  return DHAN_DATA_ERRORS[code]?.authFailure === true;
}

/** Finds the table row for a wire code (`'DH-905'`, `806`, `'806'`); `undefined` when unknown. */
export function lookupDhanError(code: string | number): DhanErrorInfo | undefined {
  if (typeof code === 'number') return DHAN_DATA_ERRORS[code];
  const trimmed = code.trim();
  const trading = DHAN_TRADING_ERRORS[trimmed.toUpperCase()];
  if (trading !== undefined) return trading;
  return /^\d+$/.test(trimmed) ? DHAN_DATA_ERRORS[Number(trimmed)] : undefined;
}

/** Options for `dhanBridgeError`. */
export interface DhanErrorContext {
  /** True when the failed request changes orders (place/modify/cancel/slice/convert/exit): never retryable. */
  readonly orderChange?: boolean;
}

/** Messages that show a DH-906 is really a bad/expired token (fixture error.DH-906.invalid-token). */
const TOKEN_WORDS = /invalid token|token (?:is )?(?:expired|invalid)|access token/i;

/**
 * Builds the shared `BridgeError` for a Dhan error code and the broker's message.
 * `message` is our words followed by the broker's (`Dhan rejected the order (DH-906): <broker text>`);
 * `brokerCode` keeps the wire code. An unknown code maps to `INTERNAL` with the code kept.
 */
export function dhanBridgeError(
  code: string | number,
  brokerMessage: string | undefined,
  context: DhanErrorContext = {},
): BridgeError {
  const codeText = String(code).trim();
  const info = lookupDhanError(code);
  const words = brokerMessage?.trim() || info?.meaning || '';
  let shared: ErrorCode = info?.shared ?? 'INTERNAL';
  let ours = info?.ours ?? 'Dhan returned an unknown error';
  let retryable = info?.retryableRead ?? false;
  if (info?.code === 'DH-906' && TOKEN_WORDS.test(words)) {
    // Real server behaviour (fixture error.DH-906.invalid-token.http400.json): the token is at fault.
    shared = 'UNAUTHENTICATED';
    ours = 'Dhan session is not valid; log in again';
    retryable = false;
  }
  if (context.orderChange === true) retryable = false;
  const message = words === '' ? `${ours} (${codeText})` : `${ours} (${codeText}): ${words}`;
  return bridgeError(shared, message, retryable, codeText);
}

/** True when a `BridgeError` built here means the session's credentials are bad or expired. */
export function isDhanAuthError(error: BridgeError): boolean {
  return error.code === 'UNAUTHENTICATED';
}
