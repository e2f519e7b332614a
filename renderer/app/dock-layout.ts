/**
 * The docking layout's behaviour over dockview's API: open a registered panel (focus the open
 * instance or add one at its default placement), build the default arrangement, reset, save
 * (debounced, through `prefs.set {key:'layout'}`) and restore (`prefs.get`).
 *
 * Panel instance ids: `<PanelId>` for `single` panels, `<PanelId>@<key>` for `per-key` ones
 * (`chart@NSE_EQ:1333`). The dockview component name is the `PanelId`.
 *
 * A saved layout naming a panel that is no longer registered (or that dockview cannot read) is
 * dropped whole and the default arrangement is used; the user is told.
 *
 * Source: issue 5, "a docking layout (dockview) whose arrangement is saved and restored per user";
 * the layout lives in the core's prefs because the headless host's origin (port) changes per launch.
 */
import type { DockviewApi, IDockviewPanel, SerializedDockview } from 'dockview-react';
import type { PanelDefinition, PanelParams, PanelPlacement } from './panel-types';

/** Pref key the arrangement is saved under. */
export const LAYOUT_PREF_KEY = 'layout';
/** Saved shape (version 1). */
export interface LayoutPref {
  readonly version: 1;
  readonly dock: SerializedDockview;
}
/** Quiet time before a changed arrangement is saved, ms. */
export const LAYOUT_SAVE_DELAY_MS = 500;

/** Width of a new side column, CSS px: the watchlist's columns on the left, a ladder or settings on the right. */
export const SIDE_WIDTH_PX = { left: 560, right: 420 } as const;

/** Height of a new bottom row (order book, positions), CSS px. */
export const BOTTOM_HEIGHT_PX = 260;

/** Looks a panel up by id (the registry). */
export type PanelLookup = (id: string) => PanelDefinition | undefined;

/** The instance id of panel `id` opened with `params` (see the file comment). */
export function panelInstanceId(id: string, def: Pick<PanelDefinition, 'instances'>, params: PanelParams): string {
  return def.instances === 'per-key' && typeof params.key === 'string' ? `${id}@${params.key}` : id;
}

/** The PanelId of an instance id (`chart@NSE_EQ:1333` → `chart`). */
export function componentOf(instanceId: string): string {
  const at = instanceId.indexOf('@');
  return at < 0 ? instanceId : instanceId.slice(0, at);
}

/** The minimum of dockview's API the placement rule reads. */
export interface PlacedPanel {
  readonly id: string;
  /** Its dockview component name (the PanelId). */
  readonly component: string;
}

/** Where to add a panel, in dockview's terms. */
export type PlacementChoice =
  | { readonly kind: 'first' }
  | { readonly kind: 'tab-of'; readonly panelId: string }
  | { readonly kind: 'beside'; readonly panelId: string; readonly direction: 'left' | 'right' | 'above' | 'below' }
  | { readonly kind: 'edge'; readonly direction: 'left' | 'right' | 'above' | 'below' };

/**
 * Chooses where a panel with `placement` goes among the open `panels`: as a tab beside a panel of
 * the same placement; else center → right of the left column (or the far right); left/right/bottom
 * → a new group on that edge.
 */
export function choosePlacement(placement: PanelPlacement, panels: readonly PlacedPanel[], lookup: PanelLookup): PlacementChoice {
  if (panels.length === 0) return { kind: 'first' };
  const placementOf = (p: PlacedPanel) => lookup(p.component)?.defaultPlacement;
  const same = panels.find((p) => placementOf(p) === placement);
  if (same) return { kind: 'tab-of', panelId: same.id };
  switch (placement) {
    case 'left':
      return { kind: 'edge', direction: 'left' };
    case 'right':
      return { kind: 'edge', direction: 'right' };
    case 'bottom': {
      const center = panels.find((p) => placementOf(p) === 'center');
      return center ? { kind: 'beside', panelId: center.id, direction: 'below' } : { kind: 'edge', direction: 'below' };
    }
    case 'center': {
      const left = panels.find((p) => placementOf(p) === 'left');
      return left ? { kind: 'beside', panelId: left.id, direction: 'right' } : { kind: 'edge', direction: 'right' };
    }
  }
}

/** Reads a saved layout pref; null when it is not a version-1 layout. */
export function parseLayoutPref(value: unknown): LayoutPref | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as { version?: unknown; dock?: unknown };
  if (v.version !== 1 || typeof v.dock !== 'object' || v.dock === null) return null;
  const dock = v.dock as { grid?: unknown; panels?: unknown };
  if (typeof dock.grid !== 'object' || typeof dock.panels !== 'object' || dock.panels === null) return null;
  return v as LayoutPref;
}

/** Component names a saved layout uses (to refuse layouts with panels no longer registered). */
export function layoutComponents(pref: LayoutPref): string[] {
  const panels = pref.dock.panels as Record<string, { contentComponent?: unknown }>;
  return Object.values(panels).map((p) => (typeof p?.contentComponent === 'string' ? p.contentComponent : ''));
}

/** What the layout controller needs from the outside. */
export interface DockLayoutOptions {
  readonly lookup: PanelLookup;
  /** Ids of the panels of the default arrangement, in opening order. */
  readonly defaultPanels: readonly string[];
  /** Saves the arrangement (prefs.set); errors are the caller's to report. */
  readonly save: (pref: LayoutPref) => void;
  /** Tells the user something (unknown panel, unreadable saved layout). */
  readonly tell: (message: string) => void;
  readonly saveDelayMs?: number;
}

