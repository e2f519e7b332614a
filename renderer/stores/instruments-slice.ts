/**
 * The `instruments` slice: a cache of `Instrument` by key, filled from `instruments.search` hits and
 * `instruments.get` answers, so rows and panels can name an instrument, format its prices at its
 * decimals and know its lot size without asking the core again.
 *
 * Source: issue 5 ("Instrument search", "Watchlists"); shared/instruments.ts (the model).
 */
import type { StateCreator } from 'zustand';
import type { Instrument, InstrumentKey } from '../../shared/instruments';
import { instrumentKey } from '../../shared/instruments';

/** Most instruments kept; beyond it the oldest entries are dropped (a search session adds ~50 a keystroke). */
export const INSTRUMENT_CACHE_LIMIT = 5000;

/** The slice: data under `instruments`, actions beside it. */
export interface InstrumentsSlice {
  /** Known instruments by key (`NSE_EQ:1333`). */
  readonly instruments: Readonly<Record<InstrumentKey, Instrument>>;
  /** Adds (or replaces) these instruments; `null` entries (unknown keys) are ignored. */
  rememberInstruments(list: readonly (Instrument | null)[]): void;
}

/** Creates the slice for the combined store. */
export const createInstrumentsSlice: StateCreator<InstrumentsSlice, [], [], InstrumentsSlice> = (set) => ({
  instruments: {},
  rememberInstruments: (list) =>
    set((s) => {
      const fresh = list.filter((i): i is Instrument => i !== null);
      if (fresh.length === 0) return s;
      let changed = false;
      const next: Record<string, Instrument> = { ...s.instruments };
      for (const i of fresh) {
        const k = instrumentKey(i.segment, i.securityId);
        if (next[k] === i) continue;
        // Re-inserted so that the most recently seen instruments are the last to be dropped.
        delete next[k];
        next[k] = i;
        changed = true;
      }
      if (!changed) return s;
      const keys = Object.keys(next);
      for (let n = keys.length - INSTRUMENT_CACHE_LIMIT, i = 0; i < n; i++) delete next[keys[i]!];
      return { instruments: next as Record<InstrumentKey, Instrument> };
    }),
});
