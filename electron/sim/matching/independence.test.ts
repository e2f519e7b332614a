import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The matching core must run on any liquidity source (a paper-trading mode feeds it live books):
// it may use pure helpers (market hours, instrument types) but never the simulated market.
const FORBIDDEN = ['market-model', 'book-model', 'price-process', 'option-model', 'history', 'minute-bars', 'market-liquidity', 'exchange', '/rng'];

describe('matching core independence', () => {
  it('imports nothing of the simulated price process', () => {
    const dir = import.meta.dirname;
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(files).toContain('engine.ts');
    for (const f of files) {
      const src = readFileSync(join(dir, f), 'utf8');
      const imports = [...src.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
      for (const i of imports) for (const bad of FORBIDDEN) expect(i.endsWith(bad) || i.includes(`${bad}'`), `${f} imports ${i}`).toBe(false);
    }
  });
});
