import { describe, expect, it } from 'vitest';
import { createFrameCoalescer, type FrameScheduler } from './frame-coalescer';

/** A manual frame clock: `frame()` runs the callbacks requested since the last frame. */
function manualFrames() {
  let next = 1;
  const queue = new Map<number, (t: number) => void>();
  const scheduler: FrameScheduler = {
    request(cb) {
      queue.set(next, cb);
      return next++;
    },
    cancel(h) {
      queue.delete(h);
    },
  };
  return {
    scheduler,
    get requested() {
      return queue.size;
    },
    frame(t = 0) {
      const cbs = [...queue.values()];
      queue.clear();
      for (const cb of cbs) cb(t);
    },
  };
}

describe('createFrameCoalescer', () => {
  it('flushes one key per frame, oldest first, with the last value per key', () => {
    const clock = manualFrames();
    const flushed: string[][] = [];
    const c = createFrameCoalescer<number, string>((v) => flushed.push([...v]), clock.scheduler);
    for (let i = 0; i < 100; i++) c.push(60, `a${i}`);
    c.push(120, 'b0');
    c.push(60, 'a-last');
    c.push(120, 'b1');
    expect(clock.requested).toBe(1);
    expect(flushed).toEqual([]);
    // The closing candle's final state in this frame, the new candle in the next: never two at once.
    clock.frame();
    expect(flushed).toEqual([['a-last']]);
    c.push(120, 'b2');
    clock.frame();
    expect(flushed).toEqual([['a-last'], ['b2']]);
    clock.frame();
    expect(flushed).toHaveLength(2);
    expect(clock.requested).toBe(0);
    c.push(180, 'c');
    clock.frame();
    expect(flushed).toEqual([['a-last'], ['b2'], ['c']]);
    expect(flushed.every((f) => f.length === 1)).toBe(true);
  });

  it('does not schedule a frame when nothing was pushed, and flushNow empties the queue', () => {
    const clock = manualFrames();
    const flushed: number[][] = [];
    const c = createFrameCoalescer<string, number>((v) => flushed.push([...v]), clock.scheduler);
    expect(clock.requested).toBe(0);
    c.push('k', 1);
    c.flushNow();
    expect(flushed).toEqual([[1]]);
    expect(clock.requested).toBe(0);
    expect(c.pending).toBe(0);
  });

  it('keeps going after a failing flush and stops after dispose', () => {
    const clock = manualFrames();
    const errors: unknown[] = [];
    let calls = 0;
    const c = createFrameCoalescer<string, number>(
      () => {
        calls++;
        if (calls === 1) throw new Error('boom');
      },
      clock.scheduler,
      (e) => errors.push(e),
    );
    c.push('k', 1);
    clock.frame();
    c.push('k', 2);
    clock.frame();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
    c.push('k', 3);
    c.dispose();
    clock.frame();
    c.push('k', 4);
    clock.frame();
    expect(calls).toBe(2);
  });
});
