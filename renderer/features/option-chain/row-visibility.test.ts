import { describe, expect, it } from 'vitest';
import { createRowGate, createRowVisibility, type IntersectionObserverCtor } from './row-visibility';

describe('createRowGate', () => {
  it('paints at once while visible', () => {
    const gate = createRowGate();
    const painted: string[] = [];
    gate.paint(() => painted.push('a'));
    gate.paint(() => painted.push('a'));
    expect(painted).toEqual(['a', 'a']);
    expect(gate.visible).toBe(true);
  });

  it('keeps each paint once while hidden and runs the kept ones when visible again', () => {
    const gate = createRowGate();
    const painted: string[] = [];
    const call = () => painted.push('call');
    const put = () => painted.push('put');
    gate.setVisible(false);
    gate.paint(call);
    gate.paint(put);
    gate.paint(call);
    expect(painted).toEqual([]);
    gate.setVisible(true);
    expect(painted).toEqual(['call', 'put']);
    // Forgotten once run: showing again paints nothing more.
    gate.setVisible(false);
    gate.setVisible(true);
    expect(painted).toEqual(['call', 'put']);
  });

  it('drops a kept paint whose leg went away', () => {
    const gate = createRowGate();
    const painted: string[] = [];
    const call = () => painted.push('call');
    gate.setVisible(false);
    gate.paint(call);
    gate.drop(call);
    gate.setVisible(true);
    expect(painted).toEqual([]);
  });
});

/** A stand-in IntersectionObserver: records what it observes and lets the test deliver entries. */
function fakeObserver() {
  const made: { options: { root: Element; rootMargin: string }; observed: Set<Element>; deliver: (target: Element, isIntersecting: boolean) => void; disconnected: boolean }[] = [];
  const Ctor = class {
    readonly rec: (typeof made)[number];
    constructor(cb: (entries: readonly { target: Element; isIntersecting: boolean }[]) => void, options: { root: Element; rootMargin: string }) {
      this.rec = { options, observed: new Set(), deliver: (target, isIntersecting) => cb([{ target, isIntersecting }]), disconnected: false };
      made.push(this.rec);
    }
    observe(el: Element) {
      this.rec.observed.add(el);
    }
    unobserve(el: Element) {
      this.rec.observed.delete(el);
    }
    disconnect() {
      this.rec.observed.clear();
      this.rec.disconnected = true;
    }
  } as unknown as IntersectionObserverCtor;
  return { Ctor, made };
}

const el = (name: string) => ({ name }) as unknown as Element;

describe('createRowVisibility', () => {
  it('observes rows against the scroller with the margin above and below, and reports each row its own state', () => {
    const { Ctor, made } = fakeObserver();
    const scroller = el('scroller');
    const v = createRowVisibility(() => scroller, 42, () => 0, Ctor);
    const a = el('a');
    const b = el('b');
    const seen: string[] = [];
    v.watch(a, (x) => seen.push(`a ${x}`));
    v.watch(b, (x) => seen.push(`b ${x}`));
    expect(made).toHaveLength(1);
    expect(made[0]!.options).toEqual({ root: scroller, rootMargin: '42px 0px 42px 0px' });
    expect([...made[0]!.observed]).toEqual([a, b]);
    made[0]!.deliver(b, false);
    made[0]!.deliver(a, true);
    expect(seen).toEqual(['b false', 'a true']);
  });

  it('takes the sticky header off the top of the root, keeping the margin', () => {
    const { Ctor, made } = fakeObserver();
    createRowVisibility(() => el('scroller'), 21, () => 40, Ctor).watch(el('a'), () => undefined);
    expect(made[0]!.options.rootMargin).toBe('-19px 0px 21px 0px');
  });

  it('stops reporting a row once unwatched, and everything once disposed', () => {
    const { Ctor, made } = fakeObserver();
    const v = createRowVisibility(() => el('scroller'), 0, undefined, Ctor);
    const a = el('a');
    const b = el('b');
    const seen: string[] = [];
    const stopA = v.watch(a, (x) => seen.push(`a ${x}`));
    v.watch(b, (x) => seen.push(`b ${x}`));
    stopA();
    expect([...made[0]!.observed]).toEqual([b]);
    made[0]!.deliver(a, false);
    made[0]!.deliver(b, false);
    expect(seen).toEqual(['b false']);
    v.dispose();
    expect(made[0]!.disconnected).toBe(true);
    made[0]!.deliver(b, true);
    expect(seen).toEqual(['b false']);
  });

  it('never reports (rows stay visible) without IntersectionObserver or without a scroller', () => {
    const a = el('a');
    const seen: boolean[] = [];
    const none = createRowVisibility(() => el('scroller'), 0, undefined, null);
    none.watch(a, (x) => seen.push(x))();
    const { Ctor, made } = fakeObserver();
    const noRoot = createRowVisibility(() => null, 0, undefined, Ctor);
    noRoot.watch(a, (x) => seen.push(x));
    expect(made).toHaveLength(0);
    expect(seen).toEqual([]);
  });
});
