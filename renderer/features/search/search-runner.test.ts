import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/errors';
import type { Instrument } from '../../../shared/instruments';
import type { InstrumentSearchArgs, InstrumentSearchReply } from '../../../shared/ipc/contract';
import { createSearchRunner, SEARCH_DEBOUNCE_MS, type SearchState } from './search-runner';

function hit(symbol: string): Instrument {
  return {
    exchange: 'NSE', segment: 'NSE_EQ', securityId: '1', securityIdNum: 1, tradingSymbol: symbol, underlying: symbol,
    underlyingSecurityId: null, displayName: symbol, name: null, instrumentType: 'EQUITY', series: 'EQ', lotSize: 1,
    tickSize: 0.05, expiry: null, expiryCycle: null, strike: null, optionType: null, isin: null, freezeQuantity: null,
  };
}

/** An invoke whose answers the test releases one by one, in any order. */
function manualInvoke() {
  const calls: Array<{ args: InstrumentSearchArgs; answer: (r: Result<InstrumentSearchReply>) => void }> = [];
  const invoke = (args: InstrumentSearchArgs) =>
    new Promise<Result<InstrumentSearchReply>>((resolve) => calls.push({ args, answer: resolve }));
  const ok = (...symbols: string[]): Result<InstrumentSearchReply> => ({ ok: true, value: { hits: symbols.map(hit), universe: 100 } });
  return { calls, invoke, ok };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('search runner', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('drops an answer that arrives after a newer request was sent', async () => {
    const m = manualInvoke();
    const states: SearchState[] = [];
    const r = createSearchRunner(m.invoke, (s) => states.push(s));
    r.search('REL', []);
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    r.search('RELIANCE', []);
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(m.calls.map((c) => c.args.query)).toEqual(['REL', 'RELIANCE']);
    m.calls[1]!.answer(m.ok('RELIANCE'));
    m.calls[0]!.answer(m.ok('RELAXO', 'RELIANCE'));
    vi.useRealTimers();
    await flush();
    expect(states.map((s) => s.query)).toEqual(['RELIANCE']);
    expect(states[0]!.result?.ok && states[0]!.result.value.hits.map((h) => h.tradingSymbol)).toEqual(['RELIANCE']);
    expect(r.dropped).toBe(1);
  });

  it('sends only the last of quick keystrokes, with the segment filter and a limit', () => {
    const m = manualInvoke();
    const r = createSearchRunner(m.invoke, () => {});
    for (const q of ['N', 'NI', 'NIF', 'NIFTY']) {
      r.search(q, ['NSE_FNO']);
      vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1);
    }
    vi.advanceTimersByTime(1);
    expect(m.calls.map((c) => c.args)).toEqual([{ query: 'NIFTY', segments: ['NSE_FNO'], limit: 50 }]);
    expect(r.sent).toBe(1);
  });

  it('clears at once on an empty query and drops the answer still in flight', async () => {
    const m = manualInvoke();
    const states: SearchState[] = [];
    const r = createSearchRunner(m.invoke, (s) => states.push(s));
    r.search('TCS', []);
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    r.search('   ', []);
    m.calls[0]!.answer(m.ok('TCS'));
    vi.useRealTimers();
    await flush();
    expect(states).toEqual([{ query: '', result: null }]);
    expect(m.calls).toHaveLength(1);
  });

  it('shows an error answer of the latest request', async () => {
    const m = manualInvoke();
    const states: SearchState[] = [];
    const r = createSearchRunner(m.invoke, (s) => states.push(s));
    r.search('INFY', []);
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    m.calls[0]!.answer({ ok: false, error: { code: 'NETWORK', message: 'link closed', retryable: true } });
    vi.useRealTimers();
    await flush();
    expect(states[0]!.result).toEqual({ ok: false, error: { code: 'NETWORK', message: 'link closed', retryable: true } });
  });
});
