/**
 * Desktop notifications for fills and rejections, as the core serves `app.notify`: a host port
 * shows them (the Electron shell through the main-process `Notification`; the headless host has
 * none), and this module folds bursts and caps the rate, so that the renderer cannot turn a burst
 * of 50 fills, or a loop, into 50 OS notifications.
 *
 * Policy (times from an injectable clock, ms):
 * - Not available (no port, OS without notifications, the app's window has the focus): answer
 *   `{ shown: false }` at once; the renderer shows its own toast (or the web Notification API).
 * - The first notice after a quiet time is shown at once, as it is.
 * - Notices arriving sooner than `minGapMs` (default 1000) after the last shown one, or while
 *   the cap is reached, are held and folded into ONE notification at the next free slot:
 *   `12 orders filled, 2 orders rejected` with the latest notice's text as the body. They are
 *   answered `{ shown: true }` at once (they will be shown, folded).
 * - Cap: at most `maxPerWindow` (default 6) notifications in any `windowMs` (default 60 000);
 *   beyond that the held summary waits for the slot. So whatever the renderer sends, the OS sees
 *   at most one notification per second and six per minute; nothing is dropped, only folded.
 * - Memory stays bounded: held notices are kept as counts per title (at most 8 titles, the rest
 *   counted as "other") plus the latest one.
 * A held summary is shown at its slot even if the window took the focus meanwhile (it was promised
 * to the renderer, which did not toast it).
 *
 * Source: issue 5 "Desktop notification on fill and rejection"; issue 2 / DESIGN.md "Electron
 * security list" (the renderer's permission stays denied: the notification comes from the host).
 */
import type { DesktopNotice, DesktopNoticeReply, NoticeTone } from '../../shared/ipc/contract';
import { DESKTOP_NOTICE_LIMITS } from '../../shared/ipc/contract';
import { systemClock, type LimiterClock } from './rate-limiter';

/** What a host offers to show desktop notifications. */
export interface DesktopNoticePort {
  /**
   * True when a notification would reach the user now: the OS supports them and the app's window
   * does not have the focus (a focused window gets the renderer's in-app toast instead).
   */
  available(): boolean;
  /** Shows one notification (clicking it brings the app's window forward); false when the OS refused. */
  show(notice: DesktopNotice): boolean;
}

/** The port of a host without desktop notifications (the headless host): never available. */
export const NO_DESKTOP_NOTICES: DesktopNoticePort = { available: () => false, show: () => false };

/** Options of `createDesktopNotices`. */
export interface DesktopNoticesOptions {
  readonly port: DesktopNoticePort;
  readonly clock?: LimiterClock;
  /** Least time between two notifications, ms (the folding window). Default 1000. */
  readonly minGapMs?: number;
  /** At most this many notifications in any `windowMs`. Default 6. */
  readonly maxPerWindow?: number;
  /** Default 60 000 ms. */
  readonly windowMs?: number;
  /** One line per notification the OS refused. */
  readonly log?: (line: string) => void;
}

/** The service behind `app.notify`. */
export interface DesktopNotices {
  /** Shows, folds, or declines `notice` (see the module doc). Never throws. */
  notify(notice: DesktopNotice): DesktopNoticeReply;
  /** Drops any held summary and its timer. */
  dispose(): void;
}

const TONE_RANK: Readonly<Record<NoticeTone, number>> = { info: 0, good: 1, warn: 2, bad: 3 };
const MAX_TITLES = 8;

/** `s` cut to `max` characters, ending in `…` when cut. */
export function clipText(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** `Order filled` ×12 → `12 orders filled`, ×1 → `1 order filled`; other titles → `3 × Price alert`. */
function countedTitle(title: string, n: number): string {
  const m = /^order\b(.*)$/i.exec(title);
  return m ? `${n} ${n === 1 ? 'order' : 'orders'}${m[1]!.replace(/^\s*/, ' ').toLowerCase()}` : `${n} × ${title}`;
}

/** Notices held for the next summary: counts per title, the latest, the strongest tone. */
class HeldNotices {
  private readonly counts = new Map<string, number>();
  private total = 0;
  private latest: DesktopNotice | null = null;
  private tone: NoticeTone = 'info';

  get size(): number {
    return this.total;
  }

  add(n: DesktopNotice): void {
    const title = this.counts.has(n.title) || this.counts.size < MAX_TITLES ? n.title : 'other';
    this.counts.set(title, (this.counts.get(title) ?? 0) + 1);
    this.total++;
    this.latest = n;
    if (TONE_RANK[n.tone] > TONE_RANK[this.tone]) this.tone = n.tone;
  }

  /** The one notification for all held notices, and empties the hold. */
  take(): DesktopNotice | null {
    const latest = this.latest;
    if (latest === null) return null;
    const summary: DesktopNotice =
      this.total === 1
        ? latest
        : {
            title: clipText(
              [...this.counts].map(([title, n]) => countedTitle(title, n)).join(', '),
              DESKTOP_NOTICE_LIMITS.title,
            ),
            body: clipText(`Latest: ${latest.title}: ${latest.body}`, DESKTOP_NOTICE_LIMITS.body),
            tone: this.tone,
          };
    this.counts.clear();
    this.total = 0;
    this.latest = null;
    this.tone = 'info';
    return summary;
  }
}

/** Builds the `app.notify` service over a host's port. */
export function createDesktopNotices(o: DesktopNoticesOptions): DesktopNotices {
  const clock = o.clock ?? systemClock;
  const minGapMs = o.minGapMs ?? 1000;
  const maxPerWindow = Math.max(1, o.maxPerWindow ?? 6);
  const windowMs = o.windowMs ?? 60_000;
  /** Times of the last `maxPerWindow` notifications shown, oldest first. */
  const shownAt: number[] = [];
  const held = new HeldNotices();
  let timer: unknown = null;

  const nextSlot = (): number => {
    const last = shownAt.at(-1);
    const gap = last === undefined ? -Infinity : last + minGapMs;
    const cap = shownAt.length >= maxPerWindow ? shownAt[shownAt.length - maxPerWindow]! + windowMs : -Infinity;
    return Math.max(gap, cap);
  };

  const emit = (n: DesktopNotice, at: number): boolean => {
    shownAt.push(at);
    if (shownAt.length > maxPerWindow) shownAt.shift();
    let ok = false;
    try {
      ok = o.port.show(n);
    } catch {
      ok = false;
    }
    if (!ok) o.log?.(`desktop notification refused by the OS: ${n.title}`);
    return ok;
  };

  const schedule = (now: number) => {
    const handle = clock.setTimeout(flush, Math.max(0, nextSlot() - now));
    // A held summary must not keep a headless process alive on its own.
    (handle as { unref?: () => void } | null)?.unref?.();
    timer = handle;
  };

  function flush(): void {
    timer = null;
    if (held.size === 0) return;
    const now = clock.now();
    if (now < nextSlot()) {
      schedule(now);
      return;
    }
    emit(held.take()!, now);
  }

  return {
    notify(notice) {
      if (!o.port.available()) return { shown: false };
      const now = clock.now();
      if (timer === null && now >= nextSlot()) return { shown: emit(notice, now) };
      held.add(notice);
      if (timer === null) schedule(now);
      return { shown: true };
    },
    dispose() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      held.take();
    },
  };
}
