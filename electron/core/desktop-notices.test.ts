import { describe, expect, it } from 'vitest';
import type { DesktopNotice } from '../../shared/ipc/contract';
import { SessionState, createCoreHandlers, type TradingServices } from './app-core';
import { clipText, createDesktopNotices, type DesktopNoticePort } from './desktop-notices';
import { createBridgeServer } from './ipc/bridge-server';
import type { LimiterClock } from './rate-limiter';

/** A clock whose time moves only when the test says so; due timers run in time order. */
function manualClock() {
  let t = 1_000_000;
  let seq = 0;
  const timers = new Map<number, { at: number; cb: () => void }>();
  const clock: LimiterClock = {
    now: () => t,
    setTimeout: (cb, ms) => (timers.set(++seq, { at: t + ms, cb }), seq),
    clearTimeout: (h) => void timers.delete(h as number),
  };
  const advance = (ms: number) => {
    const end = t + ms;
    for (;;) {
      const due = [...timers].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      t = due[1].at;
      due[1].cb();
    }
    t = end;
  };
  return { clock, advance, pending: () => timers.size };
}

/** A stand-in for the host's port: records what it shows. */
function fakePort(available = true, accepts = true) {
  const shown: DesktopNotice[] = [];
  const port: DesktopNoticePort & { availableNow: boolean } = {
    availableNow: available,
    available: () => port.availableNow,
    show: (n) => (shown.push(n), accepts),
  };
  return { port, shown };
}

const fill = (i: number): DesktopNotice => ({ title: 'Order filled', body: `BUY 1 RELIANCE @ ₹1,234.50 · order ${i}`, tone: 'good' });
const REJECT: DesktopNotice = { title: 'Order rejected', body: 'SELL 75 NIFTY 27 NOV 24500 CE: DH-905 price outside the band', tone: 'bad' };

describe('desktop notices (app.notify in the core)', () => {
  it('declines at once when the host has none to show (headless host, focused window)', () => {
    const c = manualClock();
    const { port, shown } = fakePort(false);
    const n = createDesktopNotices({ port, clock: c.clock });
    expect(n.notify(fill(1))).toEqual({ shown: false });
    c.advance(5000);
    expect(shown).toEqual([]);
  });

  it('shows a lone notice at once, as it is, and reports an OS refusal as not shown', () => {
    const c = manualClock();
    const ok = fakePort();
    expect(createDesktopNotices({ port: ok.port, clock: c.clock }).notify(fill(1))).toEqual({ shown: true });
    expect(ok.shown).toEqual([fill(1)]);
    const lines: string[] = [];
    const refused = fakePort(true, false);
    expect(createDesktopNotices({ port: refused.port, clock: c.clock, log: (l) => lines.push(l) }).notify(REJECT)).toEqual({ shown: false });
    expect(lines).toEqual(['desktop notification refused by the OS: Order rejected']);
  });

  it('folds a burst of 50 fills into two notifications: the first, then one summary a second later', () => {
    const c = manualClock();
    const { port, shown } = fakePort();
    const n = createDesktopNotices({ port, clock: c.clock });
    const replies = [];
    for (let i = 1; i <= 50; i++) {
      replies.push(n.notify(fill(i)));
      c.advance(10);
    }
    expect(replies.every((r) => r.shown)).toBe(true);
    expect(shown).toEqual([fill(1)]);
    c.advance(999);
    expect(shown).toHaveLength(2);
    expect(shown[1]).toEqual({ title: '49 orders filled', body: 'Latest: Order filled: BUY 1 RELIANCE @ ₹1,234.50 · order 50', tone: 'good' });
    c.advance(60_000);
    expect(shown).toHaveLength(2);
  });

  it('names each kind in a mixed summary and takes the strongest tone', () => {
    const c = manualClock();
    const { port, shown } = fakePort();
    const n = createDesktopNotices({ port, clock: c.clock });
    n.notify(fill(1));
    for (let i = 2; i <= 13; i++) n.notify(fill(i));
    n.notify(REJECT);
    n.notify({ title: 'Order partly filled', body: 'BUY 5 of 10 INFY @ ₹1,500.00 · order 77', tone: 'good' });
    n.notify(REJECT);
    c.advance(1000);
    expect(shown[1]).toEqual({
      title: '12 orders filled, 2 orders rejected, 1 order partly filled',
      body: 'Latest: Order rejected: SELL 75 NIFTY 27 NOV 24500 CE: DH-905 price outside the band',
      tone: 'bad',
    });
  });

  it('caps the rate at 6 per minute whatever the renderer sends, folding the rest (nothing dropped)', () => {
    const c = manualClock();
    const { port, shown } = fakePort();
    const n = createDesktopNotices({ port, clock: c.clock });
    // One notice every 1.5 s for two minutes: 80 calls, each would pass the 1 s gap on its own.
    const times: number[] = [];
    const origShow = port.show;
    port.show = (x) => (times.push(c.clock.now()), origShow(x));
    for (let i = 1; i <= 80; i++) {
      n.notify(fill(i));
      c.advance(1500);
    }
    c.advance(120_000);
    // In any 60 s at most 6.
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(6);
    // Every notice is accounted for: shown alone or counted in a summary.
    const counted = shown.reduce((sum, s) => sum + (s.title === 'Order filled' ? 1 : Number(/^(\d+) orders filled$/.exec(s.title)![1])), 0);
    expect(counted).toBe(80);
    expect(shown.at(-1)!.body).toContain('order 80');
  });

  it('keeps the held summary bounded: at most 8 titles by name, the rest as "other"', () => {
    const c = manualClock();
    const { port, shown } = fakePort();
    const n = createDesktopNotices({ port, clock: c.clock });
    n.notify(fill(0));
    for (let i = 0; i < 20; i++) n.notify({ title: `A${i}`, body: 'x', tone: 'info' });
    c.advance(1000);
    expect(shown[1]!.title).toBe('1 × A0, 1 × A1, 1 × A2, 1 × A3, 1 × A4, 1 × A5, 1 × A6, 1 × A7, 12 × other');
    // Long titles are cut to the contract's limit.
    n.notify({ title: 'x'.repeat(100), body: 'y'.repeat(300), tone: 'info' });
    n.notify({ title: 'z'.repeat(100), body: 'y'.repeat(300), tone: 'info' });
    c.advance(1000);
    expect(shown.at(-1)!.title).toHaveLength(100);
    expect(shown.at(-1)!.title.endsWith('…')).toBe(true);
    expect(shown.at(-1)!.body).toHaveLength(300);
  });

  it('dispose drops a held summary', () => {
    const c = manualClock();
    const { port, shown } = fakePort();
    const n = createDesktopNotices({ port, clock: c.clock });
    n.notify(fill(1));
    n.notify(fill(2));
    n.dispose();
    c.advance(5000);
    expect(shown).toEqual([fill(1)]);
    expect(c.pending()).toBe(0);
  });

  it('clipText cuts with an ellipsis only when needed', () => {
    expect(clipText('abc', 3)).toBe('abc');
    expect(clipText('abcd', 3)).toBe('ab…');
  });
});

