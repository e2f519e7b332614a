import type { DockviewApi } from 'dockview-react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { choosePlacement, componentOf, createDockLayout, panelInstanceId, parseLayoutPref, type LayoutPref } from './dock-layout';
import type { PanelDefinition, PanelPlacement } from './panel-types';

const def = (defaultPlacement: PanelPlacement, instances: 'single' | 'per-key' = 'single'): PanelDefinition => ({
  title: 'T',
  component: () => null,
  defaultPlacement,
  instances,
});
const REGISTRY: Record<string, PanelDefinition> = {
  watchlist: def('left'),
  chart: def('center', 'per-key'),
  depth: def('right', 'per-key'),
  orders: def('bottom'),
};
const lookup = (id: string) => REGISTRY[id];

interface FakePanel {
  id: string;
  params: unknown;
  active: number;
  position: unknown;
}

/** Enough of dockview's API for the controller, recording what it is asked. */
function fakeDock() {
  const panels: FakePanel[] = [];
  let layoutListener: (() => void) | null = null;
  let snapshot: unknown = null;
  const api = {
    get panels() {
      return panels.map((p) => ({ id: p.id }));
    },
    getPanel: (id: string) => {
      const p = panels.find((x) => x.id === id);
      return p && { id, api: { setActive: () => void p.active++, updateParameters: (params: unknown) => void (p.params = params) } };
    },
    addPanel: (o: { id: string; params: unknown; position?: unknown }) => {
      panels.push({ id: o.id, params: o.params, active: 1, position: o.position ?? null });
      layoutListener?.();
    },
    clear: () => void panels.splice(0),
    toJSON: () => ({ grid: {}, panels: Object.fromEntries(panels.map((p) => [p.id, { id: p.id, contentComponent: componentOf(p.id) }])) }),
    fromJSON: (data: { panels: Record<string, { id: string }> }) => {
      snapshot = data;
      panels.splice(0);
      for (const p of Object.values(data.panels)) panels.push({ id: p.id, params: {}, active: 0, position: 'restored' });
    },
    onDidLayoutChange: (cb: () => void) => {
      layoutListener = cb;
      return { dispose: () => {} };
    },
  };
  return { api: api as unknown as DockviewApi, panels, snapshot: () => snapshot, change: () => layoutListener?.() };
}

const savedWith = (...ids: string[]): LayoutPref => ({
  version: 1,
  dock: { grid: {}, panels: Object.fromEntries(ids.map((id) => [id, { id, contentComponent: componentOf(id) }])) } as unknown as LayoutPref['dock'],
});

describe('dock layout rules', () => {
  it('names instances per panel, or per instrument key for per-key panels', () => {
    expect(panelInstanceId('watchlist', REGISTRY.watchlist!, { key: 'NSE_EQ:1' })).toBe('watchlist');
    expect(panelInstanceId('chart', REGISTRY.chart!, { key: 'NSE_EQ:2885' })).toBe('chart@NSE_EQ:2885');
    expect(panelInstanceId('chart', REGISTRY.chart!, {})).toBe('chart');
    expect(componentOf('chart@NSE_EQ:2885')).toBe('chart');
  });

  it('places a panel as a tab of its area, else on its side', () => {
    expect(choosePlacement('left', [], lookup)).toEqual({ kind: 'first' });
    const wl = { id: 'watchlist', component: 'watchlist' };
    const ch = { id: 'chart@NSE_EQ:1', component: 'chart' };
    expect(choosePlacement('center', [wl], lookup)).toEqual({ kind: 'beside', panelId: 'watchlist', direction: 'right' });
    expect(choosePlacement('center', [wl, ch], lookup)).toEqual({ kind: 'tab-of', panelId: ch.id });
    expect(choosePlacement('bottom', [wl, ch], lookup)).toEqual({ kind: 'beside', panelId: ch.id, direction: 'below' });
    expect(choosePlacement('bottom', [wl], lookup)).toEqual({ kind: 'edge', direction: 'below' });
    expect(choosePlacement('right', [wl], lookup)).toEqual({ kind: 'edge', direction: 'right' });
    expect(choosePlacement('left', [ch], lookup)).toEqual({ kind: 'edge', direction: 'left' });
  });

  it('reads only version-1 layouts', () => {
    expect(parseLayoutPref(savedWith('watchlist'))).not.toBeNull();
    expect(parseLayoutPref({ version: 2, dock: { grid: {}, panels: {} } })).toBeNull();
    expect(parseLayoutPref({ version: 1, dock: null })).toBeNull();
    expect(parseLayoutPref('layout')).toBeNull();
  });
});

