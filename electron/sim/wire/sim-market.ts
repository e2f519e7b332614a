/**
 * The exchange core as the wire servers see it: the market model and matching engine
 * (electron/sim/market-model.ts, matching/engine.ts) over a catalogue of instruments that
 * materialise lazily.
 *
 * Why lazy: the market model walks every instrument on every sub-step and keeps books, bars and
 * history per instrument; a full Dhan master (228k instruments) would neither fit nor run. So the
 * catalogue holds every instrument and the model only the active ones: all of a small universe
 * (up to `eagerLimit`), or the IDX_I indices of a master universe at start. `ensure` activates more,
 * with their underlyings and index constituents, through the model's `addInstruments` (a late
 * instrument starts at the current simulated time where its seeded history has walked from its
 * catalogue price, the previous close, with the day statistics of that history; off its live
 * underlying for a derivative; other instruments' random streams are untouched, so the same calls
 * give the same market). The matching engine sees every catalogue instrument as a contract; orders
 * activate their instrument first.
 *
 * Keys: an instrument is named by its map key `SEGMENT:securityId` (market-model.ts `refKey`):
 * Dhan ids repeat across segments (25 is BANKNIFTY in IDX_I and ADANIENT in NSE_EQ).
 *
 * Time: `step(realDtMs)` advances the model (and the engine to the model's time) exactly like
 * electron/sim/exchange.ts does; same seed + same catalogue + same calls = same ticks.
 */

import type { InstrumentRef, Segment } from '../../../shared/market';
import { createMarketModel, refKey, type MarketModel, type SimTick } from '../market-model';
import { feedTradesToEngine } from '../exchange';
import { createMatchingEngine, type MatchingEngine } from '../matching/engine';
import type { SimInstrumentSpec } from '../sim-instrument';

/** The instrument of a map key `SEGMENT:securityId`. */
export function refOf(key: string): InstrumentRef {
  const i = key.indexOf(':');
  return { segment: key.slice(0, i) as Segment, securityId: key.slice(i + 1) };
}

/** Options of `SimMarket`. */
export interface SimMarketOptions {
  readonly seed: number;
  /** Every instrument the exchange knows. */
  readonly catalogue: readonly SimInstrumentSpec[];
  /** Simulated start, epoch ms UTC. */
  readonly startTimeMs: number;
  /** Simulated ms per real ms (default 1). */
  readonly speed?: number;
  readonly alwaysOpen?: boolean;
  /** Opening cash limit, rupees (engine default ₹10,00,000). */
  readonly startOfDayLimit?: number;
  /** A catalogue up to this size is active from the start (default 20,000). */
  readonly eagerLimit?: number;
}

const isDerivative = (s: SimInstrumentSpec) => s.underlyingSecurityId !== null && s.instrumentType !== 'INDEX' && s.instrumentType !== 'EQUITY';
const isOption = (s: SimInstrumentSpec) => s.optionType !== null && isDerivative(s);

/** See the file comment. */
export class SimMarket {
  readonly engine: MatchingEngine;
  private current: MarketModel;
  private readonly specs = new Map<string, SimInstrumentSpec>();
  private readonly active = new Set<string>();
  private readonly optionsOf = new Map<string, Map<string, string[]>>();
  private readonly tickListeners = new Set<(t: SimTick) => void>();
  private unhook: () => void = () => {};
  /** How many `ensure` calls added instruments to the model. */
  activations = 0;
  /** Instruments the model refused to add (malformed terms). */
  refused = 0;

  constructor(private readonly o: SimMarketOptions) {
    for (const s of o.catalogue) this.specs.set(refKey(s), s);
    for (const s of o.catalogue) {
      if (!isOption(s) || !s.expiry) continue;
      const u = this.underlyingKey(s);
      if (u === undefined) continue;
      const byExpiry = this.optionsOf.get(u) ?? new Map<string, string[]>();
      const list = byExpiry.get(s.expiry) ?? [];
      list.push(refKey(s));
      byExpiry.set(s.expiry, list);
      this.optionsOf.set(u, byExpiry);
    }
    const eager = o.catalogue.length <= (o.eagerLimit ?? 20_000);
    for (const s of o.catalogue) if (eager || (s.instrumentType === 'INDEX' && s.segment === 'IDX_I')) this.active.add(refKey(s));
    this.current = this.build(o.catalogue.filter((s) => this.active.has(refKey(s))), o.startTimeMs);
    this.engine = createMatchingEngine({
      contracts: (ref) => this.specs.get(refKey(ref)),
      liquidity: {
        top: (ref) => (this.active.has(refKey(ref)) ? this.current.top(ref) : null),
        take: (ref, side, quantity, limitPrice) => (this.active.has(refKey(ref)) ? this.current.takeLiquidity(ref, side, quantity, limitPrice) : []),
      },
      startTimeMs: o.startTimeMs,
      alwaysOpen: o.alwaysOpen ?? false,
      ...(o.startOfDayLimit !== undefined ? { startOfDayLimit: o.startOfDayLimit } : {}),
    });
    this.hook();
  }

