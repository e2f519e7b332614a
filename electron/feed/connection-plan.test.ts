import { describe, expect, it } from 'vitest';
import type { FeedInstrument } from '../brokers/dhan/feed-requests';
import { DHAN_CONNECTION_LIMITS, planConnections, type DesiredSubscriptions, type SubscriptionMode } from './connection-plan';

const eq = (id: number): FeedInstrument => ({ segment: 'NSE_EQ', securityId: id });
const range = (from: number, n: number): FeedInstrument[] => Array.from({ length: n }, (_, i) => eq(from + i));
const want = (e: Partial<Record<SubscriptionMode, FeedInstrument[]>>): DesiredSubscriptions =>
  new Map(Object.entries(e) as [SubscriptionMode, FeedInstrument[]][]);
const ids = (l: readonly FeedInstrument[] | undefined): number[] => (l ?? []).map((i) => i.securityId);

describe('planConnections with the seed limits', () => {
  it('puts 12,000 feed instruments on 3 sockets of at most 5000 and leaves 2 for depth', () => {
    const plan = planConnections(want({ ticker: range(1, 12_000), depth20: range(1, 100) }));
    const feed = plan.sockets.filter((s) => s.kind === 'feed');
    expect(feed.map((s) => s.subscriptions.get('ticker')!.length)).toEqual([5000, 5000, 2000]);
    const d20 = plan.sockets.filter((s) => s.kind === 'depth20');
    expect(d20.map((s) => s.subscriptions.get('depth20')!.length)).toEqual([50, 50]);
    expect(plan.refused).toEqual([]);
  });

  it('counts an instrument wanted in two feed modes once, on one socket', () => {
    const plan = planConnections(want({ ticker: range(1, 5000), full: range(1, 5000) }));
    expect(plan.sockets).toHaveLength(1);
    expect(plan.sockets[0]!.subscriptions.get('full')!.length).toBe(5000);
  });

  it('opens one 200-level socket per instrument and refuses the sixth connection', () => {
    const plan = planConnections(want({ ticker: [eq(1)], depth200: range(10, 5) }));
    expect(plan.sockets.map((s) => s.id)).toEqual([
      'feed-0', 'depth200-NSE_EQ:10', 'depth200-NSE_EQ:11', 'depth200-NSE_EQ:12', 'depth200-NSE_EQ:13',
    ]);
    expect(plan.refused).toHaveLength(1);
    expect(plan.refused[0]).toMatchObject({ mode: 'depth200', reason: 'connection-limit', instrument: eq(14) });
    expect(plan.refused[0]!.message).toMatch(/all 5 .*connections/);
  });

  it('refuses depth outside NSE_EQ / NSE_FNO and says why', () => {
    const plan = planConnections(want({ depth20: [{ segment: 'BSE_EQ', securityId: 500325 }, eq(2885)] }));
    expect(plan.refused).toEqual([
      expect.objectContaining({ mode: 'depth20', reason: 'depth-segment', instrument: { segment: 'BSE_EQ', securityId: 500325 } }),
    ]);
    expect(ids(plan.sockets[0]!.subscriptions.get('depth20'))).toEqual([2885]);
  });

  it('plans no socket for an empty want (idle depth sockets are closed)', () => {
    expect(planConnections(want({ depth20: [], depth200: [] }))).toEqual({ sockets: [], refused: [] });
  });

  it('refuses feed instruments beyond 5 x 5000, keeping the ones wanted first', () => {
    const plan = planConnections(want({ quote: range(1, 25_003) }));
    expect(plan.sockets).toHaveLength(5);
    expect(plan.refused.map((r) => r.instrument.securityId)).toEqual([25_001, 25_002, 25_003]);
    expect(plan.refused.every((r) => r.mode === 'quote' && r.reason === 'connection-limit')).toBe(true);
  });
});

describe('planConnections stability and accounting', () => {
  const small = { ...DHAN_CONNECTION_LIMITS, instrumentsPerFeedSocket: 3, instrumentsPerDepth20Socket: 2 };

  it('keeps instruments on their previous socket when a removal frees room elsewhere', () => {
    const first = planConnections(want({ ticker: range(1, 6) }), small);
    expect(first.sockets.map((s) => ids(s.subscriptions.get('ticker')))).toEqual([[1, 2, 3], [4, 5, 6]]);
    // 2 leaves; 7 arrives: 4, 5, 6 must stay on feed-1, 7 fills the hole on feed-0.
    const second = planConnections(want({ ticker: [eq(1), eq(3), eq(4), eq(5), eq(6), eq(7)] }), small, first);
    expect(second.sockets.map((s) => ids(s.subscriptions.get('ticker')))).toEqual([[1, 3, 7], [4, 5, 6]]);
  });

  it('never plans more than maxConnections sockets and accounts for every wanted subscription', () => {
    const desired = want({ ticker: range(1, 10), full: range(5, 10), depth20: range(1, 5), depth200: range(1, 3) });
    const plan = planConnections(desired, small);
    expect(plan.sockets.length).toBeLessThanOrEqual(5);
    for (const mode of ['ticker', 'full', 'depth20', 'depth200'] as const) {
      const carried = plan.sockets.flatMap((s) => ids(s.subscriptions.get(mode)));
      const refused = plan.refused.filter((r) => r.mode === mode).map((r) => r.instrument.securityId);
      expect([...carried, ...refused].sort((a, b) => a - b)).toEqual(ids(desired.get(mode)).sort((a, b) => a - b));
      expect(new Set(carried).size).toBe(carried.length);
    }
  });
});
