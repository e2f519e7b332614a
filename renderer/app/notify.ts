/**
 * Desktop notifications for fills and rejections (used by the order panels). The decision, in order:
 * 1. The window has the focus: an in-app toast (a desktop notification is easy to miss there).
 * 2. The host shows it (`app.notify` over the bridge answers `shown: true`): the Electron shell's
 *    main-process `Notification`, bursts folded and rate-capped by the core. The renderer's own
 *    permission stays denied in Electron (DESIGN.md "Electron security list"), so this is the
 *    desktop product's path.
 * 3. Otherwise (headless host, OS without notifications, bridge error): the web Notification API
 *    when the page may use it (asked once), else an in-app toast.
 * Either way the message is shown once.
 *
 * Source: issue 5, "Desktop notification on fill and rejection".
 */
import { DESKTOP_NOTICE_LIMITS, type Bridge } from '../../shared/ipc/contract';
import type { ToastTone, WorkstationCommands } from './panel-types';

/** The parts of the Notification API used (window.Notification, injectable for tests). */
export interface NotificationApi {
  readonly permission: 'default' | 'denied' | 'granted';
  requestPermission(): Promise<'default' | 'denied' | 'granted'>;
  new (title: string, options?: { body?: string; tag?: string }): unknown;
}

/** What a notification says. */
export interface TradeNotice {
  /** `Order filled`, `Order rejected`. */
  readonly title: string;
  /** `BUY 1 RELIANCE @ ₹1,234.50`, or the broker's rejection reason. */
  readonly body: string;
  readonly tone: ToastTone;
}

/** The notifier: `notify(notice)` resolves with how it was shown. */
export interface Notifier {
  notify(notice: TradeNotice): Promise<'desktop' | 'toast'>;
}

/**
 * Environment: the Notification constructor (undefined when absent), whether the window has focus,
 * and the host's desktop notifications (resolves true when the host showed, or will show, the notice).
 */
export interface NotifyEnv {
  readonly Notification: NotificationApi | undefined;
  readonly hasFocus: () => boolean;
  readonly desktop?: (notice: TradeNotice) => Promise<boolean>;
}

/** Whether the host showed `n` (false without a host path, or when asking it failed). */
async function hostShows(env: NotifyEnv, n: TradeNotice): Promise<boolean> {
  if (!env.desktop) return false;
  try {
    return await env.desktop(n);
  } catch {
    return false;
  }
}

/** Builds the notifier; `toast` is `commands.toast`. */
export function createNotifier(toast: WorkstationCommands['toast'], env: NotifyEnv): Notifier {
  let asked: Promise<boolean> | null = null;
  const permitted = (): Promise<boolean> => {
    const N = env.Notification;
    if (!N) return Promise.resolve(false);
    if (N.permission === 'granted') return Promise.resolve(true);
    if (N.permission === 'denied') return Promise.resolve(false);
    asked ??= N.requestPermission().then(
      (p) => p === 'granted',
      () => false,
    );
    return asked;
  };
  return {
    async notify(n) {
      if (env.hasFocus()) {
        toast(`${n.title}: ${n.body}`, n.tone);
        return 'toast';
      }
      if (await hostShows(env, n)) return 'desktop';
      if (await permitted()) {
        try {
          new env.Notification!(n.title, { body: n.body, tag: 'tickdesk' });
          return 'desktop';
        } catch {
          // Some platforms refuse `new Notification` outside a service worker: fall back.
        }
      }
      toast(`${n.title}: ${n.body}`, n.tone);
      return 'toast';
    },
  };
}

/** `s` cut to `max` characters, ending in `…` when cut. */
function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/**
 * The host's desktop notifications over `bridge` (`app.notify`): the notice cut to the contract's
 * limits (title on one line); true when the host answered `shown: true`, false on `shown: false` or
 * any error (text the core refuses, such as HTML, or a lost connection).
 */
export function bridgeDesktopNotices(bridge: Pick<Bridge, 'invoke'>): (notice: TradeNotice) => Promise<boolean> {
  return async (n) => {
    const r = await bridge.invoke('app.notify', {
      title: clip(n.title.replace(/\s+/g, ' ').trim(), DESKTOP_NOTICE_LIMITS.title),
      body: clip(n.body, DESKTOP_NOTICE_LIMITS.body),
      tone: n.tone,
    });
    return r.ok && r.value.shown;
  };
}

/** The browser's environment; with `bridge`, the host's desktop notifications come first. */
export function browserNotifyEnv(bridge?: Pick<Bridge, 'invoke'>): NotifyEnv {
  const N = (globalThis as { Notification?: NotificationApi }).Notification;
  return { Notification: N, hasFocus: () => document.hasFocus(), ...(bridge ? { desktop: bridgeDesktopNotices(bridge) } : {}) };
}
