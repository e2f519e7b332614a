/**
 * The layering check (DESIGN.md, "Layout and import rules"), run inside `npm test` by
 * `scripts/layers.test.ts` and on demand with `npx tsx scripts/layers.ts`.
 *
 * Rules (tests `*.test.ts(x)` and benchmarks `*.bench.ts` run under Node: they may import Node
 * modules in renderer/, and test libraries in shared/; every other rule holds for them too):
 * 1. Only `electron/app/` imports `electron`.
 * 2. `renderer/` imports no `node:` module (nor a bare Node builtin) and nothing under `electron/`.
 * 3. `shared/` imports nothing outside `shared/` (no packages, no node:, no electron, no DOM libs).
 * 4. A broker adapter never imports the other broker (`electron/brokers/dhan` ↔ `electron/brokers/kite`).
 * 5. `renderer/features/<x>` does not import another feature; `renderer/components/` imports no
 *    store (`renderer/stores`) and no bridge (`renderer/app`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** One broken rule: the file (repo-relative, `/` separators), the import text, and the rule. */
export interface LayerViolation {
  readonly file: string;
  readonly specifier: string;
  readonly rule: string;
}

const BUILTINS = new Set(builtinModules);

/** Removes comments (block and line) while keeping string literals intact. */
function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\/|(^|[^:\\'"`])\/\/.*$/gm, (m, pre: string | undefined) => (pre ?? '') + (m.startsWith('/*') ? ' ' : ''));
}

/** Every module specifier a TS/TSX source imports, re-exports, dynamically imports or requires. */
export function importSpecifiers(source: string): string[] {
  const src = stripComments(source);
  const out: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?(?:[\w*{}\s,]+?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?(?:\*|\{[^}]*\})(?:\s+as\s+\w+)?\s+from\s+['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of src.matchAll(re)) out.push(m[1]!);
  return out;
}

const TEST_LIBS = new Set(['vitest', 'fast-check']);

/**
 * Checks one file. `file` is repo-relative with `/` separators; relative specifiers are resolved
 * against it.
 */
export function checkFile(file: string, source: string): LayerViolation[] {
  const isTest = /\.(test|bench)\.tsx?$/.test(file);
  const out: LayerViolation[] = [];
  for (const spec of importSpecifiers(source)) {
    const bad = (rule: string) => out.push({ file, specifier: spec, rule });
    const relativeSpec = spec.startsWith('.');
    const target = relativeSpec ? join(dirname(file), spec).split(sep).join('/') : null;
    const pkg = relativeSpec ? null : spec;
    const isNode = pkg !== null && (pkg.startsWith('node:') || BUILTINS.has(pkg.split('/')[0]!));

    if (pkg === 'electron' || pkg?.startsWith('electron/')) {
      if (!file.startsWith('electron/app/') && !(isTest && file.startsWith('electron/app/'))) bad("only electron/app may import 'electron'");
    }
    if (file.startsWith('renderer/')) {
      // Tests and benchmarks run under Node (a bench drives Chromium); they never ship in the page.
      if (isNode && !isTest) bad('renderer may not import Node modules');
      if (target?.startsWith('electron/') || target === 'electron') bad('renderer may not import electron/');
      const feature = /^renderer\/features\/([^/]+)\//.exec(file)?.[1];
      const targetFeature = target ? /^renderer\/features\/([^/]+)(\/|$)/.exec(target)?.[1] : undefined;
      if (feature && targetFeature && targetFeature !== feature) bad('features do not import each other');
      if (file.startsWith('renderer/components/') && target && (target.startsWith('renderer/stores') || target.startsWith('renderer/app'))) {
        bad('components import no store and no bridge');
      }
    }
    if (file.startsWith('shared/')) {
      const allowed = (target !== null && target.startsWith('shared/')) || (isTest && pkg !== null && TEST_LIBS.has(pkg));
      if (!allowed) bad('shared imports nothing outside shared/');
    }
    for (const [self, other] of [['dhan', 'kite'], ['kite', 'dhan']] as const) {
      if (file.startsWith(`electron/brokers/${self}/`) && target?.startsWith(`electron/brokers/${other}`)) {
        bad(`the ${self} adapter never imports the ${other} adapter`);
      }
    }
  }
  return out;
}

function walk(dir: string, root: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, root, out);
    else if (/\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) out.push(relative(root, p).split(sep).join('/'));
  }
}

/** Checks every TypeScript file under electron/, renderer/ and shared/ of the repo at `root`. */
export function checkLayers(root: string): LayerViolation[] {
  const files: string[] = [];
  for (const top of ['electron', 'renderer', 'shared']) {
    try {
      walk(join(root, top), root, files);
    } catch {
      /* folder absent */
    }
  }
  return files.flatMap((f) => checkFile(f, readFileSync(join(root, f), 'utf8')));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const v = checkLayers(resolve(import.meta.dirname, '..'));
  for (const x of v) console.log(`${x.file}: imports ${JSON.stringify(x.specifier)}: ${x.rule}`);
  console.log(v.length === 0 ? 'layers: ok' : `layers: ${v.length} violation(s)`);
  process.exit(v.length === 0 ? 0 : 1);
}
