import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../shared/ipc/contract';
import { bridgeDesktopNotices, createNotifier, type NotificationApi, type TradeNotice } from './notify';

function fakeNotification(permission: 'default' | 'denied' | 'granted', answer: 'default' | 'denied' | 'granted' = permission) {
  const shown: string[] = [];
  let asked = 0;
  const N = class {
    static permission = permission;
    static requestPermission() {
      asked++;
      return Promise.resolve(answer);
    }
    constructor(title: string, o?: { body?: string }) {
      shown.push(`${title}|${o?.body}`);
    }
  };
  return { N: N as unknown as NotificationApi, shown, asked: () => asked };
}

const FILL = { title: 'Order filled', body: 'BUY 1 RELIANCE @ ₹1,234.50', tone: 'good' as const };

describe('notifier', () => {
  it('uses a desktop notification when permitted and the window is in the background', async () => {
    const toasts: string[] = [];
    const f = fakeNotification('granted');
    const n = createNotifier((m) => void toasts.push(m), { Notification: f.N, hasFocus: () => false });
    expect(await n.notify(FILL)).toBe('desktop');
    expect(f.shown).toEqual(['Order filled|BUY 1 RELIANCE @ ₹1,234.50']);
    expect(toasts).toEqual([]);
  });

  it('falls back to a toast when denied (Electron policy), absent, or the window has the focus', async () => {
    const toasts: string[] = [];
    const toast = (m: string) => void toasts.push(m);
    const denied = fakeNotification('denied');
    expect(await createNotifier(toast, { Notification: denied.N, hasFocus: () => false }).notify(FILL)).toBe('toast');
    expect(await createNotifier(toast, { Notification: undefined, hasFocus: () => false }).notify(FILL)).toBe('toast');
    const granted = fakeNotification('granted');
    expect(await createNotifier(toast, { Notification: granted.N, hasFocus: () => true }).notify(FILL)).toBe('toast');
    expect(granted.shown).toEqual([]);
    expect(toasts).toEqual(Array(3).fill('Order filled: BUY 1 RELIANCE @ ₹1,234.50'));
  });

  it('asks for permission once, and uses the answer', async () => {
    const f = fakeNotification('default', 'denied');
    const toasts: string[] = [];
    const n = createNotifier((m) => void toasts.push(m), { Notification: f.N, hasFocus: () => false });
    await n.notify(FILL);
    await n.notify({ title: 'Order rejected', body: 'DH-905: price outside the band', tone: 'bad' });
    expect(f.asked()).toBe(1);
    expect(toasts).toHaveLength(2);
  });
});

describe('notifier with the host\'s desktop notifications (app.notify)', () => {
  /** A host path that records what it was asked and answers `shown`. */
  function host(shown: boolean | 'throws') {
    const asked: TradeNotice[] = [];
    const desktop = (n: TradeNotice) => {
      asked.push(n);
      return shown === 'throws' ? Promise.reject(new Error('bridge closed')) : Promise.resolve(shown);
    };
    return { desktop, asked };
  }

  // The decision table: focus × host answer × web permission → how it is shown.
  const table: Array<[focused: boolean, hostShown: boolean | 'throws' | 'absent', web: 'granted' | 'denied' | 'none', expected: 'desktop' | 'toast', via: 'host' | 'web' | 'toast']> = [
    [true, true, 'granted', 'toast', 'toast'],
    [true, false, 'none', 'toast', 'toast'],
    [false, true, 'denied', 'desktop', 'host'],
    [false, true, 'granted', 'desktop', 'host'],
    [false, false, 'granted', 'desktop', 'web'],
    [false, false, 'denied', 'toast', 'toast'],
    [false, false, 'none', 'toast', 'toast'],
    [false, 'throws', 'granted', 'desktop', 'web'],
    [false, 'throws', 'denied', 'toast', 'toast'],
    [false, 'absent', 'granted', 'desktop', 'web'],
  ];
  for (const [focused, hostShown, web, expected, via] of table) {
    it(`focused=${focused} host=${String(hostShown)} web=${web} → ${expected} via ${via}`, async () => {
      const toasts: string[] = [];
      const h = host(hostShown === 'absent' ? false : hostShown);
      const w = web === 'none' ? null : fakeNotification(web);
      const n = createNotifier((m) => void toasts.push(m), {
        Notification: w?.N,
        hasFocus: () => focused,
        ...(hostShown === 'absent' ? {} : { desktop: h.desktop }),
      });
      expect(await n.notify(FILL)).toBe(expected);
      // The host is asked only for a window in the background.
      expect(h.asked).toEqual(!focused && hostShown !== 'absent' ? [FILL] : []);
      expect(w?.shown ?? []).toEqual(via === 'web' ? ['Order filled|BUY 1 RELIANCE @ ₹1,234.50'] : []);
      expect(toasts).toEqual(via === 'toast' ? ['Order filled: BUY 1 RELIANCE @ ₹1,234.50'] : []);
    });
  }

  it('sends app.notify cut to the contract limits, and reads shown or an error as the answer', async () => {
    const sent: unknown[] = [];
    let answer: Awaited<ReturnType<Bridge['invoke']>> = { ok: true, value: { shown: true } };
    const bridge = {
      invoke: (ch: string, args: unknown) => {
        sent.push({ ch, args });
        return Promise.resolve(answer);
      },
    } as unknown as Pick<Bridge, 'invoke'>;
    const desktop = bridgeDesktopNotices(bridge);
    expect(await desktop({ title: 'Order\nrejected', body: 'x'.repeat(400), tone: 'bad' })).toBe(true);
    const args = (sent[0] as { ch: string; args: TradeNotice }).args;
    expect((sent[0] as { ch: string }).ch).toBe('app.notify');
    expect(args.title).toBe('Order rejected');
    expect(args.body).toHaveLength(300);
    expect(args.body.endsWith('…')).toBe(true);
    expect(args.tone).toBe('bad');
    answer = { ok: true, value: { shown: false } };
    expect(await desktop(FILL)).toBe(false);
    answer = { ok: false, error: { code: 'BAD_REQUEST', message: 'plain text only', retryable: false } };
    expect(await desktop(FILL)).toBe(false);
  });
});
