/**
 * The option chain panel (registered as `option-chain`, per instrument): calls on the left, the
 * strike in the middle, puts on the right, as NSE's chain and trading terminals lay it out.
 *
 * Opened for any instrument: an index or stock shows its own options; an option or future shows
 * its underlying's (the core resolves it: `options.expiries`). Header: the underlying's LTP and
 * change (live), the expiry (nearest by default), strikes around the ATM strike (saved with the
 * layout), lot size and the age of the greeks.
 *
 * Data: the chain snapshot (`options.chain`: strikes, keys, IV and greeks) is asked every
 * {@link CHAIN_REFRESH_MS} (the core shares one broker request per 3 s between panels); LTP,
 * change, bid, ask, OI, OI change and volume stream from `market.quotes` for the rows on screen ±
 * a margin (./chain-view.ts), written into the rows' DOM without React renders, only for the rows
 * on screen (./row-visibility.ts; the others when they scroll in). Only the subscribed rows are in
 * the DOM (spacer rows stand for the others), so that a tick's layout stays small. The ATM row is
 * marked and scrolled into view when the chain or the expiry changes; ITM cells are shaded.
 *
 * Mouse: a leg's bid opens a SELL ticket at the bid, its ask a BUY ticket at the ask (quantity in
 * lots, the ticket's default of one lot); any other cell of a leg focuses that option.
 *
 * Source: the product description ("option chains with greeks"); seeds/002 "Option Chain".
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { NO_VALUE, formatPercentChange, formatPrice, formatSignedNumber, percentChange, formatIstTime } from '../../../shared/format';
import type { InstrumentKey } from '../../../shared/instruments';
import type { OptionChainReply, OptionExpiriesReply, QuoteTick } from '../../../shared/ipc/contract';
import type { OrderSide } from '../../../shared/orders';
import { atmIndex, strikeWindow } from '../../../shared/options/chain-window';
import type { PanelProps } from '../../app/panel-types';
import { ROW_HEIGHT_PX, legKeysOf, subscribedRows, visibleRows } from './chain-view';
import { CALL_COLUMNS, COLUMN_LABELS, OptionChainRow, PUT_COLUMNS, chainTableStyle } from './option-chain-row';
import { VISIBLE_MARGIN_ROWS, createRowVisibility } from './row-visibility';
import './option-chain.css';

/** How often the chain snapshot (greeks, IV, new strikes) is asked again, ms. */
export const CHAIN_REFRESH_MS = 3000;
/** Strikes-around-ATM choices; 0 means every strike. */
export const AROUND_CHOICES = [5, 10, 15, 20, 30, 0] as const;
const DEFAULT_AROUND = 10;
/** Rows rendered before the scroller is measured. */
const FIRST_RENDER_ROWS = 48;
/** The table's minimum width and column widths (./option-chain-row.tsx). */
const TABLE_STYLE = chainTableStyle();

function formatExpiry(date: string): string {
  const [y, m, d] = date.split('-');
  const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
  return `${d} ${months[Number(m) - 1] ?? m} ${y}`;
}

