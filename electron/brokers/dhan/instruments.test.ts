/**
 * The DhanHQ v2 master parser against the real files in shared/fixtures/dhan (README there):
 * the complete compact master (273,027 rows) and the detailed NSE equity + index master.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { instrumentKey, isDerivative, isOption, type Instrument } from '../../../shared/instruments';
import { isOnTick } from '../../../shared/price';
import { parseDhanMasterDetailed, parseDhanMasterSegment, readDhanMaster, type DhanMasterParse } from './instruments';
import { SKIP } from './instruments-map';

const FIXTURES = join(import.meta.dirname, '../../../../shared/fixtures/dhan');
const COMPACT_GZ = join(FIXTURES, 'api-scrip-master.2026-02.csv.gz');
const DETAILED = join(FIXTURES, 'api-scrip-master-detailed.NSE_EQ+IDX.2026-04.csv');
/** The compact master's data date (nearest NSE expiry 2026-02-10): display names omit the year 2026. */
const TODAY = '2026-02-04';

function find(p: DhanMasterParse, segment: Instrument['segment'], securityId: string): Instrument {
  const hit = p.instruments.filter((i) => i.segment === segment && i.securityId === securityId);
  expect(hit, `${segment}:${securityId}`).toHaveLength(1);
  return hit[0]!;
}

