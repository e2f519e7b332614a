/**
 * The order ticket (overlay `order-ticket`), NEST style: blue for BUY, red for SELL.
 *
 * Opened by F1/F2 (`commands.openOrderTicket(side, key)`), by the chart and the ladder with a price
 * (`openOverlay('order-ticket', { side, key, price })`), and by the order book in modify mode
 * (`{ orderId }`; the chart adds `price` or `triggerPrice` when a working order line was dragged
 * there, so the ticket opens pre-filled with the new price), and by the positions panel's Exit
 * (`{ side, key, quantity (units), product, orderType, exit: true }`, read by `ticketPreset`). Fields: product, order type, validity (as the broker's capabilities offer them),
 * quantity (lots for F&O, shown as lots and units), price (default: best ask for a buy, best bid for
 * a sell, on the tick grid, taken once when the ticket opens and named under the field; LTP only
 * while that side is not known, replaced by the first tick that brings it), trigger, disclosed quantity, AMO with its time. Before sending it
 * shows the margin the order needs (`margin.calculate`, debounced) and the available funds
 * (`funds.get`). Every keystroke is validated with the shared risk gate (no network call); findings
 * stand next to their field with the nearest valid values as buttons.
 *
 * Keys: Enter sends (after a confirmation step unless Settings turned it off; once the outcome is
 * shown Enter closes, so a second Enter can never send twice), Esc closes (or leaves the
 * confirmation), F1/F2 switch to BUY/SELL. The outcome: accepted (order id), rejected (the broker's
 * words and ours), unknown (being reconciled; never resent).
 *
 * Source: issue 5 "Order ticket", "Keyboard"; DESIGN.md "Money rules".
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { BridgeError } from '../../../shared/errors';
import { formatLots, formatQuantity, formatQuantityWithLots, formatRupees, formatSegmentPrice } from '../../../shared/format';
import type { BrokerCapabilities, WorkstationSettings } from '../../../shared/ipc/contract';
import { isDerivative, keyOf, priceDecimals, type Instrument, type InstrumentKey } from '../../../shared/instruments';
import { isOpenStatus, PRODUCT_TYPES, type ModifyOrderRequest, type OrderSide, type OrderType, type Validity } from '../../../shared/orders';
import type { MarginRequirement } from '../../../shared/portfolio';
import { DEFAULT_RISK_LIMITS, type RiskFinding } from '../../../shared/risk';
import type { OverlayProps } from '../../app/panel-types';
import { useAppStore } from '../../stores/app-store';
import { useTradingSync } from '../../stores/use-trading-sync';
import { outcomeLine, placeReplyLines, worstTone, type OutcomeLine } from './outcome-message';
import {
  AMO_TIMES,
  ORDER_TYPE_LABELS,
  defaultPriceFrom,
  defaultProduct,
  parseField,
  ticketPreset,
  ticketQuantity,
  usesLots,
  usesPrice,
  isFinalDefault,
  upgradesDefault,
  usesTrigger,
  validateTicket,
  type DefaultPrice,
  type DefaultPriceClock,
  type TicketForm,
} from './ticket-model';
import './order-ticket.css';

/** Wait after the last change before asking the margin calculator, ms. */
export const MARGIN_DEBOUNCE_MS = 300;

