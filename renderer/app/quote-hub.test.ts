import { describe, expect, it } from 'vitest';
import type { BridgeError } from '../../shared/errors';
import type { QuoteBatch, QuoteTick } from '../../shared/ipc/contract';
import type { InstrumentKey } from '../../shared/instruments';
import { createQuoteHub, keySetId, MAX_KEYS_PER_SUBSCRIPTION } from './quote-hub';

interface FakeSub {
  keys: readonly InstrumentKey[];
  emit: (b: QuoteBatch) => void;
  fail: (e: BridgeError) => void;
  closed: boolean;
}

function fakeBridge() {
  const subs: FakeSub[] = [];
  return {
    subs,
    open: () => subs.filter((s) => !s.closed),
    subscribe(stream: string, args: unknown, onEvent: (p: never) => void, onError?: (e: BridgeError) => void) {
      expect(stream).toBe('market.quotes');
      const sub: FakeSub = {
        keys: (args as { keys: InstrumentKey[] }).keys,
        emit: (b) => onEvent(b as never),
        fail: (e) => onError?.(e),
        closed: false,
      };
      subs.push(sub);
      return () => {
        sub.closed = true;
      };
    },
  };
}

function tick(key: InstrumentKey, ltp: number, receivedAtMs = ltp): QuoteTick {
  return {
    key, ltp, ltq: 1, lttMs: null, atp: ltp, volume: 10, open: ltp, high: ltp, low: ltp, prevClose: 100, oi: 0,
    bidPrice: ltp - 0.05, bidQty: 5, askPrice: ltp + 0.05, askQty: 5, totalBuyQty: 0, totalSellQty: 0, receivedAtMs,
  };
}

const A = 'NSE_EQ:1333' as InstrumentKey;
const B = 'NSE_EQ:2885' as InstrumentKey;
const C = 'NSE_FNO:35001' as InstrumentKey;

describe('quote hub', () => {
  it('shares one subscription between holders of the same key set, whatever the order or duplicates', () => {
    const bridge = fakeBridge();
    const hub = createQuoteHub(bridge);
    const r1 = hub.acquire([A, B]);
    const r2 = hub.acquire([B, A, A]);
    expect(bridge.subs).toHaveLength(1);
    expect([...bridge.subs[0]!.keys].sort()).toEqual([A, B].sort());
    expect(hub.subscriptionCount).toBe(1);
    r1();
    expect(bridge.open()).toHaveLength(1);
    r1(); // a second call of the same disposer must not release the other holder
    expect(bridge.open()).toHaveLength(1);
    r2();
    expect(bridge.open()).toHaveLength(0);
    expect(hub.subscriptionCount).toBe(0);
  });

  it('opens a separate subscription for a different set and ignores an empty one', () => {
    const bridge = fakeBridge();
    const hub = createQuoteHub(bridge);
    hub.acquire([A]);
    hub.acquire([A, B]);
    hub.acquire([])();
    expect(bridge.subs.map((s) => keySetId(s.keys))).toEqual([A, keySetId([A, B])]);
  });

  it('splits a set above the per-subscription limit into chunks and closes them together', () => {
    const bridge = fakeBridge();
    const hub = createQuoteHub(bridge);
    const keys = Array.from({ length: MAX_KEYS_PER_SUBSCRIPTION + 5 }, (_, i) => `NSE_EQ:${i + 1}` as InstrumentKey);
    const release = hub.acquire(keys);
    expect(bridge.subs.map((s) => s.keys.length)).toEqual([MAX_KEYS_PER_SUBSCRIPTION, 5]);
    expect(new Set(bridge.subs.flatMap((s) => s.keys)).size).toBe(keys.length);
    release();
    expect(bridge.open()).toHaveLength(0);
  });

  it('delivers each tick to the listeners of its key with the previous tick, and keeps the latest', () => {
    const bridge = fakeBridge();
    const hub = createQuoteHub(bridge);
    hub.acquire([A, B]);
    const seenA: Array<[number, number | undefined]> = [];
    const seenB: number[] = [];
    hub.listen(A, (t, p) => seenA.push([t.ltp, p?.ltp]));
    hub.listen(B, (t) => seenB.push(t.ltp));
    bridge.subs[0]!.emit({ atMs: 1, ticks: [tick(A, 101), tick(B, 50)] });
    bridge.subs[0]!.emit({ atMs: 2, ticks: [tick(A, 102)] });
    expect(seenA).toEqual([[101, undefined], [102, 101]]);
    expect(seenB).toEqual([50]);
    expect(hub.latest(A)?.ltp).toBe(102);
    expect(hub.latest(C)).toBeUndefined();
  });

  it('does not deliver the same tick twice when a key is in two subscribed sets', () => {
    const bridge = fakeBridge();
    const hub = createQuoteHub(bridge);
    hub.acquire([A]);
    hub.acquire([A, B]);
    const seen: number[] = [];
    hub.listen(A, (t) => seen.push(t.ltp));
    const t = tick(A, 101, 5000);
    bridge.subs[0]!.emit({ atMs: 1, ticks: [t] });
    bridge.subs[1]!.emit({ atMs: 1, ticks: [{ ...t }] });
    bridge.subs[1]!.emit({ atMs: 2, ticks: [tick(A, 101, 5001)] });
    expect(seen).toEqual([101, 101]);
  });

  it('stops calling a listener after its disposer, and one failing listener does not stop the others', () => {
    const bridge = fakeBridge();
    const hub = createQuoteHub(bridge);
    hub.acquire([A]);
    const seen: string[] = [];
    const stop = hub.listen(A, () => seen.push('first'));
    hub.listen(A, () => {
      throw new Error('broken row');
    });
    hub.listen(A, () => seen.push('third'));
    const err = console.error;
    console.error = () => {};
    try {
      bridge.subs[0]!.emit({ atMs: 1, ticks: [tick(A, 101)] });
      stop();
      bridge.subs[0]!.emit({ atMs: 2, ticks: [tick(A, 102)] });
    } finally {
      console.error = err;
    }
    expect(seen).toEqual(['first', 'third', 'third']);
  });

  it('keeps the latest tick after the last holder lets go, and reports a refused subscription with its keys', () => {
    const bridge = fakeBridge();
    const errors: Array<[string, readonly InstrumentKey[]]> = [];
    const hub = createQuoteHub(bridge, { onError: (e, keys) => errors.push([e.code, keys]) });
    const release = hub.acquire([A]);
    bridge.subs[0]!.emit({ atMs: 1, ticks: [tick(A, 101)] });
    release();
    expect(hub.latest(A)?.ltp).toBe(101);
    hub.acquire([B]);
    bridge.subs[1]!.fail({ code: 'BAD_REQUEST', message: 'too many keys', retryable: false });
    expect(errors).toEqual([['BAD_REQUEST', [B]]]);
  });
});
