import { describe, expect, it } from 'vitest';
import { createNotifier, type NotificationApi } from './notify';

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
