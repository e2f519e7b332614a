import { describe, expect, it } from 'vitest';
import type { OptionChainQuoteLeg, QuoteTick } from '../../../shared/ipc/contract';
import { legGreekCells, legLiveCells } from './chain-cells';

// The seeds/002 sample leg (25650 CE) as the core serves it.
const SNAP: OptionChainQuoteLeg = {
  key: 'NSE_FNO:42528',
  securityId: '42528',
  ltp: 134,
  atp: 146.99,
  previousClose: 244.85,
  iv: 9.789193798280868,
  greeks: { delta: 0.53871, theta: -15.1539, gamma: 0.00132, vega: 12.18593 },
  oi: 3_786_445,
  previousOi: 402_220,
  volume: 117_567_970,
  previousVolume: 31_931_705,
  bidPrice: 133.55,
  bidQuantity: 1625,
  askPrice: 134,
  askQuantity: 1365,
};

function tick(p: Partial<QuoteTick>): QuoteTick {
  return {
    key: 'NSE_FNO:42528',
    ltp: 0,
    ltq: 0,
    lttMs: null,
    atp: 0,
    volume: 0,
    open: 0,
    high: 0,
    low: 0,
    prevClose: 0,
    oi: 0,
    bidPrice: 0,
    bidQty: 0,
    askPrice: 0,
    askQty: 0,
    totalBuyQty: 0,
    totalSellQty: 0,
    receivedAtMs: 0,
    ...p,
  };
}

describe('option chain cells', () => {
  it('shows the snapshot before any tick, in Indian grouping', () => {
    expect(legLiveCells(undefined, SNAP)).toEqual({
      oi: '37,86,445',
      oiChange: '+33,84,225',
      volume: '11.8 Cr',
      ltp: '134.00',
      change: '-110.85',
      bid: '133.55',
      ask: '134.00',
      trend: 'down',
      oiTrend: 'up',
    });
  });

  it('takes LTP, bid, ask, OI and volume from the tick; OI change against the previous day', () => {
    const c = legLiveCells(tick({ ltp: 250.05, prevClose: 244.85, bidPrice: 250, askPrice: 250.1, oi: 350_000, volume: 98_765 }), SNAP);
    expect(c).toMatchObject({ ltp: '250.05', change: '+5.20', bid: '250.00', ask: '250.10', oi: '3,50,000', oiChange: '-52,220', volume: '98,765', trend: 'up', oiTrend: 'down' });
  });

  it('prints OI and OI change from one crore on in the compact form (never clipped), below it in full', () => {
    expect(legLiveCells(tick({ ltp: 130, oi: 9_999_999 }), SNAP).oi).toBe('99,99,999');
    const big = legLiveCells(tick({ ltp: 130, oi: 12_345_678 }), { ...SNAP, previousOi: 1_000_000 });
    expect(big.oi).toBe('1.23 Cr');
    expect(big.oiChange).toBe('+1.13 Cr');
  });

  it('keeps the snapshot OI while the ticks carry none, and dashes an empty side', () => {
    const c = legLiveCells(tick({ ltp: 130, prevClose: 0, bidPrice: 0, askPrice: 130.5 }), SNAP);
    expect(c.oi).toBe('37,86,445');
    expect(c.bid).toBe('—');
    expect(c.change).toBe('-114.85'); // against the snapshot's previous close
    expect(c.volume).toBe('—');
  });

  it('formats IV in percent and the greeks with their units', () => {
    const g = legGreekCells(SNAP);
    expect(g.iv).toBe('9.79');
    expect(g.delta).toBe('0.54');
    expect(g.title).toBe('IV 9.79% · Δ 0.5387 · Γ 0.00132 · Θ -15.15/day · ν 12.19/vol pt');
    expect(legGreekCells({ ...SNAP, iv: 0, greeks: { ...SNAP.greeks, delta: -0.46732 } })).toMatchObject({ iv: '—', delta: '-0.47' });
  });
});
