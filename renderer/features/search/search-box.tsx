/**
 * The instrument search box in the title bar. `/` or Ctrl+K focuses it (hotkeys.ts). Type-ahead
 * through the core's `instruments.search` (search-runner.ts drops stale answers), an optional
 * segment filter, results with name, segment, type, expiry/strike and lot size.
 *
 * Keys in the box: Up/Down move in the results, Enter adds the highlighted instrument to the
 * active watchlist (and selects it), Shift+Enter opens its depth ladder, Esc closes the results
 * (and a second Esc leaves the box).
 *
 * Source: issue 5, "Instrument search".
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { EXCHANGE_SEGMENTS, instrumentKey, type ExchangeSegment, type Instrument } from '../../../shared/instruments';
import type { Bridge } from '../../../shared/ipc/contract';
import type { WorkstationCommands } from '../../app/panel-types';
import type { AppStore } from '../../stores/app-store';
import { hitLabel } from './hit-label';
import { createSearchRunner, type SearchState } from './search-runner';

/** Props: the store (watchlists, instrument cache), the bridge and the commands. */
export interface SearchBoxProps {
  readonly store: AppStore;
  readonly bridge: Bridge;
  readonly commands: WorkstationCommands;
}

/** The box. */
export function SearchBox({ store, bridge, commands }: SearchBoxProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [segment, setSegment] = useState<ExchangeSegment | ''>('');
  const [state, setState] = useState<SearchState>({ query: '', result: null });
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);

  const runner = useMemo(() => createSearchRunner((args) => bridge.invoke('instruments.search', args), setState), [bridge]);
  useEffect(() => () => runner.dispose(), [runner]);
  useEffect(() => setActive(0), [state]);

  // Focus requests from the hotkeys (`/`, Ctrl+K).
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.searchFocusRequest !== prev.searchFocusRequest) {
          inputRef.current?.focus();
          inputRef.current?.select();
          setOpen(true);
        }
      }),
    [store],
  );

  const hits: readonly Instrument[] = state.result?.ok ? state.result.value.hits : [];
  const listRef = useRef<HTMLDivElement>(null);
  // Keep the highlighted hit in view while the arrows move through a long list.
  useEffect(() => listRef.current?.querySelector(`#search-hit-${active}`)?.scrollIntoView({ block: 'nearest' }), [active]);
  const ask = (q: string, seg: ExchangeSegment | '') => runner.search(q, seg === '' ? [] : [seg]);

  const choose = (i: Instrument, depth: boolean) => {
    const key = instrumentKey(i.segment, i.securityId);
    const s = store.getState();
    s.rememberInstruments([i]);
    commands.focusInstrument(key);
    if (depth) {
      commands.openPanel('depth', { key });
      return;
    }
    const list = s.watchlists.lists.find((l) => l.id === s.watchlists.activeId);
    if (s.addToWatchlist(key)) commands.toast(`Added ${i.displayName} to ${list?.name ?? 'the watchlist'}`, 'good');
    else commands.toast(`${i.displayName} is already in ${list?.name ?? 'the watchlist'}`, 'info');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (hits.length > 0) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = hits[active];
      if (hit) choose(hit, e.shiftKey);
    } else if (e.key === 'Escape') {
      e.stopPropagation();
      e.nativeEvent.stopImmediatePropagation();
      if (open && text !== '') setOpen(false);
      else inputRef.current?.blur();
    }
  };

  const universe = state.result?.ok ? state.result.value.universe : null;
  const showList = open && state.query !== '';
  return (
    <div className="search-box" role="search">
      <input
        ref={inputRef}
        type="search"
        className="search-input"
        placeholder="Search instruments  ( / )"
        aria-label="Search instruments"
        aria-expanded={showList}
        aria-controls="search-results"
        aria-activedescendant={hits.length > 0 ? `search-hit-${active}` : undefined}
        data-testid="search-input"
        spellCheck={false}
        autoComplete="off"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          ask(e.target.value, segment);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      <select
        className="search-segment"
        aria-label="Segment filter"
        value={segment}
        onChange={(e) => {
          const seg = e.target.value as ExchangeSegment | '';
          setSegment(seg);
          ask(text, seg);
          inputRef.current?.focus();
        }}
      >
        <option value="">All segments</option>
        {EXCHANGE_SEGMENTS.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      {showList && (
        <div className="search-results" id="search-results" role="listbox" data-testid="search-results" ref={listRef}>
          {state.result && !state.result.ok && <div className="search-note tone-bad">Search failed: {state.result.error.message}</div>}
          {state.result?.ok && hits.length === 0 && (
            <div className="search-note">{universe === 0 ? 'The instrument master is still loading…' : `Nothing matches "${state.query}".`}</div>
          )}
          {hits.map((h, i) => {
            const l = hitLabel(h);
            return (
              <div
                key={`${h.segment}:${h.securityId}`}
                id={`search-hit-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'search-hit active' : 'search-hit'}
                data-testid="search-hit"
                onMouseEnter={() => setActive(i)}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(h, e.shiftKey);
                }}
              >
                <span className="hit-symbol">{l.symbol}</span>
                <span className="hit-name">{l.name}</span>
                <span className="hit-contract">{l.contract}</span>
                <span className="hit-type">{l.type}</span>
                <span className="hit-seg">{l.segment}</span>
                <span className="hit-lot">{l.lot}</span>
              </div>
            );
          })}
          {state.result?.ok && hits.length > 0 && (
            <div className="search-foot">Enter: add to watchlist · Shift+Enter: depth · {universe?.toLocaleString('en-IN')} instruments</div>
          )}
        </div>
      )}
    </div>
  );
}
