/**
 * DhanHQ v2 portfolio and funds: positions, holdings, convert position, exit all, fund limit,
 * margin calculator (one order and a basket).
 *
 * Source: seeds/002, "Portfolio and Positions" (`GET /holdings`, `GET /positions`,
 * `POST /positions/convert` → 202, `DELETE /positions` = "Exit All Positions": exits every
 * position AND cancels every open order of the day) and "Funds & Margin" (`GET /fundlimit`,
 * `POST /margincalculator`, `POST /margincalculator/multi`).
 *
 * The multi-order calculator's body differs inside the seed: the curl example sends
 * `includeOrder` + `scripList`, the "Request Structure" `includeOrders` + `scripts`. We send the
 * curl example's names, which the official Python client (dhan-oss/DhanHQ-py `_funds.py`) uses.
 *
 * Convert and exit all change orders/positions: sent once, never retried; timeout/5xx → unknown.
 */

import type { Result } from '../../../../shared/errors';
import type {
  BasketMarginRequirement,
  ConvertPositionRequest,
  Funds,
  Holding,
  MarginLeg,
  MarginRequirement,
  Position,
} from '../../../../shared/portfolio';
import { bridgeError } from '../../../../shared/errors';
import type { DhanHttp, DhanHttpResult } from './http';
import {
  convertPositionBody,
  mapFunds,
  mapHolding,
  mapMargin,
  mapMultiMargin,
  mapPosition,
  marginLegBody,
} from './mapping';
import { parseBody, readResult, type DhanChangeOutcome } from './result';
import {
  wireExitAllSchema,
  wireFundLimitSchema,
  wireHoldingListSchema,
  wireMarginSchema,
  wireMultiMarginSchema,
  wirePositionListSchema,
} from './schemas';

/** Positions, holdings, funds and margins over one `DhanHttp`. */
export class DhanPortfolioApi {
  constructor(private readonly http: DhanHttp) {}

  /** Open positions of the day, F&O carry-forward included (`GET /positions`). */
  async positions(signal?: AbortSignal): Promise<Result<Position[]>> {
    const r = await this.http.send({ method: 'GET', path: '/positions', limitClass: 'nonTrading', signal });
    return readResult(r, wirePositionListSchema, (w) => w.map(mapPosition), 'positions');
  }

  /** Demat holdings (`GET /holdings`). */
  async holdings(signal?: AbortSignal): Promise<Result<Holding[]>> {
    const r = await this.http.send({ method: 'GET', path: '/holdings', limitClass: 'nonTrading', signal });
    return readResult(r, wireHoldingListSchema, (w) => w.map(mapHolding), 'holdings');
  }

  /** Fund limit (`GET /fundlimit`; the wire's `availabelBalance` becomes `availableBalance`). */
  async funds(signal?: AbortSignal): Promise<Result<Funds>> {
    const r = await this.http.send({ method: 'GET', path: '/fundlimit', limitClass: 'nonTrading', signal });
    return readResult(r, wireFundLimitSchema, mapFunds, 'fund limit');
  }

  /** Margin needed for one order (`POST /margincalculator`). */
  async margin(leg: MarginLeg, signal?: AbortSignal): Promise<Result<MarginRequirement>> {
    const body = { dhanClientId: this.http.clientId(), ...marginLegBody(leg) };
    const r = await this.http.send({ method: 'POST', path: '/margincalculator', body, limitClass: 'nonTrading', signal });
    return readResult(r, wireMarginSchema, mapMargin, 'margin calculator');
  }

  /** Margin needed for a basket with hedge benefit (`POST /margincalculator/multi`). */
  async basketMargin(
    legs: readonly MarginLeg[],
    options: { readonly includePositions?: boolean; readonly includeOrders?: boolean } = {},
    signal?: AbortSignal,
  ): Promise<Result<BasketMarginRequirement>> {
    if (legs.length === 0) return { ok: false, error: bridgeError('BAD_REQUEST', 'Basket margin: no legs given', false) };
    const body = {
      dhanClientId: this.http.clientId(),
      includePosition: options.includePositions === true,
      includeOrder: options.includeOrders === true,
      scripList: legs.map(marginLegBody),
    };
    const r = await this.http.send({ method: 'POST', path: '/margincalculator/multi', body, limitClass: 'nonTrading', signal });
    return readResult(r, wireMultiMarginSchema, mapMultiMargin, 'multi-order margin calculator');
  }

  /** Converts an open position between products (`POST /positions/convert`, answered 202 with no body). */
  async convert(req: ConvertPositionRequest, signal?: AbortSignal): Promise<DhanChangeOutcome> {
    if (!(Number.isInteger(req.quantity) && req.quantity > 0)) {
      return { kind: 'rejected', error: bridgeError('BAD_REQUEST', `Not sent: quantity ${req.quantity} is not a positive whole number`, false) };
    }
    const r = await this.http.send({
      method: 'POST',
      path: '/positions/convert',
      body: convertPositionBody(req, this.http.clientId()),
      limitClass: 'order',
      orderChange: true,
      signal,
    });
    const outcome = changeOutcome(r, () => 'Position conversion accepted');
    // DH-906 reads "Dhan rejected the order": here it is a conversion that was refused.
    if (outcome.kind === 'rejected' && outcome.error.message.startsWith('Dhan rejected the order')) {
      return { ...outcome, error: { ...outcome.error, message: outcome.error.message.replace('Dhan rejected the order', 'Dhan rejected the position conversion') } };
    }
    return outcome;
  }

  /**
   * Exit all (`DELETE /positions`): Dhan squares off every open position and cancels every open
   * order of the day. `{ status: "ERROR" }` is a rejection carrying Dhan's message.
   */
  async exitAll(signal?: AbortSignal): Promise<DhanChangeOutcome> {
    const r = await this.http.send({ method: 'DELETE', path: '/positions', limitClass: 'order', orderChange: true, signal });
    if (r.kind !== 'ok' || r.body === null) return changeOutcome(r, () => 'Exit all accepted');
    const parsed = parseBody(r.body, wireExitAllSchema, (w) => w, 'exit all');
    if (!parsed.ok) return { kind: 'unknown', error: bridgeError('UNKNOWN_OUTCOME', `${parsed.error.message}; check positions and orders`, false) };
    const message = parsed.value.message ?? parsed.value.status;
    if (parsed.value.status.toUpperCase() !== 'SUCCESS') {
      return { kind: 'rejected', error: bridgeError('REJECTED', `Dhan did not exit all positions: ${message}`, false) };
    }
    return { kind: 'accepted', message };
  }
}

function changeOutcome(r: DhanHttpResult, okMessage: () => string): DhanChangeOutcome {
  if (r.kind === 'refused') return { kind: 'rejected', error: r.error };
  if (r.kind === 'unknown') return { kind: 'unknown', error: r.error };
  return { kind: 'accepted', message: okMessage() };
}
