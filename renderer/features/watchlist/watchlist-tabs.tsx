/**
 * The tabs of the watchlists: select, create (+), rename (double-click a tab), delete (× on the
 * active tab, after a confirmation when the list has rows).
 */
import { useState } from 'react';
import type { Watchlist } from '../../stores/watchlists-slice';
import { MAX_WATCHLIST_NAME } from '../../stores/watchlists-slice';

/** Props: the lists, the active id and the actions. */
export interface WatchlistTabsProps {
  readonly lists: readonly Watchlist[];
  readonly activeId: string;
  readonly onSelect: (id: string) => void;
  readonly onCreate: () => void;
  readonly onRename: (id: string, name: string) => void;
  readonly onDelete: (id: string) => void;
}

/** The tab strip. */
export function WatchlistTabs(p: WatchlistTabsProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const commit = () => {
    if (editing !== null) p.onRename(editing, draft);
    setEditing(null);
  };
  return (
    <div className="wl-tabs" role="tablist" aria-label="Watchlists">
      {p.lists.map((l) =>
        editing === l.id ? (
          <input
            key={l.id}
            className="wl-tab-edit"
            aria-label="Watchlist name"
            value={draft}
            maxLength={MAX_WATCHLIST_NAME}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onBlur={commit}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commit();
              if (e.key === 'Escape') {
                e.stopPropagation();
                setEditing(null);
              }
            }}
          />
        ) : (
          <span key={l.id} className={l.id === p.activeId ? 'wl-tab active' : 'wl-tab'}>
            <button
              type="button"
              role="tab"
              aria-selected={l.id === p.activeId}
              title="Double-click to rename"
              onClick={() => p.onSelect(l.id)}
              onDoubleClick={() => {
                setDraft(l.name);
                setEditing(l.id);
              }}
            >
              {l.name}
              <span className="wl-count">{l.keys.length}</span>
            </button>
            {l.id === p.activeId && (
              <button
                type="button"
                className="icon-button"
                title="Delete this watchlist"
                aria-label={`Delete ${l.name}`}
                onClick={() => {
                  if (l.keys.length === 0 || window.confirm(`Delete watchlist "${l.name}" and its ${l.keys.length} rows?`)) p.onDelete(l.id);
                }}
              >
                ×
              </button>
            )}
          </span>
        ),
      )}
      <button type="button" className="icon-button wl-new" title="New watchlist" aria-label="New watchlist" onClick={p.onCreate}>
        +
      </button>
    </div>
  );
}
