import { describe, expect, it } from 'vitest';
import type { WorkstationSettings } from '../../../shared/ipc/contract';
import { applyDraft, draftFrom } from './limits-form';

const BASE: WorkstationSettings = {
  risk: {
    killSwitch: false, maxQuantityPerOrder: 5000, maxValuePerOrder: 2_000_000, priceBandPercent: 5, staleQuoteSeconds: 10,
    staleQuoteScope: 'MARKET_ORDERS', freezeAction: 'SLICE', freezeQuantities: { NIFTY: 1800 }, minDisclosedPercent: 30,
  },
  confirmOrders: true,
  theme: 'dark',
};

describe('risk limits form', () => {
  it('round-trips the settings unchanged', () => {
    expect(applyDraft(BASE, draftFrom(BASE))).toEqual({ ok: true, settings: BASE });
  });

  it('reads empty fields as no limit, commas as grouping, and keeps the fields it does not show', () => {
    const r = applyDraft(BASE, { ...draftFrom(BASE), maxQuantityPerOrder: '', maxValuePerOrder: '25,00,000', staleQuoteSeconds: ' ', killSwitch: true, confirmOrders: false });
    expect(r.ok && r.settings).toEqual({
      ...BASE,
      confirmOrders: false,
      risk: { ...BASE.risk, maxQuantityPerOrder: null, maxValuePerOrder: 2_500_000, staleQuoteSeconds: null, killSwitch: true },
    });
  });

  it('names each bad field and sends nothing', () => {
    const r = applyDraft(BASE, { ...draftFrom(BASE), maxQuantityPerOrder: '10.5', maxValuePerOrder: '-1', priceBandPercent: '150', staleQuoteSeconds: 'ten' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.maxQuantityPerOrder).toMatch(/whole number/);
    expect(r.errors.maxValuePerOrder).toMatch(/positive number/);
    expect(r.errors.priceBandPercent).toMatch(/at most 100/);
    expect(r.errors.staleQuoteSeconds).toMatch(/positive number/);
    expect(applyDraft(BASE, { ...draftFrom(BASE), maxQuantityPerOrder: '0' }).ok).toBe(false);
  });
});
