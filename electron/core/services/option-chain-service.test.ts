import { describe, expect, it } from 'vitest';
import { bridgeError, BridgeFault, type BridgeError, type Result } from '../../../shared/errors';
import { keyOf, type Instrument, type InstrumentKey } from '../../../shared/instruments';
import type { InstrumentSearchArgs } from '../../../shared/ipc/contract';
import type { InstrumentRef, OptionChain, OptionChainLeg } from '../../../shared/market';
import { CHAIN_TTL_MS, OptionChainService, type OptionCatalog, type OptionChainSource } from './option-chain-service';

// The option-chain service over a stand-in broker (answers counted, released by hand) and a
// stand-in catalogue: sharing of one request between callers, the 3 s cache, key mapping.

function instrument(p: Partial<Instrument> & Pick<Instrument, 'segment' | 'securityId' | 'tradingSymbol' | 'instrumentType'>): Instrument {
  return {
    exchange: 'NSE',
    securityIdNum: Number(p.securityId),
    underlying: p.tradingSymbol,
    underlyingSecurityId: null,
    displayName: p.tradingSymbol,
    name: null,
    series: null,
    lotSize: 1,
    tickSize: 0.05,
    expiry: null,
    expiryCycle: null,
    strike: null,
    optionType: null,
    isin: null,
    freezeQuantity: null,
    ...p,
  };
}

const NIFTY = instrument({ segment: 'IDX_I', securityId: '13', tradingSymbol: 'NIFTY', instrumentType: 'INDEX', displayName: 'Nifty 50' });
const EXPIRY = '2026-11-24';
const option = (id: string, strike: number, side: 'CE' | 'PE') =>
  instrument({ segment: 'NSE_FNO', securityId: id, tradingSymbol: `NIFTY-Nov2026-${strike}-${side}`, instrumentType: 'OPTIDX', underlying: 'NIFTY', expiry: EXPIRY, strike, optionType: side, lotSize: 65 });
const OPTIONS = [option('70001', 24000, 'CE'), option('70002', 24000, 'PE'), option('70003', 24050, 'CE'), option('70004', 24050, 'PE')];

function leg(securityId: string | null, ltp: number, delta: number): OptionChainLeg {
  return {
    securityId,
    ltp,
    atp: null,
    previousClose: ltp,
    iv: 12.5,
    greeks: { delta, gamma: 0.001, theta: -10, vega: 8 },
    oi: 1000,
    previousOi: 900,
    volume: 5000,
    previousVolume: 4000,
    bidPrice: ltp - 0.05,
    bidQuantity: 65,
    askPrice: ltp + 0.05,
    askQuantity: 130,
  };
}

function chainOf(ids: boolean): OptionChain {
  return {
    underlying: { segment: 'IDX_I', securityId: '13' },
    expiry: EXPIRY,
    spot: 24020.5,
    rows: [
      { strike: 24000, call: leg(ids ? '70001' : null, 120, 0.55), put: leg(ids ? '70002' : null, 95, -0.45) },
      { strike: 24050, call: leg(ids ? '70003' : null, 92, 0.48), put: leg(ids ? '99999' : null, 121, -0.52) },
    ],
  };
}

/** A broker whose answers wait until `release()`; counts requests. */
function fakeBroker(chain: () => Result<OptionChain>) {
  const calls: { path: 'chain' | 'expiries'; ref: InstrumentRef; expiry?: string }[] = [];
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => undefined;
  const api: OptionChainSource = {
    optionChain: async (ref, expiry) => {
      calls.push({ path: 'chain', ref, expiry });
      await gate;
      return chain();
    },
    expiries: async (ref) => {
      calls.push({ path: 'expiries', ref });
      await gate;
      return { ok: true, value: ['2026-12-29', EXPIRY] };
    },
  };
  return {
    api,
    calls,
    hold: () => {
      gate = new Promise((r) => (open = r));
    },
    release: () => open(),
  };
}

function fakeCatalog(list: readonly Instrument[]) {
  const byKey = new Map(list.map((i) => [keyOf(i), i] as const));
  const searches: InstrumentSearchArgs[] = [];
  const catalog: OptionCatalog = {
    get: async (keys: readonly InstrumentKey[]) => keys.map((k) => byKey.get(k) ?? null),
    search: async (args) => {
      searches.push(args);
      const words = args.query.toUpperCase().split(/\s+/);
      const hits = list.filter(
        (i) => (args.types === undefined || args.types.includes(i.instrumentType)) && words.every((w) => `${i.tradingSymbol} ${i.strike ?? ''} ${i.optionType ?? ''}`.toUpperCase().includes(w)),
      );
      return { hits, universe: list.length };
    },
  };
  return { catalog, searches };
}

function setup(chain: () => Result<OptionChain> = () => ({ ok: true, value: chainOf(true) })) {
  let now = 1_000_000;
  const broker = fakeBroker(chain);
  const cat = fakeCatalog([NIFTY, ...OPTIONS]);
  const session = { current: { api: broker.api, session: {} } as { api: OptionChainSource; session: object } | null };
  const errors: BridgeError[] = [];
  const service = new OptionChainService({ source: () => session.current, catalog: cat.catalog, now: () => now, noteError: (e) => errors.push(e) });
  return { service, broker, cat, session, errors, advance: (ms: number) => (now += ms) };
}

