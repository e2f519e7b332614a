/**
 * DhanHQ v2 market-feed and full-depth request messages (JSON text frames), as pure functions.
 *
 * Source: seeds/002, "Live Market Feed" → "Adding Instruments" (request structure, at most 100
 * instruments per JSON message, 5000 per connection), "Feed Disconnect" (`{"RequestCode":12}`),
 * "Full Market Depth" → "Adding Instruments" (20-level: same shape as the feed, up to 50 instruments
 * per connection, all 50 may go in one message; 200-level: one instrument per connection, flat shape
 * `{"RequestCode":23,"ExchangeSegment","SecurityId"}`), and Annexure "Feed Request Code"
 * (15/16 ticker, 17/18 quote, 21/22 full, 23/24 full market depth, 12 disconnect).
 * The wire keys (`RequestCode`, `InstrumentCount`, `InstrumentList`, `ExchangeSegment`,
 * `SecurityId`) and `SecurityId` as a string are the seed's. The 200-level unsubscribe (24) uses the
 * subscribe's flat shape (the seed shows only the subscribe; DhanHQ-py builds both alike).
 */
import type { DhanSegment } from './segments';

/** One instrument: segment name (annexure) and the exchange's security id. */
export interface FeedInstrument {
  readonly segment: DhanSegment;
  readonly securityId: number;
}

/** Market-feed data modes (seeds/002 "Market Data": ticker, quote, full). */
export type FeedMode = 'ticker' | 'quote' | 'full';

/** Every market-feed mode, lowest to highest. */
export const FEED_MODES: readonly FeedMode[] = ['ticker', 'quote', 'full'];

/** Annexure "Feed Request Code": subscribe codes per mode; unsubscribe is the code + 1. */
export const FEED_SUBSCRIBE_CODE: Readonly<Record<FeedMode, 15 | 17 | 21>> = { ticker: 15, quote: 17, full: 21 };
/** Annexure "Feed Request Code": unsubscribe codes per mode. */
export const FEED_UNSUBSCRIBE_CODE: Readonly<Record<FeedMode, 16 | 18 | 22>> = { ticker: 16, quote: 18, full: 22 };
/** Annexure "Feed Request Code": subscribe to full market depth (20 and 200 levels). */
export const DEPTH_SUBSCRIBE_CODE = 23;
/** Annexure "Feed Request Code": unsubscribe from full market depth. */
export const DEPTH_UNSUBSCRIBE_CODE = 24;
/** Annexure "Feed Request Code": disconnect feed (sent before closing a socket on purpose). */
export const FEED_DISCONNECT_CODE = 12;

/** At most this many instruments in one market-feed JSON message (seeds/002). */
export const MAX_INSTRUMENTS_PER_MESSAGE = 100;
/** At most this many instruments in one 20-level depth message (= per connection; seeds/002). */
export const MAX_DEPTH20_PER_MESSAGE = 50;

/** One `InstrumentList` entry on the wire. */
export interface WireInstrument {
  readonly ExchangeSegment: DhanSegment;
  readonly SecurityId: string;
}

/** A list-shaped request: market feed 15…22 and 20-level depth 23/24. */
export interface ListRequest {
  readonly RequestCode: number;
  readonly InstrumentCount: number;
  readonly InstrumentList: readonly WireInstrument[];
}

/** The 200-level depth request: one instrument, flat. */
export interface FlatDepthRequest {
  readonly RequestCode: 23 | 24;
  readonly ExchangeSegment: DhanSegment;
  readonly SecurityId: string;
}

/** The disconnect request. */
export interface DisconnectRequest {
  readonly RequestCode: 12;
}

function wire(i: FeedInstrument): WireInstrument {
  if (!Number.isInteger(i.securityId) || i.securityId < 0) {
    throw new Error(`security id must be a non-negative integer, got ${String(i.securityId)}`);
  }
  return { ExchangeSegment: i.segment, SecurityId: String(i.securityId) };
}

function chunked(code: number, instruments: readonly FeedInstrument[], size: number): ListRequest[] {
  const out: ListRequest[] = [];
  for (let i = 0; i < instruments.length; i += size) {
    const list = instruments.slice(i, i + size).map(wire);
    out.push({ RequestCode: code, InstrumentCount: list.length, InstrumentList: list });
  }
  return out;
}

/**
 * Subscribe requests for `mode`, at most 100 instruments each, in the given order (an empty list
 * gives no message). Throws `Error` for a security id that is not a non-negative integer.
 */
export function feedSubscribeRequests(mode: FeedMode, instruments: readonly FeedInstrument[]): ListRequest[] {
  return chunked(FEED_SUBSCRIBE_CODE[mode], instruments, MAX_INSTRUMENTS_PER_MESSAGE);
}

/** Unsubscribe requests for `mode`, at most 100 instruments each (see `feedSubscribeRequests`). */
export function feedUnsubscribeRequests(mode: FeedMode, instruments: readonly FeedInstrument[]): ListRequest[] {
  return chunked(FEED_UNSUBSCRIBE_CODE[mode], instruments, MAX_INSTRUMENTS_PER_MESSAGE);
}

/** 20-level depth subscribe (23) requests, at most 50 instruments each. */
export function depth20SubscribeRequests(instruments: readonly FeedInstrument[]): ListRequest[] {
  return chunked(DEPTH_SUBSCRIBE_CODE, instruments, MAX_DEPTH20_PER_MESSAGE);
}

/** 20-level depth unsubscribe (24) requests, at most 50 instruments each. */
export function depth20UnsubscribeRequests(instruments: readonly FeedInstrument[]): ListRequest[] {
  return chunked(DEPTH_UNSUBSCRIBE_CODE, instruments, MAX_DEPTH20_PER_MESSAGE);
}

/** 200-level depth subscribe (23): the flat one-instrument shape. */
export function depth200SubscribeRequest(instrument: FeedInstrument): FlatDepthRequest {
  const w = wire(instrument);
  return { RequestCode: DEPTH_SUBSCRIBE_CODE, ExchangeSegment: w.ExchangeSegment, SecurityId: w.SecurityId };
}

/** 200-level depth unsubscribe (24): the flat one-instrument shape. */
export function depth200UnsubscribeRequest(instrument: FeedInstrument): FlatDepthRequest {
  const w = wire(instrument);
  return { RequestCode: DEPTH_UNSUBSCRIBE_CODE, ExchangeSegment: w.ExchangeSegment, SecurityId: w.SecurityId };
}

/** The disconnect request (12), sent before closing a socket on purpose. */
export function disconnectRequest(): DisconnectRequest {
  return { RequestCode: FEED_DISCONNECT_CODE };
}

/** Instrument key used by every feed table and set: `"NSE_EQ:1333"`. */
export function instrumentKey(i: FeedInstrument): string {
  return `${i.segment}:${i.securityId}`;
}
