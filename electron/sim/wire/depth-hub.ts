/**
 * Full market depth of the simulated exchange: the 20-level (`/twentydepth`, up to 50 instruments
 * per connection) and 200-level (`/twohundreddepth`, one instrument per connection) sockets.
 *
 * Source: seeds/002 "Full Market Depth" (requests: 20-level `{ RequestCode: 23|24,
 * InstrumentCount, InstrumentList }`, 200-level flat `{ RequestCode: 23|24, ExchangeSegment,
 * SecurityId }`; responses: bid (41) and ask (51) packets per instrument, stacked; disconnect 50),
 * encoded with electron/brokers/dhan/depth-codec.ts. Only NSE_EQ and NSE_FNO have full depth
 * ("Only NSE Equity and Derivatives segments are enabled"): other instruments are ignored.
 *
 * Every `flush` sends each subscribed instrument's current book (the simulated books churn on every
 * model step), bid then ask, stacked in one message per connection; a connection above the
 * high-water mark of `bufferedAmount` is skipped (nothing queues). Over the limit (51st instrument
 * on a 20-level socket, a second instrument on a 200-level one) → disconnect packet 804, close.
 */

import type { WebSocket } from 'ws';
import { encodeDepthMessage, encodeDepthPacket, type DepthLevels, type DepthPacket } from '../../brokers/dhan/depth-codec';
import type { DhanSegment } from '../../brokers/dhan/segments';
import { refOf } from './sim-market';
import { DisconnectReason, SIM_FEED_LIMITS, type LimitedConnection } from './connection-limits';
import { DEFAULT_HIGH_WATER_BYTES } from './feed-hub';
import type { SimMarket } from './sim-market';

const DEPTH_SEGMENTS = new Set(['NSE_EQ', 'NSE_FNO']);

/** One depth connection. */
export class DepthConnection implements LimitedConnection {
  readonly subs = new Map<string, { readonly segment: DhanSegment; readonly securityId: number }>();
  malformed = 0;
  closed = false;

  constructor(
    readonly ws: WebSocket,
    readonly clientId: string,
    readonly levels: DepthLevels,
    private readonly hub: DepthHub,
  ) {}

  /** Sends the disconnect packet with `reason`, then closes the socket. */
  evict(reason: number): void {
    if (this.closed) return;
    this.ws.send(encodeDepthPacket({ kind: 'disconnect', segment: null, securityId: 0, reason }, this.levels));
    this.ws.close(1000, `disconnect ${reason}`);
    this.hub.drop(this);
  }
}

/** See the file comment. */
export class DepthHub {
  private readonly conns = new Set<DepthConnection>();
  /** Called when a connection goes. */
  onDrop: ((c: DepthConnection) => void) | undefined;

  constructor(
    private readonly market: SimMarket,
    private readonly highWaterBytes: number = DEFAULT_HIGH_WATER_BYTES,
  ) {}

  /** Adds a connection (already authenticated and admitted). */
  attach(ws: WebSocket, clientId: string, levels: DepthLevels): DepthConnection {
    const c = new DepthConnection(ws, clientId, levels, this);
    this.conns.add(c);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      try {
        this.request(c, String(data));
      } catch {
        c.malformed++;
      }
    });
    ws.on('close', () => this.drop(c));
    ws.on('error', () => this.drop(c));
    return c;
  }

  /** Forgets a connection. */
  drop(c: DepthConnection): void {
    if (c.closed) return;
    c.closed = true;
    this.conns.delete(c);
    this.onDrop?.(c);
  }

  private request(c: DepthConnection, text: string): void {
    let m: Record<string, unknown>;
    try {
      m = JSON.parse(text) as Record<string, unknown>;
    } catch {
      c.malformed++;
      return;
    }
    const code = Number(m?.['RequestCode']);
    if (code === 12) {
      c.ws.close(1000, 'disconnect requested');
      this.drop(c);
      return;
    }
    if (code !== 23 && code !== 24) {
      c.malformed++;
      return;
    }
    const list: unknown[] = Array.isArray(m['InstrumentList']) ? (m['InstrumentList'] as unknown[]) : 'SecurityId' in m ? [m] : [];
    const max = c.levels === 20 ? SIM_FEED_LIMITS.instrumentsPerDepth20Socket : SIM_FEED_LIMITS.instrumentsPerDepth200Socket;
    const wanted: string[] = [];
    for (const entry of list) {
      const e = entry as Record<string, unknown> | null;
      const segment = String(e?.['ExchangeSegment'] ?? '');
      const key = DEPTH_SEGMENTS.has(segment) ? this.market.keyOf(segment, String(e?.['SecurityId'] ?? '')) : undefined;
      if (key === undefined) continue;
      if (code === 24) {
        c.subs.delete(key);
        continue;
      }
      if (!c.subs.has(key)) {
        if (c.subs.size >= max) {
          c.evict(DisconnectReason.INSTRUMENT_LIMIT);
          return;
        }
        c.subs.set(key, { segment: segment as DhanSegment, securityId: Number(refOf(key).securityId) });
      }
      wanted.push(key);
    }
    if (wanted.length > 0) {
      this.market.ensure(wanted);
      this.sendBooks(c, wanted);
    }
  }

  private sendBooks(c: DepthConnection, keys: Iterable<string>): void {
    const model = this.market.model;
    const packets: DepthPacket[] = [];
    for (const key of keys) {
      const sub = c.subs.get(key);
      const ref = refOf(key);
      if (!sub || !model.instrument(ref)) continue;
      const d = model.depth(ref, c.levels);
      const rows = (l: typeof d.bids) => l.map((x) => ({ price: x.price, qty: x.quantity, orders: x.orders }));
      packets.push({ kind: 'bid', segment: sub.segment, securityId: sub.securityId, levels: rows(d.bids) });
      packets.push({ kind: 'ask', segment: sub.segment, securityId: sub.securityId, levels: rows(d.asks) });
    }
    if (packets.length > 0 && !c.closed) c.ws.send(encodeDepthMessage(packets, c.levels));
  }

  /** Open connections. */
  connections(): readonly DepthConnection[] {
    return [...this.conns];
  }

  /** Sends every connection its instruments' current books (skipping backed-up connections). */
  flush(): void {
    for (const c of this.conns) {
      if (c.subs.size === 0 || c.ws.bufferedAmount > this.highWaterBytes) continue;
      this.sendBooks(c, c.subs.keys());
    }
  }
}
