import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atmIndex, isInTheMoney, strikeStep } from '../../../shared/options/chain-window';
import { mapOptionChain } from '../../brokers/dhan/rest/mapping';
import { wireOptionChainSchema } from '../../brokers/dhan/rest/schemas';

// The option chain panel's ATM, step and ITM helpers (shared/options/chain-window.ts) on the two
// recorded Dhan NIFTY chains (fixtures/README.md), read through the Dhan mapper as the core does.

const FIXTURES = join(import.meta.dirname, '../../../../shared/fixtures/dhan/rest');

function recorded(file: string, expiry: string) {
  const body = wireOptionChainSchema.parse(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')));
  return mapOptionChain(body, { segment: 'IDX_I', securityId: '13' }, expiry);
}

describe('option chain window on the recorded NIFTY chains', () => {
  it('step 50 and the ATM strike nearest the spot', () => {
    const a = recorded('optionchain.NIFTY-IDX_I-13.exp2025-01-30.rec2025-01-28.json', '2025-01-30');
    const strikes = a.rows.map((r) => r.strike);
    expect(strikes).toHaveLength(249);
    expect(a.spot).toBe(22952.95);
    expect(strikeStep(strikes)).toBe(50);
    const atm = a.rows[atmIndex(strikes, a.spot)]!;
    expect(atm.strike).toBe(22950);
    // The recorded ATM legs: call delta just above 0.5, put delta just above -0.5 (they sum to ~1 as put-call parity wants).
    expect(atm.call!.greeks.delta).toBeCloseTo(0.52343, 5);
    expect(atm.put!.greeks.delta).toBeCloseTo(-0.47686, 5);
    expect(isInTheMoney('CE', atm.strike, a.spot)).toBe(true);
    expect(isInTheMoney('PE', atm.strike, a.spot)).toBe(false);
    const b = recorded('optionchain.NIFTY-IDX_I-13.exp2025-02-06.rec2025-02-01.json', '2025-02-06');
    expect(b.rows[atmIndex(b.rows.map((r) => r.strike), b.spot)]!.strike).toBe(23500); // spot 23482.15
  });
});