describe('compact master, complete (273,027 rows)', () => {
  let m: DhanMasterParse;
  beforeAll(async () => {
    const r = await readDhanMaster(COMPACT_GZ, { today: TODAY });
    if (!r.ok) throw new Error(r.error.message);
    m = r.value;
  });

  it('reads every row and counts them by segment as the fixture README does', () => {
    expect(m.format).toBe('compact');
    expect(m.rows).toBe(273_027);
    // README: NSE D 101,427 · NSE M 44,642 · MCX M 37,936 · BSE D 42,397 · BSE E 13,248 ·
    // BSE C 12,733 · NSE C 11,429 · NSE E 9,021 · NSE I 119 · BSE I 75.
    expect(m.bySegment).toEqual({
      IDX_I: 119 + 75,
      NSE_EQ: 9_021,
      NSE_FNO: 101_427,
      NSE_CURRENCY: 11_429,
      BSE_EQ: 13_248,
      MCX_COMM: 37_936,
      BSE_CURRENCY: 12_733,
      BSE_FNO: 42_397,
    });
    // NSE M (NSE commodity derivatives) has no DhanHQ v2 segment: skipped, counted, nothing else is.
    expect(m.skipped.reasons).toEqual({ [SKIP.nseCommodity]: 44_642 });
    expect(m.skipped.count).toBe(44_642);
    expect(m.instruments.length + m.skipped.count).toBe(m.rows);
    // GIFTNIFTY's index tick is 0.0000 on the wire: kept with a ₹0.01 tick, and said so.
    expect(Object.values(m.adjusted)).toEqual([1]);
    expect(m.instruments.filter((i) => i.segment === 'IDX_I').map((i) => i.exchange).filter((e) => e === 'BSE'))
      .toHaveLength(75);
  });

  it('counts NSE index options by underlying as the README does', () => {
    const count = new Map<string, number>();
    for (const i of m.instruments) {
      if (i.segment === 'NSE_FNO' && i.instrumentType === 'OPTIDX') count.set(i.underlying, (count.get(i.underlying) ?? 0) + 1);
    }
    expect(Object.fromEntries(count)).toEqual({
      NIFTY: 4_068,
      BANKNIFTY: 2_322,
      NIFTYNXT50: 2_120,
      MIDCPNIFTY: 1_596,
      FINNIFTY: 1_120,
    });
  });

  it('reads the NIFTY 50 index row: IDX_I 13, tick ₹0.05 taken as rupees', () => {
    expect(find(m, 'IDX_I', '13')).toEqual({
      exchange: 'NSE',
      segment: 'IDX_I',
      securityId: '13',
      securityIdNum: 13,
      tradingSymbol: 'NIFTY',
      underlying: 'NIFTY',
      underlyingSecurityId: null,
      displayName: 'Nifty 50',
      name: 'NIFTY',
      instrumentType: 'INDEX',
      series: null,
      lotSize: 1,
      tickSize: 0.05,
      expiry: null,
      expiryCycle: null,
      strike: null,
      optionType: null,
      isin: null,
      freezeQuantity: null,
    } satisfies Instrument);
  });

  it('reads HDFCBANK (NSE_EQ 1333): tick 5 paise → ₹0.05, lot 1; RELIANCE tick ₹0.10', () => {
    const hdfc = find(m, 'NSE_EQ', '1333');
    expect(hdfc).toMatchObject({
      exchange: 'NSE',
      tradingSymbol: 'HDFCBANK',
      displayName: 'HDFC Bank',
      name: 'HDFC BANK LTD',
      instrumentType: 'EQUITY',
      series: 'EQ',
      lotSize: 1,
      tickSize: 0.05,
      expiry: null,
      strike: null,
    });
    const rel = find(m, 'NSE_EQ', '2885');
    expect(rel.tradingSymbol).toBe('RELIANCE');
    expect(rel.tickSize).toBe(0.1);
  });

  it('never leaves a tick size in paise (x100) or below the segment grid', () => {
    const tooFine = m.instruments.filter((i) => {
      const currency = i.segment === 'NSE_CURRENCY' || i.segment === 'BSE_CURRENCY';
      return !(i.tickSize >= (currency ? 0.0001 : 0.01));
    });
    expect(tooFine).toEqual([]);
    // Equity ticks on the file are 1, 5, 10, 50, 100, 500 paise: ₹0.01 … ₹5, never ₹1 … ₹500.
    const equityTicks = new Set(m.instruments.filter((i) => i.instrumentType === 'EQUITY').map((i) => i.tickSize));
    expect([...equityTicks].sort((a, b) => a - b)).toEqual([0.01, 0.05, 0.1, 0.5, 1, 5]);
    // USDINR futures tick 0.25 paise = ₹0.0025.
    expect(find(m, 'BSE_CURRENCY', '1026077')).toMatchObject({ tradingSymbol: 'USDINR-28Aug2024-FUT', tickSize: 0.0025 });
  });

  it('reads a NIFTY option: strike, expiry date without the time, CE, lot 65, trader-style name', () => {
    expect(find(m, 'NSE_FNO', '35060')).toEqual({
      exchange: 'NSE',
      segment: 'NSE_FNO',
      securityId: '35060',
      securityIdNum: 35060,
      tradingSymbol: 'NIFTY-Mar2026-31250-CE',
      underlying: 'NIFTY',
      underlyingSecurityId: null,
      displayName: 'NIFTY 30 MAR 31250 CE',
      name: null,
      instrumentType: 'OPTIDX',
      series: null,
      lotSize: 65,
      tickSize: 0.05,
      expiry: '2026-03-30',
      expiryCycle: 'MONTHLY',
      strike: 31250,
      optionType: 'CE',
      isin: null,
      freezeQuantity: null,
    } satisfies Instrument);
    expect(find(m, 'NSE_FNO', '35061')).toMatchObject({ optionType: 'PE', displayName: 'NIFTY 30 MAR 31250 PE' });
  });

  it('reads futures, hyphenated underlyings, long-dated and expired contracts', () => {
    expect(find(m, 'NSE_FNO', '51714')).toMatchObject({
      tradingSymbol: 'NIFTY-Mar2026-FUT',
      instrumentType: 'FUTIDX',
      displayName: 'NIFTY MAR FUT',
      lotSize: 65,
      tickSize: 0.1,
      strike: null,
      optionType: null,
      expiry: '2026-03-30',
    });
    expect(find(m, 'BSE_FNO', '1161944')).toMatchObject({
      underlying: 'BAJAJ-AUTO',
      displayName: 'BAJAJ-AUTO 26 FEB 9500 CE',
      strike: 9500,
    });
    expect(find(m, 'BSE_FNO', '1134186')).toMatchObject({ displayName: 'SENSEX 27 JUN 2030 90000 PE', expiryCycle: 'HALF_YEARLY' });
    // Expired contracts are still listed, and kept: the expiry tells.
    expect(find(m, 'BSE_CURRENCY', '1026077')).toMatchObject({ expiry: '2024-08-28', displayName: 'USDINR AUG 2024 FUT' });
    // MCX: the expiry time is 00:00:00 there; only the date is kept.
    expect(find(m, 'MCX_COMM', '451666')).toMatchObject({ expiry: '2026-03-05', displayName: 'SILVER MAR FUT', series: '2' });
    // A BSE debt row whose lot size is written in E-notation (1.0E7).
    expect(find(m, 'BSE_EQ', '975196').lotSize).toBe(10_000_000);
  });

  it("names derivatives as Dhan's SEM_CUSTOM_SYMBOL does, but with CE/PE, exact strikes and the year when not 2026", () => {
    // Dhan's own names, by key, from the raw file.
    const raw = new Map<string, string>();
    const letter: Record<string, string> = { NSE_FNO: 'D', BSE_FNO: 'D', NSE_CURRENCY: 'C', BSE_CURRENCY: 'C', MCX_COMM: 'M' };
    for (const line of gunzipSync(readFileSync(COMPACT_GZ)).toString('utf8').split('\n')) {
      const f = line.split(',');
      if (f[1] === 'D' || f[1] === 'C' || f[1] === 'M') raw.set(`${f[0]}/${f[1]}/${f[2]}`, f[7]!);
    }
    const tokens = (s: string) => s.replace(/ CALL$/, ' CE').replace(/ PUT$/, ' PE').split(/ +/);
    let same = 0;
    const differ: string[] = [];
    for (const i of m.instruments) {
      if (i.expiry === null) continue;
      const year = i.expiry.slice(0, 4);
      const ours = tokens(year === '2026' ? i.displayName : i.displayName.replace(` ${year}`, ''));
      const theirs = tokens(raw.get(`${i.exchange}/${letter[i.segment]}/${i.securityId}`)!);
      // Dhan rounds currency strikes to 2 decimals (1.275 → "1.27"); we keep the strike.
      if (i.instrumentType === 'OPTCUR') {
        ours.splice(-2, 1);
        theirs.splice(-2, 1);
      } else if (i.strike !== null) {
        // Dhan writes fractional strikes with 2 decimals (152.50); we write 152.5.
        theirs[theirs.length - 2] = String(Number(theirs[theirs.length - 2]));
      }
      // Dhan names the MCX NATGASMINI contracts NATURALGASM; we keep the trading symbol's underlying.
      if (i.underlying === 'NATGASMINI') theirs[0] = 'NATGASMINI';
      if (ours.join(' ') === theirs.join(' ')) same++;
      else differ.push(`${i.tradingSymbol}: ${i.displayName} / ${theirs.join(' ')}`);
    }
    expect(differ.slice(0, 10)).toEqual([]);
    expect(same).toBe(m.instruments.filter((i) => i.expiry !== null).length);
  });

  it('gives every derivative a valid expiry, every option a strike on the paise grid and CE/PE, and unique keys', () => {
    // Violations are collected and compared once (one expect per row would take seconds).
    const bad: string[] = [];
    const keys = new Set<string>();
    for (const i of m.instruments) {
      const key = instrumentKey(i.segment, i.securityId);
      keys.add(key);
      if (i.securityIdNum !== Number(i.securityId)) bad.push(`${key} numeric id`);
      if (!Number.isInteger(i.lotSize) || i.lotSize < 1) bad.push(`${key} lot`);
      if (isDerivative(i.instrumentType)) {
        if (!/^20\d\d-\d\d-\d\d$/.test(i.expiry ?? '')) bad.push(`${key} expiry`);
        if (!i.displayName.startsWith(`${i.underlying} `)) bad.push(`${key} name`);
      } else if (i.expiry !== null) bad.push(`${key} expiry on cash`);
      if (isOption(i.instrumentType)) {
        if (i.optionType !== 'CE' && i.optionType !== 'PE') bad.push(`${key} option type`);
        if (i.strike === null || !isOnTick(i.strike, 0.0001)) bad.push(`${key} strike`);
      } else if (i.strike !== null || i.optionType !== null) bad.push(`${key} strike on non-option`);
    }
    expect(bad).toEqual([]);
    expect(keys.size).toBe(m.instruments.length);
  });
});