/** The layout controller (one per page). */
export interface DockLayout {
  /** Binds dockview's API once it is ready (applying a `restore` that came first). Saving starts after `restore`. */
  attach(api: DockviewApi): void;
  /**
   * Applies a saved layout (or the default when `saved` is null or unusable) and starts saving
   * changes. Before `attach`, it is kept and applied when dockview is ready.
   */
  restore(saved: unknown): void;
  /** See `WorkstationCommands.openPanel`. */
  open(id: string, params?: PanelParams): void;
  /** Clears the dock and builds the default arrangement (saved like any change). */
  reset(): void;
  /** Stops saving (page teardown); a pending save is written at once. */
  dispose(): void;
}

/** Builds the controller. */
export function createDockLayout(o: DockLayoutOptions): DockLayout {
  let api: DockviewApi | null = null;
  let saving = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pendingOpens: Array<[string, PanelParams]> = [];
  // A saved layout that arrived before dockview was ready: applied on attach.
  let pendingRestore: { readonly saved: unknown } | null = null;
  const delay = o.saveDelayMs ?? LAYOUT_SAVE_DELAY_MS;

  const writeNow = () => {
    timer = null;
    if (api && saving) o.save({ version: 1, dock: api.toJSON() });
  };
  const scheduleSave = () => {
    if (!saving) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(writeNow, delay);
  };

  const placed = (a: DockviewApi): PlacedPanel[] => a.panels.map((p: IDockviewPanel) => ({ id: p.id, component: componentOf(p.id) }));

  const add = (a: DockviewApi, id: string, def: PanelDefinition, params: PanelParams) => {
    const instanceId = panelInstanceId(id, def, params);
    const existing = a.getPanel(instanceId);
    if (existing) {
      if (Object.keys(params).length > 0) existing.api.updateParameters(params);
      existing.api.setActive();
      return;
    }
    const choice = choosePlacement(def.defaultPlacement, placed(a), o.lookup);
    // A new column or row takes its room from the center, not from the watchlist column: note the
    // left column's width now and give it back after the split.
    const left = choice.kind === 'tab-of' || def.defaultPlacement === 'left' ? undefined : placed(a).find((p) => o.lookup(p.component)?.defaultPlacement === 'left');
    const leftGroup = left ? a.getPanel(left.id)?.group : undefined;
    const leftWidth = leftGroup?.api.width;
    // With no center panel the left column spans the window: a right column must take its room
    // from it, or the new column is squeezed to a sliver.
    const hadCenter = placed(a).some((p) => o.lookup(p.component)?.defaultPlacement === 'center');
    const base = { id: instanceId, component: id, title: def.title, params };
    const side =
      def.defaultPlacement === 'left' || def.defaultPlacement === 'right'
        ? { initialWidth: SIDE_WIDTH_PX[def.defaultPlacement] }
        : def.defaultPlacement === 'bottom'
          ? { initialHeight: BOTTOM_HEIGHT_PX }
          : {};
    switch (choice.kind) {
      case 'first':
        a.addPanel(base);
        break;
      case 'tab-of':
        a.addPanel({ ...base, position: { referencePanel: choice.panelId, direction: 'within' } });
        break;
      case 'beside': {
        a.addPanel({ ...base, ...side, position: { referencePanel: choice.panelId, direction: choice.direction } });
        break;
      }
      case 'edge':
        a.addPanel({ ...base, ...side, position: { direction: choice.direction } });
        break;
    }
    if (leftGroup && leftWidth !== undefined && leftWidth > 0) {
      // The first center panel splits the left column in two: the column gets its own width back.
      const width =
        def.defaultPlacement === 'center' && choice.kind === 'beside'
          ? SIDE_WIDTH_PX.left
          : def.defaultPlacement === 'right' && !hadCenter
            ? Math.max(SIDE_WIDTH_PX.left, leftWidth - SIDE_WIDTH_PX.right)
            : leftWidth;
      if (width > 0) leftGroup.api.setSize({ width });
    }
  };

  const open = (id: string, params: PanelParams = {}) => {
    const def = o.lookup(id);
    if (!def) {
      o.tell(`${id} panel not available yet`);
      return;
    }
    if (!api) {
      pendingOpens.push([id, params]);
      return;
    }
    add(api, id, def, params);
  };

  const buildDefault = (a: DockviewApi) => {
    a.clear();
    for (const id of o.defaultPanels) {
      const def = o.lookup(id);
      if (def) add(a, id, def, {});
    }
  };

  return {
    attach(a) {
      api = a;
      a.onDidLayoutChange(scheduleSave);
      if (pendingRestore) {
        const { saved } = pendingRestore;
        pendingRestore = null;
        this.restore(saved);
      }
    },
    restore(saved) {
      const a = api;
      if (!a) {
        pendingRestore = { saved };
        return;
      }
      const pref = saved === null || saved === undefined ? null : parseLayoutPref(saved);
      let restored = false;
      if (pref) {
        const unknown = layoutComponents(pref).filter((c) => !o.lookup(c));
        if (unknown.length === 0) {
          try {
            a.fromJSON(pref.dock);
            restored = a.panels.length > 0;
          } catch {
            restored = false;
          }
        }
        if (!restored) o.tell('The saved layout could not be restored; the default layout is shown.');
      } else if (saved !== null && saved !== undefined) {
        o.tell('The saved layout is not readable; the default layout is shown.');
      }
      if (!restored) buildDefault(a);
      saving = true;
      const opens = pendingOpens;
      pendingOpens = [];
      for (const [id, params] of opens) open(id, params);
    },
    open,
    reset() {
      if (!api) return;
      buildDefault(api);
      scheduleSave();
    },
    dispose() {
      if (timer !== null) {
        clearTimeout(timer);
        writeNow();
      }
      saving = false;
    },
  };
}
