import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeDepthMessage, type DepthRow } from '../electron/brokers/dhan/depth-codec';
import { encodeFeedMessage, encodeFeedPacket, type FeedPacket } from '../electron/brokers/dhan/feed-codec';
import { DECODE_HELP, DECODE_USAGE, decodeLine, parseDecodeArgs, parseHexLine } from './decode';

const root = resolve(import.meta.dirname, '..');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

const ticker: FeedPacket = { kind: 'ticker', segment: 'NSE_EQ', securityId: 1333, ltp: 1650.4, ltt: 1732170000 };
const quote: FeedPacket = {
  kind: 'quote',
  segment: 'NSE_FNO',
  securityId: 55796,
  ltp: 247.8,
  ltq: 75,
  ltt: 1732170001,
  atp: 246.35,
  volume: 1500,
  totalSellQty: 900,
  totalBuyQty: 600,
  open: 240,
  close: 0,
  high: 250.05,
  low: 239.95,
};
const full: FeedPacket = {
  ...quote,
  kind: 'full',
  oi: 100,
  oiHigh: 120,
  oiLow: 90,
  depth: [1, 2, 3, 4, 5].map((i) => ({
    bidQty: 75 * i,
    askQty: 150 * i,
    bidOrders: i,
    askOrders: i + 1,
    bidPrice: Math.round((247.8 - i * 0.05) * 100) / 100,
    askPrice: Math.round((247.8 + i * 0.05) * 100) / 100,
  })),
};

