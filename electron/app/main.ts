/**
 * The Electron main process: composition root of the desktop app (bundled to dist/electron/main.cjs).
 *
 * Source: DESIGN.md, "Data flow" and "Electron security list"; issue 2. It wires, in order: the
 * privileged `app://` scheme (before `ready`), the global sandbox, the single-instance lock, the
 * guards on every session and webContents (navigation, redirects, window.open, webview,
 * permissions), the `app://tickdesk` protocol handler with the CSP, the credential vault
 * (safeStorage + electron-store), the core handlers (with desktop notifications through the
 * main-process `Notification`) and the bridge server, the IPC transport with its sender check, and
 * the one window factory `createMainWindow`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, Notification, app, ipcMain, protocol, session, shell } from 'electron';
import { SessionState, createCoreHandlers } from '../core/app-core';
import { createBridgeServer } from '../core/ipc/bridge-server';
import { dataDir } from '../core/paths';
import { createTradingServices } from '../core/services/trading-services';
import { browserWindowOptions } from '../core/security/window-options';
import { APP_ENTRY_URL, APP_SCHEME } from '../core/security/origin';
import { APP_SCHEME_PRIVILEGES, createAppRequestHandler } from './app-protocol';
import { createElectronNotices } from './desktop-notifier';
import { guardSession, guardWebContents } from './guards';
import { createIpcTransport, type IpcTransport } from './ipc-transport';
import { createElectronVault } from './vault-electron';

/** One line to stdout per notable event. Never receives a secret (callers redact). */
const log = (line: string) => console.log(`[tickdesk] ${line}`);

/** Opens an allow-listed https URL (already checked by the policy) in the user's browser. */
const openExternal = (url: string) => {
  shell.openExternal(url).catch((e: unknown) => log(`could not open the browser: ${e instanceof Error ? e.message : String(e)}`));
};

// Must run before `ready`: the app scheme is standard + secure, so it gets a real origin.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
// Every renderer sandboxed, whatever a window's options say.
app.enableSandbox();

/**
 * The one window factory: options from the pure `browserWindowOptions` (contextIsolation, sandbox,
 * no nodeIntegration, webSecurity…), the preload beside this bundle, connected to the bridge
 * through `transport`, shown when ready, loading `app://tickdesk/index.html`.
 */
export function createMainWindow(transport: IpcTransport): BrowserWindow {
  const icon = join(app.getAppPath(), 'assets', 'icon.png');
  const win = new BrowserWindow(
    browserWindowOptions(join(__dirname, 'preload.cjs'), { devTools: !app.isPackaged, ...(existsSync(icon) ? { icon } : {}) }),
  );
  transport.attach(win.webContents);
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', (_e, details) => log(`renderer gone: ${details.reason} (exit code ${details.exitCode})`));
  win.loadURL(APP_ENTRY_URL).catch((e: unknown) => log(`could not load ${APP_ENTRY_URL}: ${e instanceof Error ? e.message : String(e)}`));
  return win;
}

async function start(): Promise<void> {
  app.on('session-created', (s) => guardSession(s));
  app.on('web-contents-created', (_e, contents) => guardWebContents(contents, openExternal, log));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Windows shows notifications only for an app with an AppUserModelId (electron-builder.yml appId).
  if (process.platform === 'win32') app.setAppUserModelId('in.tickdesk.app');
  await app.whenReady();
  guardSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppRequestHandler(join(app.getAppPath(), 'dist', 'renderer')));

  const vault = createElectronVault();
  const sessionState = new SessionState({
    broker: 'sim',
    mode: 'SIM',
    state: 'disconnected',
    detail: 'simulated exchange not started',
    tokenExpiresAtMs: null,
  });
  // The bundled build ships the worker entries as .cjs beside main.cjs (electron/feed/README.md).
  const bundled = (name: string) => (existsSync(join(__dirname, name)) ? { url: pathToFileURL(join(__dirname, name)) } : null);
  const feedWorker = bundled('feed-worker.cjs');
  const instrumentWorker = bundled('instrument-worker.cjs');
  const trading = createTradingServices({
    dataDir: dataDir(),
    session: sessionState,
    log,
    readCredential: async (broker) => vault.read(broker),
    ...(feedWorker !== null ? { feedWorkerUrl: feedWorker.url } : {}),
    ...(instrumentWorker !== null ? { instrumentWorkerUrl: instrumentWorker.url } : {}),
  });
  let main: BrowserWindow | null = null;
  const icon = join(app.getAppPath(), 'assets', 'icon.png');
  const notifications = createElectronNotices({
    Notification,
    mainWindow: () => main,
    appFocused: () => BrowserWindow.getFocusedWindow() !== null,
    platform: process.platform,
    ...(existsSync(icon) ? { icon } : {}),
    log,
  });
  const { requests, streams } = createCoreHandlers({ version: app.getVersion(), host: 'electron', vault, session: sessionState, trading, notifications });
  const server = createBridgeServer(requests, streams, log);
  const transport = createIpcTransport({ ipcMain, server, log });

  main = createMainWindow(transport);
  app.on('second-instance', () => {
    if (main === null || main.isDestroyed()) main = createMainWindow(transport);
    if (main.isMinimized()) main.restore();
    main.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) main = createMainWindow(transport);
  });
  app.on('will-quit', () => {
    transport.dispose();
    void trading.close();
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start().catch((e: unknown) => {
    log(`failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    app.exit(1);
  });
}
