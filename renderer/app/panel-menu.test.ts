import { describe, expect, it } from 'vitest';
import { createAppStore } from '../stores/app-store';
import { openFromMenu, panelHotkey } from './panel-menu';
import type { WorkstationCommands } from './panel-types';

function recorder() {
  const calls: string[] = [];
  const commands = {
    openPanel: (id: string, params?: { key?: string }) => void calls.push(`open ${id}${params?.key ? ` ${params.key}` : ''}`),
    toast: (m: string) => void calls.push(`toast ${m}`),
  } as unknown as WorkstationCommands;
  return { calls, commands };
}

describe('panels menu', () => {
  it('opens a per-instrument panel for the focused row, or asks for one', () => {
    const store = createAppStore();
    const { calls, commands } = recorder();
    const chart = { title: 'Chart', instances: 'per-key' as const };
    openFromMenu('chart', chart, store, commands);
    store.getState().setFocusedKey('NSE_EQ:2885');
    openFromMenu('chart', chart, store, commands);
    openFromMenu('orders', { title: 'Orders', instances: 'single' }, store, commands);
    expect(calls).toEqual(['toast Select an instrument first (the chart opens for the selected row)', 'open chart NSE_EQ:2885', 'open orders']);
  });

  it('shows the hotkey of the panels that have one', () => {
    expect(panelHotkey('orders')).toBe('F3');
    expect(panelHotkey('watchlist')).toBe('F4');
    expect(panelHotkey('positions')).toBe('Alt+F6');
    expect(panelHotkey('settings')).toBe('');
    expect(panelHotkey('option-chain')).toBe('Alt+O');
  });
});
