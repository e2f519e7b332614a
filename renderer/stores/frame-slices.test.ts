import { describe, expect, it } from 'vitest';
import type { TaskProgress } from '../../shared/ipc/contract';
import type { Instrument } from '../../shared/instruments';
import { createAppStore } from './app-store';
import { INSTRUMENT_CACHE_LIMIT } from './instruments-slice';
import { MAX_TOASTS } from './ui-slice';

function inst(id: number): Instrument {
  return {
    exchange: 'NSE', segment: 'NSE_EQ', securityId: String(id), securityIdNum: id, tradingSymbol: `S${id}`, underlying: `S${id}`,
    underlyingSecurityId: null, displayName: `S${id}`, name: null, instrumentType: 'EQUITY', series: 'EQ', lotSize: 1,
    tickSize: 0.05, expiry: null, expiryCycle: null, strike: null, optionType: null, isin: null, freezeQuantity: null,
  };
}

const task = (id: string, state: TaskProgress['state'], done = 0): TaskProgress => ({ id, label: id, state, done, total: 10, detail: '' });

describe('instruments slice', () => {
  it('remembers instruments by key, ignores nulls, and drops the least recently seen past the limit', () => {
    const store = createAppStore();
    const s = store.getState();
    s.rememberInstruments([inst(1), null, inst(2)]);
    expect(Object.keys(store.getState().instruments)).toEqual(['NSE_EQ:1', 'NSE_EQ:2']);
    const before = store.getState().instruments;
    s.rememberInstruments([null]);
    expect(store.getState().instruments).toBe(before);
    s.rememberInstruments([inst(1)]); // seen again: now the most recent
    s.rememberInstruments(Array.from({ length: INSTRUMENT_CACHE_LIMIT - 1 }, (_, i) => inst(100 + i)));
    const keys = Object.keys(store.getState().instruments);
    expect(keys).toHaveLength(INSTRUMENT_CACHE_LIMIT);
    expect(keys).toContain('NSE_EQ:1');
    expect(keys).not.toContain('NSE_EQ:2');
  });
});

describe('tasks slice', () => {
  it('keeps running and failed tasks, forgets done ones, and dismisses a failed one', () => {
    const store = createAppStore();
    const s = store.getState();
    s.noteTask(task('master', 'running', 3));
    s.noteTask(task('history', 'running', 1));
    s.noteTask(task('master', 'running', 7));
    expect(store.getState().tasks.master!.done).toBe(7);
    s.noteTask(task('master', 'done', 10));
    s.noteTask(task('history', 'failed'));
    expect(Object.keys(store.getState().tasks)).toEqual(['history']);
    s.dismissTask('history');
    expect(store.getState().tasks).toEqual({});
  });
});

describe('ui slice', () => {
  it('stacks overlays, pops the top one, closes one by its number', () => {
    const store = createAppStore();
    const s = store.getState();
    expect(s.popOverlay()).toBe(false);
    s.pushOverlay('order-ticket', { side: 'BUY' });
    s.pushOverlay('confirm', {});
    s.pushOverlay('third', {});
    expect(s.popOverlay()).toBe(true);
    expect(store.getState().overlays.map((o) => o.id)).toEqual(['order-ticket', 'confirm']);
    s.closeOverlay(store.getState().overlays[0]!.seq);
    expect(store.getState().overlays.map((o) => o.id)).toEqual(['confirm']);
  });

  it('keeps the newest toasts only, dismisses by number, bumps the search focus request', () => {
    const store = createAppStore();
    const s = store.getState();
    const seqs = Array.from({ length: MAX_TOASTS + 2 }, (_, i) => s.addToast(`m${i}`, 'info', i));
    expect(store.getState().toasts.map((t) => t.message)).toEqual(Array.from({ length: MAX_TOASTS }, (_, i) => `m${i + 2}`));
    s.dismissToast(seqs.at(-1)!);
    expect(store.getState().toasts.at(-1)!.message).toBe(`m${MAX_TOASTS}`);
    s.requestSearchFocus();
    s.requestSearchFocus();
    expect(store.getState().searchFocusRequest).toBe(2);
  });
});

describe('focus, settings and feed slices', () => {
  it('hold the latest value', () => {
    const store = createAppStore();
    const s = store.getState();
    s.setFocusedKey('NSE_EQ:2885');
    s.setFeed({ sockets: [], messagesPerSecond: 12, lastMessageAtMs: 5, malformedFrames: 0 });
    expect(store.getState().focusedKey).toBe('NSE_EQ:2885');
    expect(store.getState().feed?.messagesPerSecond).toBe(12);
    expect(store.getState().settings).toBeNull();
  });
});
