import { describe, expect, it } from 'vitest';
import { packInstruments } from './packed-instruments';
import { cash, deriv } from './test-instruments';
import { createSearchWorkerHandler } from './worker-handler';
import type { SearchWorkerResponse } from './worker-protocol';

const ROWS = [
  cash('NSE_EQ', 'RELIANCE', 'Reliance Industries', { securityId: '2885' }),
  cash('IDX_I', 'NIFTY', 'Nifty 50', { securityId: '13' }),
  deriv('NSE_FNO', 'NIFTY', '2026-02-10', 24500, 'CE', { securityId: '42472' }),
];

function setup() {
  const answers: SearchWorkerResponse[] = [];
  let clock = 100;
  const handler = createSearchWorkerHandler({ post: (m) => answers.push(m), now: () => (clock += 7) });
  return { handler, answers };
}

describe('search worker handler', () => {
  it('builds from the packed master, then answers with keys and display fields', () => {
    const { handler, answers } = setup();
    handler.handle({ type: 'load', id: 1, packed: packInstruments(ROWS), today: '2026-02-06' });
    expect(answers.pop()).toEqual({ type: 'loaded', id: 1, count: 3, buildMs: 7 });
    handler.handle({ type: 'search', id: 2, query: 'nifty', options: { segments: ['NSE_FNO'] } });
    const a = answers.pop();
    expect(a?.type === 'results' && a.rows).toEqual([
      {
        key: 'NSE_FNO:42472',
        segment: 'NSE_FNO',
        securityId: '42472',
        tradingSymbol: 'NIFTY-Feb2026-24500-CE',
        displayName: 'NIFTY 10 FEB 24500 CE',
        name: null,
        instrumentType: 'OPTIDX',
        expiry: '2026-02-10',
        strike: 24500,
        optionType: 'CE',
        lotSize: 75,
        tickSize: 0.05,
        tier: 'exact',
      },
    ]);
    handler.handle({ type: 'search', id: 3, query: 'reliance' });
    const b = answers.pop();
    expect(b?.type === 'results' && b.query === 'reliance' && b.rows.map((r) => r.key)).toEqual(['NSE_EQ:2885']);
  });

  it('says when no master is loaded yet', () => {
    const { handler, answers } = setup();
    handler.handle({ type: 'search', id: 9, query: 'NIFTY' });
    expect(answers).toMatchObject([{ type: 'error', id: 9, error: { code: 'NOT_FOUND', retryable: true } }]);
    expect(handler.malformed).toBe(0);
  });

  it('refuses malformed messages with a reason, counts them, never throws, and keeps the loaded index', () => {
    const { handler, answers } = setup();
    handler.handle({ type: 'load', id: 1, packed: packInstruments(ROWS), today: '2026-02-06' });
    answers.length = 0;
    const bad: unknown[] = [
      null,
      { type: 'search', query: 'x' }, // no id
      { type: 'search', id: 4 }, // no query
      { type: 'search', id: 5, query: 'x', options: { segments: ['NFO'] } },
      { type: 'search', id: 6, query: 'x', options: { limit: '5' } },
      { type: 'fly', id: 7 },
      { type: 'load', id: 8, packed: { count: 1 } },
      { type: 'load', id: 10, packed: packInstruments(ROWS), today: '6 Feb 2026' },
    ];
    for (const m of bad) expect(() => handler.handle(m)).not.toThrow();
    expect(answers.map((a) => [a.type, a.id, a.type === 'error' ? a.error.code : ''])).toEqual([
      ['error', -1, 'BAD_REQUEST'],
      ['error', -1, 'BAD_REQUEST'],
      ['error', 4, 'BAD_REQUEST'],
      ['error', 5, 'BAD_REQUEST'],
      ['error', 6, 'BAD_REQUEST'],
      ['error', 7, 'BAD_REQUEST'],
      ['error', 8, 'BAD_REQUEST'],
      ['error', 10, 'BAD_REQUEST'],
    ]);
    const five = answers[3];
    expect(five?.type === 'error' && five.error.message).toMatch(/segments must be a list of IDX_I/);
    // a packed master whose parts disagree: MALFORMED_FRAME, the old index stays
    handler.handle({ type: 'load', id: 11, packed: { ...packInstruments(ROWS), count: 9 } });
    expect(answers.pop()).toMatchObject({ type: 'error', id: 11, error: { code: 'MALFORMED_FRAME' } });
    expect(handler.malformed).toBe(9);
    handler.handle({ type: 'search', id: 12, query: 'NIFTY' });
    expect(answers.pop()).toMatchObject({ type: 'results', id: 12 });
  });
});
