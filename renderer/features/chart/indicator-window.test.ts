import { describe, expect, it } from 'vitest';
import { INDICATOR_MARGIN, INDICATOR_SPAN, indicatorDrawFrom, indicatorScroll } from './indicator-window';

describe('indicator lines window', () => {
  it('holds the newest span of a long window, and a short window whole', () => {
    expect(indicatorDrawFrom(10_000, Infinity)).toBe(10_000 - INDICATOR_SPAN);
    expect(indicatorDrawFrom(800, Infinity)).toBe(0);
    expect(indicatorDrawFrom(10_000, 2_000)).toBe(2_000);
  });

  it('grows when the user scrolls back past its start and shrinks back at the live edge', () => {
    const n = 10_000;
    // Watching the live edge: nothing to redraw.
    expect(indicatorScroll(n, Infinity, n - 150)).toBeNull();
    // Scrolled back to bar 4000: draw from a margin before it.
    const back = indicatorScroll(n, Infinity, 4_000.4);
    expect(back).toBe(4_000 - INDICATOR_MARGIN);
    // Moving within what is drawn: nothing to redraw.
    expect(indicatorScroll(n, back!, 5_000)).toBeNull();
    // Further back: grow again, never below 0.
    expect(indicatorScroll(n, back!, 100)).toBe(0);
    // Back at the live edge: shrink to the newest span.
    expect(indicatorScroll(n, back!, n - 100)).toBe(Infinity);
    expect(indicatorDrawFrom(n, Infinity)).toBe(n - INDICATOR_SPAN);
  });
});
