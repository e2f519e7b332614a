import { matchKeyBindingPress, parseKeybinding } from 'tinykeys';
import { describe, expect, it } from 'vitest';
import type { InstrumentKey } from '../../shared/instruments';
import { HOTKEYS, hotkeyMap, isTypingTarget, runHotkey } from './hotkeys';
import type { WorkstationCommands } from './panel-types';

function recorder(overlayOpen = false) {
  const calls: string[] = [];
  const commands: WorkstationCommands = {
    openPanel: (id, params) => void calls.push(`panel ${id}${params?.key ? ` ${params.key}` : ''}`),
    openOrderTicket: (side, key) => void calls.push(`ticket ${side} ${key}`),
    openOverlay: (id) => void calls.push(`overlay ${id}`),
    closeTopOverlay: () => (calls.push('close'), overlayOpen),
    focusSearch: () => void calls.push('search'),
    resetLayout: () => void calls.push('reset'),
    focusInstrument: (key) => void calls.push(`focus ${key}`),
    toast: (m) => void calls.push(`toast ${m}`),
    notify: () => Promise.resolve('toast'),
  };
  return { calls, commands };
}

const KEY = 'NSE_EQ:2885' as InstrumentKey;

/** A keydown as tinykeys reads it. */
function keydown(key: string, code: string, mods: { alt?: boolean; ctrl?: boolean } = {}): KeyboardEvent {
  return {
    key,
    code,
    getModifierState: (m: string) => (m === 'Alt' ? !!mods.alt : m === 'Control' ? !!mods.ctrl : false),
  } as unknown as KeyboardEvent;
}

describe('hotkeys', () => {
  it('maps the NEST/ODIN keys to their actions on the focused instrument', () => {
    const { calls, commands } = recorder();
    const map = hotkeyMap({ commands, focusedKey: () => KEY });
    const ev = { target: null, preventDefault: () => calls.push('prevented') };
    for (const k of ['F1', 'F2', 'F3', 'F4', 'F6', 'F8', 'Alt+F6', '$mod+KeyK']) map[k]!(ev);
    expect(calls).toEqual([
      `ticket BUY ${KEY}`, 'prevented',
      `ticket SELL ${KEY}`, 'prevented',
      'panel orders', 'prevented',
      'panel watchlist', 'prevented',
      `panel depth ${KEY}`, 'prevented',
      'panel trades', 'prevented',
      'panel positions', 'prevented',
      'search', 'prevented',
    ]);
  });

  it('F1 without a focused instrument still reaches the ticket seam (which says why), F6 says it needs one', () => {
    const { calls, commands } = recorder();
    runHotkey('buy', { commands, focusedKey: () => null });
    runHotkey('depth', { commands, focusedKey: () => null });
    expect(calls[0]).toBe('ticket BUY null');
    expect(calls[1]).toMatch(/^toast Select an instrument first/);
  });

  it('Esc keeps its default when no overlay was open, and is consumed when one was closed', () => {
    const none = recorder(false);
    const one = recorder(true);
    let prevented = 0;
    const ev = { target: null, preventDefault: () => void prevented++ };
    hotkeyMap({ commands: none.commands, focusedKey: () => null }).Escape!(ev);
    expect(prevented).toBe(0);
    hotkeyMap({ commands: one.commands, focusedKey: () => null }).Escape!(ev);
    expect(prevented).toBe(1);
  });

  it('`/` is a character while typing in a field, and a hotkey elsewhere', () => {
    const { calls, commands } = recorder();
    const map = hotkeyMap({ commands, focusedKey: () => null });
    map['/']!({ target: { tagName: 'INPUT' } as unknown as EventTarget, preventDefault: () => calls.push('prevented') });
    expect(calls).toEqual([]);
    map['/']!({ target: { tagName: 'DIV' } as unknown as EventTarget, preventDefault: () => calls.push('prevented') });
    expect(calls).toEqual(['search', 'prevented']);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
  });

  it('the bindings match the right key presses in tinykeys (Alt+F6 is not F6)', () => {
    const binding = (action: string, i = 0) => parseKeybinding(HOTKEYS.find((h) => h.action === action)!.keys[i]!)[0]!;
    expect(matchKeyBindingPress(keydown('F6', 'F6'), binding('depth'))).toBe(true);
    expect(matchKeyBindingPress(keydown('F6', 'F6', { alt: true }), binding('depth'))).toBe(false);
    expect(matchKeyBindingPress(keydown('F6', 'F6', { alt: true }), binding('positions'))).toBe(true);
    expect(matchKeyBindingPress(keydown('k', 'KeyK', { ctrl: true }), binding('search', 1))).toBe(true);
    expect(matchKeyBindingPress(keydown('F1', 'F1'), binding('buy'))).toBe(true);
    expect(matchKeyBindingPress(keydown('F2', 'F2'), binding('buy'))).toBe(false);
  });

  it('Alt+O opens the option chain of the focused instrument (Option+O = ø on macOS matches by code), or says it needs one', () => {
    const { calls, commands } = recorder();
    const ev = { target: null, preventDefault: () => calls.push('prevented') };
    hotkeyMap({ commands, focusedKey: () => KEY })['Alt+KeyO']!(ev);
    hotkeyMap({ commands, focusedKey: () => null })['Alt+KeyO']!(ev);
    expect(calls[0]).toBe(`panel option-chain ${KEY}`);
    expect(calls[1]).toBe('prevented');
    expect(calls[2]).toMatch(/^toast Select an instrument first \(Alt\+O/);
    const alt = parseKeybinding(HOTKEYS.find((h) => h.action === 'optionChain')!.keys[0]!)[0]!;
    expect(matchKeyBindingPress(keydown('ø', 'KeyO', { alt: true }), alt)).toBe(true);
    expect(matchKeyBindingPress(keydown('o', 'KeyO'), alt)).toBe(false);
    // no other binding takes Alt+O
    expect(HOTKEYS.filter((h) => h.keys.some((k) => /Alt\+(KeyO|o)$/i.test(k)))).toHaveLength(1);
  });
});
