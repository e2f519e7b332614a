/**
 * `npm run bench`: runs every `*.bench.ts` module under electron/, shared/ and renderer/ and prints
 * one JSON line per figure: `{"name","value","unit"}`.
 *
 * A bench module exports `run(): Promise<BenchFigure[]>` (type in `scripts/bench-kit.ts`).
 * `npm run bench -- NAME_FRAGMENT` runs only the modules whose path contains the fragment.
 * Benchmarks measure; tests never time things.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchModule } from './bench-kit';

const root = resolve(import.meta.dirname, '..');
const filter = process.argv.slice(2).find((a) => !a.startsWith('-')) ?? '';

function find(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.bench.ts')) out.push(p);
  }
  return out;
}

const files = ['electron', 'shared', 'renderer']
  .flatMap((d) => find(join(root, d), []))
  .filter((f) => relative(root, f).includes(filter))
  .sort();
if (files.length === 0) {
  console.error(`bench: no *.bench.ts module matches ${JSON.stringify(filter)}`);
  process.exit(1);
}
for (const f of files) {
  const mod = (await import(pathToFileURL(f).href)) as BenchModule;
  for (const fig of await mod.run()) console.log(JSON.stringify(fig));
}
