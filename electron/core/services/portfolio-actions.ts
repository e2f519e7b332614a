/**
 * Position actions for the bridge: `portfolio.convert` (convert a position's product) and
 * `portfolio.exitAll` (square off every position and cancel every open order).
 *
 * - Both change money: each request is sent ONCE and never retried. A timeout, network error, 5xx
 *   or unreadable answer is an `unknown` outcome (the broker may have acted); it is reported as
 *   such and the positions and orders are read again, never re-sent.
 * - Exit all: a second call while one is in flight is refused without a request (a double click
 *   or two windows cannot send it twice). It is NOT stopped by the kill switch: it only reduces
 *   exposure, and a trader who stopped trading must still be able to flatten.
 * - Convert: refused by the kill switch before any network call (it changes the margin a position
 *   takes, and the kill switch means "change nothing"). The product pairs are the broker's to
 *   judge; its refusal comes back in its own words (seeds/002 error envelope).
 * - After an accepted or unknown outcome `afterChange` runs (portfolio refetch; for exit all also
 *   an order-book reconciliation, since the broker cancelled and placed orders itself).
 *
 * Source: seeds/002 "Portfolio and Positions" ("Convert Position" `POST /positions/convert` → 202;
 * "Exit All Positions" `DELETE /positions`: "Exit all active positions and cancel all open orders
 * for the current trading day", `{ status: SUCCESS|ERROR, message }`); DESIGN.md "Money rules".
 */
import { BridgeFault, bridgeError } from '../../../shared/errors';
import type { PositionActionOutcome } from '../../../shared/ipc/contract';
import type { ConvertPositionRequest } from '../../../shared/portfolio';

/** The broker calls these actions need (the Dhan REST client's `portfolio` has both). */
export interface PositionActionsPort {
  /** `POST /positions/convert`, sent once. */
  convert(req: ConvertPositionRequest): Promise<PositionActionOutcome>;
  /** `DELETE /positions`, sent once. */
  exitAll(): Promise<PositionActionOutcome>;
}

/** Options of {@link PortfolioActions}. */
export interface PortfolioActionsOptions {
  /** The connected broker's calls, or null without a session. */
  readonly broker: () => PositionActionsPort | null;
  /** True when the trader's kill switch is on (settings). */
  readonly killSwitch: () => boolean;
  /** Runs after an accepted or unknown outcome: refetch positions (and the order book after exit all). */
  readonly afterChange: (action: 'convert' | 'exitAll') => void;
  /** One line per action, for the host log (no secrets in it). */
  readonly log?: (line: string) => void;
}

/** See the file comment. */
export class PortfolioActions {
  private exitAllInFlight = false;

  constructor(private readonly o: PortfolioActionsOptions) {}

  /**
   * Converts `req.quantity` units of the `req.positionType` position from `fromProduct` to
   * `toProduct`. Throws `BridgeFault` (NETWORK) without a session; everything else is an outcome.
   */
  async convert(req: ConvertPositionRequest): Promise<PositionActionOutcome> {
    const what = `convert ${req.quantity} ${req.positionType} ${req.symbol || `${req.instrument.segment}:${req.instrument.securityId}`} ${req.fromProduct} → ${req.toProduct}`;
    if (this.o.killSwitch()) {
      this.o.log?.(`portfolio: ${what}: refused by the kill switch, not sent`);
      return { kind: 'rejected', error: bridgeError('RISK_BLOCKED', 'Not sent: the kill switch is on (Settings). Positions cannot be converted while it is on.', false) };
    }
    const broker = this.need();
    const out = await this.settle(() => broker.convert(req), 'Conversion');
    this.o.log?.(`portfolio: ${what}: ${describe(out)}`);
    if (out.kind !== 'rejected') this.o.afterChange('convert');
    return out;
  }

  /** Exit all. Throws `BridgeFault` (NETWORK) without a session; everything else is an outcome. */
  async exitAll(): Promise<PositionActionOutcome> {
    if (this.exitAllInFlight) {
      return { kind: 'rejected', error: bridgeError('BAD_REQUEST', 'Not sent: an exit all is already on its way; wait for its outcome.', false) };
    }
    const broker = this.need();
    this.exitAllInFlight = true;
    try {
      const out = await this.settle(() => broker.exitAll(), 'Exit all');
      this.o.log?.(`portfolio: exit all: ${describe(out)}`);
      if (out.kind !== 'rejected') this.o.afterChange('exitAll');
      return out;
    } finally {
      this.exitAllInFlight = false;
    }
  }

  private need(): PositionActionsPort {
    const b = this.o.broker();
    if (b === null) throw new BridgeFault(bridgeError('NETWORK', 'No trading session is connected.', true));
    return b;
  }

  /** A call that threw after it may have left: unknown, never retried. */
  private async settle(call: () => Promise<PositionActionOutcome>, what: string): Promise<PositionActionOutcome> {
    try {
      return await call();
    } catch (e) {
      const message = `${what}: outcome unknown (${e instanceof Error ? e.message : String(e)}); not sent again, check positions and orders`;
      return { kind: 'unknown', error: bridgeError('UNKNOWN_OUTCOME', message, false) };
    }
  }
}

function describe(out: PositionActionOutcome): string {
  return out.kind === 'accepted' ? `accepted (${out.message})` : `${out.kind} (${out.error.message})`;
}