  /**
   * Key of a derivative's underlying, found as the model finds it (market-model.ts `underlyingOf`):
   * the id in IDX_I, NSE_EQ, BSE_EQ (index derivatives) or NSE_EQ, BSE_EQ, IDX_I (others).
   */
  private underlyingKey(s: SimInstrumentSpec): string | undefined {
    const id = s.underlyingSecurityId;
    if (!id) return undefined;
    const indexFirst = s.instrumentType === 'FUTIDX' || s.instrumentType === 'OPTIDX';
    for (const seg of indexFirst ? ['IDX_I', 'NSE_EQ', 'BSE_EQ'] : ['NSE_EQ', 'BSE_EQ', 'IDX_I']) {
      if (this.specs.has(`${seg}:${id}`)) return `${seg}:${id}`;
    }
    return undefined;
  }

  private build(instruments: readonly SimInstrumentSpec[], startTimeMs: number): MarketModel {
    return createMarketModel({
      seed: this.o.seed,
      instruments,
      startTimeMs,
      speed: this.o.speed ?? 1,
      alwaysOpen: this.o.alwaysOpen ?? false,
    });
  }

  private hook(): void {
    // The engine hears each print before the wire listeners (it is hooked first).
    const offEngine = feedTradesToEngine(this.current, this.engine);
    const offListeners = this.current.onTick((t) => {
      for (const l of this.tickListeners) l(t);
    });
    this.unhook = () => {
      offEngine();
      offListeners();
    };
  }

  /** The market model (holding the active instruments). */
  get model(): MarketModel {
    return this.current;
  }

  /** Key (`SEGMENT:securityId`) of a wire instrument, or undefined when the exchange does not know it. */
  keyOf(segment: string, wireId: string | number): string | undefined {
    const key = `${segment}:${String(wireId)}`;
    return this.specs.has(key) ? key : undefined;
  }

  /** The catalogue entry of a key. */
  spec(key: string): SimInstrumentSpec | undefined {
    return this.specs.get(key);
  }

  /** Every instrument of the catalogue. */
  catalogue(): readonly SimInstrumentSpec[] {
    return this.o.catalogue;
  }

  /** True when the key is in the model now. */
  activeKey(key: string): boolean {
    return this.active.has(key);
  }

  /** Expiries (`YYYY-MM-DD`, ascending) of the options on an underlying, from the catalogue. */
  expiries(underlyingKey: string): string[] {
    return [...(this.optionsOf.get(underlyingKey)?.keys() ?? [])].sort();
  }

  /** Model keys of the options of one underlying and expiry, from the catalogue. */
  optionKeys(underlyingKey: string, expiry: string): readonly string[] {
    return this.optionsOf.get(underlyingKey)?.get(expiry) ?? [];
  }

  /**
   * Makes instruments (and their underlyings and index constituents) live in the model. Unknown
   * keys are ignored. Returns true when anything was added. Never throws: when the model refuses
   * the batch, each instrument is tried on its own and the ones it still refuses are counted in
   * `refused` (and stay out of the model: quotes skip them, orders get no liquidity).
   */
  ensure(keys: Iterable<string>): boolean {
    const batch = this.plan(keys);
    if (batch.length === 0) return false;
    try {
      this.current.addInstruments(batch);
    } catch {
      for (const s of batch) this.active.delete(refKey(s));
      for (const s of batch) {
        const one = this.plan([refKey(s)]);
        try {
          if (one.length > 0) this.current.addInstruments(one);
        } catch {
          for (const x of one) this.active.delete(refKey(x));
          this.refused++;
        }
      }
    }
    this.activations++;
    return true;
  }

  /** Instruments to add for `keys`, each after its underlying and constituents; marks them active. */
  private plan(keys: Iterable<string>): SimInstrumentSpec[] {
    const add: SimInstrumentSpec[] = [];
    const want = (k: string): void => {
      if (this.active.has(k) || !this.specs.has(k)) return;
      const s = this.specs.get(k)!;
      this.active.add(k);
      const u = this.underlyingKey(s);
      if (u !== undefined && isDerivative(s)) want(u);
      for (const c of s.constituents ?? []) want(`${c.segment ?? 'NSE_EQ'}:${c.securityId}`);
      add.push(s);
    };
    for (const k of keys) want(k);
    return add;
  }

  /** Advances simulated time by `realDtMs × speed`, then the engine to the model's time. */
  step(realDtMs: number): void {
    this.current.step(realDtMs);
    this.engine.advanceTo(this.current.now());
  }

  /** Every tick of the model; returns a function that stops listening. */
  onTick(listener: (t: SimTick) => void): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }

  /** Unhooks from the model. */
  dispose(): void {
    this.unhook();
    this.tickListeners.clear();
  }
}
