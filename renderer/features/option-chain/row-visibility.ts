/**
 * Which rendered strike rows are on screen, so that their live cells are written only there.
 *
 * The panel renders (and subscribes) the rows on screen ± a margin of whole blocks
 * (./chain-view.ts): about a third of them are off screen. Writing their text every tick cost
 * layout, paint and formatting for nothing, so each row holds a {@link RowGate}: while the row is
 * off screen (or under the sticky header rows) a tick only marks its leg stale; when the row comes
 * within {@link VISIBLE_MARGIN_ROWS} rows of the visible part its stale legs are painted once from
 * the latest tick (a row scrolled in faster than that a frame shows its previous values for one
 * frame). One `IntersectionObserver` per panel (root: the panel's scroller) drives the gates.
 * The DOM text of an off-screen row may therefore be older than the quote hub's latest tick; it is
 * never older than the row's first paint (a row is painted when it mounts, on screen or not).
 *
 * Source: the option-chain brief (a 100-strike chain with every leg ticking must stay smooth);
 * ./option-chain.bench.ts measures it.
 */

/** Rows beyond each edge of the scroller still counted as on screen (painted before they show). */
export const VISIBLE_MARGIN_ROWS = 1;

/** A row's gate: paints now while the row is on screen, later (once, the latest) when it is not. */
export interface RowGate {
  /** True while the row is on screen ± the margin (true until the observer says otherwise). */
  readonly visible: boolean;
  /** Runs `paint` now when visible, else keeps it (once per function) for {@link RowGate.setVisible}. */
  paint(paint: () => void): void;
  /** Records the row's visibility; becoming visible runs the kept paints, each once, and forgets them. */
  setVisible(visible: boolean): void;
  /** Forgets a kept paint (its leg went away). */
  drop(paint: () => void): void;
}

/** A gate for one row (visible until told otherwise). */
export function createRowGate(): RowGate {
  let visible = true;
  const stale = new Set<() => void>();
  return {
    get visible() {
      return visible;
    },
    paint(paint) {
      if (visible) paint();
      else stale.add(paint);
    },
    setVisible(v) {
      visible = v;
      if (!v || stale.size === 0) return;
      const due = [...stale];
      stale.clear();
      for (const f of due) f();
    },
    drop(paint) {
      stale.delete(paint);
    },
  };
}

/** Watches rows for one panel. */
export interface RowVisibility {
  /**
   * Calls `onChange(visible)` when `row` comes within the margin of the scroller or leaves it (and
   * once soon after the call, with its state then). Returns the disposer that stops watching it.
   * Without `IntersectionObserver` (or without a scroller yet) it never calls: rows stay visible.
   */
  watch(row: Element, onChange: (visible: boolean) => void): () => void;
  /** Stops watching every row. */
  dispose(): void;
}

/** The part of the `IntersectionObserver` constructor used here (a stand-in in tests). */
export type IntersectionObserverCtor = new (
  callback: (entries: readonly Pick<IntersectionObserverEntry, 'target' | 'isIntersecting'>[]) => void,
  options: { root: Element; rootMargin: string },
) => Pick<IntersectionObserver, 'observe' | 'unobserve' | 'disconnect'>;

/**
 * Row visibility against the scroller `root()` returns, less `topInsetPx()` at its top (the sticky
 * header rows covering it), widened by `marginPx` above and below. Both are read when the first
 * row is watched (rows are watched from effects, after the panel's refs are set).
 */
export function createRowVisibility(
  root: () => Element | null,
  marginPx: number,
  topInsetPx: () => number = () => 0,
  Observer: IntersectionObserverCtor | null = globalThis.IntersectionObserver ?? null,
): RowVisibility {
  const watchers = new Map<Element, (visible: boolean) => void>();
  let observer: InstanceType<IntersectionObserverCtor> | null = null;
  const ensure = () => {
    if (observer !== null || Observer === null) return observer;
    const el = root();
    if (el === null) return null;
    observer = new Observer(
      (entries) => {
        for (const e of entries) watchers.get(e.target)?.(e.isIntersecting);
      },
      { root: el, rootMargin: `${marginPx - Math.max(0, topInsetPx())}px 0px ${marginPx}px 0px` },
    );
    return observer;
  };
  return {
    watch(row, onChange) {
      const o = ensure();
      if (o === null) return () => undefined;
      watchers.set(row, onChange);
      o.observe(row);
      return () => {
        if (watchers.get(row) !== onChange) return;
        watchers.delete(row);
        o.unobserve(row);
      };
    },
    dispose() {
      watchers.clear();
      observer?.disconnect();
      observer = null;
    },
  };
}
