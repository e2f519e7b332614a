import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isOnTick } from '../../shared/price';
import type { Instrument } from '../../shared/instruments';
import { readDhanMaster } from '../brokers/dhan/instruments';
import { istDay, istMinuteOfDay } from './market-hours';
import type { SimInstrumentSpec } from './sim-instrument';
import { SYNTHETIC_ID_BASE, universeFromInstruments, type MasterUniverse } from './universe-from-master';
import { SimMarket } from './wire/sim-market';

/** The full compact master of 2026-02 (273,027 rows) as the sim's universe. */

const MASTER = join(import.meta.dirname, '../../../shared/fixtures/dhan/api-scrip-master.2026-02.csv.gz');
const NOW = Date.parse('2026-11-21T05:00:00Z'); // 10:30 IST, long after the file's expiries
let rows: readonly Instrument[];
let u: MasterUniverse;
const byKey = new Map<string, SimInstrumentSpec>();
const key = (s: { segment: string; securityId: string }) => `${s.segment}:${s.securityId}`;

beforeAll(async () => {
  const parsed = await readDhanMaster(MASTER);
  if (!parsed.ok) throw new Error(parsed.error.message);
  rows = parsed.value.instruments;
  u = universeFromInstruments(rows, { nowMs: NOW });
  for (const s of u.instruments) byKey.set(key(s), s);
}, 30_000);

/** The underlying as the market model looks it up (segments in its order). */
function underlyingOf(s: SimInstrumentSpec): SimInstrumentSpec | undefined {
  const index = s.instrumentType === 'FUTIDX' || s.instrumentType === 'OPTIDX';
  for (const seg of index ? ['IDX_I', 'NSE_EQ', 'BSE_EQ'] : ['NSE_EQ', 'BSE_EQ', 'IDX_I']) {
    const hit = byKey.get(`${seg}:${s.underlyingSecurityId}`);
    if (hit) return hit;
  }
  return undefined;
}

describe('universe from the Dhan master', () => {
  it('keeps every instrument of the file, with its own id, lot and tick', () => {
    expect(u.fromMaster).toBe(rows.length);
    expect(u.instruments.length).toBe(rows.length + u.synthetic);
    const hdfc = byKey.get('NSE_EQ:1333')!;
    expect([hdfc.tradingSymbol, hdfc.tickSize, hdfc.lotSize]).toEqual(['HDFCBANK', 0.05, 1]);
    expect(byKey.get('IDX_I:25')?.tradingSymbol).toBe('BANKNIFTY');
    expect(u.sharedIds).toBeGreaterThan(0); // ids repeat across segments and are kept
  });

  it('links every derivative to a non-derivative underlying the model will find', () => {
    const derivatives = u.instruments.filter((s) => s.expiry !== null);
    const orphans = derivatives.filter((d) => underlyingOf(d)?.expiry !== null).map((d) => d.tradingSymbol);
    expect(orphans).toEqual([]);
    const niftyOption = derivatives.find((s) => s.tradingSymbol.startsWith('NIFTY-') && s.instrumentType === 'OPTIDX')!;
    expect(key(underlyingOf(niftyOption)!)).toBe('IDX_I:13');
    const hdfcFuture = derivatives.find((s) => s.tradingSymbol.startsWith('HDFCBANK-') && s.segment === 'NSE_FNO')!;
    expect(key(underlyingOf(hdfcFuture)!)).toBe('NSE_EQ:1333');
    const silver = derivatives.find((s) => s.tradingSymbol.startsWith('SILVER-') && s.instrumentType === 'OPTFUT')!;
    const spot = underlyingOf(silver)!;
    expect([spot.segment, spot.tradingSymbol, Number(spot.securityId) >= SYNTHETIC_ID_BASE]).toEqual(['IDX_I', 'SILVER SPOT', true]);
  });

  it('starts underlyings near the level their option strikes are listed around', () => {
    const nifty = byKey.get('IDX_I:13')!.initialPrice;
    const strikes = u.instruments.filter((s) => s.underlyingSecurityId === '13' && s.instrumentType === 'OPTIDX').map((s) => s.strike!);
    expect(nifty).toBeGreaterThan(Math.min(...strikes));
    expect(nifty).toBeLessThan(Math.max(...strikes));
    expect(nifty).toBeGreaterThan(20_000); // NIFTY traded near 25,000 in February 2026
    expect(nifty).toBeLessThan(30_000);
    expect(u.instruments.filter((s) => !(s.initialPrice > 0)).map(key)).toEqual([]);
  });

  it('runs an old file on the trading day before its earliest NSE F&O expiry, at the current time of day', () => {
    // the earliest NSE F&O expiry in the file is Tuesday 2026-02-10
    expect(new Date(u.startTimeMs + 330 * 60_000).toISOString().slice(0, 10)).toBe('2026-02-09');
    expect(istMinuteOfDay(u.startTimeMs)).toBe(istMinuteOfDay(NOW));
    const early = universeFromInstruments(rows.slice(0, 20_000), { nowMs: Date.parse('2026-02-02T05:00:00Z') });
    expect(early.startTimeMs).toBe(Date.parse('2026-02-02T05:00:00Z'));
    expect(istDay(u.startTimeMs)).toBeLessThan(istDay(NOW));
  });

  it('makes any instrument quotable and tradable on first use, the model holding only what is used', () => {
    const market = new SimMarket({ seed: 2, catalogue: u.instruments, startTimeMs: u.startTimeMs, alwaysOpen: true });
    expect(market.model.instruments().every((s) => s.segment === 'IDX_I')).toBe(true);
    const sample = u.instruments.filter((_, i) => i % 97 === 0);
    market.ensure(sample.map(key));
    const bad = sample.filter((s) => {
      const ltp = market.model.quote(s, 0).ltp;
      return !(ltp > 0 && isOnTick(ltp, s.tickSize));
    });
    expect(bad.map(key)).toEqual([]);
    expect(market.model.instruments().length).toBeLessThan(u.instruments.length / 10);
    // tradable: a commodity future and a BSE stock fill at market
    const mcx = u.instruments.find((s) => s.segment === 'MCX_COMM' && s.instrumentType === 'FUTCOM' && s.lotSize === 1)!;
    const bse = u.instruments.find((s) => s.segment === 'BSE_EQ' && s.lotSize === 1 && s.initialPrice < 500)!;
    market.ensure([key(mcx), key(bse)]);
    const f = market.engine.placeOrder({ instrument: mcx, side: 'BUY', quantity: 1, product: 'INTRADAY', orderType: 'MARKET', validity: 'DAY' });
    const e = market.engine.placeOrder({ instrument: bse, side: 'BUY', quantity: 1, product: 'CNC', orderType: 'MARKET', validity: 'DAY' });
    expect([f.ok ? f.order.status : f.rejection.errorMessage, e.ok ? e.order.status : e.rejection.errorMessage]).toEqual(['TRADED', 'TRADED']);
    // later instruments join the running market: what is already live keeps its state
    const ltp = market.model.ltp(mcx);
    const volume = market.model.quote(mcx, 0).volume;
    market.ensure([key(u.instruments.find((s) => s.segment === 'NSE_FNO' && s.instrumentType === 'OPTSTK')!)]);
    expect([market.model.ltp(mcx), market.model.quote(mcx, 0).volume]).toEqual([ltp, volume]);
    expect(volume).toBeGreaterThan(0);
    expect(market.engine.orderBook().map((o) => o.status)).toEqual(['TRADED', 'TRADED']);
    expect(market.activations).toBe(3);
  }, 30_000);
});
