/**
 * The "Panels" menu of the title bar: every registered panel with its hotkey, and "Reset layout".
 * A per-instrument panel (chart, depth) opens for the focused instrument; without one the user is
 * told to select a row first.
 */
import { useEffect, useRef, useState } from 'react';
import type { AppStore } from '../stores/app-store';
import { HOTKEYS, type HotkeyAction } from './hotkeys';
import { PANELS, type PanelId } from './panel-registry';
import type { PanelDefinition, WorkstationCommands } from './panel-types';

/** Hotkey actions that open a panel, by panel id (for the hints). */
const PANEL_ACTIONS: Partial<Record<string, HotkeyAction>> = { orders: 'orders', watchlist: 'watchlist', depth: 'depth', trades: 'trades', positions: 'positions', 'option-chain': 'optionChain' };

/** The hotkey label of panel `id` (`F3`, `Alt+O`: the first word of the binding's label), or ''. */
export function panelHotkey(id: string): string {
  const action = PANEL_ACTIONS[id];
  const b = action ? HOTKEYS.find((h) => h.action === action) : undefined;
  return b ? b.label.split(' ')[0]! : '';
}

/** Opens panel `id` from a menu: per-key panels for the focused instrument. */
export function openFromMenu(id: string, def: Pick<PanelDefinition, 'instances' | 'title'>, store: AppStore, commands: WorkstationCommands): void {
  if (def.instances === 'per-key') {
    const key = store.getState().focusedKey;
    if (key === null) {
      commands.toast(`Select an instrument first (the ${def.title.toLowerCase()} opens for the selected row)`, 'warn');
      return;
    }
    commands.openPanel(id, { key });
    return;
  }
  commands.openPanel(id);
}

/** The menu button and its list. */
export function PanelMenu({ store, commands }: { readonly store: AppStore; readonly commands: WorkstationCommands }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);
  const pick = (fn: () => void) => () => {
    setOpen(false);
    fn();
  };
  return (
    <div className="panel-menu" ref={ref}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="panel-menu">
        Panels ▾
      </button>
      {open && (
        <div className="menu-list" role="menu">
          {(Object.keys(PANELS) as PanelId[]).map((id) => (
            <button key={id} type="button" role="menuitem" onClick={pick(() => openFromMenu(id, PANELS[id], store, commands))}>
              <span>{PANELS[id].title}</span>
              <kbd hidden={panelHotkey(id) === ''}>{panelHotkey(id)}</kbd>
            </button>
          ))}
          <hr />
          <button type="button" role="menuitem" title="Put the panels back where they started" onClick={pick(() => commands.resetLayout())} data-testid="reset-layout">
            <span>Reset layout</span>
          </button>
        </div>
      )}
    </div>
  );
}
