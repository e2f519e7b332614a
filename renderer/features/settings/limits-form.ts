/**
 * The risk-limits form of the Settings screen as plain strings, and its parsing back into
 * `WorkstationSettings`. An empty field means "no limit" (or "check off") where the limit allows
 * null; anything else must be a positive number (whole for quantities and seconds). Errors name
 * the field; nothing is sent while any remains.
 *
 * Source: issue 5, "Settings" (limits for the risk gate: max quantity and value per order);
 * shared/risk/types.ts `RiskLimits` (units: quantity units, value rupees, band percent, seconds).
 */
import type { WorkstationSettings } from '../../../shared/ipc/contract';

/** The editable fields, as typed. */
export interface LimitsDraft {
  readonly maxQuantityPerOrder: string;
  readonly maxValuePerOrder: string;
  readonly priceBandPercent: string;
  readonly staleQuoteSeconds: string;
  readonly killSwitch: boolean;
  readonly confirmOrders: boolean;
  readonly theme: 'dark' | 'light';
}

/** The draft showing `s`. */
export function draftFrom(s: WorkstationSettings): LimitsDraft {
  const str = (v: number | null) => (v === null ? '' : String(v));
  return {
    maxQuantityPerOrder: str(s.risk.maxQuantityPerOrder),
    maxValuePerOrder: str(s.risk.maxValuePerOrder),
    priceBandPercent: str(s.risk.priceBandPercent),
    staleQuoteSeconds: str(s.risk.staleQuoteSeconds),
    killSwitch: s.risk.killSwitch,
    confirmOrders: s.confirmOrders,
    theme: s.theme,
  };
}

/** Field name → message, for the fields that are wrong. */
export type DraftErrors = Partial<Record<keyof LimitsDraft, string>>;

function parseLimit(text: string, whole: boolean, label: string, max: number): { value: number | null } | { error: string } {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return { value: null };
  if (!/^\d+(\.\d+)?$/.test(t)) return { error: `${label}: a positive number, or empty for none` };
  const v = Number(t);
  if (!(v > 0)) return { error: `${label}: must be above 0 (empty for none)` };
  if (whole && !Number.isInteger(v)) return { error: `${label}: a whole number` };
  if (v > max) return { error: `${label}: at most ${max}` };
  return { value: v };
}

/**
 * The settings `base` with the draft applied, or the errors. Fields the form does not show
 * (stale-quote scope, freeze action and table, disclosed minimum) are kept from `base`.
 */
export function applyDraft(base: WorkstationSettings, d: LimitsDraft): { ok: true; settings: WorkstationSettings } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const q = parseLimit(d.maxQuantityPerOrder, true, 'Max quantity per order', 1e9);
  const v = parseLimit(d.maxValuePerOrder, false, 'Max value per order', 1e12);
  const b = parseLimit(d.priceBandPercent, false, 'Price band', 100);
  const s = parseLimit(d.staleQuoteSeconds, true, 'Stale quote', 86_400);
  if ('error' in q) errors.maxQuantityPerOrder = q.error;
  if ('error' in v) errors.maxValuePerOrder = v.error;
  if ('error' in b) errors.priceBandPercent = b.error;
  if ('error' in s) errors.staleQuoteSeconds = s.error;
  if ('error' in q || 'error' in v || 'error' in b || 'error' in s) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      ...base,
      risk: {
        ...base.risk,
        maxQuantityPerOrder: q.value,
        maxValuePerOrder: v.value,
        priceBandPercent: b.value,
        staleQuoteSeconds: s.value,
        killSwitch: d.killSwitch,
      },
      confirmOrders: d.confirmOrders,
      theme: d.theme,
    },
  };
}
