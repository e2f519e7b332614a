import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// The composition root run against a fake 'electron': checks the wiring (order of registration,
// guards, window options, protocol, vault, IPC sender check) without an Electron binary.

const fx = vi.hoisted(() => {
  const events: string[] = [];
  const appHandlers = new Map<string, Array<(...a: unknown[]) => void>>();
  const ipcHandlers = new Map<string, Set<(...a: unknown[]) => void>>();
  const windows: Array<{ options: Record<string, unknown>; contents: ReturnType<typeof makeContents>; loaded: string[] }> = [];
  const sessionHandlers: Record<string, (...a: unknown[]) => unknown> = {};
  let protocolHandler: ((r: Request) => Promise<Response>) | null = null;
  const state = { appPath: '', ready: false, backend: 'gnome_libsecret', focused: false, notificationsSupported: true };
  const notifications: Array<{ options: Record<string, unknown>; shown: boolean; click: () => void }> = [];
  const windowCalls: string[] = [];

  function makeContents(id: number) {
    const on = new Map<string, Array<(...a: unknown[]) => void>>();
    const sent: string[] = [];
    const contents = {
      id,
      mainFrame: { url: 'app://tickdesk/index.html' },
      sent,
      on: (ev: string, l: (...a: unknown[]) => void) => (on.set(ev, [...(on.get(ev) ?? []), l]), contents),
      once: (ev: string, l: (...a: unknown[]) => void) => (on.set(ev, [...(on.get(ev) ?? []), l]), contents),
      setWindowOpenHandler: (h: (...a: unknown[]) => unknown) => void on.set('window-open', [h]),
      isDestroyed: () => false,
      send: (_ch: string, f: string) => void sent.push(f),
      handlers: on,
    };
    return contents;
  }

  const electron = {
    app: {
      enableSandbox: () => void events.push('enableSandbox'),
      requestSingleInstanceLock: () => (events.push('singleInstanceLock'), true),
      on: (ev: string, l: (...a: unknown[]) => void) => void appHandlers.set(ev, [...(appHandlers.get(ev) ?? []), l]),
      whenReady: async () => {
        events.push('whenReady');
        state.ready = true;
      },
      getAppPath: () => state.appPath,
      getVersion: () => '3.4.5',
      isPackaged: false,
      quit: () => void events.push('quit'),
      exit: (code: number) => void events.push(`exit ${code}`),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => void events.push(`registerSchemes ${JSON.stringify(schemes)} ready=${state.ready}`),
      handle: (scheme: string, h: (r: Request) => Promise<Response>) => {
        events.push(`handle ${scheme}`);
        protocolHandler = h;
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: (...a: unknown[]) => unknown) => void (sessionHandlers.request = h),
        setPermissionCheckHandler: (h: (...a: unknown[]) => unknown) => void (sessionHandlers.check = h),
        setDevicePermissionHandler: (h: (...a: unknown[]) => unknown) => void (sessionHandlers.device = h),
      },
    },
    ipcMain: {
      on: (ch: string, l: (...a: unknown[]) => void) => void (ipcHandlers.get(ch) ?? ipcHandlers.set(ch, new Set()).get(ch)!).add(l),
      removeListener: (ch: string, l: (...a: unknown[]) => void) => void ipcHandlers.get(ch)?.delete(l),
      removeAllListeners: (ch: string) => void ipcHandlers.delete(ch),
    },
    shell: { openExternal: async () => {} },
    Notification: class {
      static isSupported = () => state.notificationsSupported;
      private readonly clicks: Array<() => void> = [];
      private readonly rec: { options: Record<string, unknown>; shown: boolean; click: () => void };
      constructor(options: Record<string, unknown>) {
        this.rec = { options, shown: false, click: () => this.clicks.forEach((l) => l()) };
        notifications.push(this.rec);
      }
      on(ev: string, l: () => void) {
        if (ev === 'click') this.clicks.push(l);
        return this;
      }
      show() {
        this.rec.shown = true;
      }
      close() {}
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      isAsyncEncryptionAvailable: async () => true,
      getSelectedStorageBackend: () => state.backend,
      encryptString: (s: string) => Buffer.from(Buffer.from(s).map((b) => b ^ 0x77)),
      decryptString: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x77)).toString(),
      encryptStringAsync: async (s: string) => Buffer.from(Buffer.from(s).map((b) => b ^ 0x77)),
      decryptStringAsync: async (b: Buffer) => ({ result: Buffer.from(b.map((x) => x ^ 0x77)).toString(), shouldReEncrypt: false }),
    },
    BrowserWindow: class {
      static getAllWindows = () => windows;
      static getFocusedWindow = () => (state.focused ? windows[0] : null);
      webContents: ReturnType<typeof makeContents>;
      constructor(options: Record<string, unknown>) {
        events.push('BrowserWindow');
        this.webContents = makeContents(windows.length + 1);
        windows.push({ options, contents: this.webContents, loaded: [] });
      }
      once() {}
      loadURL(url: string) {
        windows.at(-1)!.loaded.push(url);
        return Promise.resolve();
      }
      isDestroyed() {
        return false;
      }
      isMinimized() {
        return true;
      }
      restore() {
        windowCalls.push('restore');
      }
      show() {
        windowCalls.push('show');
      }
      focus() {
        windowCalls.push('focus');
      }
    },
  };
  return { electron, events, appHandlers, ipcHandlers, windows, sessionHandlers, state, makeContents, notifications, windowCalls, protocol: () => protocolHandler };
});

