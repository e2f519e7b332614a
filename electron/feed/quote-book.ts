/**
 * Main-thread side, after `FeedClient`: turns the worker's conflated batches into the IPC
 * contract's shapes (shared/ipc/contract.ts `QuoteTick`, `DepthSnapshot`, `FeedStatus`).
 *
 * A batch's tick lane carries LTP/LTT/LTQ/volume of every changed instrument and its quote lane the
 * full record of those whose other fields changed (feed-tables.ts); {@link QuoteBook} keeps the
 * latest merged state per instrument so each emitted `QuoteTick` is complete. Emitting happens once
 * per batch (≤ 60 Hz), one tick per changed instrument: never per packet.
 *
 * Units: prices rupees (snapped by the decoder), quantities units, times epoch ms UTC (the tables
 * hold LTT already converted to true UTC seconds by feed-time.ts).
 */
import type { InstrumentKey } from '../../shared/instruments';
import type { DepthSnapshot as IpcDepthSnapshot, FeedStatus as IpcFeedStatus, QuoteTick, SocketStatus } from '../../shared/ipc/contract';
import { SEGMENT_BY_CODE } from '../brokers/dhan/segments';
import type { DepthSnapshot } from './depth-table';
import type { FeedBatch } from './feed-client';
import type { FeedStatus } from './feed-types';
import { QuoteField } from './quote-table';
import { TickField } from './tick-lane';

interface QuoteState {
  key: InstrumentKey;
  ltp: number;
  ltq: number;
  lttSeconds: number;
  atp: number;
  volume: number;
  open: number;
  high: number;
  low: number;
  prevClose: number;
  oi: number;
  bidPrice: number;
  bidQty: number;
  askPrice: number;
  askQty: number;
  totalBuyQty: number;
  totalSellQty: number;
  receivedAtMs: number;
}

function keyOf(segmentCode: number, securityId: number): InstrumentKey | null {
  const seg = SEGMENT_BY_CODE[segmentCode];
  return seg === undefined ? null : `${seg}:${securityId}`;
}

/** Latest quote state per instrument, merged from both lanes of each batch. */
export class QuoteBook {
  private readonly states = new Map<InstrumentKey, QuoteState>();

  /**
   * Applies one batch (call it inside `FeedClient.onBatch`: the batch is valid only there) and
   * returns one complete `QuoteTick` per instrument it changed, stamped `receivedAtMs`.
   */
  apply(batch: FeedBatch, receivedAtMs: number = Date.now()): QuoteTick[] {
    const changed = new Set<QuoteState>();
    const q = batch.quotes;
    if (q !== null) {
      for (let i = 0; i < q.count; i++) {
        const s = this.state(q.segment(i), q.securityId(i));
        if (s === null) continue;
        s.ltp = q.get(i, QuoteField.LTP);
        s.ltq = q.get(i, QuoteField.LTQ);
        s.lttSeconds = q.get(i, QuoteField.LTT);
        s.atp = q.get(i, QuoteField.ATP);
        s.volume = q.get(i, QuoteField.VOLUME);
        s.open = q.get(i, QuoteField.OPEN);
        s.high = q.get(i, QuoteField.HIGH);
        s.low = q.get(i, QuoteField.LOW);
        s.prevClose = q.get(i, QuoteField.PREV_CLOSE);
        s.oi = q.get(i, QuoteField.OI);
        s.bidPrice = q.get(i, QuoteField.BID_PRICE);
        s.bidQty = q.get(i, QuoteField.BID_QTY);
        s.askPrice = q.get(i, QuoteField.ASK_PRICE);
        s.askQty = q.get(i, QuoteField.ASK_QTY);
        s.totalBuyQty = q.get(i, QuoteField.TOTAL_BUY_QTY);
        s.totalSellQty = q.get(i, QuoteField.TOTAL_SELL_QTY);
        s.receivedAtMs = receivedAtMs;
        changed.add(s);
      }
    }
    const t = batch.ticks;
    if (t !== null) {
      for (let i = 0; i < t.count; i++) {
        const s = this.state(t.segment(i), t.securityId(i));
        if (s === null) continue;
        s.ltp = t.get(i, TickField.LTP);
        s.lttSeconds = t.get(i, TickField.LTT);
        s.ltq = t.get(i, TickField.LTQ);
        s.volume = t.get(i, TickField.VOLUME);
        s.receivedAtMs = receivedAtMs;
        changed.add(s);
      }
    }
    const out: QuoteTick[] = [];
    for (const s of changed) out.push(toTick(s));
    return out;
  }

