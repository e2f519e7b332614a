/**
 * `options.expiries` and `options.chain`: the option chain of an underlying for one expiry, shared
 * between every panel that asks.
 *
 * Dhan serves one option-chain request per 3 s (seeds/002 "Option Chain": "1 request per 3
 * second ... because OI data gets updated slow"); the REST client's limiter queues requests at
 * that pace. On top of it this service keeps, per (session, underlying, expiry), the last
 * snapshot for {@link CHAIN_TTL_MS} and one request in flight: panels polling the same chain
 * every few seconds, or opening together, cost one request per 3 s between them, never one each.
 * Expiry lists are kept {@link EXPIRIES_TTL_MS} (they change once a week at most).
 *
 * Keys: the chain names its legs by security id only (seeds/002: `security_id`); the legs' segment
 * is the derivatives segment of the underlying's exchange (NSE → NSE_FNO, BSE → BSE_FNO, MCX →
 * MCX_COMM), and a key is kept only when the loaded master lists it, so that the renderer can
 * stream its quotes and the order ticket find its lot and tick size. Real Dhan answers sometimes
 * leave `security_id` out (fixtures/dhan/rest/optionchain.*.json); such legs are looked up in the
 * master by (underlying symbol, expiry, strike, CE/PE) through the catalogue's search, once per
 * session and remembered.
 *
 * Errors: NOT_FOUND for an instrument (or its underlying) the master does not list, NETWORK when no
 * session is connected, else the broker's error (authentication failures end the session through
 * `noteError`). Failures are not cached.
 *
 * Source: seeds/002 "Option Chain" and "Expiry List"; DESIGN.md "Data flow".
 */
import { BridgeFault, bridgeError, type BridgeError, type Result } from '../../../shared/errors';
import { isDerivative, keyOf, type ExchangeSegment, type Instrument, type InstrumentKey } from '../../../shared/instruments';
import type { InstrumentSearchArgs, InstrumentSearchReply, OptionChainQuoteLeg, OptionChainReply, OptionExpiriesReply } from '../../../shared/ipc/contract';
import type { InstrumentRef, OptionChain, OptionChainLeg } from '../../../shared/market';

/** How long one chain snapshot is shared, ms (the broker's 1 request per 3 s). */
export const CHAIN_TTL_MS = 3000;
/** How long an expiry list is kept, ms. */
export const EXPIRIES_TTL_MS = 60_000;

/** The broker calls this service needs (`DhanMarketApi` fits). */
export interface OptionChainSource {
  optionChain(underlying: InstrumentRef, expiry: string): Promise<Result<OptionChain>>;
  expiries(underlying: InstrumentRef): Promise<Result<string[]>>;
}

/** The catalogue calls this service needs (`InstrumentCatalog` fits). */
export interface OptionCatalog {
  get(keys: readonly InstrumentKey[]): Promise<(Instrument | null)[]>;
  search(args: InstrumentSearchArgs): Promise<InstrumentSearchReply>;
}

/** Options of {@link OptionChainService}. */
export interface OptionChainServiceOptions {
  /**
   * The current session's market API and an identity of the session (any object; a new one drops
   * every cached answer), or null when no session is connected.
   */
  readonly source: () => { readonly api: OptionChainSource; readonly session: object } | null;
  readonly catalog: OptionCatalog;
  /** Auth failures end the session (`SessionManager.noteError`). */
  readonly noteError?: (error: BridgeError) => void;
  /** Clock, epoch ms UTC. */
  readonly now?: () => number;
}

interface Entry<T> {
  /** When the answer arrived (epoch ms), or null while the request is in flight. */
  at: number | null;
  promise: Promise<T>;
}

/** The derivatives segment of an exchange. */
function derivativeSegment(exchange: Instrument['exchange']): ExchangeSegment {
  return exchange === 'BSE' ? 'BSE_FNO' : exchange === 'MCX' ? 'MCX_COMM' : 'NSE_FNO';
}

