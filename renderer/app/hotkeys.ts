/**
 * Workstation hotkeys, following the NEST/ODIN convention traders know: F1 buy, F2 sell (order
 * ticket for the focused instrument), Esc closes the top overlay, F3 order book, F4 watchlist, F6
 * depth of the focused instrument, F8 trade book, Alt+F6 positions; `/` or Ctrl+K (⌘K) focuses the
 * instrument search. Alt+O opens the option chain of the focused instrument (of its underlying for
 * an option or future): NEST/ODIN give the option chain no standard key, and Alt+O is free in the
 * browser, in Electron's default menu (Alt+F/E/V/W/H) and among these bindings (docs/decisions.md). Bound with tinykeys on `window`; the browser's own F-key actions (F1 help,
 * F3 find, F5 is left alone) are prevented for the keys bound here.
 *
 * `/` is ignored while the user types in a field (it is a character there); F-keys and Esc work
 * everywhere. Enter (send) belongs to the order ticket.
 *
 * Source: issue 5, "Keyboard".
 */
import { tinykeys } from 'tinykeys';
import type { InstrumentKey } from '../../shared/instruments';
import type { WorkstationCommands } from './panel-types';

/** What a hotkey does. */
export type HotkeyAction = 'buy' | 'sell' | 'close' | 'orders' | 'watchlist' | 'depth' | 'trades' | 'positions' | 'search' | 'optionChain';

/** One binding: tinykeys key strings (KeyboardEvent.key or .code, `$mod` = Ctrl or ⌘) and a label. */
export interface HotkeyBinding {
  readonly keys: readonly string[];
  readonly action: HotkeyAction;
  /** For the help line and tooltips. */
  readonly label: string;
}

/** Every binding, in the order the help shows them. */
export const HOTKEYS: readonly HotkeyBinding[] = [
  { keys: ['F1'], action: 'buy', label: 'F1 Buy' },
  { keys: ['F2'], action: 'sell', label: 'F2 Sell' },
  { keys: ['F3'], action: 'orders', label: 'F3 Order book' },
  { keys: ['F4'], action: 'watchlist', label: 'F4 Watchlist' },
  { keys: ['F6'], action: 'depth', label: 'F6 Depth' },
  { keys: ['F8'], action: 'trades', label: 'F8 Trade book' },
  { keys: ['Alt+F6'], action: 'positions', label: 'Alt+F6 Positions' },
  { keys: ['Alt+KeyO'], action: 'optionChain', label: 'Alt+O Option chain' },
  { keys: ['/', '$mod+KeyK'], action: 'search', label: '/ or Ctrl+K Search' },
  { keys: ['Escape'], action: 'close', label: 'Esc Close' },
];

/** What an action reads at the moment the key is pressed. */
export interface HotkeyContext {
  readonly commands: WorkstationCommands;
  readonly focusedKey: () => InstrumentKey | null;
}

/**
 * Runs `action`. Returns false when the key should keep its default meaning (Esc with no overlay
 * open, so that a field or menu can use it).
 */
export function runHotkey(action: HotkeyAction, ctx: HotkeyContext): boolean {
  const c = ctx.commands;
  const key = ctx.focusedKey();
  switch (action) {
    case 'buy':
      c.openOrderTicket('BUY', key);
      return true;
    case 'sell':
      c.openOrderTicket('SELL', key);
      return true;
    case 'close':
      return c.closeTopOverlay();
    case 'orders':
      c.openPanel('orders');
      return true;
    case 'watchlist':
      c.openPanel('watchlist');
      return true;
    case 'depth':
      if (key === null) c.toast('Select an instrument first (F6 opens the depth of the selected row)', 'warn');
      else c.openPanel('depth', { key });
      return true;
    case 'trades':
      c.openPanel('trades');
      return true;
    case 'optionChain':
      if (key === null) c.toast('Select an instrument first (Alt+O opens the option chain of the selected row)', 'warn');
      else c.openPanel('option-chain', { key });
      return true;
    case 'positions':
      c.openPanel('positions');
      return true;
    case 'search':
      c.focusSearch();
      return true;
  }
}

/** The parts of a keyboard event the handlers read. */
export interface KeyEventLike {
  readonly target: EventTarget | null;
  preventDefault(): void;
}

/** True when `target` is a place where typing characters is expected. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as { tagName?: unknown; isContentEditable?: unknown } | null;
  if (!el || typeof el.tagName !== 'string') return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable === true;
}

/** The tinykeys map for `HOTKEYS` over `ctx`. */
export function hotkeyMap(ctx: HotkeyContext): Record<string, (e: KeyEventLike) => void> {
  const map: Record<string, (e: KeyEventLike) => void> = {};
  for (const b of HOTKEYS) {
    for (const k of b.keys) {
      map[k] = (e) => {
        if (k === '/' && isTypingTarget(e.target)) return;
        if (runHotkey(b.action, ctx)) e.preventDefault();
      };
    }
  }
  return map;
}

/** Binds the hotkeys on `target` (window); returns the unbinder. */
export function installHotkeys(target: Window, ctx: HotkeyContext): () => void {
  return tinykeys(target, hotkeyMap(ctx));
}
