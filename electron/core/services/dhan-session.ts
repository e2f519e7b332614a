/**
 * One connected Dhan session: the REST client, the feed worker (market feed + 20/200-level depth
 * sockets) and the order-update socket, all pointed at one set of endpoints with one credential.
 * The simulated exchange is the same thing pointed at 127.0.0.1 (issue 4: "the app's default
 * session is simply the Dhan adapter pointed at 127.0.0.1").
 *
 * Credentials stay in this process: they go to the REST client, the feed worker and the order
 * socket, never into a log line (every log passes through the redacting clients) nor a reply.
 */
import type { BrokerId } from '../../../shared/ipc/contract';
import type { OrderUpdateEvent } from '../../../shared/orders';
import { DHAN_FEED_BASES, type DhanFeedBases } from '../../brokers/dhan/feed-urls';
import { DHAN_ORDER_UPDATE_URL, DhanOrderUpdates, type OrderUpdateStatus } from '../../brokers/dhan/order-updates';
import { createDhanRestClient, type DhanRestClient } from '../../brokers/dhan/rest/client';
import { DHAN_API_BASE, type DhanCredentials } from '../../brokers/dhan/rest/http';
import { DHAN_MASTER_COMPACT_URL } from '../../brokers/dhan/rest/instrument-list';
import { FeedClient } from '../../feed/feed-client';
import type { FeedIssue } from '../../feed/feed-types';
import { redactText } from '../redact';

/** Where one Dhan-speaking server lives. */
export interface DhanEndpoints {
  /** REST base, e.g. `https://api.dhan.co/v2` or `http://127.0.0.1:N/v2`. */
  readonly restBaseUrl: string;
  readonly feedBases: DhanFeedBases;
  readonly orderUpdateUrl: string;
  /** The compact instrument master CSV. */
  readonly masterUrl: string;
}

/** Dhan's production endpoints (seeds/002). */
export const DHAN_PRODUCTION_ENDPOINTS: DhanEndpoints = {
  restBaseUrl: DHAN_API_BASE,
  feedBases: DHAN_FEED_BASES,
  orderUpdateUrl: DHAN_ORDER_UPDATE_URL,
  masterUrl: DHAN_MASTER_COMPACT_URL,
};

/** Options of {@link DhanSession}. */
export interface DhanSessionOptions {
  /** `sim` for the built-in exchange, `dhan` for a real account. */
  readonly broker: Extract<BrokerId, 'dhan' | 'sim'>;
  readonly endpoints: DhanEndpoints;
  readonly credentials: DhanCredentials;
  /** `fetch` for the REST client (tests count requests with it). */
  readonly fetch?: typeof fetch;
  /** Feed worker entry (the app's bundled `.cjs`); default the `.ts` entry. */
  readonly feedWorkerUrl?: URL | string;
  /** Batches per second from the feed worker (display frames); default 60. */
  readonly framesPerSecond?: number;
  readonly log?: (line: string) => void;
}

/** Listeners of a session. */
export interface DhanSessionEvents {
  onOrderEvent(e: OrderUpdateEvent): void;
  onOrderSocket(s: OrderUpdateStatus): void;
  onFeedIssue(i: FeedIssue): void;
}

/** See the file comment. */
export class DhanSession {
  readonly broker: 'dhan' | 'sim';
  readonly rest: DhanRestClient;
  readonly feed: FeedClient;
  readonly orderUpdates: DhanOrderUpdates;
  /** Last order-socket status. */
  orderSocket: OrderUpdateStatus = { state: 'connecting', detail: 'starting', attempt: 0 };
  private closed = false;
  private readonly o: DhanSessionOptions;

  constructor(o: DhanSessionOptions, events: DhanSessionEvents) {
    this.o = o;
    const log = (line: string) => o.log?.(redactText(line));
    this.broker = o.broker;
    this.rest = createDhanRestClient({
      credentials: o.credentials,
      baseUrl: o.endpoints.restBaseUrl,
      compactUrl: o.endpoints.masterUrl,
      log: (l) => log(`rest: ${l}`),
      ...(o.fetch !== undefined ? { fetch: o.fetch } : {}),
    });
    this.feed = FeedClient.start(o.feedWorkerUrl !== undefined ? { workerUrl: o.feedWorkerUrl } : {});
    this.feed.onIssue((i) => events.onFeedIssue(i));
    this.feed.onError((m) => log(`feed: ${m}`));
    this.orderUpdates = new DhanOrderUpdates({
      credentials: o.credentials,
      url: o.endpoints.orderUpdateUrl,
      onEvent: (e) => events.onOrderEvent(e),
      onStatus: (s) => {
        this.orderSocket = s;
        events.onOrderSocket(s);
      },
      log,
    });
  }

  /** Connects the feed worker's sockets and the order-update socket. */
  start(): void {
    const o = this.o;
    this.feed.connect(
      { clientId: o.credentials.clientId, accessToken: o.credentials.accessToken },
      { bases: o.endpoints.feedBases, maxBatchesPerSecond: o.framesPerSecond ?? 60 },
    );
    this.orderUpdates.start();
  }

  /** Stops the order socket and the feed worker (each socket is closed politely). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.orderUpdates.stop();
    await this.feed.close();
  }
}
