/**
 * The `portfolio` slice: positions and funds from the `portfolio.snapshot` stream (at once, then
 * after every fill), holdings from `portfolio.holdings`. Live MTM is NOT here: it is computed per
 * tick in the positions panel's refs (renderer/features/portfolio/mtm.ts), so ticks never
 * re-render React.
 *
 * Money in rupees, quantities in units, times epoch ms UTC.
 *
 * Source: issue 5 "positions with live MTM from ticks and realised P&L, holdings, funds";
 * shared/ipc/contract.ts `PortfolioSnapshot`.
 */
import type { StateCreator } from 'zustand';
import type { PortfolioSnapshot } from '../../shared/ipc/contract';
import type { Funds, Holding, Position } from '../../shared/portfolio';

/** The portfolio as the renderer holds it. */
export interface PortfolioState {
  readonly positions: readonly Position[];
  /** Null until known (the snapshot may come without funds when their fetch failed). */
  readonly funds: Funds | null;
  /** Null until `portfolio.holdings` answered. */
  readonly holdings: readonly Holding[] | null;
  /** Time of the last snapshot, epoch ms UTC (core time), or null before the first. */
  readonly snapshotAtMs: number | null;
  /** Why the last read failed, or null. */
  readonly error: string | null;
}

/** The slice. */
export interface PortfolioSlice {
  readonly portfolio: PortfolioState;
  /** A `portfolio.snapshot` payload: positions always, funds when present (else the last known stay). */
  applySnapshot(snapshot: PortfolioSnapshot): void;
  setPositions(positions: readonly Position[]): void;
  setFunds(funds: Funds): void;
  setHoldings(holdings: readonly Holding[]): void;
  setPortfolioError(message: string | null): void;
}

/** Creates the slice for the combined store. */
export const createPortfolioSlice: StateCreator<PortfolioSlice, [], [], PortfolioSlice> = (set) => ({
  portfolio: { positions: [], funds: null, holdings: null, snapshotAtMs: null, error: null },
  applySnapshot: (snap) =>
    set((s) => {
      // Snapshots can cross a slower positions read: an older one never replaces a newer one.
      if (s.portfolio.snapshotAtMs !== null && snap.atMs < s.portfolio.snapshotAtMs) return s;
      return {
        portfolio: { ...s.portfolio, positions: snap.positions, funds: snap.funds ?? s.portfolio.funds, snapshotAtMs: snap.atMs, error: null },
      };
    }),
  setPositions: (positions) => set((s) => ({ portfolio: { ...s.portfolio, positions } })),
  setFunds: (funds) => set((s) => ({ portfolio: { ...s.portfolio, funds } })),
  setHoldings: (holdings) => set((s) => ({ portfolio: { ...s.portfolio, holdings } })),
  setPortfolioError: (error) => set((s) => ({ portfolio: { ...s.portfolio, error } })),
});
