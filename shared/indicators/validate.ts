/**
 * Argument checks shared by the indicators: every failure is a RangeError that names the
 * indicator, the argument and, for series, the bar index.
 */
import type { Series } from './types';

/** Throws RangeError unless `period` is an integer >= 1. */
export function requirePeriod(indicator: string, name: string, period: number): void {
  if (!Number.isInteger(period) || period < 1) {
    throw new RangeError(`${indicator}: ${name} must be an integer >= 1, got ${period}`);
  }
}

/** Throws RangeError unless `value` is finite; `at` describes where it came from (bar index or "push"). */
export function requireFinite(indicator: string, value: number, at: string | number): void {
  if (!Number.isFinite(value)) {
    const where = typeof at === 'number' ? `bar ${at}` : at;
    throw new RangeError(`${indicator}: input at ${where} is ${value}; inputs must be finite numbers`);
  }
}

/** Throws RangeError at the first non-finite element of `values`. */
export function requireFiniteSeries(indicator: string, values: Series): void {
  for (let i = 0; i < values.length; i++) requireFinite(indicator, values[i]!, i);
}

/** Throws RangeError unless the bar's fields are finite and `high >= low`. */
export function requireBar(indicator: string, high: number, low: number, close: number, at: string | number): void {
  requireFinite(indicator, high, at);
  requireFinite(indicator, low, at);
  requireFinite(indicator, close, at);
  if (high < low) {
    const where = typeof at === 'number' ? `bar ${at}` : at;
    throw new RangeError(`${indicator}: ${where} has high ${high} below low ${low}`);
  }
}

/** A Float64Array of `n` NaNs (the warm-up default). */
export function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(Number.NaN);
}
