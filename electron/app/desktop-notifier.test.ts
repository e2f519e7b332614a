import type { NotificationConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createElectronNotices, escapeMarkup, notificationOptions, type NotificationClass, type NoticeWindow } from './desktop-notifier';

/** A fake Electron `Notification` class: records what was built and shown, and lets the test click. */
function fakeNotificationClass(supported = true, failOnConstruct = false) {
  const made: Array<{ options: NotificationConstructorOptions; shown: boolean; fire: (ev: string, ...a: unknown[]) => void }> = [];
  const N = class {
    static isSupported = () => supported;
    private readonly listeners = new Map<string, Array<(...a: unknown[]) => void>>();
    constructor(options: NotificationConstructorOptions) {
      if (failOnConstruct) throw new Error('no notification server');
      const rec = { options, shown: false, fire: (ev: string, ...a: unknown[]) => this.listeners.get(ev)?.forEach((l) => l(...a)) };
      made.push(rec);
      this.rec = rec;
    }
    rec: (typeof made)[number];
    on(ev: string, l: (...a: unknown[]) => void) {
      this.listeners.set(ev, [...(this.listeners.get(ev) ?? []), l]);
      return this;
    }
    show() {
      this.rec.shown = true;
    }
    close() {}
  };
  return { N: N as unknown as NotificationClass, made };
}

function fakeWindow(minimized = false) {
  const calls: string[] = [];
  const win: NoticeWindow = {
    isDestroyed: () => false,
    isMinimized: () => minimized,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
  };
  return { win, calls };
}

const FILL = { title: 'Order filled', body: 'BUY 1 M&M @ ₹2,950.00 · order 5123', tone: 'good' as const };

describe('Electron desktop notifications (main-process Notification)', () => {
  it('is available only when supported and no app window has the focus', () => {
    const w = fakeWindow();
    let focused = false;
    const ok = createElectronNotices({ Notification: fakeNotificationClass().N, mainWindow: () => w.win, appFocused: () => focused, platform: 'linux' });
    expect(ok.available()).toBe(true);
    focused = true;
    expect(ok.available()).toBe(false);
    const unsupported = fakeNotificationClass(false);
    const no = createElectronNotices({ Notification: unsupported.N, mainWindow: () => w.win, appFocused: () => false, platform: 'linux' });
    expect(no.available()).toBe(false);
    expect(no.show(FILL)).toBe(false);
    expect(unsupported.made).toEqual([]);
  });

  it('shows the notice, and a click restores, shows and focuses the main window', () => {
    const f = fakeNotificationClass();
    const w = fakeWindow(true);
    const port = createElectronNotices({ Notification: f.N, mainWindow: () => w.win, appFocused: () => false, platform: 'darwin', icon: '/app/assets/icon.png' });
    expect(port.show(FILL)).toBe(true);
    expect(f.made).toHaveLength(1);
    expect(f.made[0]!.shown).toBe(true);
    expect(f.made[0]!.options).toEqual({ title: 'Order filled', body: 'BUY 1 M&M @ ₹2,950.00 · order 5123', urgency: 'normal', icon: '/app/assets/icon.png' });
    expect(w.calls).toEqual([]);
    f.made[0]!.fire('click', {});
    expect(w.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('a click with no main window (closed on macOS) does nothing and does not throw', () => {
    const f = fakeNotificationClass();
    const port = createElectronNotices({ Notification: f.N, mainWindow: () => null, appFocused: () => false, platform: 'darwin' });
    port.show(FILL);
    expect(() => f.made[0]!.fire('click', {})).not.toThrow();
  });

  it('escapes the body for Linux markup-reading servers and marks rejections critical', () => {
    const rejected = { title: 'Order rejected', body: 'SELL 1 M&M: price < LPP > band', tone: 'bad' as const };
    expect(notificationOptions(rejected, 'linux')).toEqual({ title: 'Order rejected', body: 'SELL 1 M&amp;M: price &lt; LPP &gt; band', urgency: 'critical' });
    expect(notificationOptions(rejected, 'win32').body).toBe('SELL 1 M&M: price < LPP > band');
    expect(escapeMarkup('<b>&amp;</b>')).toBe('&lt;b&gt;&amp;amp;&lt;/b&gt;');
  });

  it('reports a notification the OS refuses as not shown, and logs why', () => {
    const lines: string[] = [];
    const port = createElectronNotices({ Notification: fakeNotificationClass(true, true).N, mainWindow: () => null, appFocused: () => false, platform: 'linux', log: (l) => lines.push(l) });
    expect(port.show(FILL)).toBe(false);
    expect(lines).toEqual(['desktop notification failed: no notification server']);
  });
});
