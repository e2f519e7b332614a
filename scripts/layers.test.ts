import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile, checkLayers, importSpecifiers } from './layers';

describe('layering rules', () => {
  it('finds every kind of import and ignores comments', () => {
    const src = `
      import a from 'x1';
      import type { B } from "x2";
      import * as c from 'x3';
      import 'x4';
      export { d } from './x5';
      export * from '../x6';
      const e = await import('x7');
      const f = require('x8');
      // import g from 'commented';
      /* import h from 'blocked'; */
      const url = 'http://example.com'; import i from 'x9';
    `;
    expect(importSpecifiers(src).sort()).toEqual(['../x6', './x5', 'x1', 'x2', 'x3', 'x4', 'x7', 'x8', 'x9']);
  });

  it('allows electron only in electron/app', () => {
    expect(checkFile('electron/app/main.ts', "import { app } from 'electron';")).toEqual([]);
    expect(checkFile('electron/core/vault.ts', "import { safeStorage } from 'electron';")).toHaveLength(1);
    expect(checkFile('renderer/app/x.ts', "const e = require('electron');")[0]?.rule).toMatch(/electron\/app/);
  });

  it('keeps Node and the main process out of the renderer', () => {
    expect(checkFile('renderer/app/a.ts', "import fs from 'node:fs';")).toHaveLength(1);
    expect(checkFile('renderer/app/a.ts', "import path from 'path';")).toHaveLength(1);
    expect(checkFile('renderer/app/a.ts', "import { x } from '../../electron/core/app-core';")[0]?.rule).toMatch(/electron\//);
    expect(checkFile('renderer/app/a.ts', "import { x } from '../../shared/ipc/client';")).toEqual([]);
    expect(checkFile('renderer/features/depth/ladder.bench.ts', "import { chromium } from 'playwright-core'; import fs from 'node:fs';")).toEqual([]);
    expect(checkFile('renderer/features/depth/ladder.bench.ts', "import { x } from '../../../electron/core/x';")).toHaveLength(1);
  });

  it('keeps shared pure', () => {
    expect(checkFile('shared/a.ts', "import { z } from 'zod';")).toHaveLength(1);
    expect(checkFile('shared/a.ts', "import { x } from '../electron/core/x';")).toHaveLength(1);
    expect(checkFile('shared/ipc/a.ts', "import { x } from '../errors';")).toEqual([]);
    expect(checkFile('shared/a.test.ts', "import { it } from 'vitest';")).toEqual([]);
    expect(checkFile('shared/a.test.ts', "import fs from 'node:fs';")).toHaveLength(1);
  });

  it('keeps brokers apart, features apart, components store-free', () => {
    expect(checkFile('electron/brokers/dhan/a.ts', "import { k } from '../kite/rest';")).toHaveLength(1);
    expect(checkFile('renderer/features/chart/a.ts', "import { w } from '../watchlist/x';")).toHaveLength(1);
    expect(checkFile('renderer/features/chart/a.ts', "import { w } from './x';")).toEqual([]);
    expect(checkFile('renderer/components/a.tsx', "import { useStore } from '../stores/store';")).toHaveLength(1);
  });

  it('holds for the whole repository', () => {
    const violations = checkLayers(resolve(import.meta.dirname, '..'));
    expect(violations).toEqual([]);
  });
});