describe('frame inspector lines', () => {
  it('prints the shapes of issue 3 with their key order', () => {
    const out = decodeLine('dhan-feed', hex(encodeFeedMessage([ticker, quote, full, { kind: 'unknown', code: 3, length: 112 }])));
    expect(out[0]).toBe('{"kind":"ticker","segment":"NSE_EQ","securityId":1333,"ltp":1650.4,"ltt":1732170000}');
    expect(out[1]).toBe(
      '{"kind":"quote","segment":"NSE_FNO","securityId":55796,"ltp":247.8,"ltq":75,"ltt":1732170001,"atp":246.35,' +
        '"volume":1500,"totalSellQty":900,"totalBuyQty":600,"open":240,"close":0,"high":250.05,"low":239.95}',
    );
    expect(out[2]).toMatch(
      /^\{"kind":"full","segment":"NSE_FNO","securityId":55796,"ltp":247.8,"ltq":75,"ltt":1732170001,"atp":246.35,"volume":1500,"totalSellQty":900,"totalBuyQty":600,"open":240,"close":0,"high":250.05,"low":239.95,"oi":100,"oiHigh":120,"oiLow":90,"depth":\[\{"bidQty":75,"askQty":150,"bidOrders":1,"askOrders":2,"bidPrice":247.75,"askPrice":247.85\},/,
    );
    expect(JSON.parse(out[2]!).depth).toHaveLength(5);
    expect(out[3]).toBe('{"kind":"unknown","code":3,"length":112}');
    expect(out).toHaveLength(4);
  });

  it('prints the small packet kinds', () => {
    const out = decodeLine(
      'dhan-feed',
      hex(
        encodeFeedMessage([
          { kind: 'oi', segment: 'NSE_FNO', securityId: 1, oi: 5 },
          { kind: 'prevClose', segment: 'NSE_EQ', securityId: 2, prevClose: 99.5, prevOi: 0 },
          { kind: 'marketStatus', segment: 'NSE_EQ', securityId: 3 },
          { kind: 'disconnect', segment: 'NSE_EQ', securityId: 0, reason: 805 },
        ]),
      ),
    );
    expect(out).toEqual([
      '{"kind":"oi","segment":"NSE_FNO","securityId":1,"oi":5}',
      '{"kind":"prevClose","segment":"NSE_EQ","securityId":2,"prevClose":99.5,"prevOi":0}',
      '{"kind":"marketStatus","segment":"NSE_EQ","securityId":3}',
      '{"kind":"disconnect","segment":"NSE_EQ","securityId":0,"reason":805}',
    ]);
  });

  it('prints every depth row in wire order', () => {
    const levels: DepthRow[] = [
      { price: 1650.4, qty: 10, orders: 1 },
      { price: 1650.35, qty: 20, orders: 2 },
      { price: 1650.5, qty: 5, orders: 1 },
    ];
    const msg = encodeDepthMessage([{ kind: 'ask', segment: 'NSE_EQ', securityId: 1333, levels }], 200);
    expect(decodeLine('dhan-depth200', hex(msg))).toEqual([
      '{"kind":"ask","segment":"NSE_EQ","securityId":1333,"levels":[{"price":1650.4,"qty":10,"orders":1},' +
        '{"price":1650.35,"qty":20,"orders":2},{"price":1650.5,"qty":5,"orders":1}]}',
    ]);
  });

  it('reports malformed lines and packets in wire order', () => {
    expect(decodeLine('dhan-feed', 'zz')).toEqual(['{"error":"not hex: unexpected character \\"z\\""}']);
    expect(decodeLine('dhan-feed', 'abc')).toEqual(['{"error":"not hex: odd number of digits (3)"}']);
    expect(decodeLine('dhan-feed', '   ')).toEqual([]);
    const nan = encodeFeedPacket(ticker);
    new DataView(nan.buffer).setFloat32(8, NaN, true);
    const t = encodeFeedPacket(ticker);
    const line = `0x${hex(t)} ${hex(nan)} ${hex(t)} ${hex(t.subarray(0, 6))}`;
    expect(decodeLine('dhan-feed', line).map((l) => Object.keys(JSON.parse(l))[0] + ':' + (JSON.parse(l).error ?? ''))).toEqual([
      'kind:',
      'error:packet at byte 16 (ticker): a price is not a finite number',
      'kind:',
      'error:packet at byte 48: fewer than 8 bytes left for a header',
    ]);
  });

  it('parses its arguments', () => {
    expect(parseDecodeArgs(['--format', 'dhan-depth20', 'f.txt'])).toEqual({ format: 'dhan-depth20', file: 'f.txt' });
    expect(parseDecodeArgs(['--format=dhan-feed'])).toEqual({ format: 'dhan-feed', file: null });
    expect(parseDecodeArgs(['--format', 'kite'])).toBeNull();
    expect(parseDecodeArgs(['x'])).toBeNull();
    expect(parseHexLine('0x0A ff')).toEqual(new Uint8Array([10, 255]));
  });
});

describe('frame inspector process', () => {
  it('reads FILE through npm run decode and prints JSON Lines, exit 0 despite a bad line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'decode-'));
    const file = join(dir, 'frames.hex');
    writeFileSync(file, `${hex(encodeFeedPacket(ticker))}\nnot-hex\n\n${hex(encodeFeedMessage([ticker, ticker]))}\n`);
    const r = spawnSync('npm', ['run', '--silent', 'decode', '--', '--format', 'dhan-feed', file], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const want = '{"kind":"ticker","segment":"NSE_EQ","securityId":1333,"ltp":1650.4,"ltt":1732170000}';
    expect(r.stdout.trimEnd().split('\n')).toEqual([want, '{"error":"not hex: unexpected character \\"n\\""}', want, want]);
  });

  it('reads stdin, and rejects an unknown format with usage and exit 2', () => {
    const levels = Array.from({ length: 20 }, (_, i) => ({ price: 100 - i, qty: i, orders: i }));
    const msg = encodeDepthMessage([{ kind: 'bid', segment: 'NSE_FNO', securityId: 7, levels }], 20);
    const tsx = ['--import', 'tsx', 'scripts/decode.ts'];
    const ok = spawnSync(process.execPath, [...tsx, '--format', 'dhan-depth20'], { cwd: root, input: `${hex(msg)}\n`, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ kind: 'bid', segment: 'NSE_FNO', securityId: 7, levels });
    const bad = spawnSync(process.execPath, [...tsx, '--format', 'kite-ticker'], { cwd: root, input: '', encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^usage: npm run --silent decode -- --format <dhan-feed\|dhan-depth20\|dhan-depth200> \[FILE\]/);
    expect(bad.stdout).toBe('');
  });
});

describe('frame inspector --help', () => {
  it('prints the usage, with every option, on stdout and exits 0', () => {
    expect(parseDecodeArgs(['-h'])).toBe(DECODE_HELP);
    expect(parseDecodeArgs(['--format', 'dhan-feed', '--help'])).toBe(DECODE_HELP);
    for (const flag of ['--help', '-h']) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/decode.ts', flag], { cwd: root, input: '', encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(`${DECODE_USAGE}\n`);
      for (const o of ['--format', 'dhan-feed', 'dhan-depth20', 'dhan-depth200', 'FILE', '--help']) expect(r.stdout).toContain(o);
    }
  });
});