/** See the file comment. */
export class OptionChainService {
  private session: object | null = null;
  private readonly chains = new Map<string, Entry<OptionChainReply>>();
  private readonly expiryLists = new Map<string, Entry<OptionExpiriesReply>>();
  /** `symbol|expiry|strike|CE` → the master's contract (or null: it lists no such contract). */
  private readonly legContracts = new Map<string, Instrument | null>();
  /** Broker requests sent (tests and the bench read it). */
  requests = 0;
  private readonly now: () => number;

  constructor(private readonly o: OptionChainServiceOptions) {
    this.now = o.now ?? (() => Date.now());
  }

  /** `options.expiries`: the underlying of `key` and its expiries. Throws `BridgeFault` (see the file comment). */
  async expiries(key: InstrumentKey): Promise<OptionExpiriesReply> {
    const src = this.current();
    const underlying = await this.underlyingOf(key);
    return this.cached(this.expiryLists, keyOf(underlying), EXPIRIES_TTL_MS, async () => {
      this.requests++;
      const r = await src.api.expiries({ segment: underlying.segment, securityId: underlying.securityId });
      if (!r.ok) throw this.fault(r.error);
      return {
        underlying: keyOf(underlying),
        underlyingName: underlying.displayName,
        underlyingSymbol: underlying.tradingSymbol,
        expiries: [...r.value].sort(),
      };
    });
  }

  /** `options.chain`: the chain of `underlying` for `expiry`. Throws `BridgeFault` (see the file comment). */
  async chain(underlyingKey: InstrumentKey, expiry: string): Promise<OptionChainReply> {
    const src = this.current();
    return this.cached(this.chains, `${underlyingKey}|${expiry}`, CHAIN_TTL_MS, async () => {
      const [underlying] = await this.o.catalog.get([underlyingKey]);
      if (underlying === null || underlying === undefined) throw new BridgeFault(bridgeError('NOT_FOUND', `No instrument ${underlyingKey} in the loaded master.`));
      this.requests++;
      const r = await src.api.optionChain({ segment: underlying.segment, securityId: underlying.securityId }, expiry);
      if (!r.ok) throw this.fault(r.error);
      const at = this.now();
      return this.withKeys(underlying, r.value, at);
    });
  }

  /** Forgets every cached answer (a new session, or tests). */
  clear(): void {
    this.chains.clear();
    this.expiryLists.clear();
    this.legContracts.clear();
  }

  private current(): { readonly api: OptionChainSource; readonly session: object } {
    const src = this.o.source();
    if (src === null) throw new BridgeFault(bridgeError('NETWORK', 'No trading session is connected.', true));
    if (src.session !== this.session) {
      this.clear();
      this.session = src.session;
    }
    return src;
  }

  private fault(error: BridgeError): BridgeFault {
    this.o.noteError?.(error);
    return new BridgeFault(error);
  }

  /** The answer cached under `id` if younger than `ttl`, the one in flight, or a new one from `load`. */
  private cached<T>(map: Map<string, Entry<T>>, id: string, ttl: number, load: () => Promise<T>): Promise<T> {
    const hit = map.get(id);
    if (hit !== undefined && (hit.at === null || this.now() - hit.at < ttl)) return hit.promise;
    const entry: Entry<T> = { at: null, promise: Promise.resolve() as Promise<T> };
    entry.promise = load().then(
      (v) => {
        entry.at = this.now();
        return v;
      },
      (e: unknown) => {
        if (map.get(id) === entry) map.delete(id);
        throw e;
      },
    );
    map.set(id, entry);
    return entry.promise;
  }

