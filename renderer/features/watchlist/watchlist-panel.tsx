/**
 * The watchlist panel: tabs of named lists and the rows of the active one. LTP, change, % change,
 * bid, ask, volume and OI (F&O) come from the quote hub straight into the rows' DOM (no React
 * render per tick).
 *
 * Mouse: click selects (the focused instrument of F1/F2/F6), double-click opens the chart, drag a
 * row to reorder, × (at the end of the instrument cell, on hover or selection) removes. A narrow
 * panel keeps every column by stacking % change under change and printing volume and OI in
 * lakh/crore (workstation.css, "watchlist"). Keyboard (the table has the focus): Up/Down select, Alt+Up/Down move
 * the row, Delete removes, Enter opens the chart, Shift+Enter opens the depth ladder.
 *
 * Source: issue 5, "Watchlists".
 */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { InstrumentKey } from '../../../shared/instruments';
import type { PanelProps } from '../../app/panel-types';
import { useAppStore } from '../../stores/app-store';
import { WatchlistRow } from './watchlist-row';
import { showsOiColumn } from './watchlist-columns';
import { WatchlistTabs } from './watchlist-tabs';

const DRAG_TYPE = 'application/x-tickdesk-key';

/** The panel (registered as `watchlist`). */
export function WatchlistPanel({ store, bridge, quotes, commands }: PanelProps) {
  const { lists, activeId } = useAppStore(store, useShallow((s) => ({ lists: s.watchlists.lists, activeId: s.watchlists.activeId })));
  const focusedKey = useAppStore(store, (s) => s.focusedKey);
  const active = lists.find((l) => l.id === activeId) ?? lists[0]!;
  const keys = active.keys;
  const instruments = useAppStore(store, useShallow((s) => keys.map((k) => s.instruments[k])));
  const tableRef = useRef<HTMLTableElement>(null);
  // OI only means something for F&O: the column shows when some row is a derivative.
  const oiColumn = showsOiColumn(instruments);

  // One quote subscription for the rows on screen (the hub shares it with identical key sets).
  useEffect(() => quotes.acquire(keys), [quotes, keys]);

  // Names, decimals and lot sizes of rows the cache does not know yet.
  // Keys the core does not know (an old master, a removed contract): shown as such, not asked again.
  const [unknown, setUnknown] = useState<ReadonlySet<InstrumentKey>>(new Set());
  const missing = useMemo(() => keys.filter((k, i) => instruments[i] === undefined && !unknown.has(k)), [keys, instruments, unknown]);
  useEffect(() => {
    if (missing.length === 0) return;
    let live = true;
    void bridge.invoke('instruments.get', { keys: missing.slice(0, 500) }).then((r) => {
      if (!live) return;
      if (r.ok) {
        store.getState().rememberInstruments(r.value);
        const gone = missing.filter((_, i) => r.value[i] === null);
        if (gone.length > 0) setUnknown((u) => new Set([...u, ...gone]));
      }
      else commands.toast(`Instrument details not loaded: ${r.error.message}`, 'warn');
    });
    return () => {
      live = false;
    };
  }, [bridge, store, commands, missing]);

  const select = useCallback((key: InstrumentKey) => commands.focusInstrument(key), [commands]);
  const openChart = useCallback((key: InstrumentKey) => commands.openPanel('chart', { key }), [commands]);
  const remove = useCallback((key: InstrumentKey) => store.getState().removeFromWatchlist(key), [store]);
  const onDragStart = useCallback((key: InstrumentKey, e: DragEvent) => {
    e.dataTransfer.setData(DRAG_TYPE, key);
    e.dataTransfer.effectAllowed = 'move';
  }, []);
  const onDrop = useCallback(
    (target: InstrumentKey, e: DragEvent) => {
      const dragged = e.dataTransfer.getData(DRAG_TYPE) as InstrumentKey;
      if (!dragged || dragged === target) return;
      e.preventDefault();
      const s = store.getState();
      const list = s.watchlists.lists.find((l) => l.id === s.watchlists.activeId);
      if (list) s.moveToIndex(dragged, list.keys.indexOf(target));
    },
    [store],
  );

  const onKeyDown = (e: KeyboardEvent) => {
    if (keys.length === 0) return;
    const i = focusedKey === null ? -1 : keys.indexOf(focusedKey);
    const current = i >= 0 ? keys[i]! : null;
    const step = e.key === 'ArrowUp' ? -1 : e.key === 'ArrowDown' ? 1 : 0;
    if (step !== 0 && e.altKey) {
      if (current) store.getState().moveInWatchlist(current, step);
    } else if (step !== 0) {
      select(keys[Math.max(0, Math.min(keys.length - 1, i < 0 ? 0 : i + step))]!);
    } else if (e.key === 'Enter' && current) {
      if (e.shiftKey) commands.openPanel('depth', { key: current });
      else openChart(current);
    } else if (e.key === 'Delete' && current) {
      remove(current);
    } else return;
    e.preventDefault();
  };

  // F4 (or the Panels menu) asks for the watchlist: the rows take the keyboard focus.
  useEffect(
    () =>
      store.subscribe((st, prev) => {
        const req = st.panelFocusRequest;
        if (req !== null && req !== prev.panelFocusRequest && req.id === 'watchlist') {
          // After dockview has shown the tab.
          requestAnimationFrame(() => tableRef.current?.focus());
        }
      }),
    [store],
  );

  // Keep the selected row in view when the keyboard moves it.
  useEffect(() => {
    if (focusedKey === null) return;
    tableRef.current?.querySelector(`tr[data-key="${CSS.escape(focusedKey)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [focusedKey, keys]);

  const s = store.getState();
  return (
    <div className="watchlist" data-testid="watchlist">
      <WatchlistTabs
        lists={lists}
        activeId={active.id}
        onSelect={s.selectWatchlist}
        onCreate={() => void s.createWatchlist()}
        onRename={(id, name) => void s.renameWatchlist(id, name)}
        onDelete={s.deleteWatchlist}
      />
      {keys.length === 0 ? (
        <p className="panel-empty">
          This list is empty. Press <kbd>/</kbd> to search, then <kbd>Enter</kbd> to add an instrument here.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="grid wl-table" ref={tableRef} tabIndex={0} onKeyDown={onKeyDown} aria-label={`Watchlist ${active.name}`}>
            <thead>
              <tr>
                <th className="wl-symbol">Instrument</th>
                <th className="num wl-ltp">LTP</th>
                <th className="num wl-change">
                  Chg<span className="wl-chg-pct"> / %</span>
                </th>
                <th className="num wl-changePct">% Chg</th>
                <th className="num wl-bid">Bid</th>
                <th className="num wl-ask">Ask</th>
                <th className="num wl-volume">Volume</th>
                {oiColumn && <th className="num wl-oi">OI</th>}
              </tr>
            </thead>
            <tbody>
              {keys.map((k, i) => (
                <WatchlistRow
                  key={k}
                  rowKey={k}
                  instrument={instruments[i]}
                  unknown={unknown.has(k)}
                  selected={k === focusedKey}
                  quotes={quotes}
                  oiColumn={oiColumn}
                  onSelect={select}
                  onOpen={openChart}
                  onRemove={remove}
                  onDragStart={onDragStart}
                  onDrop={onDrop}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
