/**
 * The pre-trade risk gate: every check, before any network call, as one pure function.
 *
 * Order of the checks: kill switch, input, tick size, lot size, freeze quantity, max quantity,
 * max value, price band around LTP, stale quote, trigger rules, disclosed quantity. All findings
 * are returned (the ticket shows every problem at once), blocking ones first. Findings about a
 * field that failed the input check are dropped, so one bad field gives one message.
 *
 * Source: DESIGN.md "Money rules" (every order passes the risk gate before any network call);
 * issue 5 "Order ticket" (inline validation before any network call).
 */

import { bridgeError, type BridgeError } from '../errors';
import { DEFAULT_RISK_LIMITS } from './defaults';
import { checkDisclosedQuantity } from './disclosed';
import { checkFreezeQuantity } from './freeze';
import { checkInput } from './input';
import { checkLotSize } from './lots';
import { checkMaxQuantity, checkMaxValue } from './order-limits';
import { checkPriceBand } from './price-band';
import { checkStaleQuote } from './stale-quote';
import { checkTickSize } from './tick-size';
import { checkTrigger } from './trigger';
import { finding, type RiskFinding, type RiskInstrument, type RiskLimits, type RiskMarket, type RiskOrder, type RiskVerdict } from './types';

/** Everything the gate reads. */
export interface RiskGateInput {
  readonly order: RiskOrder;
  readonly instrument: RiskInstrument;
  /** LTP and quote time; null when the instrument has no market data yet. */
  readonly market: RiskMarket | null;
  /** The trader's settings; missing fields take {@link DEFAULT_RISK_LIMITS}. */
  readonly limits?: Partial<RiskLimits>;
  /** The current time, epoch ms UTC. */
  readonly nowMs: number;
}

const SEVERITY_ORDER = { block: 0, warn: 1, info: 2 } as const;

/**
 * Runs every check and decides. Never throws: bad input of any shape yields BAD_INPUT findings.
 * `slices` holds the quantities (units) to send: `[quantity]`, several at the freeze quantity, or
 * `[]` when the verdict is not ok.
 */
export function runRiskGate(input: RiskGateInput): RiskVerdict {
  try {
    return evaluate(input);
  } catch (e) {
    // Belt and braces: the checks guard their inputs, but a verdict must come out whatever happens.
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, findings: [finding('BAD_INPUT', 'block', null, `The order could not be checked: ${why}`)], slices: [] };
  }
}

function evaluate(input: RiskGateInput): RiskVerdict {
  const { order, instrument } = input ?? ({} as RiskGateInput);
  const limits = mergeLimits(input?.limits);
  const market: RiskMarket = input?.market ?? { ltp: null, quoteTimeMs: null };
  const nowMs = input?.nowMs;

  const all: RiskFinding[] = [];
  if (limits.killSwitch === true) {
    all.push(finding('KILL_SWITCH', 'block', null, 'The kill switch is on: new orders are refused until it is turned off in Settings'));
  }
  const inputFindings = checkInput(order, instrument, nowMs, limits.staleQuoteSeconds !== null);
  all.push(...inputFindings);
  if (inputFindings.some((f) => f.field === null)) {
    // The order or instrument cannot be read at all: the rules would only add noise.
    return verdict(all, []);
  }
  const badFields = new Set(inputFindings.map((f) => f.field));
  let slices: readonly number[] = [];
  const rest: RiskFinding[] = [];
  rest.push(...checkTickSize(order, instrument));
  rest.push(...checkLotSize(order, instrument));
  const freeze = checkFreezeQuantity(order, instrument, limits.freezeQuantities ?? {}, limits.freezeAction);
  rest.push(...freeze.findings);
  slices = freeze.slices;
  rest.push(...checkMaxQuantity(order, instrument, limits.maxQuantityPerOrder));
  rest.push(...checkMaxValue(order, instrument, market.ltp, limits.maxValuePerOrder));
  rest.push(...checkPriceBand(order, instrument, market, limits.priceBandPercent));
  rest.push(...checkStaleQuote(order, instrument, market, limits.staleQuoteSeconds, limits.staleQuoteScope, nowMs));
  rest.push(...checkTrigger(order, instrument, market));
  rest.push(...checkDisclosedQuantity(order, limits.minDisclosedPercent));
  for (const f of rest) if (!badFields.has(f.field)) all.push(f);
  return verdict(all, slices);
}

/** The defaults overridden by every field of `given` that is not undefined. */
function mergeLimits(given: Partial<RiskLimits> | undefined): RiskLimits {
  const out: Record<string, unknown> = { ...DEFAULT_RISK_LIMITS };
  if (given !== null && typeof given === 'object') {
    for (const [k, v] of Object.entries(given)) if (v !== undefined && k in out) out[k] = v;
  }
  return out as unknown as RiskLimits;
}

function verdict(findings: RiskFinding[], slices: readonly number[]): RiskVerdict {
  // One NO_LTP warning is enough even when both the band and the trigger check missed LTP.
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    if (f.code !== 'NO_LTP') return true;
    if (seen.has(f.code)) return false;
    seen.add(f.code);
    return true;
  });
  const sorted = unique
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
  const ok = !sorted.some((f) => f.severity === 'block');
  return { ok, findings: sorted, slices: ok ? slices : [] };
}

/**
 * The error to return over the bridge for a refused verdict (`RISK_BLOCKED`, not retryable), its
 * message listing every blocking finding; null when the verdict is ok.
 */
export function riskBlockedError(v: RiskVerdict): BridgeError | null {
  if (v.ok) return null;
  const reasons = v.findings.filter((f) => f.severity === 'block').map((f) => f.message);
  return bridgeError('RISK_BLOCKED', `Order refused by the risk gate: ${reasons.join('; ')}`);
}
