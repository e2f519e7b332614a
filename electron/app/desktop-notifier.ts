/**
 * The Electron shell's desktop notifications (the `DesktopNoticePort` behind `app.notify`): the
 * main-process `Notification`, so the renderer's own web Notification permission stays denied
 * (issue 2, "all permission requests denied"; electron/core/security/permissions.ts).
 *
 * - Available only when the OS supports notifications (`Notification.isSupported()`) and no window
 *   of the app has the focus: a focused window gets the renderer's in-app toast instead.
 * - Clicking a notification brings the main window forward (restored if minimised, shown, focused).
 * - Linux notification servers read the body as markup (freedesktop notification spec, "Markup";
 *   Electron passes it to libnotify as is), so `&`, `<` and `>` in the body are escaped there. The
 *   core already refuses text that looks like tags or entities (electron/core/ipc/schemas.ts).
 * - A rejection (`tone: 'bad'`) asks for `critical` urgency (Linux; other systems ignore it).
 * - Shown notifications are referenced until closed or clicked (at most 20), so their click
 *   handlers are not garbage-collected while they sit in the OS's list.
 *
 * Folding and the rate cap are the core's (electron/core/desktop-notices.ts).
 * Source: issue 5 "Desktop notification on fill and rejection"; Electron `Notification` API.
 */
import type { NotificationConstructorOptions } from 'electron';
import type { DesktopNotice } from '../../shared/ipc/contract';
import type { DesktopNoticePort } from '../core/desktop-notices';

/** The parts of one Electron `Notification` used. */
export interface NotificationLike {
  show(): void;
  close(): void;
  on(event: 'click' | 'close' | 'failed', listener: (...args: unknown[]) => void): unknown;
}

/** The parts of Electron's `Notification` class used (injected: only main.ts imports 'electron'). */
export interface NotificationClass {
  isSupported(): boolean;
  new (options: NotificationConstructorOptions): NotificationLike;
}

/** The parts of the main `BrowserWindow` a click acts on. */
export interface NoticeWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** What the notifier needs from the shell. */
export interface ElectronNoticesDeps {
  readonly Notification: NotificationClass;
  /** The main window (null before it exists); a click brings it forward. */
  readonly mainWindow: () => NoticeWindow | null;
  /** True when a window of the app has the focus (`BrowserWindow.getFocusedWindow() !== null`). */
  readonly appFocused: () => boolean;
  /** `process.platform`. */
  readonly platform: string;
  /** Path of the app icon, when it exists. */
  readonly icon?: string;
  readonly log?: (line: string) => void;
}

const MAX_LIVE = 20;

/** Escapes `&`, `<`, `>` for a markup-reading notification server. */
export function escapeMarkup(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The Electron options for `notice` on `platform`. */
export function notificationOptions(notice: DesktopNotice, platform: string, icon?: string): NotificationConstructorOptions {
  return {
    title: notice.title,
    body: platform === 'linux' ? escapeMarkup(notice.body) : notice.body,
    urgency: notice.tone === 'bad' ? 'critical' : 'normal',
    ...(icon !== undefined ? { icon } : {}),
  };
}

/** Builds the Electron port for `createCoreHandlers({ notifications })`. */
export function createElectronNotices(d: ElectronNoticesDeps): DesktopNoticePort {
  const live = new Set<NotificationLike>();
  const supported = (): boolean => {
    try {
      return d.Notification.isSupported();
    } catch {
      return false;
    }
  };
  const bringForward = () => {
    const win = d.mainWindow();
    if (win === null || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  return {
    available: () => supported() && !d.appFocused(),
    show(notice) {
      if (!supported()) return false;
      try {
        const n = new d.Notification(notificationOptions(notice, d.platform, d.icon));
        const forget = () => void live.delete(n);
        n.on('click', () => {
          forget();
          bringForward();
        });
        n.on('close', forget);
        n.on('failed', (_e, error) => {
          forget();
          d.log?.(`desktop notification failed: ${String(error)}`);
        });
        live.add(n);
        if (live.size > MAX_LIVE) live.delete(live.values().next().value!);
        n.show();
        return true;
      } catch (e) {
        d.log?.(`desktop notification failed: ${e instanceof Error ? e.message : String(e)}`);
        return false;
      }
    },
  };
}
