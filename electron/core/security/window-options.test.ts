import { describe, expect, it } from 'vitest';
import { browserWindowOptions, secureWebPreferences } from './window-options';

describe('the one window factory options', () => {
  const o = browserWindowOptions('/app/dist/electron/preload.cjs');
  const wp = o.webPreferences as unknown as Record<string, unknown>;

  it("carries every webPreferences flag of DESIGN.md's security list", () => {
    expect(wp.contextIsolation).toBe(true);
    expect(wp.sandbox).toBe(true);
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.nodeIntegrationInWorker).toBe(false);
    expect(wp.nodeIntegrationInSubFrames).toBe(false);
    expect(wp.webSecurity).toBe(true);
    expect(wp.allowRunningInsecureContent).toBe(false);
    expect(wp.experimentalFeatures).toBe(false);
    expect(wp.webviewTag).toBe(false);
    expect('enableBlinkFeatures' in wp).toBe(false);
    expect('disableBlinkFeatures' in wp).toBe(false);
    expect('additionalArguments' in wp).toBe(false);
    expect(wp.preload).toBe('/app/dist/electron/preload.cjs');
  });

  it('keeps DevTools off unless asked for (development only)', () => {
    expect(wp.devTools).toBe(false);
    expect(secureWebPreferences('/p.cjs', true).devTools).toBe(true);
  });

  it('shows the window only when ready, and needs a preload path', () => {
    expect(o.show).toBe(false);
    expect(() => secureWebPreferences('')).toThrow(/preload/);
    expect(browserWindowOptions('/p.cjs', { icon: '/i.png' }).icon).toBe('/i.png');
    expect('icon' in o).toBe(false);
  });
});
