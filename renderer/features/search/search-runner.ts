/**
 * Type-ahead over `instruments.search`: each keystroke (debounced lightly) sends a request with a
 * sequence number; an answer is shown only if it belongs to the latest request sent, so a slow
 * answer to "REL" can never replace the answer to "RELIANCE" that came back first. A new query
 * also clears a pending one. Errors are reported (as data) like answers, with the same rule.
 *
 * Source: issue 5, "Instrument search" (the index runs in the core behind `instruments.search`).
 */
import type { Result } from '../../../shared/errors';
import type { ExchangeSegment } from '../../../shared/instruments';
import type { InstrumentSearchArgs, InstrumentSearchReply } from '../../../shared/ipc/contract';

/** Quiet time after a keystroke before asking, ms. */
export const SEARCH_DEBOUNCE_MS = 60;
/** Hits asked for. */
export const SEARCH_LIMIT = 50;

/** What the box shows after an answer (or an empty query). */
export interface SearchState {
  readonly query: string;
  readonly result: Result<InstrumentSearchReply> | null;
}

/** The runner. */
export interface SearchRunner {
  /** Asks for `query` (trimmed; empty clears at once) in `segments` (all when empty). */
  search(query: string, segments: readonly ExchangeSegment[]): void;
  /** Requests sent so far (for tests and the status line). */
  readonly sent: number;
  /** Answers dropped because a newer request had been sent. */
  readonly dropped: number;
  dispose(): void;
}

/** Builds a runner over `invoke` that reports each accepted answer to `onState`. */
export function createSearchRunner(
  invoke: (args: InstrumentSearchArgs) => Promise<Result<InstrumentSearchReply>>,
  onState: (s: SearchState) => void,
  debounceMs = SEARCH_DEBOUNCE_MS,
): SearchRunner {
  let latest = 0;
  let sent = 0;
  let dropped = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const send = (query: string, segments: readonly ExchangeSegment[]) => {
    const seq = ++latest;
    sent++;
    const args: InstrumentSearchArgs = segments.length > 0 ? { query, segments, limit: SEARCH_LIMIT } : { query, limit: SEARCH_LIMIT };
    void invoke(args).then(
      (result) => {
        if (disposed) return;
        if (seq !== latest) {
          dropped++;
          return;
        }
        onState({ query, result });
      },
      () => {
        // The bridge never rejects; a rejection here is a bug elsewhere, shown as no answer.
        if (!disposed && seq === latest) onState({ query, result: null });
      },
    );
  };

  return {
    search(raw, segments) {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      const query = raw.trim();
      if (query === '') {
        latest++; // any answer in flight is now stale
        onState({ query: '', result: null });
        return;
      }
      timer = setTimeout(() => {
        timer = null;
        send(query, segments);
      }, debounceMs);
    },
    get sent() {
      return sent;
    },
    get dropped() {
      return dropped;
    },
    dispose() {
      disposed = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
}