  /** The latest tick of an instrument, or undefined if none arrived. */
  get(key: InstrumentKey): QuoteTick | undefined {
    const s = this.states.get(key);
    return s === undefined ? undefined : toTick(s);
  }

  /** Forgets an instrument (after unsubscribing), so a later subscription starts clean. */
  forget(key: InstrumentKey): void {
    this.states.delete(key);
  }

  private state(segmentCode: number, securityId: number): QuoteState | null {
    const key = keyOf(segmentCode, securityId);
    if (key === null) return null;
    let s = this.states.get(key);
    if (s === undefined) {
      s = {
        key, ltp: 0, ltq: 0, lttSeconds: 0, atp: 0, volume: 0, open: 0, high: 0, low: 0, prevClose: 0, oi: 0,
        bidPrice: 0, bidQty: 0, askPrice: 0, askQty: 0, totalBuyQty: 0, totalSellQty: 0, receivedAtMs: 0,
      };
      this.states.set(key, s);
    }
    return s;
  }
}

function toTick(s: QuoteState): QuoteTick {
  return {
    key: s.key,
    ltp: s.ltp,
    ltq: s.ltq,
    lttMs: s.lttSeconds === 0 ? null : s.lttSeconds * 1000,
    atp: s.atp,
    volume: s.volume,
    open: s.open,
    high: s.high,
    low: s.low,
    prevClose: s.prevClose,
    oi: s.oi,
    bidPrice: s.bidPrice,
    bidQty: s.bidQty,
    askPrice: s.askPrice,
    askQty: s.askQty,
    totalBuyQty: s.totalBuyQty,
    totalSellQty: s.totalSellQty,
    receivedAtMs: s.receivedAtMs,
  };
}

/**
 * A 20/200-level depth snapshot from the worker as the contract's `DepthSnapshot` (rows in wire
 * order, best first as Dhan sends them). `ltp` is the instrument's LTP when known (0 otherwise).
 * Returns null for a segment code the annexure does not list.
 */
export function toIpcDepth(d: DepthSnapshot, levels: 20 | 200, ltp: number, atMs: number): IpcDepthSnapshot | null {
  if (d.segment === null) return null;
  const rows = (r: DepthSnapshot['bids']) => r.map((x) => ({ price: x.price, quantity: x.qty, orders: x.orders }));
  return { key: `${d.segment}:${d.securityId}`, levels, bids: rows(d.bids), asks: rows(d.asks), ltp, atMs };
}

const STATE: Readonly<Record<FeedStatus['sockets'][number]['state'], SocketStatus['state']>> = {
  connecting: 'connecting',
  open: 'open',
  waiting: 'reconnecting',
  stopped: 'expired',
  closed: 'closed',
};

/**
 * The worker's status as the contract's `FeedStatus` (market-data sockets only; the order-update
 * socket is added by its owner). `stale` when open but silent for `staleMs` or more; `detail` is the
 * last disconnect reason or error, never a URL or token.
 */
export function toIpcFeedStatus(status: FeedStatus, staleMs: number): IpcFeedStatus {
  let lastAt = 0;
  let rate = 0;
  const sockets: SocketStatus[] = status.sockets.map((s) => {
    lastAt = Math.max(lastAt, s.lastMessageAt);
    rate += s.messagesPerSecond;
    const stale = s.state === 'open' && s.subscriptions > 0 && s.lastMessageAgeMs >= staleMs;
    const detail = s.lastDisconnect !== undefined
      ? `Dhan ${s.lastDisconnect.code}: ${s.lastDisconnect.meaning}`
      : (s.lastError ?? '');
    return { id: s.id, kind: s.kind, state: stale ? 'stale' : STATE[s.state], instruments: s.subscriptions, detail };
  });
  return { sockets, messagesPerSecond: rate, lastMessageAtMs: lastAt === 0 ? null : lastAt, malformedFrames: status.malformed };
}
