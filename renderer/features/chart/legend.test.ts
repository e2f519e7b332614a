import { describe, expect, it } from 'vitest';
import { legendText } from './legend';

const ist = (h: number, m: number) => Date.UTC(2026, 10, 20, h, m) / 1000 - 19_800;

describe('legendText', () => {
  it('shows OHLC at the decimals with Indian grouping, IST time, change and compact volume', () => {
    const t = legendText({ time: ist(9, 15), open: 123456.5, high: 123500, low: 123400.05, close: 123480, volume: 1_234_567 }, 123000, '5m', 2, [
      { label: 'SMA 20', values: [123410.123] },
      { label: 'BB 20,2', values: [NaN, 1, undefined] },
    ]);
    expect(t.time).toBe('20 Nov 2026 09:15');
    expect(t.open).toBe('1,23,456.50');
    expect(t.high).toBe('1,23,500.00');
    expect(t.low).toBe('1,23,400.05');
    expect(t.close).toBe('1,23,480.00');
    expect(t.change).toBe('+0.39%');
    expect(t.direction).toBe('up');
    expect(t.volume).toMatch(/^12\.3\d? L$/);
    expect(t.indicators).toBe('SMA 20 1,23,410.12 · BB 20,2 - 1.00 -');
  });

  it('dates daily candles without a time, and handles a first candle and currency decimals', () => {
    const t = legendText({ time: ist(0, 0), open: 83.5, high: 83.6, low: 83.1, close: 83.1234, volume: 0 }, null, '1d', 4);
    expect(t.time).toBe('20 Nov 2026');
    expect(t.close).toBe('83.1234');
    expect(t.change).toBe('');
    expect(t.direction).toBe('down');
  });
});
