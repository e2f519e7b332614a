/**
 * Portfolio for the bridge: `portfolio.positions`, `portfolio.holdings`, `funds.get`,
 * `margin.calculate` and the `portfolio.snapshot` stream (positions + funds at once, and again
 * after every fill: refetched after each TRADED / PART_TRADED event, coalesced so a burst of fills
 * costs one refetch, and never two at a time).
 *
 * Source: issue 5 (positions with live MTM, funds, margin before sending); seeds/002 "Portfolio
 * and Positions", "Funds & Margin". Amounts in rupees.
 */
import { BridgeFault, bridgeError, type Result } from '../../../shared/errors';
import { instrumentKey } from '../../../shared/instruments';
import type { PortfolioSnapshot } from '../../../shared/ipc/contract';
import type { PlaceOrderRequest } from '../../../shared/orders';
import type { Funds, Holding, MarginRequirement, Position } from '../../../shared/portfolio';
import type { MarketData } from './market-data';
import type { SessionManager } from './session-manager';

/** Fills within this many ms share one refetch. */
export const SNAPSHOT_COALESCE_MS = 100;

/** See the file comment. */
export class PortfolioService {
  private readonly listeners = new Set<(s: PortfolioSnapshot) => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;
  private again = false;
  private readonly now: () => number;

  constructor(private readonly o: { readonly sessions: SessionManager; readonly market: MarketData; readonly now?: () => number; readonly log?: (l: string) => void }) {
    this.now = o.now ?? (() => Date.now());
  }

  /** `portfolio.positions`: the day's positions (GET /positions). Throws `BridgeFault` on a broker error. */
  async positions(): Promise<readonly Position[]> {
    return this.unwrap(await this.rest().portfolio.positions());
  }

  /** `portfolio.holdings`: demat holdings (GET /holdings). Throws `BridgeFault` on a broker error. */
  async holdings(): Promise<readonly Holding[]> {
    return this.unwrap(await this.rest().portfolio.holdings());
  }

  /** `funds.get`: the fund limit (GET /fundlimit), rupees. Throws `BridgeFault` on a broker error. */
  async funds(): Promise<Funds> {
    return this.unwrap(await this.rest().portfolio.funds());
  }

  /** Margin for one order; a market order is valued at the latest LTP. */
  async margin(req: PlaceOrderRequest): Promise<MarginRequirement> {
    let price = req.price ?? 0;
    if (!(price > 0)) price = this.o.market.latest(instrumentKey(req.instrument.segment, req.instrument.securityId))?.ltp ?? 0;
    if (!(price > 0)) price = req.triggerPrice ?? 0;
    return this.unwrap(
      await this.rest().portfolio.margin({
        instrument: req.instrument,
        side: req.side,
        quantity: req.quantity,
        product: req.product,
        price,
        ...(req.triggerPrice !== undefined ? { triggerPrice: req.triggerPrice } : {}),
      }),
    );
  }

  /** `portfolio.snapshot`: a snapshot at once, then after every fill. Returns the disposer. */
  subscribe(emit: (s: PortfolioSnapshot) => void): () => void {
    this.listeners.add(emit);
    void this.snapshot().then((s) => {
      if (s !== null && this.listeners.has(emit)) emit(s);
    });
    return () => void this.listeners.delete(emit);
  }

  /** A fill happened (or the session changed): refetch soon, once for a burst. */
  changed(): void {
    if (this.listeners.size === 0 || this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.refresh();
    }, SNAPSHOT_COALESCE_MS);
  }

  /** Stops the pending refetch and forgets the subscribers. */
  close(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private async refresh(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    try {
      do {
        this.again = false;
        const s = await this.snapshot();
        if (s !== null) for (const l of [...this.listeners]) l(s);
      } while (this.again);
    } finally {
      this.inFlight = false;
    }
  }

  private async snapshot(): Promise<PortfolioSnapshot | null> {
    const s = this.o.sessions.current;
    if (s === null) return null;
    const [positions, funds] = await Promise.all([s.adapter.rest.portfolio.positions(), s.adapter.rest.portfolio.funds()]);
    if (!positions.ok) {
      this.o.sessions.noteError(positions.error);
      this.o.log?.(`portfolio: positions not read: ${positions.error.message}`);
      return null;
    }
    if (!funds.ok) this.o.sessions.noteError(funds.error);
    return { positions: positions.value, funds: funds.ok ? funds.value : null, atMs: this.now() };
  }

  private rest() {
    const s = this.o.sessions.current;
    if (s === null) throw new BridgeFault(bridgeError('NETWORK', 'No trading session is connected.', true));
    return s.adapter.rest;
  }

  private unwrap<T>(r: Result<T>): T {
    if (r.ok) return r.value;
    this.o.sessions.noteError(r.error);
    throw new BridgeFault(r.error);
  }
}
