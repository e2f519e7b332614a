/**
 * The search client against the real worker handler (shared/search/worker-handler.ts) over an
 * in-memory port that delivers messages asynchronously, as a Worker does; no real Worker in Node.
 */
import { describe, expect, it } from 'vitest';
import { packInstruments } from '../../../shared/search/packed-instruments';
import { cash, deriv } from '../../../shared/search/test-instruments';
import { createSearchWorkerHandler, type SearchWorkerHandler } from '../../../shared/search/worker-handler';
import type { SearchWorkerRequest, SearchWorkerResponse } from '../../../shared/search/worker-protocol';
import { createSearchClient, type SearchWorkerPort } from './search-client';

const ROWS = [
  cash('NSE_EQ', 'RELIANCE', 'Reliance Industries', { securityId: '2885' }),
  cash('IDX_I', 'NIFTY', 'Nifty 50', { securityId: '13' }),
  deriv('NSE_FNO', 'NIFTY', '2026-02-10', 24500, 'CE', { securityId: '42472' }),
];

/** A port whose messages reach the handler, and whose answers come back, on later macrotasks. */
function wire(options: { hold?: boolean } = {}) {
  const held: (() => void)[] = [];
  const posted: SearchWorkerRequest[] = [];
  const transfers: unknown[][] = [];
  const port: SearchWorkerPort = {
    onmessage: null,
    postMessage(message, transfer) {
      posted.push(message);
      transfers.push(transfer ?? []);
      const deliver = () => handler.handle(message);
      if (options.hold) held.push(deliver);
      else setTimeout(deliver, 0);
    },
  };
  const handler: SearchWorkerHandler = createSearchWorkerHandler({
    post: (answer: SearchWorkerResponse) => setTimeout(() => port.onmessage?.({ data: answer }), 0),
    now: () => 0,
  });
  return { port, handler, posted, transfers, release: () => held.splice(0).forEach((f) => f()) };
}

describe('search client ↔ worker handler', () => {
  it('loads the packed master (transferring its buffers) and answers queries with keys and display fields', async () => {
    const { port, transfers } = wire();
    const client = createSearchClient(port);
    const packed = packInstruments(ROWS);
    const loaded = await client.load(packed, '2026-02-06');
    expect(loaded).toEqual({ ok: true, value: { count: 3, buildMs: 0 } });
    expect(transfers[0]).toEqual([packed.text.buffer, packed.numbers.buffer, packed.codes.buffer]);

    const reply = await client.search('nifty');
    expect(reply.status).toBe('ok');
    if (reply.status !== 'ok') return;
    expect(reply.query).toBe('nifty');
    expect(reply.rows.map((r) => r.key)).toEqual(['IDX_I:13', 'NSE_FNO:42472']);
    expect(reply.rows[1]).toMatchObject({
      displayName: 'NIFTY 10 FEB 24500 CE',
      tradingSymbol: 'NIFTY-Feb2026-24500-CE',
      instrumentType: 'OPTIDX',
      expiry: '2026-02-10',
      strike: 24500,
      optionType: 'CE',
      lotSize: 75,
      tier: 'exact',
    });
    const filtered = await client.search('nifty', { segments: ['NSE_FNO'], limit: 5 });
    expect(filtered.status === 'ok' && filtered.rows.map((r) => r.key)).toEqual(['NSE_FNO:42472']);
  });

  it('resolves an older query stale as soon as a newer one is sent, and drops its late answer', async () => {
    const { port, release } = wire({ hold: true });
    const client = createSearchClient(port);
    const load = client.load(packInstruments(ROWS), '2026-02-06');
    release();
    await load;
    const first = client.search('R');
    const second = client.search('RELIANCE');
    expect(await first).toEqual({ status: 'stale' });
    release(); // both requests reach the worker now; both are answered
    const answer = await second;
    expect(answer.status === 'ok' && answer.rows.map((r) => r.key)).toEqual(['NSE_EQ:2885']);
    await new Promise((r) => setTimeout(r, 5));
    expect(client.dropped).toBe(1); // the answer to 'R'
  });

  it('says when no master is loaded yet, and refuses malformed requests without throwing', async () => {
    const { port, handler } = wire();
    const client = createSearchClient(port);
    const early = await client.search('NIFTY');
    expect(early).toMatchObject({ status: 'error', error: { code: 'NOT_FOUND', retryable: true } });

    const bad = await client.search('NIFTY', { segments: ['NFO' as never] });
    expect(bad).toMatchObject({ status: 'error', error: { code: 'BAD_REQUEST' } });
    expect(bad.status === 'error' && bad.error.message).toMatch(/segments must be/);

    const broken = packInstruments(ROWS);
    const load = await client.load({ ...broken, count: 7 });
    expect(load).toMatchObject({ ok: false, error: { code: 'MALFORMED_FRAME' } });

    const answers: SearchWorkerResponse[] = [];
    const direct = createSearchWorkerHandler({ post: (m) => answers.push(m), now: () => 0 });
    expect(() => direct.handle(null)).not.toThrow();
    direct.handle({ type: 'search', id: 4 });
    direct.handle({ type: 'fly', id: 5 });
    direct.handle({ type: 'load', id: 6, packed: { count: 1 } });
    expect(answers.map((a) => [a.type, a.id])).toEqual([
      ['error', -1],
      ['error', 4],
      ['error', 5],
      ['error', 6],
    ]);
    expect(direct.malformed).toBe(4);
    expect(handler.malformed).toBe(2);
  });

  it('fails pending requests when disposed', async () => {
    const { port } = wire({ hold: true });
    const client = createSearchClient(port);
    const pending = client.search('X');
    client.dispose();
    expect(await pending).toMatchObject({ status: 'error', error: { code: 'INTERNAL' } });
    expect(await client.search('Y')).toMatchObject({ status: 'error' });
    expect(port.onmessage).toBeNull();
  });
});