/** The panel. */
export function OptionChainPanel({ bridge, quotes, commands, params, setTitle, updateParams }: PanelProps) {
  const key = params.key;
  const around = typeof params.around === 'number' && (AROUND_CHOICES as readonly number[]).includes(params.around) ? params.around : DEFAULT_AROUND;
  const [expiries, setExpiries] = useState<OptionExpiriesReply | null>(null);
  const [expiry, setExpiry] = useState<string | null>(null);
  const [chain, setChain] = useState<OptionChainReply | null>(null);
  const [error, setError] = useState<string | null>(null);
  /**
   * From the live LTP, as indices into `chain.rows`: the ATM strike, the first strike at or above
   * the LTP (calls below it are ITM) and the first strike above it (puts from it on are ITM).
   */
  const [marks, setMarks] = useState<{ atm: number; atOrAbove: number; above: number }>({ atm: -1, atOrAbove: -1, above: -1 });
  const scrollerRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  // Rows off screen (the subscription margin) write their live cells when they come back.
  const headRef = useRef<HTMLTableSectionElement>(null);
  const visibility = useMemo(() => createRowVisibility(() => scrollerRef.current, VISIBLE_MARGIN_ROWS * ROW_HEIGHT_PX, () => headRef.current?.offsetHeight ?? 0), []);
  useEffect(() => () => visibility.dispose(), [visibility]);
  const ltpRef = useRef<HTMLSpanElement>(null);
  const changeRef = useRef<HTMLSpanElement>(null);

  // The underlying and its expiries.
  useEffect(() => {
    if (key === undefined) return;
    let live = true;
    void bridge.invoke('options.expiries', { key }).then((r) => {
      if (!live) return;
      if (!r.ok) {
        setError(`Option chain not available: ${r.error.message}`);
        return;
      }
      setExpiries(r.value);
      setExpiry((e) => (e !== null && r.value.expiries.includes(e) ? e : (r.value.expiries[0] ?? null)));
      if (r.value.expiries.length === 0) setError(`${r.value.underlyingSymbol} has no options with an active expiry.`);
    });
    return () => {
      live = false;
    };
  }, [bridge, key]);

  useEffect(() => {
    if (expiries) setTitle(`Option chain · ${expiries.underlyingSymbol}`);
  }, [expiries, setTitle]);

  // The snapshot, now and every few seconds (never two requests of this panel at once).
  useEffect(() => {
    if (expiries === null || expiry === null) return;
    let live = true;
    let busy = false;
    const load = () => {
      if (busy) return;
      busy = true;
      void bridge.invoke('options.chain', { underlying: expiries.underlying, expiry }).then((r) => {
        busy = false;
        if (!live) return;
        if (r.ok) {
          setChain(r.value);
          setError(null);
        } else setError(`Option chain not refreshed: ${r.error.message}`);
      });
    };
    load();
    const timer = setInterval(load, CHAIN_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [bridge, expiries, expiry]);

  // A new expiry: forget the old chain (its strikes and keys are another contract's).
  useEffect(() => setChain((c) => (c !== null && c.expiry !== expiry ? null : c)), [expiry]);

  const strikes = useMemo(() => chain?.rows.map((r) => r.strike) ?? [], [chain]);

  // The underlying's live LTP: header text without renders; ATM and ITM marks when they move.
  const underlying = expiries?.underlying;
  useEffect(() => {
    if (underlying === undefined) return;
    return quotes.acquire([underlying]);
  }, [quotes, underlying]);
  useEffect(() => {
    if (underlying === undefined) return;
    const apply = (spot: number, prevClose: number) => {
      if (ltpRef.current) ltpRef.current.textContent = spot > 0 ? formatPrice(spot, 2) : NO_VALUE;
      if (changeRef.current) {
        const ch = spot > 0 && prevClose > 0 ? spot - prevClose : null;
        changeRef.current.textContent = ch === null ? '' : `${formatSignedNumber(ch, 2)} (${formatPercentChange(percentChange(spot, prevClose))})`;
        changeRef.current.dataset.trend = ch === null || ch === 0 ? 'flat' : ch > 0 ? 'up' : 'down';
      }
      const atm = atmIndex(strikes, spot);
      const firstFrom = (ok: (s: number) => boolean) => {
        const i = strikes.findIndex(ok);
        return i < 0 ? strikes.length : i;
      };
      const atOrAbove = spot > 0 ? firstFrom((s) => s >= spot) : -1;
      const above = spot > 0 ? firstFrom((s) => s > spot) : -1;
      setMarks((m) => (m.atm === atm && m.atOrAbove === atOrAbove && m.above === above ? m : { atm, atOrAbove, above }));
    };
    const fromTick = (t: QuoteTick | undefined) => {
      if (t !== undefined && t.ltp > 0) apply(t.ltp, t.prevClose);
      else if (chain !== null) apply(chain.spot, 0);
    };
    fromTick(quotes.latest(underlying));
    return quotes.listen(underlying, (t) => fromTick(t));
  }, [quotes, underlying, strikes, chain]);

  // The rows shown: `around` strikes each side of ATM (all for 0).
  const shown = useMemo(() => {
    if (chain === null) return { from: 0, to: 0 };
    return strikeWindow(chain.rows.length, marks.atm, around === 0 ? Infinity : around);
  }, [chain, marks.atm, around]);
  const rows = useMemo(() => chain?.rows.slice(shown.from, shown.to) ?? [], [chain, shown]);

  // Rendered and subscribed: the rows on screen ± a margin, in blocks (./chain-view.ts); the
  // rows above and below are one spacer row each, so a 100-strike chain lays out ~50 rows a frame.
  const [onScreen, setOnScreen] = useState<{ from: number; to: number }>({ from: 0, to: FIRST_RENDER_ROWS });
  const measure = useCallback(() => {
    const sc = scrollerRef.current;
    const body = bodyRef.current;
    if (!sc || !body) return;
    const v = visibleRows(sc.scrollTop, sc.clientHeight, body.offsetTop, ROW_HEIGHT_PX, rows.length);
    const next = subscribedRows(v.first, v.last, rows.length);
    setOnScreen((o) => (o.from === next.from && o.to === next.to ? o : next));
  }, [rows.length]);
  useEffect(() => {
    const sc = scrollerRef.current;
    if (!sc) return;
    let frame = 0;
    const onScroll = () => {
      if (frame !== 0) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        measure();
      });
    };
    sc.addEventListener('scroll', onScroll, { passive: true });
    const ro = new ResizeObserver(onScroll);
    ro.observe(sc);
    return () => {
      sc.removeEventListener('scroll', onScroll);
      ro.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [measure]);
  const rendered = { from: Math.min(onScreen.from, rows.length), to: Math.min(onScreen.to, rows.length) };
  const keys = useMemo(() => legKeysOf(rows, onScreen), [rows, onScreen]);
  const keysId = keys.join(',');
  useEffect(() => {
    if (keysId === '') return;
    return quotes.acquire(keysId.split(',') as InstrumentKey[]);
  }, [quotes, keysId]);

  // The ATM row in view when a chain (or another expiry, or another window) arrives.
  const centredFor = useRef('');
  useLayoutEffect(() => {
    if (chain === null || marks.atm < 0) {
      measure();
      return;
    }
    const id = `${chain.underlying}|${chain.expiry}|${around}`;
    if (centredFor.current !== id) {
      centredFor.current = id;
      centreAtm();
    }
    measure();
  });
  const centreAtm = () => {
    const sc = scrollerRef.current;
    const body = bodyRef.current;
    const atmRow = marks.atm - shown.from;
    if (!sc || !body || atmRow < 0 || atmRow >= rows.length) return;
    sc.scrollTop = Math.max(0, body.offsetTop + atmRow * ROW_HEIGHT_PX - sc.clientHeight / 2 + ROW_HEIGHT_PX / 2);
  };

  const onTrade = useCallback((side: OrderSide, legKey: InstrumentKey, price: number | undefined) => {
    commands.focusInstrument(legKey);
    commands.openOrderTicket(side, legKey, price);
  }, [commands]);
  const onFocusLeg = useCallback((legKey: InstrumentKey) => commands.focusInstrument(legKey), [commands]);

  if (key === undefined) return <div className="oc-panel oc-empty">Open the option chain from an index, a stock or one of its options (Alt+O).</div>;

  const atmAbs = marks.atm;
  return (
    <div className="oc-panel" data-testid="option-chain">
      <div className="oc-toolbar">
        <span className="oc-name" data-testid="oc-underlying">{expiries ? expiries.underlyingName : key}</span>
        <span className="oc-spot num" ref={ltpRef} data-testid="oc-spot" />
        <span className="oc-spot-change num" ref={changeRef} />
        <label className="oc-field">
          Expiry
          <select value={expiry ?? ''} onChange={(e) => setExpiry(e.target.value)} data-testid="oc-expiry" disabled={!expiries || expiries.expiries.length === 0}>
            {(expiries?.expiries ?? []).map((e) => (
              <option key={e} value={e}>
                {formatExpiry(e)}
              </option>
            ))}
          </select>
        </label>
        <label className="oc-field">
          Strikes
          <select value={around} onChange={(e) => updateParams({ around: Number(e.target.value) })} data-testid="oc-around" title="Strikes shown on each side of the ATM strike">
            {AROUND_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n === 0 ? 'All' : `ATM ± ${n}`}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="oc-button" onClick={centreAtm} title="Scroll the ATM strike into view">
          ATM
        </button>
        <span className="oc-meta">
          {chain?.lotSize ? `Lot ${chain.lotSize}` : ''}
          {chain ? ` · greeks ${formatIstTime(chain.atMs)}` : ''}
        </span>
      </div>
      {error !== null && <div className="oc-error" role="status">{error}</div>}
      <div className="oc-scroller" ref={scrollerRef}>
        <table role="table" className="oc-table" style={TABLE_STYLE} data-testid="oc-table" data-strikes={rows.length} data-rendered={rendered.to - rendered.from}>
          <thead role="rowgroup" ref={headRef}>
            <tr role="row" className="oc-sides">
              <th role="columnheader" colSpan={CALL_COLUMNS.length} className="oc-side ce">
                CALLS
              </th>
              <th role="columnheader" className="oc-strike-head" />
              <th role="columnheader" colSpan={PUT_COLUMNS.length} className="oc-side pe">
                PUTS
              </th>
            </tr>
            <tr role="row">
              {CALL_COLUMNS.map((c) => (
                <th role="columnheader" key={`ce-${c}`} className={`num oc-${c}`}>
                  {COLUMN_LABELS[c]}
                </th>
              ))}
              <th role="columnheader" className="oc-strike-head">Strike</th>
              {PUT_COLUMNS.map((c) => (
                <th role="columnheader" key={`pe-${c}`} className={`num oc-${c}`}>
                  {COLUMN_LABELS[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody role="rowgroup" ref={bodyRef}>
            {rendered.from > 0 && (
              <tr className="oc-spacer" style={{ height: rendered.from * ROW_HEIGHT_PX }}>
                <td colSpan={CALL_COLUMNS.length + 1 + PUT_COLUMNS.length} />
              </tr>
            )}
            {rows.slice(rendered.from, rendered.to).map((r, i) => {
              const abs = shown.from + rendered.from + i;
              return (
                <OptionChainRow
                  key={r.strike}
                  row={r}
                  atm={abs === atmAbs}
                  callItm={marks.atOrAbove >= 0 && abs < marks.atOrAbove}
                  putItm={marks.above >= 0 && abs >= marks.above}
                  quotes={quotes}
                  onTrade={onTrade}
                  onFocusLeg={onFocusLeg}
                  visibility={visibility}
                />
              );
            })}
            {rendered.to < rows.length && (
              <tr className="oc-spacer" style={{ height: (rows.length - rendered.to) * ROW_HEIGHT_PX }}>
                <td colSpan={CALL_COLUMNS.length + 1 + PUT_COLUMNS.length} />
              </tr>
            )}
          </tbody>
        </table>
        {chain === null && error === null && <div className="oc-loading">Loading the option chain…</div>}
      </div>
    </div>
  );
}