describe('dock layout controller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const saves: LayoutPref[] = [];
    const told: string[] = [];
    const dock = fakeDock();
    const layout = createDockLayout({ lookup, defaultPanels: ['watchlist', 'orders'], save: (p) => saves.push(p), tell: (m) => told.push(m), saveDelayMs: 100 });
    layout.attach(dock.api);
    return { saves, told, dock, layout };
  }

  it('builds the default arrangement when nothing was saved, then saves changes debounced', () => {
    const { saves, dock, layout } = setup();
    layout.restore(null);
    expect(dock.panels.map((p) => p.id)).toEqual(['watchlist', 'orders']);
    expect(saves).toHaveLength(0);
    layout.open('chart', { key: 'NSE_EQ:2885' });
    dock.change();
    vi.advanceTimersByTime(99);
    expect(saves).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(saves).toHaveLength(1);
    expect(Object.keys(saves[0]!.dock.panels)).toEqual(['watchlist', 'orders', 'chart@NSE_EQ:2885']);
  });

  it('focuses an open instance instead of adding another, and adds one per instrument', () => {
    const { dock, layout } = setup();
    layout.restore(null);
    layout.open('chart', { key: 'NSE_EQ:1' });
    layout.open('chart', { key: 'NSE_EQ:2' });
    layout.open('chart', { key: 'NSE_EQ:1' });
    layout.open('watchlist');
    expect(dock.panels.map((p) => p.id)).toEqual(['watchlist', 'orders', 'chart@NSE_EQ:1', 'chart@NSE_EQ:2']);
    expect(dock.panels.find((p) => p.id === 'chart@NSE_EQ:1')!.active).toBe(2);
    expect(dock.panels.find((p) => p.id === 'watchlist')!.active).toBe(2);
    // The second chart joins the first one's group as a tab.
    expect(dock.panels[3]!.position).toEqual({ referencePanel: 'chart@NSE_EQ:1', direction: 'within' });
  });

  it('restores a saved layout, and refuses one with a panel no longer registered', () => {
    const a = setup();
    a.layout.restore(savedWith('watchlist', 'chart@NSE_EQ:1'));
    expect(a.dock.panels.map((p) => p.id)).toEqual(['watchlist', 'chart@NSE_EQ:1']);
    expect(a.told).toEqual([]);
    const b = setup();
    b.layout.restore(savedWith('watchlist', 'optionchain'));
    expect(b.dock.snapshot()).toBeNull();
    expect(b.dock.panels.map((p) => p.id)).toEqual(['watchlist', 'orders']);
    expect(b.told[0]).toMatch(/could not be restored/);
  });

  it('says so when a panel is not registered, and opens panels asked for before the dock was ready', () => {
    const saves: LayoutPref[] = [];
    const told: string[] = [];
    const dock = fakeDock();
    const layout = createDockLayout({ lookup, defaultPanels: ['watchlist'], save: (p) => saves.push(p), tell: (m) => told.push(m) });
    layout.open('positions');
    layout.open('chart', { key: 'NSE_EQ:9' });
    expect(told).toEqual(['positions panel not available yet']);
    layout.attach(dock.api);
    layout.restore(null);
    expect(dock.panels.map((p) => p.id)).toEqual(['watchlist', 'chart@NSE_EQ:9']);
  });

  it('applies a saved layout that arrived before dockview was ready', () => {
    const dock = fakeDock();
    const layout = createDockLayout({ lookup, defaultPanels: ['watchlist'], save: () => {}, tell: () => {} });
    layout.restore(savedWith('watchlist', 'depth@NSE_EQ:1'));
    expect(dock.panels).toEqual([]);
    layout.attach(dock.api);
    expect(dock.panels.map((p) => p.id)).toEqual(['watchlist', 'depth@NSE_EQ:1']);
  });

  it('reset puts the default back and saves it', () => {
    const { saves, dock, layout } = setup();
    layout.restore(savedWith('chart@NSE_EQ:1'));
    layout.reset();
    vi.advanceTimersByTime(100);
    expect(dock.panels.map((p) => p.id)).toEqual(['watchlist', 'orders']);
    expect(Object.keys(saves.at(-1)!.dock.panels)).toEqual(['watchlist', 'orders']);
  });
});