const FALLBACK_CAPS: Pick<BrokerCapabilities, 'products' | 'orderTypes' | 'validities' | 'amo'> = {
  products: PRODUCT_TYPES.filter((p) => p === 'CNC' || p === 'INTRADAY' || p === 'MARGIN'),
  orderTypes: ['LIMIT', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_MARKET'],
  validities: ['DAY', 'IOC'],
  amo: false,
};

type Phase = 'edit' | 'confirm' | 'sending' | 'done';

type MarginState = { readonly state: 'idle' | 'loading' } | { readonly state: 'ok'; readonly value: MarginRequirement } | { readonly state: 'error'; readonly message: string };

/** Bridge failures after which the request may have reached the broker: the outcome is unknown. */
function mayHaveReached(e: BridgeError): boolean {
  return e.code === 'TIMEOUT' || e.code === 'NETWORK' || e.code === 'UNKNOWN_OUTCOME';
}

function priceText(p: number | null | undefined, inst: Pick<Instrument, 'segment'>): string {
  return p === null || p === undefined || !(p > 0) ? '' : p.toFixed(priceDecimals(inst.segment));
}

/** Quotes older than the risk gate's stale limit (10 s when the check is off) give a provisional default price. */
function priceClock(settings: Pick<WorkstationSettings, 'risk'> | null | undefined): DefaultPriceClock {
  const seconds = settings?.risk.staleQuoteSeconds ?? DEFAULT_RISK_LIMITS.staleQuoteSeconds ?? 10;
  return { nowMs: Date.now(), staleAfterMs: seconds * 1000 };
}

/** The default price the ticket filled in, for which side, as the text it put in the field. */
interface AutoPrice {
  readonly side: OrderSide;
  readonly def: DefaultPrice;
  readonly text: string;
}

/** The ticket overlay (registered as `order-ticket`). */
export function OrderTicket({ store, bridge, quotes, commands, params, close }: OverlayProps) {
  useTradingSync(store, bridge, commands);
  const modifyId = typeof params.orderId === 'string' ? params.orderId : null;
  const order = useAppStore(store, (s) => (modifyId === null ? undefined : s.orderBook.byId[modifyId]));
  const key: InstrumentKey | undefined = (params.key as InstrumentKey | undefined) ?? (order ? keyOf(order.instrument) : undefined);
  const instrument = useAppStore(store, (s) => (key === undefined ? undefined : s.instruments[key]));
  const settings = useAppStore(store, (s) => s.settings);
  const funds = useAppStore(store, (s) => s.portfolio.funds);
  const [caps, setCaps] = useState<typeof FALLBACK_CAPS | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [form, setForm] = useState<TicketForm | null>(null);
  const [phase, setPhase] = useState<Phase>('edit');
  const [lines, setLines] = useState<readonly OutcomeLine[]>([]);
  const [margin, setMargin] = useState<MarginState>({ state: 'idle' });
  // The price is the trader's (typed, given by the opener, an order's) or a default from the book:
  // no tick replaces it. A default from LTP (no bid/ask known yet) is not settled.
  const priceSettled = useRef(false);
  // The default price shown (for the hint under the field, and to upgrade an LTP default).
  const [auto, setAuto] = useState<AutoPrice | null>(null);
  const autoRef = useRef<AutoPrice | null>(null);
  autoRef.current = auto;
  const sent = useRef(false);
  const ltpRef = useRef<HTMLSpanElement>(null);
  const bidRef = useRef<HTMLSpanElement>(null);
  const askRef = useRef<HTMLSpanElement>(null);

  // The instrument (name, lot, tick), the broker's capabilities and the funds, once per opening.
  useEffect(() => {
    let live = true;
    if (key !== undefined && store.getState().instruments[key] === undefined) {
      void bridge.invoke('instruments.get', { keys: [key] }).then((r) => {
        if (!live) return;
        if (r.ok && r.value[0]) store.getState().rememberInstruments(r.value);
        else setLoadError(r.ok ? `Instrument ${key} is not in the instrument master` : r.error.message);
      });
    }
    void bridge.invoke('broker.capabilities', {}).then((r) => live && setCaps(r.ok ? r.value : FALLBACK_CAPS));
    void bridge.invoke('funds.get', {}).then((r) => {
      if (live && r.ok) store.getState().setFunds(r.value);
    });
    return () => {
      live = false;
    };
  }, [bridge, store, key]);

  const ready = form !== null && instrument !== undefined;
  // Live quote for the header and the default price; the header is written into refs (no render per tick).
  useEffect(() => {
    if (key === undefined) return;
    const release = quotes.acquire([key]);
    const seg = instrument?.segment ?? 'NSE_EQ';
    const paint = () => {
      const t = quotes.latest(key);
      if (!t) return;
      if (ltpRef.current) ltpRef.current.textContent = formatSegmentPrice(t.ltp, seg);
      if (bidRef.current) bidRef.current.textContent = t.bidPrice > 0 ? formatSegmentPrice(t.bidPrice, seg) : '—';
      if (askRef.current) askRef.current.textContent = t.askPrice > 0 ? formatSegmentPrice(t.askPrice, seg) : '—';
    };
    paint();
    const stop = quotes.listen(key, paint);
    return () => {
      stop();
      release();
    };
    // `ready`: the header's nodes exist only once the form is shown.
  }, [quotes, key, instrument?.segment, ready]);

  // The first form, once the instrument and the capabilities are known.
  useEffect(() => {
    if (form !== null || instrument === undefined || caps === null) return;
    if (order) {
      setForm({
        side: order.side,
        product: order.product,
        orderType: order.orderType,
        validity: order.validity,
        quantityText: String(usesLots(instrument) ? order.quantity / instrument.lotSize : order.quantity),
        // A line dragged on the chart opens the ticket with its new price (or trigger).
        priceText: priceText(typeof params.price === 'number' && params.price > 0 ? params.price : order.price, instrument),
        triggerText: priceText(typeof params.triggerPrice === 'number' && params.triggerPrice > 0 ? params.triggerPrice : order.triggerPrice, instrument),
        disclosedText: order.disclosedQuantity > 0 ? String(order.disclosedQuantity) : '',
        amo: order.afterMarketOrder,
        amoTime: 'OPEN',
      });
      priceSettled.current = true;
      return;
    }
    const side: OrderSide = params.side === 'SELL' ? 'SELL' : 'BUY';
    const given = typeof params.price === 'number' && params.price > 0 ? params.price : null;
    // Quantity (units), product and order type given by the opener (the positions panel's Exit).
    const preset = ticketPreset(params, instrument, caps.orderTypes);
    const def = given === null ? defaultPriceFrom(side, key ? quotes.latest(key) : undefined, instrument.tickSize, priceClock(settings)) : null;
    const text = priceText(given ?? def?.price, instrument);
    priceSettled.current = given !== null || (def !== null && isFinalDefault(def));
    setAuto(def === null ? null : { side, def, text });
    setForm({
      side,
      product: preset.product ?? defaultProduct(caps.products, isDerivative(instrument.instrumentType)),
      orderType: preset.orderType ?? (caps.orderTypes.includes('LIMIT') ? 'LIMIT' : caps.orderTypes[0] ?? 'LIMIT'),
      validity: caps.validities.includes('DAY') ? 'DAY' : caps.validities[0] ?? 'DAY',
      quantityText: preset.quantityText ?? '1',
      priceText: text,
      triggerText: '',
      disclosedText: '',
      amo: false,
      amoTime: 'OPEN',
    });
  }, [form, instrument, caps, order, params, quotes, key, settings]);

  // No quote when the ticket opened, or only an LTP (bid/ask not known yet), or an old quote: the
  // first fresh tick with the side's best price sets the default, unless the trader typed one.
  useEffect(() => {
    if (form === null || instrument === undefined || key === undefined || priceSettled.current) return;
    const side = form.side;
    return quotes.listen(key, (t) => {
      if (priceSettled.current) return;
      const shown = autoRef.current;
      const next = defaultPriceFrom(side, t, instrument.tickSize, priceClock(settings));
      if (next === null || !upgradesDefault(shown !== null && shown.side === side ? shown.def : null, next)) return;
      if (isFinalDefault(next)) priceSettled.current = true;
      const text = priceText(next.price, instrument);
      setForm((f) => {
        if (f === null || f.side !== side || (f.priceText !== '' && f.priceText !== shown?.text)) return f;
        return { ...f, priceText: text };
      });
      setAuto({ side, def: next, text });
    });
  }, [form, instrument, key, quotes, settings]);

  const validation = useMemo(
    () => (form && instrument ? validateTicket(form, instrument, key ? quotes.latest(key) : undefined, settings?.risk, Date.now()) : null),
    [form, instrument, key, quotes, settings],
  );

  // Margin before sending: asked after a quiet moment, for a request that passes the checks.
  const marginKey = validation?.ok && modifyId === null ? JSON.stringify(validation.request) : null;
  useEffect(() => {
    if (marginKey === null || validation === null) {
      setMargin({ state: 'idle' });
      return;
    }
    let live = true;
    setMargin({ state: 'loading' });
    const req = validation.request;
    const timer = setTimeout(() => {
      void bridge.invoke('margin.calculate', req).then((r) => {
        if (live) setMargin(r.ok ? { state: 'ok', value: r.value } : { state: 'error', message: r.error.message });
      });
    }, MARGIN_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `validation` is read through marginKey (same request text, same request).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bridge, marginKey]);

  if (loadError !== null) {
    return (
      <div className="ticket" data-testid="order-ticket">
        <p className="tone-bad">Order ticket not opened: {loadError}</p>
        <button type="button" onClick={close}>Close (Esc)</button>
      </div>
    );
  }
  if (key === undefined || form === null || instrument === undefined || validation === null) {
    return (
      <div className="ticket" data-testid="order-ticket">
        <p className="dim">{key === undefined ? 'No instrument selected.' : 'Loading the instrument…'}</p>
      </div>
    );
  }

  const c = caps ?? FALLBACK_CAPS;
  const lots = usesLots(instrument);
  const units = ticketQuantity(form, instrument);
  const buy = form.side === 'BUY';
  const modifying = modifyId !== null;
  const editable = phase === 'edit';
  const confirmOn = settings?.confirmOrders ?? true;
  const update = (patch: Partial<TicketForm>) => {
    if (!editable) return;
    setForm({ ...form, ...patch });
  };

  const send = async () => {
    if (sent.current) return;
    // Checked again with the freshest quote: the market may have moved since the last keystroke.
    const v = validateTicket(form, instrument, quotes.latest(key), settings?.risk, Date.now());
    if (!v.ok) {
      setForm({ ...form });
      setPhase('edit');
      return;
    }
    sent.current = true;
    setPhase('sending');
    let out: OutcomeLine[];
    if (modifying) {
      const req: ModifyOrderRequest = {
        orderId: modifyId,
        orderType: v.request.orderType,
        validity: v.request.validity,
        quantity: v.request.quantity,
        ...(v.request.price !== undefined ? { price: v.request.price } : {}),
        ...(v.request.triggerPrice !== undefined ? { triggerPrice: v.request.triggerPrice } : {}),
        ...(v.request.disclosedQuantity !== undefined ? { disclosedQuantity: v.request.disclosedQuantity } : {}),
      };
      const r = await bridge.invoke('orders.modify', req);
      out = r.ok ? [outcomeLine(r.value, 'Modification')] : [bridgeFailure(r.error, 'Modification')];
    } else {
      const r = await bridge.invoke('orders.place', v.request);
      out = r.ok ? placeReplyLines(r.value) : [bridgeFailure(r.error, 'Order')];
    }
    setLines(out);
    setPhase('done');
    // The outcome stands in the ticket; fills and rejections are announced by the trading sync.
    // An unknown outcome also gets a toast, so that it is seen after the ticket is closed.
    const unknown = out.filter((l) => l.tone === 'warn');
    if (unknown.length > 0) commands.toast(unknown.map((l) => l.text).join(' · '), 'warn');
  };

  const primary = () => {
    if (phase === 'done') close();
    else if (phase === 'edit' && validation.ok) {
      if (confirmOn) setPhase('confirm');
      else void send();
    } else if (phase === 'confirm') void send();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement && e.target.dataset.primary !== 'true')) {
      e.preventDefault();
      e.stopPropagation();
      primary();
    } else if (e.key === 'Escape' && phase === 'confirm') {
      e.preventDefault();
      e.stopPropagation();
      setPhase('edit');
    } else if ((e.key === 'F1' || e.key === 'F2') && !e.altKey) {
      // Inside the ticket F1/F2 switch the side instead of opening another ticket.
      e.preventDefault();
      e.stopPropagation();
      if (!modifying) update({ side: e.key === 'F1' ? 'BUY' : 'SELL' });
    }
  };

  const seg = instrument.segment;
  const suggestionsFor = (f: RiskFinding, field: 'quantity' | 'price' | 'triggerPrice' | 'disclosedQuantity') =>
    f.suggestions.slice(0, 2).flatMap((s) => {
      if (field === 'price' || field === 'triggerPrice') return [{ label: formatSegmentPrice(s, seg, { grouping: false }), text: priceText(s, instrument) }];
      if (field === 'quantity' && lots) {
        const asLots = f.code === 'BAD_INPUT' ? s : s / instrument.lotSize;
        return Number.isSafeInteger(asLots) && asLots > 0 ? [{ label: `${asLots} ${asLots === 1 ? 'lot' : 'lots'}`, text: String(asLots) }] : [];
      }
      return [{ label: String(s), text: String(s) }];
    });
  const fieldErrors = (field: 'quantity' | 'price' | 'triggerPrice' | 'disclosedQuantity', set: (text: string) => void): ReactNode => {
    const fs = validation.byField[field];
    if (!fs || fs.length === 0) return null;
    return fs.map((f, i) => (
      <div key={i} className={`ticket-finding sev-${f.severity}`} data-testid={`ticket-error-${field}`}>
        {f.message}
        {editable &&
          suggestionsFor(f, field).map((s) => (
            <button key={s.text} type="button" className="ticket-suggest" onClick={() => { priceSettled.current = true; set(s.text); }}>
              {s.label}
            </button>
          ))}
      </div>
    ));
  };
  const invalid = (field: 'quantity' | 'price' | 'triggerPrice' | 'disclosedQuantity') =>
    (validation.byField[field] ?? []).some((f) => f.severity === 'block') ? 'true' : 'false';

  const typeButton = (t: OrderType) => (
    <button key={t} type="button" role="radio" aria-checked={form.orderType === t} className={form.orderType === t ? 'seg-on' : ''} disabled={!editable} onClick={() => update({ orderType: t })}>
      {ORDER_TYPE_LABELS[t]}
    </button>
  );
  const validityButton = (val: Validity) => (
    <button key={val} type="button" role="radio" aria-checked={form.validity === val} className={form.validity === val ? 'seg-on' : ''} disabled={!editable} onClick={() => update({ validity: val })}>
      {val}
    </button>
  );
  const summary = `${form.side} ${units !== null && Number.isFinite(units) ? formatQuantityWithLots(units, instrument.lotSize) : '?'} ${instrument.displayName} ${
    usesPrice(form.orderType) ? `@ ${formatSegmentPrice(parseField(form.priceText) ?? null, seg)}` : 'at market'
  }${usesTrigger(form.orderType) ? ` trigger ${formatSegmentPrice(parseField(form.triggerText) ?? null, seg)}` : ''} · ${ORDER_TYPE_LABELS[form.orderType]} · ${form.product} · ${form.validity}${form.amo ? ` · AMO ${form.amoTime}` : ''}`;

  return (
    <div className={`ticket ${buy ? 'ticket-buy' : 'ticket-sell'}`} data-testid="order-ticket" data-side={form.side} data-phase={phase} onKeyDown={onKeyDown}>
      <header className="ticket-head">
        <div className="ticket-title">
          <span className="ticket-side" data-testid="ticket-side">{modifying ? `MODIFY ${form.side}` : form.side}</span>
          <span className="ticket-symbol">{instrument.displayName}</span>
          <span className="ticket-seg">
            {instrument.tradingSymbol} · {seg}
            {lots ? ` · lot ${instrument.lotSize}` : ''} · tick {formatSegmentPrice(instrument.tickSize, seg)}
          </span>
        </div>
        <div className="ticket-quote num">
          <span className="dim">LTP</span> <span ref={ltpRef} data-testid="ticket-ltp">—</span>
          <span className="dim">Bid</span> <span ref={bidRef} className="q-bid">—</span>
          <span className="dim">Ask</span> <span ref={askRef} className="q-ask">—</span>
        </div>
      </header>

      <div className="ticket-body">
        {params.exit === true && !modifying && (
          <div className="ticket-exit dim" data-testid="ticket-exit">
            Exit position: {form.side} closes it. LIMIT at the best {buy ? 'ask' : 'bid'}; MARKET is one click away.
          </div>
        )}
        <div className="ticket-row">
          {!modifying && (
            <div className="seg-buttons" role="radiogroup" aria-label="Side">
              <button type="button" role="radio" aria-checked={buy} className={buy ? 'seg-on seg-buy' : ''} disabled={!editable} onClick={() => update({ side: 'BUY' })}>
                Buy <kbd>F1</kbd>
              </button>
              <button type="button" role="radio" aria-checked={!buy} className={!buy ? 'seg-on seg-sell' : ''} disabled={!editable} onClick={() => update({ side: 'SELL' })}>
                Sell <kbd>F2</kbd>
              </button>
            </div>
          )}
          <label className="ticket-inline">
            Product
            <select value={form.product} disabled={!editable || modifying} onChange={(e) => update({ product: e.target.value as TicketForm['product'] })} data-testid="ticket-product">
              {(c.products.includes(form.product) ? c.products : [form.product, ...c.products]).map((p) => (
                <option key={p} value={p}>{p}</option>
              ))}
            </select>
          </label>
        </div>
        <div className="ticket-row">
          <div className="seg-buttons" role="radiogroup" aria-label="Order type">{c.orderTypes.map(typeButton)}</div>
          <div className="seg-buttons" role="radiogroup" aria-label="Validity">{c.validities.map(validityButton)}</div>
        </div>

        <div className="ticket-fields">
          <label className="ticket-field">
            <span>Quantity {lots ? '(lots)' : ''}</span>
            <input
              autoFocus
              inputMode="numeric"
              value={form.quantityText}
              readOnly={!editable}
              aria-invalid={invalid('quantity')}
              onChange={(e) => update({ quantityText: e.target.value })}
              data-testid="ticket-quantity"
            />
            <small className="dim" data-testid="ticket-units">
              {units !== null && Number.isFinite(units)
                ? lots
                  ? `${formatQuantity(units)} units (${formatLots(units, instrument.lotSize)})`
                  : `${formatQuantity(units)} ${units === 1 ? 'share' : 'shares'}`
                : ' '}
            </small>
          </label>
          <label className="ticket-field">
            <span>Price</span>
            <input
              inputMode="decimal"
              value={usesPrice(form.orderType) ? form.priceText : ''}
              placeholder={usesPrice(form.orderType) ? '' : 'at market'}
              disabled={!usesPrice(form.orderType)}
              readOnly={!editable}
              aria-invalid={invalid('price')}
              onChange={(e) => {
                priceSettled.current = true;
                update({ priceText: e.target.value });
              }}
              data-testid="ticket-price"
            />
            <small className="dim" data-testid="ticket-price-source">
              {auto !== null && auto.side === form.side && auto.text === form.priceText && usesPrice(form.orderType)
                ? auto.def.source === 'ltp'
                  ? `LTP (no ${buy ? 'ask' : 'bid'} yet)`
                  : `best ${auto.def.source} ${formatSegmentPrice(auto.def.quoted, seg)}${auto.def.stale ? ' (old quote)' : ''}`
                : ' '}
            </small>
          </label>
          <label className="ticket-field">
            <span>Trigger</span>
            <input
              inputMode="decimal"
              value={usesTrigger(form.orderType) ? form.triggerText : ''}
              disabled={!usesTrigger(form.orderType)}
              readOnly={!editable}
              aria-invalid={invalid('triggerPrice')}
              onChange={(e) => update({ triggerText: e.target.value })}
              data-testid="ticket-trigger"
            />
          </label>
          <label className="ticket-field">
            <span>Disclosed qty</span>
            <input
              inputMode="numeric"
              value={form.disclosedText}
              placeholder="units"
              readOnly={!editable}
              aria-invalid={invalid('disclosedQuantity')}
              onChange={(e) => update({ disclosedText: e.target.value })}
              data-testid="ticket-disclosed"
            />
          </label>
        </div>
        <div className="ticket-errors">
          {fieldErrors('quantity', (t) => update({ quantityText: t }))}
          {fieldErrors('price', (t) => update({ priceText: t }))}
          {fieldErrors('triggerPrice', (t) => update({ triggerText: t }))}
          {fieldErrors('disclosedQuantity', (t) => update({ disclosedText: t }))}
          {validation.general.map((f, i) => (
            <div key={i} className={`ticket-finding sev-${f.severity}`} data-testid="ticket-error-general">{f.message}</div>
          ))}
        </div>

        {c.amo && !modifying && (
          <div className="ticket-row">
            <label className="check">
              <input type="checkbox" checked={form.amo} disabled={!editable} onChange={(e) => update({ amo: e.target.checked })} /> After-market order (AMO)
            </label>
            {form.amo && (
              <select value={form.amoTime} disabled={!editable} onChange={(e) => update({ amoTime: e.target.value as TicketForm['amoTime'] })} aria-label="AMO time">
                {AMO_TIMES.map((t) => (
                  <option key={t.value} value={t.value}>{t.label}</option>
                ))}
              </select>
            )}
          </div>
        )}

        {!modifying && (
          <div className="ticket-money num" data-testid="ticket-margin">
            <span>
              <span className="dim">Margin required </span>
              <span data-testid="ticket-margin-required">
                {margin.state === 'ok' ? formatRupees(margin.value.totalMargin) : margin.state === 'loading' ? '…' : margin.state === 'error' ? <span className="tone-warn" title={margin.message}>not available</span> : '—'}
              </span>
            </span>
            <span>
              <span className="dim">Available </span>
              <span data-testid="ticket-available">{funds ? formatRupees(funds.availableBalance) : margin.state === 'ok' ? formatRupees(margin.value.availableBalance) : '—'}</span>
            </span>
            {margin.state === 'ok' && margin.value.insufficientBalance > 0 && <span className="tone-bad">Short by {formatRupees(margin.value.insufficientBalance)}</span>}
          </div>
        )}
        {modifying && order && !isOpenStatus(order.status) && <div className="ticket-finding sev-block">Order {order.orderId} is {order.status}: it can no longer be modified.</div>}

        {phase === 'confirm' && (
          <div className="ticket-confirm" data-testid="ticket-confirm">
            {modifying ? 'Modify to' : 'Send'} {summary}? <strong>Enter</strong> to {modifying ? 'modify' : 'send'}, <strong>Esc</strong> to go back.
          </div>
        )}
        {phase === 'sending' && <div className="ticket-confirm dim">Sending…</div>}
        {phase === 'done' && (
          <div className={`ticket-outcome tone-box-${worstTone(lines)}`} data-testid="ticket-outcome" data-tone={worstTone(lines)}>
            {lines.map((l, i) => (
              <div key={i} className={`tone-${l.tone}`}>{l.text}</div>
            ))}
          </div>
        )}
      </div>

      <footer className="ticket-foot">
        {phase === 'done' ? (
          <button type="button" data-primary="true" onClick={close} data-testid="ticket-close">Close (Enter)</button>
        ) : (
          <button
            type="button"
            data-primary="true"
            className={buy ? 'btn-buy' : 'btn-sell'}
            disabled={!validation.ok || phase === 'sending'}
            onClick={primary}
            data-testid="ticket-submit"
          >
            {phase === 'confirm' ? 'Confirm' : modifying ? 'Modify' : buy ? 'Buy' : 'Sell'} <kbd>Enter</kbd>
          </button>
        )}
        {phase !== 'done' && (
          <button type="button" onClick={close}>Cancel <kbd>Esc</kbd></button>
        )}
        {!confirmOn && phase === 'edit' && <span className="dim">Confirmation is off (Settings)</span>}
      </footer>
    </div>
  );
}

/** A bridge-level failure of an order-changing request: unknown when it may have reached the broker. */
function bridgeFailure(error: BridgeError, what: string): OutcomeLine {
  if (mayHaveReached(error)) {
    return { tone: 'warn', text: `${what} outcome unknown (${error.message}). It was NOT sent again; check the order book, where it is being reconciled.` };
  }
  return { tone: 'bad', text: `${what} not sent: ${error.message}` };
}
