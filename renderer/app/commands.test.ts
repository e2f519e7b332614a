import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../stores/app-store';
import { createCommands, TOAST_MS } from './commands';
import { OVERLAYS } from './overlay-registry';

function setup() {
  const store = createAppStore();
  const opened: Array<[string, unknown]> = [];
  const timers: Array<[() => void, number]> = [];
  let resets = 0;
  const commands = createCommands({
    store,
    layout: { open: (id, params) => void opened.push([id, params]), reset: () => void resets++ },
    now: () => 1000,
    later: (fn, ms) => void timers.push([fn, ms]),
  });
  return { store, commands, opened, timers, resets: () => resets };
}

// The registry is edited per test (the real ticket may or may not be registered) and put back after.
const mutable = OVERLAYS as Record<string, unknown>;
const registered = mutable['order-ticket'];
afterEach(() => {
  if (registered === undefined) delete mutable['order-ticket'];
  else mutable['order-ticket'] = registered;
});

describe('workstation commands', () => {
  it('F1/F2 without a registered order ticket say so in a toast (never a silent no-op)', () => {
    const { store, commands, timers } = setup();
    delete mutable['order-ticket'];
    commands.openOrderTicket('BUY', 'NSE_EQ:2885');
    expect(store.getState().toasts.map((t) => [t.message, t.tone])).toEqual([['Order ticket not available', 'warn']]);
    expect(store.getState().overlays).toEqual([]);
    // The toast goes away by itself.
    expect(timers[0]![1]).toBe(TOAST_MS);
    timers[0]![0]();
    expect(store.getState().toasts).toEqual([]);
  });

  it('opens the ticket overlay with side and key once registered (replacing an open one), and asks for an instrument when none is focused', () => {
    const { store, commands } = setup();
    mutable['order-ticket'] = { title: 'Order ticket', component: () => null };
    commands.openOrderTicket('SELL', null);
    expect(store.getState().toasts[0]!.message).toMatch(/Select an instrument first/);
    commands.openOrderTicket('SELL', 'NSE_EQ:2885');
    expect(store.getState().overlays.map((o) => [o.id, o.params])).toEqual([['order-ticket', { side: 'SELL', key: 'NSE_EQ:2885' }]]);
    commands.openOrderTicket('BUY', 'NSE_EQ:1333');
    expect(store.getState().overlays.map((o) => [o.id, o.params])).toEqual([['order-ticket', { side: 'BUY', key: 'NSE_EQ:1333' }]]);
    // From the chart or the ladder: a price rides along to the ticket.
    commands.openOrderTicket('BUY', 'NSE_EQ:1333', 1650.4);
    expect(store.getState().overlays.map((o) => [o.id, o.params])).toEqual([['order-ticket', { side: 'BUY', key: 'NSE_EQ:1333', price: 1650.4 }]]);
    expect(commands.closeTopOverlay()).toBe(true);
    expect(commands.closeTopOverlay()).toBe(false);
  });

  it('passes panels to the layout, focus to the store, and search focus as a request', () => {
    const { store, commands, opened, resets } = setup();
    commands.openPanel('chart', { key: 'NSE_EQ:1' });
    commands.resetLayout();
    commands.focusInstrument('NSE_EQ:1');
    commands.focusSearch();
    commands.openOverlay('nothing-here');
    expect(opened).toEqual([['chart', { key: 'NSE_EQ:1' }]]);
    expect(store.getState().panelFocusRequest?.id).toBe('chart');
    expect(resets()).toBe(1);
    expect(store.getState().focusedKey).toBe('NSE_EQ:1');
    expect(store.getState().searchFocusRequest).toBe(1);
    expect(store.getState().toasts[0]!.message).toBe('nothing-here not available');
  });
});
