/** A trailing debounce with `flush` (write a pending call now) and `cancel`. */

/** The debounced function and its controls. */
export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  /** Runs a pending call at once (page teardown). */
  flush(): void;
  cancel(): void;
}

/** Calls `fn` with the latest arguments once `ms` milliseconds passed without another call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: A | null = null;
  const run = () => {
    timer = null;
    const args = pending;
    pending = null;
    if (args) fn(...args);
  };
  const d = ((...args: A) => {
    pending = args;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(run, ms);
  }) as Debounced<A>;
  d.flush = () => {
    if (timer !== null) clearTimeout(timer);
    run();
  };
  d.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    pending = null;
  };
  return d;
}
