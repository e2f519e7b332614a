import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskProgress } from '../../../shared/ipc/contract';
import { DOWNLOAD_SHARE, InstrumentCatalog, loadPercent } from './instrument-catalog';
import { TaskBoard } from './task-board';

// Issue 5, "Every long task shows progress (master download and indexing…)": a master served by a
// local HTTP server (127.0.0.1, port 0) in slices is loaded through the real instrument worker; the
// task board must show the load running with a rising percent driven by the bytes received, then
// done. The master is a cut of the recorded one (fixtures/README.md).

const CSV = gunzipSync(readFileSync(new URL('./fixtures/dhan-master-cut.csv.gz', import.meta.url)));
const SLICES = 25;

/** Serves `CSV` in SLICES writes, a few ms apart, so the client sees the body arrive in parts. */
function serve(mode: 'length' | 'gzip'): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url !== '/api-data/api-scrip-master.csv') {
      res.writeHead(404).end();
      return;
    }
    const body = mode === 'gzip' ? gzipSync(CSV) : CSV;
    res.writeHead(200, mode === 'gzip' ? { 'Content-Type': 'text/csv', 'Content-Encoding': 'gzip' } : { 'Content-Type': 'text/csv', 'Content-Length': String(body.length) });
    const step = Math.ceil(body.length / SLICES);
    let at = 0;
    const next = () => {
      if (at >= body.length) {
        res.end();
        return;
      }
      res.write(body.subarray(at, at + step));
      at += step;
      setTimeout(next, 5);
    };
    next();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api-data/api-scrip-master.csv`, server })),
  );
}

const percent = (t: TaskProgress) => (t.total === null ? null : Math.floor((t.done / t.total) * 100));

describe('InstrumentCatalog: progress of a master load', () => {
  const servers: Server[] = [];
  let catalog: InstrumentCatalog;
  const board = new TaskBoard();
  const seen: TaskProgress[] = [];
  beforeAll(() => {
    board.subscribe((t) => void seen.push(t));
    catalog = InstrumentCatalog.start({ tasks: board });
  });
  afterAll(async () => {
    await catalog.close();
    for (const s of servers) s.close();
  });

  it('reports the download by bytes against Content-Length, then parsing and indexing, with a rising percent, then done', { timeout: 30_000 }, async () => {
    const { url, server } = await serve('length');
    servers.push(server);
    const count = await catalog.load({ kind: 'url', url }, 'Loading the Dhan instrument master');
    expect(count).toBeGreaterThan(300);
    const mine = seen.filter((t) => t.id === seen.at(-1)!.id);
    expect(mine.every((t) => t.label === 'Loading the Dhan instrument master')).toBe(true);
    expect(mine.at(-1)).toMatchObject({ state: 'done', done: 100, total: 100 });
    expect(mine.slice(0, -1).every((t) => t.state === 'running' && t.total === 100)).toBe(true);
    const pcts = mine.map(percent) as number[];
    // Never goes back; several steps inside the download, which ends at DOWNLOAD_SHARE.
    for (let i = 1; i < pcts.length; i++) expect(pcts[i]!).toBeGreaterThanOrEqual(pcts[i - 1]!);
    const downloading = mine.filter((t) => /^downloading the instrument master: \d+ kB of 50 kB$/.test(t.detail));
    expect(new Set(downloading.map(percent)).size).toBeGreaterThanOrEqual(3);
    expect(downloading.at(-1)!.detail).toBe('downloading the instrument master: 50 kB of 50 kB');
    expect(percent(downloading.at(-1)!)).toBe(DOWNLOAD_SHARE);
    expect(mine.map((t) => t.detail)).toEqual(expect.arrayContaining(['parsing the instrument master', expect.stringMatching(/^indexing \d+ instruments$/)]));
  });

  it('without a usable length (gzip on the wire) reports bytes so far with no total, then percent again', { timeout: 30_000 }, async () => {
    const { url, server } = await serve('gzip');
    servers.push(server);
    const before = seen.length;
    await catalog.load({ kind: 'url', url }, 'Loading the Dhan instrument master');
    const mine = seen.slice(before);
    const unknown = mine.filter((t) => t.total === null);
    expect(unknown.length).toBeGreaterThanOrEqual(1);
    expect(unknown.every((t) => t.state === 'running' && /^downloading the instrument master: \d+ kB so far$/.test(t.detail))).toBe(true);
    for (let i = 1; i < unknown.length; i++) expect(unknown[i]!.done).toBeGreaterThanOrEqual(unknown[i - 1]!.done);
    // Once the body has all arrived its size is known: the download ends at DOWNLOAD_SHARE.
    const ended = mine.find((t) => t.detail === 'downloading the instrument master: 50 kB of 50 kB');
    expect(ended).toMatchObject({ done: DOWNLOAD_SHARE, total: 100 });
    expect(mine.indexOf(ended!)).toBeGreaterThan(mine.indexOf(unknown.at(-1)!));
    expect(mine.at(-1)).toMatchObject({ state: 'done', done: 100, total: 100 });
  });

  it('maps stages and bytes to percent of the whole load', () => {
    expect(loadPercent('download')).toBe(0);
    expect(loadPercent('download', { received: 17_500_000, total: 35_000_000 })).toBe(DOWNLOAD_SHARE / 2);
    expect(loadPercent('download', { received: 36_000_000, total: 35_000_000 })).toBe(DOWNLOAD_SHARE);
    expect(loadPercent('download', { received: 1_000_000, total: null })).toBeNull();
    expect([loadPercent('read'), loadPercent('parse'), loadPercent('index')]).toEqual([10, 85, 92]);
  });
});