vi.mock('electron', () => ({ ...fx.electron, default: fx.electron }));
// electron-store is a thin wrapper over `conf` that needs a live Electron app; use conf itself
// with the same options so the real file writing (mode, atomic rename) is exercised.
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  class Store extends Conf<Record<string, unknown>> {
    constructor(o: Record<string, unknown>) {
      fx.electron.ipcMain.on('electron-store-get-data', () => {}); // what the real one registers
      super({ ...o, configName: o.name as string, projectName: 'tickdesk-test', projectVersion: '3.4.5' } as never);
    }
  }
  return { default: Store };
});

const home = mkdtempSync(join(tmpdir(), 'tickdesk-main-'));
fx.state.appPath = join(home, 'app');
mkdirSync(join(fx.state.appPath, 'dist', 'renderer'), { recursive: true });
writeFileSync(join(fx.state.appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Tickdesk test</title>');
process.env.TICKDESK_HOME = join(home, 'data');

await import('./main');
await vi.waitFor(() => expect(fx.windows).toHaveLength(1));

const win = () => fx.windows[0]!;
const ipcSend = async (frame: object, senderFrame: { url: string } | null = win().contents.mainFrame) => {
  const before = win().contents.sent.length;
  for (const l of fx.ipcHandlers.get('tickdesk:frame') ?? []) l({ sender: win().contents, senderFrame }, JSON.stringify(frame));
  await new Promise((r) => setTimeout(r, 20));
  return win().contents.sent.slice(before).map((f) => JSON.parse(f));
};

describe('Electron main (composition root) on a fake electron', () => {
  it('registers the privileged app scheme and the sandbox before ready, then takes the single-instance lock', () => {
    const i = (prefix: string) => fx.events.findIndex((e) => e.startsWith(prefix));
    expect(fx.events[i('registerSchemes')]).toContain('"scheme":"app"');
    expect(fx.events[i('registerSchemes')]).toContain('"standard":true,"secure":true');
    expect(fx.events[i('registerSchemes')]).toContain('ready=false');
    expect(i('enableSandbox')).toBeLessThan(i('whenReady'));
    expect(i('singleInstanceLock')).toBeLessThan(i('whenReady'));
    expect(i('handle app')).toBeGreaterThan(i('whenReady'));
    expect(i('BrowserWindow')).toBeGreaterThan(i('handle app'));
  });

  it('creates the window from the secure options and loads the app URL', () => {
    const wp = win().options.webPreferences as Record<string, unknown>;
    expect(wp).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true, webviewTag: false });
    expect(String(wp.preload)).toMatch(/preload\.cjs$/);
    expect(win().loaded).toEqual(['app://tickdesk/index.html']);
  });

  it('guards every session and webContents created later, and denies permissions on the default session', () => {
    expect(fx.appHandlers.has('session-created')).toBe(true);
    const later = fx.makeContents(99);
    for (const l of fx.appHandlers.get('web-contents-created') ?? []) l({}, later);
    expect([...later.handlers.keys()]).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview', 'window-open']));
    const answers: boolean[] = [];
    fx.sessionHandlers.request!(null, 'media', (ok: boolean) => answers.push(ok), { requestingUrl: 'app://tickdesk/' });
    expect(answers).toEqual([false]);
    expect(fx.sessionHandlers.check!(null, 'notifications', 'app://tickdesk')).toBe(false);
    expect(fx.sessionHandlers.device!({ deviceType: 'usb', origin: 'app://tickdesk' })).toBe(false);
  });

  it('serves the renderer over app:// with the CSP header', async () => {
    const r = await fx.protocol()!(new Request('app://tickdesk/index.html'));
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('Tickdesk test');
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('answers the bridge over IPC from the app frame only, with the version of the app', async () => {
    const [info] = await ipcSend({ t: 'req', id: 1, ch: 'app.info', args: {} });
    expect(info).toMatchObject({ t: 'res', id: 1, ok: true, value: { version: '3.4.5', host: 'electron', transport: 'electron-ipc' } });
    expect(await ipcSend({ t: 'req', id: 2, ch: 'app.info', args: {} }, { url: 'https://evil.example/' })).toEqual([]);
    expect(await ipcSend({ t: 'req', id: 3, ch: 'app.info', args: {} }, null)).toEqual([]);
  });

  it('shows fills as main-process notifications only while the window is in the background; a click focuses it', async () => {
    const notice = { title: 'Order filled', body: 'BUY 1 M&M @ ₹2,950.00 · order 5123', tone: 'good' };
    fx.state.focused = true;
    const [focused] = await ipcSend({ t: 'req', id: 10, ch: 'app.notify', args: notice });
    expect(focused).toMatchObject({ ok: true, value: { shown: false } });
    expect(fx.notifications).toEqual([]);
    fx.state.focused = false;
    const [background] = await ipcSend({ t: 'req', id: 11, ch: 'app.notify', args: notice });
    expect(background).toMatchObject({ ok: true, value: { shown: true } });
    expect(fx.notifications).toHaveLength(1);
    expect(fx.notifications[0]).toMatchObject({ shown: true, options: { title: 'Order filled', urgency: 'normal' } });
    // Linux servers read the body as markup: escaped.
    expect(fx.notifications[0]!.options.body).toBe(process.platform === 'linux' ? 'BUY 1 M&amp;M @ ₹2,950.00 · order 5123' : notice.body);
    fx.notifications[0]!.click();
    expect(fx.windowCalls).toEqual(['restore', 'show', 'focus']);
    // Markup from the renderer is refused at the boundary; the permission policy is unchanged.
    const [markup] = await ipcSend({ t: 'req', id: 12, ch: 'app.notify', args: { ...notice, body: '<a href="https://evil.example">x</a>' } });
    expect(markup).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(fx.sessionHandlers.check!(null, 'notifications', 'app://tickdesk')).toBe(false);
  });

  it('stores a credential through the bridge in a 0600 vault file holding only ciphertext', async () => {
    const [set] = await ipcSend({ t: 'req', id: 4, ch: 'vault.set', args: { broker: 'dhan', clientId: '1100', secret: 'DHAN-TOKEN-XYZ' } });
    expect(set).toMatchObject({ ok: true, value: { present: true, backend: 'gnome_libsecret', insecureBackend: false } });
    const file = join(home, 'data', 'vault.json');
    expect(readFileSync(file, 'utf8')).not.toContain('DHAN-TOKEN-XYZ');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    fx.state.backend = 'basic_text';
    const [refused] = await ipcSend({ t: 'req', id: 5, ch: 'vault.set', args: { broker: 'kite', clientId: 'k', secret: 'KITE-S' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VAULT_INSECURE' } });
    expect(fx.ipcHandlers.has('electron-store-get-data')).toBe(false);
  });
});