describe('app.notify over the bridge server, with a stand-in port', () => {
  const trading = { requests: {}, streams: {} } as unknown as TradingServices;
  const session = new SessionState({ broker: 'sim', mode: 'SIM', state: 'disconnected', detail: '', tokenExpiresAtMs: null });
  const vault = { status: async () => null, set: async () => null, clear: async () => null } as never;

  async function call(port: DesktopNoticePort | undefined, args: unknown) {
    const { requests, streams } = createCoreHandlers({ version: '0', host: 'electron', vault, session, trading, ...(port ? { notifications: port } : {}) });
    const frames: string[] = [];
    const conn = createBridgeServer(requests, streams).connect({ transport: 'electron-ipc', send: (f) => frames.push(f) });
    conn.receive(JSON.stringify({ t: 'req', id: 1, ch: 'app.notify', args }));
    for (let i = 0; i < 50 && frames.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    conn.close();
    return JSON.parse(frames[0]!) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  }

  it('answers shown:true through the host port, and shown:false on a host without one', async () => {
    const { port, shown } = fakePort();
    expect(await call(port, fill(7))).toMatchObject({ ok: true, value: { shown: true } });
    expect(shown).toEqual([fill(7)]);
    expect(await call(undefined, fill(7))).toMatchObject({ ok: true, value: { shown: false } });
  });

  it('refuses markup, control characters, over-long text and extra fields before the port sees them', async () => {
    const { port, shown } = fakePort();
    const bad = [
      { ...fill(1), body: 'BUY 1 <b>RELIANCE</b>' },
      { ...fill(1), body: '<img src=x onerror=alert(1)>' },
      { ...fill(1), title: 'Order &amp; more' },
      { ...fill(1), title: 'Order\nfilled' },
      { ...fill(1), body: 'a\u0007b' },
      { ...fill(1), title: 'x'.repeat(101) },
      { ...fill(1), body: 'x'.repeat(301) },
      { ...fill(1), title: '   ' },
      { ...fill(1), tone: 'loud' },
      { ...fill(1), icon: 'file:///etc/passwd' },
    ];
    for (const args of bad) expect(await call(port, args), JSON.stringify(args)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(shown).toEqual([]);
    // Plain text that merely contains the characters passes: M&M, "price < 100", line breaks.
    const plain = { title: 'Order rejected', body: 'SELL 1 M&M: price < 100\nDH-905', tone: 'bad' };
    expect(await call(port, plain)).toMatchObject({ ok: true, value: { shown: true } });
    expect(shown).toEqual([plain]);
  });
});
