import { describe, expect, it } from 'vitest';
import { DEFAULT_CHART_INTERVAL, chartParamsPatch, readChartParams, readIndicators } from './chart-params';

describe('chart params saved with the layout', () => {
  it('round-trips an interval and indicators through JSON (as the saved layout does)', () => {
    const patch = chartParamsPatch({ interval: '5m', indicators: ['macd', 'sma', 'rsi'] });
    expect(patch).toEqual({
      interval: '5m',
      indicators: [
        { id: 'sma', args: [20] },
        { id: 'rsi', args: [14] },
        { id: 'macd', args: [12, 26, 9] },
      ],
    });
    const saved = JSON.parse(JSON.stringify({ key: 'NSE_EQ:2885', ...patch })) as Record<string, unknown>;
    expect(readChartParams(saved)).toEqual({ interval: '5m', indicators: ['sma', 'rsi', 'macd'] });
  });

  it('saves Bollinger with its period and k, and every interval the toolbar offers', () => {
    expect(chartParamsPatch({ interval: '1d', indicators: ['bollinger'] }).indicators).toEqual([{ id: 'bollinger', args: [20, 2] }]);
    for (const interval of ['1m', '5m', '15m', '25m', '60m', '1d'] as const) expect(readChartParams({ interval }).interval).toBe(interval);
  });

  it('falls back to 1m and no indicators for params of a chart never changed, or none at all', () => {
    expect(DEFAULT_CHART_INTERVAL).toBe('1m');
    expect(readChartParams({ key: 'NSE_EQ:2885' })).toEqual({ interval: '1m', indicators: [] });
    expect(readChartParams(undefined)).toEqual({ interval: '1m', indicators: [] });
    expect(readChartParams(null)).toEqual({ interval: '1m', indicators: [] });
  });

  it('replaces an unknown or malformed interval by 1m and keeps the readable indicators', () => {
    for (const interval of ['2m', '1h', 'D', '', 5, null, { v: '5m' }, ['5m']]) {
      expect(readChartParams({ interval, indicators: [{ id: 'ema', args: [50] }] })).toEqual({ interval: '1m', indicators: ['ema'] });
    }
  });

  it('skips unknown, malformed and duplicate indicator entries without throwing', () => {
    const saved = [
      { id: 'vwap', args: [1] },
      null,
      42,
      'rsi',
      ['sma'],
      { args: [20] },
      { id: 7 },
      { id: 'atr', args: 'fourteen' },
      { id: 'atr', args: [14] },
      { id: 'sma' },
    ];
    expect(readIndicators(saved)).toEqual(['sma', 'rsi', 'atr']);
    for (const bad of [null, undefined, 'sma', 3, { id: 'sma' }, true]) expect(readIndicators(bad)).toEqual([]);
  });

  it('restores an indicator saved with other args using the ones the toolbar offers', () => {
    const state = readChartParams({ interval: '15m', indicators: [{ id: 'sma', args: [50] }, { id: 'macd', args: [5, 35, 5] }] });
    expect(state).toEqual({ interval: '15m', indicators: ['sma', 'macd'] });
    expect(chartParamsPatch(state).indicators).toEqual([
      { id: 'sma', args: [20] },
      { id: 'macd', args: [12, 26, 9] },
    ]);
  });
});
