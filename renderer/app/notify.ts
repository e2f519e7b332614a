/**
 * Desktop notifications for fills and rejections (used by the order panels): the Notification API
 * when the page may use it, else (denied, unsupported, or Electron, whose permission handlers deny
 * every request by policy: DESIGN.md "Electron security list") an in-app toast. Either way the
 * message is shown once; the toast is also raised while the window has the focus, since a desktop
 * notification is easy to miss there.
 *
 * Source: issue 5, "Desktop notification on fill and rejection".
 */
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

/** Environment: the Notification constructor (undefined when absent) and whether the window has focus. */
export interface NotifyEnv {
  readonly Notification: NotificationApi | undefined;
  readonly hasFocus: () => boolean;
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
      const desktop = !env.hasFocus() && (await permitted());
      if (desktop) {
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

/** The browser's environment. */
export function browserNotifyEnv(): NotifyEnv {
  const N = (globalThis as { Notification?: NotificationApi }).Notification;
  return { Notification: N, hasFocus: () => document.hasFocus() };
}
