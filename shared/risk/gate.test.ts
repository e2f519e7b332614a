import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOnTick, toUnits } from '../price';
import { DEFAULT_RISK_LIMITS } from './defaults';
import { riskBlockedError, runRiskGate, type RiskGateInput } from './gate';
import type { RiskInstrument, RiskOrder } from './types';

const NOW = Date.UTC(2026, 10, 21, 4, 0, 0);
const niftyCe: RiskInstrument = { segment: 'NSE_FNO', instrumentType: 'OPTIDX', tradingSymbol: 'NIFTY-Nov2026-24500-CE', underlying: 'NIFTY', lotSize: 65, tickSize: 0.05, freezeQuantity: null };
const hdfc: RiskInstrument = { segment: 'NSE_EQ', instrumentType: 'EQUITY', tradingSymbol: 'HDFCBANK', underlying: 'HDFCBANK', lotSize: 1, tickSize: 0.05, freezeQuantity: null };
const fresh = { ltp: 120, quoteTimeMs: NOW - 500 };
const gate = (order: RiskOrder, extra: Partial<RiskGateInput> = {}) =>
  runRiskGate({ order, instrument: niftyCe, market: fresh, nowMs: NOW, ...extra });

describe('risk gate', () => {
  it('passes a valid order and sends it whole', () => {
    const v = gate({ side: 'BUY', orderType: 'LIMIT', quantity: 130, price: 120.5 });
    expect(v).toEqual({ ok: true, findings: [], slices: [130] });
    expect(riskBlockedError(v)).toBeNull();
  });

  it('slices above the freeze quantity and says so', () => {
    const v = gate({ side: 'SELL', orderType: 'LIMIT', quantity: 65 * 40, price: 120 });
    expect(v.ok).toBe(true);
    expect(v.slices).toEqual([1755, 845]);
    expect(v.findings.map((f) => f.code)).toEqual(['FREEZE_SLICED']);
  });

  it('the kill switch refuses an otherwise valid order', () => {
    const v = gate({ side: 'BUY', orderType: 'LIMIT', quantity: 65, price: 120 }, { limits: { killSwitch: true } });
    expect(v.ok).toBe(false);
    expect(v.slices).toEqual([]);
    expect(v.findings.map((f) => f.code)).toEqual(['KILL_SWITCH']);
    expect(riskBlockedError(v)).toEqual({
      code: 'RISK_BLOCKED',
      message: 'Order refused by the risk gate: The kill switch is on: new orders are refused until it is turned off in Settings',
      retryable: false,
    });
  });

  it('reports every problem at once, blocking findings first, and sends nothing', () => {
    const v = gate(
      { side: 'BUY', orderType: 'STOP_LOSS', quantity: 100, price: 120.02, triggerPrice: 121, disclosedQuantity: 10 },
      { limits: { maxQuantityPerOrder: 65 } },
    );
    expect(v.ok).toBe(false);
    expect(v.slices).toEqual([]);
    expect(v.findings.map((f) => f.code)).toEqual(['TICK_SIZE', 'LOT_SIZE', 'MAX_QUANTITY', 'TRIGGER_PRICE_SIDE', 'DISCLOSED_QUANTITY']);
    expect(riskBlockedError(v)!.message.split('; ')).toHaveLength(5);
  });

  it('warnings do not block: no LTP for a limit order (one NO_LTP even for a stop-loss)', () => {
    const v = gate({ side: 'BUY', orderType: 'STOP_LOSS', quantity: 65, price: 121, triggerPrice: 120.5 }, { market: null });
    expect(v.ok).toBe(true);
    expect(v.findings.map((f) => [f.code, f.severity])).toEqual([['NO_LTP', 'warn']]);
    expect(v.slices).toEqual([65]);
  });

  it('a market order on a stale quote is refused with the default settings', () => {
    const v = gate({ side: 'BUY', orderType: 'MARKET', quantity: 65 }, { market: { ltp: 120, quoteTimeMs: NOW - 11_000 } });
    expect(v.findings.map((f) => f.code)).toEqual(['STALE_QUOTE']);
    const off = gate({ side: 'BUY', orderType: 'MARKET', quantity: 65 }, { market: { ltp: 120, quoteTimeMs: NOW - 11_000 }, limits: { staleQuoteSeconds: null } });
    expect(off.ok).toBe(true);
  });

  it('uses the default band of 20 % when the settings leave it undefined', () => {
    expect(DEFAULT_RISK_LIMITS.priceBandPercent).toBe(20);
    const v = gate({ side: 'BUY', orderType: 'LIMIT', quantity: 65, price: 144.05 }, { limits: { priceBandPercent: undefined } });
    expect(v.findings.map((f) => f.message)).toEqual(['Price 144.05 is outside the 20% band around LTP 120.00: allowed 96.00 to 144.00']);
  });

  it('one bad field gives one message', () => {
    const v = gate({ side: 'BUY', orderType: 'LIMIT', quantity: 65, price: Number.NaN });
    expect(v.findings.map((f) => f.code)).toEqual(['BAD_INPUT']);
    expect(v.findings[0]!.message).toBe('Price is not a number (got NaN)');
    expect(gate({ side: 'BUY', orderType: 'LIMIT', quantity: 65, price: 1e300 }).findings.map((f) => f.code)).toEqual(['BAD_INPUT']);
    const q = gate({ side: 'BUY', orderType: 'LIMIT', quantity: 0, price: 120 });
    expect(q.findings.map((f) => [f.code, f.field])).toEqual([['BAD_INPUT', 'quantity']]);
  });

  it('refuses an unreadable instrument or order without running the rules', () => {
    const noTick = runRiskGate({ order: { side: 'BUY', orderType: 'LIMIT', quantity: 1, price: 100.07 }, instrument: { ...hdfc, tickSize: 0 }, market: fresh, nowMs: NOW });
    expect(noTick.findings.map((f) => f.message)).toEqual(['The instrument data of HDFCBANK has no valid tick size (0)']);
    const side = runRiskGate({ order: { side: 'HOLD' as 'BUY', orderType: 'LIMIT', quantity: 1, price: 100 }, instrument: hdfc, market: fresh, nowMs: NOW });
    expect(side.findings.map((f) => f.message)).toEqual(['Side must be BUY or SELL; got HOLD']);
    const clock = runRiskGate({ order: { side: 'BUY', orderType: 'MARKET', quantity: 1 }, instrument: hdfc, market: fresh, nowMs: Number.NaN });
    expect(clock.findings.map((f) => f.code)).toEqual(['BAD_INPUT']);
    expect(runRiskGate({ order: { side: 'BUY', orderType: 'LIMIT', quantity: 1, price: 100 }, instrument: null as unknown as RiskInstrument, market: fresh, nowMs: NOW }).ok).toBe(false);
  });

  it('never throws and never passes garbage (property)', () => {
    const num = fc.oneof(fc.double(), fc.integer({ min: -10, max: 5000 }), fc.constant(undefined), fc.string() as fc.Arbitrary<unknown>);
    fc.assert(
      fc.property(
        fc.record({
          side: fc.constantFrom('BUY', 'SELL', 'X', undefined),
          orderType: fc.constantFrom('LIMIT', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_MARKET', 'ICEBERG'),
          quantity: num,
          price: num,
          triggerPrice: num,
          disclosedQuantity: num,
        }),
        fc.record({ lotSize: num, tickSize: num, freezeQuantity: num }),
        fc.record({ ltp: num, quoteTimeMs: num }),
        fc.oneof(fc.constant(undefined), fc.record({ killSwitch: fc.boolean(), maxValuePerOrder: num, priceBandPercent: num, staleQuoteSeconds: num, minDisclosedPercent: num })),
        (order, ins, market, limits) => {
          const v = runRiskGate({
            order: order as unknown as RiskOrder,
            instrument: { ...niftyCe, ...ins } as unknown as RiskInstrument,
            market: market as never,
            limits: limits as never,
            nowMs: NOW,
          });
          expect(typeof v.ok).toBe('boolean');
          for (const f of v.findings) {
            expect(f.message.length).toBeGreaterThan(0);
            // The last-resort catch in runRiskGate must never be what answered.
            expect(f.message).not.toMatch(/could not be checked/);
          }
          if (v.ok) {
            // Whatever passed is a sendable order: whole lots, on the grid, slices adding up.
            const o = order as RiskOrder;
            const lot = (ins as { lotSize: number }).lotSize;
            expect(Number.isSafeInteger(o.quantity) && o.quantity % lot === 0).toBe(true);
            expect(v.slices.reduce((a, b) => a + b, 0)).toBe(o.quantity);
          } else {
            expect(v.slices).toEqual([]);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('whatever passes obeys every rule (property over plausible tickets)', () => {
    const ticks = fc.constantFrom(0.05, 0.1, 0.0025, 1);
    fc.assert(
      fc.property(
        ticks,
        fc.constantFrom(1, 15, 65),
        fc.integer({ min: 20, max: 200_000 }), // LTP in ticks
        fc.integer({ min: -300, max: 300 }), // limit price offset from LTP, ticks
        fc.integer({ min: -300, max: 300 }), // trigger offset from LTP, ticks
        fc.double({ min: -0.49, max: 0.49, noNaN: true }), // off-grid noise, ticks
        fc.integer({ min: 1, max: 4000 }),
        fc.constantFrom<RiskOrder['orderType']>('LIMIT', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_MARKET'),
        fc.constantFrom<RiskOrder['side']>('BUY', 'SELL'),
        fc.integer({ min: 0, max: 30_000 }), // quote age, ms
        (tick, lot, ltpTicks, dp, dt, noise, quantity, orderType, side, age) => {
          const t = toUnits(tick);
          const ltp = (ltpTicks * t) / 10_000;
          const price = ((ltpTicks + dp) * t + Math.round(noise * t)) / 10_000;
          const triggerPrice = ((ltpTicks + dt) * t) / 10_000;
          const instrument: RiskInstrument = { ...niftyCe, lotSize: lot, tickSize: tick };
          const order: RiskOrder = { side, orderType, quantity, price, triggerPrice: orderType.startsWith('STOP') ? triggerPrice : undefined };
          const limits = { priceBandPercent: 5, maxQuantityPerOrder: 3000 };
          const v = runRiskGate({ order, instrument, market: { ltp, quoteTimeMs: NOW - age }, limits, nowMs: NOW });
          if (!v.ok) return;
          expect(quantity % lot).toBe(0);
          expect(quantity).toBeLessThanOrEqual(3000);
          if (orderType === 'LIMIT' || orderType === 'STOP_LOSS') {
            expect(isOnTick(price, tick)).toBe(true);
            expect(Math.abs(price - ltp)).toBeLessThanOrEqual(ltp * 0.05 + 1e-9);
          }
          if (orderType === 'MARKET' || orderType === 'STOP_LOSS_MARKET') expect(age).toBeLessThanOrEqual(10_000);
          if (orderType === 'STOP_LOSS' || orderType === 'STOP_LOSS_MARKET') {
            expect(isOnTick(triggerPrice, tick)).toBe(true);
            expect(side === 'BUY' ? triggerPrice > ltp : triggerPrice < ltp).toBe(true);
          }
          if (orderType === 'STOP_LOSS') expect(side === 'BUY' ? triggerPrice <= price : triggerPrice >= price).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