async function fault(p: Promise<unknown>): Promise<BridgeError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof BridgeFault) return e.error;
    throw e;
  }
  throw new Error('expected a BridgeFault');
}

describe('OptionChainService', () => {
  it('shares one broker request between concurrent callers and within 3 s, then asks again', async () => {
    const t = setup();
    t.broker.hold();
    const asks = [t.service.chain('IDX_I:13', EXPIRY), t.service.chain('IDX_I:13', EXPIRY), t.service.chain('IDX_I:13', EXPIRY)];
    await new Promise((r) => setTimeout(r, 0));
    t.broker.release();
    const [a, b, c] = await Promise.all(asks);
    expect(t.broker.calls.filter((x) => x.path === 'chain')).toHaveLength(1);
    expect(b).toBe(a);
    expect(c).toBe(a);
    t.advance(CHAIN_TTL_MS - 1);
    expect(await t.service.chain('IDX_I:13', EXPIRY)).toBe(a);
    expect(t.broker.calls).toHaveLength(1);
    t.advance(1);
    const fresh = await t.service.chain('IDX_I:13', EXPIRY);
    expect(fresh).not.toBe(a);
    expect(t.broker.calls).toHaveLength(2);
    // another expiry is another chain
    await t.service.chain('IDX_I:13', '2026-12-29');
    expect(t.broker.calls.map((x) => x.expiry)).toEqual([EXPIRY, EXPIRY, '2026-12-29']);
    expect(t.broker.calls[0]!.ref).toEqual({ segment: 'IDX_I', securityId: '13' });
  });

  it('names each leg by its NSE_FNO key when the master lists it, with the options\' lot and tick size', async () => {
    const t = setup();
    const r = await t.service.chain('IDX_I:13', EXPIRY);
    expect(r.underlying).toBe('IDX_I:13');
    expect(r.underlyingName).toBe('Nifty 50');
    expect(r.spot).toBe(24020.5);
    expect(r.lotSize).toBe(65);
    expect(r.tickSize).toBe(0.05);
    expect(r.rows.map((x) => [x.strike, x.call?.key, x.put?.key])).toEqual([
      [24000, 'NSE_FNO:70001', 'NSE_FNO:70002'],
      [24050, 'NSE_FNO:70003', null], // 99999 is not in the master
    ]);
    expect(r.rows[0]!.call!.greeks.delta).toBe(0.55);
    expect(t.cat.searches).toHaveLength(0);
  });

  it('finds legs the broker sent without a security id in the master, once per session', async () => {
    const t = setup(() => ({ ok: true, value: chainOf(false) }));
    const r = await t.service.chain('IDX_I:13', EXPIRY);
    expect(r.rows.map((x) => [x.call?.key, x.put?.key])).toEqual([
      ['NSE_FNO:70001', 'NSE_FNO:70002'],
      ['NSE_FNO:70003', 'NSE_FNO:70004'],
    ]);
    expect(r.rows[1]!.put!.securityId).toBe('70004');
    expect(r.lotSize).toBe(65);
    const searches = t.cat.searches.length;
    expect(searches).toBe(4);
    t.advance(CHAIN_TTL_MS);
    const again = await t.service.chain('IDX_I:13', EXPIRY);
    expect(again.rows[1]!.put!.key).toBe('NSE_FNO:70004');
    expect(t.cat.searches).toHaveLength(searches);
  });

  it('answers the underlying of an option and its expiries, nearest first', async () => {
    const t = setup();
    const r = await t.service.expiries('NSE_FNO:70003');
    expect(r).toEqual({ underlying: 'IDX_I:13', underlyingName: 'Nifty 50', underlyingSymbol: 'NIFTY', expiries: [EXPIRY, '2026-12-29'] });
    expect(t.broker.calls).toEqual([{ path: 'expiries', ref: { segment: 'IDX_I', securityId: '13' } }]);
    expect(await t.service.expiries('IDX_I:13')).toEqual(r);
    expect(t.broker.calls).toHaveLength(1);
  });

  it('refuses unknown instruments and a missing session, and does not cache a broker error', async () => {
    let fail = true;
    const t = setup(() => (fail ? { ok: false, error: bridgeError('UNAUTHENTICATED', 'DH-901: Invalid token', false) } : { ok: true, value: chainOf(true) }));
    expect((await fault(t.service.expiries('NSE_EQ:424242'))).code).toBe('NOT_FOUND');
    expect((await fault(t.service.chain('NSE_EQ:424242', EXPIRY))).code).toBe('NOT_FOUND');
    expect((await fault(t.service.chain('IDX_I:13', EXPIRY))).code).toBe('UNAUTHENTICATED');
    expect(t.errors.map((e) => e.code)).toEqual(['UNAUTHENTICATED']);
    fail = false;
    expect((await t.service.chain('IDX_I:13', EXPIRY)).rows).toHaveLength(2);
    t.session.current = null;
    expect((await fault(t.service.chain('IDX_I:13', EXPIRY))).code).toBe('NETWORK');
  });

  it('drops cached chains when the session changes', async () => {
    const t = setup();
    const a = await t.service.chain('IDX_I:13', EXPIRY);
    t.session.current = { api: t.broker.api, session: {} };
    const b = await t.service.chain('IDX_I:13', EXPIRY);
    expect(b).not.toBe(a);
    expect(t.broker.calls).toHaveLength(2);
  });
});