describe('detailed master (NSE equity + index, 9,469 rows)', () => {
  let m: DhanMasterParse;
  beforeAll(() => {
    const r = parseDhanMasterDetailed(readFileSync(DETAILED), { today: TODAY });
    if (!r.ok) throw new Error(r.error.message);
    m = r.value;
  });

  it('reads every row: NSE_EQ 9,350 + IDX_I 119', () => {
    expect(m.format).toBe('detailed');
    expect(m.rows).toBe(9_469);
    expect(m.skipped.count).toBe(0);
    expect(m.bySegment).toMatchObject({ NSE_EQ: 9_350, IDX_I: 119, NSE_FNO: 0, BSE_EQ: 0 });
    // One index row has TICK_SIZE 0 here too (GIFTNIFTY in the compact master): kept at ₹0.01.
    expect(Object.values(m.adjusted)).toEqual([1]);
  });

  it('reads HDFCBANK and RELIANCE with their ISINs and rupee tick sizes', () => {
    expect(find(m, 'NSE_EQ', '1333')).toEqual({
      exchange: 'NSE',
      segment: 'NSE_EQ',
      securityId: '1333',
      securityIdNum: 1333,
      tradingSymbol: 'HDFCBANK',
      underlying: 'HDFCBANK',
      underlyingSecurityId: null,
      displayName: 'HDFC Bank',
      name: 'HDFC BANK LTD',
      instrumentType: 'EQUITY',
      series: 'EQ',
      lotSize: 1,
      tickSize: 0.05,
      expiry: null,
      expiryCycle: null,
      strike: null,
      optionType: null,
      isin: 'INE040A01034',
      freezeQuantity: null,
    } satisfies Instrument);
    expect(find(m, 'NSE_EQ', '2885')).toMatchObject({ tradingSymbol: 'RELIANCE', isin: 'INE002A01018', tickSize: 0.1 });
  });

  it('reads the NIFTY index row (tick in rupees, underlying id itself) and drops malformed ISINs', () => {
    expect(find(m, 'IDX_I', '13')).toMatchObject({
      tradingSymbol: 'NIFTY',
      displayName: 'Nifty 50',
      tickSize: 0.05,
      underlyingSecurityId: '13',
      isin: null,
      series: null,
      expiry: null,
    });
    // Exchange test scrips carry placeholder ISINs such as DUMMYSAN001 (11 characters).
    expect(find(m, 'NSE_EQ', '12841')).toMatchObject({ tradingSymbol: '11NSETEST', isin: null });
  });

  it('parses the same text as the segment-wise list, keeping only the requested segment', () => {
    const r = parseDhanMasterSegment(readFileSync(DETAILED, 'utf8'), 'IDX_I', { today: TODAY });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.instruments).toHaveLength(119);
    expect(r.value.skipped.reasons).toEqual({ [SKIP.outsideSegment]: 9_350 });
  });
});
