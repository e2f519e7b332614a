/**
 * Options of the one app window, as plain data (no 'electron' import) so tests can check every flag.
 *
 * Source: DESIGN.md, "Electron security list", webPreferences: contextIsolation true, sandbox
 * true, nodeIntegration false, nodeIntegrationInWorker false, webSecurity true; no
 * allowRunningInsecureContent, experimentalFeatures, enableBlinkFeatures; no `<webview>`.
 * Structurally compatible with Electron's `WebPreferences` / `BrowserWindowConstructorOptions`.
 */

/** The security-relevant web preferences of the app window. */
export interface SecureWebPreferences {
  readonly preload: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly experimentalFeatures: false;
  readonly webviewTag: false;
  readonly navigateOnDragDrop: false;
  readonly safeDialogs: true;
  readonly spellcheck: false;
  readonly devTools: boolean;
}

/**
 * Web preferences for a window whose preload is `preloadPath` (absolute path of preload.cjs).
 * `enableBlinkFeatures` is deliberately absent. `devTools` stays on only when `devTools` is true
 * (development), never in a packaged app.
 */
export function secureWebPreferences(preloadPath: string, devTools = false): SecureWebPreferences {
  if (!preloadPath) throw new Error('secureWebPreferences needs the preload path');
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

/** Options of the main window (size in CSS pixels). */
export interface MainWindowOptions {
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
  readonly title: string;
  readonly backgroundColor: string;
  readonly show: false;
  readonly icon?: string;
  readonly webPreferences: SecureWebPreferences;
}

/** The main window's options: shown on `ready-to-show` (no white flash), dark background. */
export function browserWindowOptions(preloadPath: string, o: { readonly icon?: string; readonly devTools?: boolean } = {}): MainWindowOptions {
  const base = {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Tickdesk',
    backgroundColor: '#0e1116',
    show: false as const,
    webPreferences: secureWebPreferences(preloadPath, o.devTools ?? false),
  };
  return o.icon ? { ...base, icon: o.icon } : base;
}