  /** The instrument itself for an index or stock; for a derivative, the index or stock it is written on. */
  private async underlyingOf(key: InstrumentKey): Promise<Instrument> {
    const [i] = await this.o.catalog.get([key]);
    if (i === null || i === undefined) throw new BridgeFault(bridgeError('NOT_FOUND', `No instrument ${key} in the loaded master.`));
    if (!isDerivative(i.instrumentType)) return i;
    if (i.underlyingSecurityId !== null) {
      const candidates: InstrumentKey[] = i.exchange === 'BSE' ? [`IDX_I:${i.underlyingSecurityId}`, `BSE_EQ:${i.underlyingSecurityId}`] : [`IDX_I:${i.underlyingSecurityId}`, `NSE_EQ:${i.underlyingSecurityId}`];
      for (const u of await this.o.catalog.get(candidates)) if (u !== null && u.tradingSymbol === i.underlying) return u;
    }
    const r = await this.o.catalog.search({ query: i.underlying, types: ['INDEX', 'EQUITY'], limit: 20 });
    const same = r.hits.filter((h) => h.tradingSymbol === i.underlying);
    const best = same.find((h) => h.exchange === i.exchange && h.instrumentType === 'INDEX') ?? same.find((h) => h.exchange === i.exchange) ?? same[0];
    if (best === undefined) throw new BridgeFault(bridgeError('NOT_FOUND', `The underlying ${i.underlying} of ${i.displayName} is not in the loaded master.`));
    return best;
  }

  /** Adds each leg's instrument key (see the file comment) and the options' lot and tick size. */
  private async withKeys(underlying: Instrument, chain: OptionChain, atMs: number): Promise<OptionChainReply> {
    const segment = derivativeSegment(underlying.exchange);
    const byId: InstrumentKey[] = [];
    for (const row of chain.rows) {
      for (const leg of [row.call, row.put]) if (leg !== null && leg.securityId !== null && leg.securityId !== '0') byId.push(`${segment}:${leg.securityId}`);
    }
    const known = new Map<InstrumentKey, Instrument>();
    for (const i of await this.o.catalog.get(byId)) if (i !== null) known.set(keyOf(i), i);
    // Legs without a security id: the master's contract of that strike and side (remembered).
    for (const row of chain.rows) {
      for (const [leg, side] of [
        [row.call, 'CE'],
        [row.put, 'PE'],
      ] as const) {
        if (leg === null || (leg.securityId !== null && leg.securityId !== '0')) continue;
        const id = `${underlying.tradingSymbol}|${chain.expiry}|${row.strike}|${side}`;
        if (!this.legContracts.has(id)) this.legContracts.set(id, await this.lookUpContract(underlying, chain.expiry, row.strike, side));
        const found = this.legContracts.get(id);
        if (found) known.set(keyOf(found), found);
      }
    }
    let sample: Instrument | undefined;
    const legOf = (leg: OptionChainLeg | null, strike: number, side: 'CE' | 'PE'): OptionChainQuoteLeg | null => {
      if (leg === null) return null;
      let key: InstrumentKey | null = null;
      if (leg.securityId !== null && leg.securityId !== '0') {
        const k: InstrumentKey = `${segment}:${leg.securityId}`;
        key = known.has(k) ? k : null;
      } else {
        const found = this.legContracts.get(`${underlying.tradingSymbol}|${chain.expiry}|${strike}|${side}`);
        key = found ? keyOf(found) : null;
      }
      if (key !== null) sample ??= known.get(key);
      return { ...leg, key, securityId: key === null ? leg.securityId : key.slice(key.indexOf(':') + 1) };
    };
    const rows = chain.rows.map((r) => ({ strike: r.strike, call: legOf(r.call, r.strike, 'CE'), put: legOf(r.put, r.strike, 'PE') }));
    return {
      underlying: keyOf(underlying),
      underlyingName: underlying.displayName,
      expiry: chain.expiry,
      spot: chain.spot,
      lotSize: sample?.lotSize ?? null,
      tickSize: sample?.tickSize ?? null,
      atMs,
      rows,
    };
  }

  /** The master's option of `underlying`, `expiry`, `strike`, `side`, found through the search index. */
  private async lookUpContract(underlying: Instrument, expiry: string, strike: number, side: 'CE' | 'PE'): Promise<Instrument | null> {
    const r = await this.o.catalog.search({
      query: `${underlying.tradingSymbol} ${strike} ${side}`,
      types: underlying.instrumentType === 'INDEX' ? ['OPTIDX'] : ['OPTSTK'],
      limit: 100,
    });
    const hit = r.hits.find((h) => h.underlying === underlying.tradingSymbol && h.expiry === expiry && h.strike === strike && h.optionType === side);
    return hit ?? null;
  }
}
