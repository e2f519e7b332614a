/**
 * The matching engine of the simulated exchange: order entry, validation and rejection, margin
 * blocking, matching against a `LiquiditySource`, stop triggers on LTP, IOC, DAY expiry at close,
 * after-market orders (AMO) queued until their release time, the order book, trade book,
 * positions and funds, and the status lifecycle as events.
 *
 * Statuses are Dhan's (seeds/002, "Orders", order book `orderStatus`): TRANSIT on receipt, PENDING
 * once accepted (also while a stop waits for its trigger, and while an AMO is queued), PART_TRADED,
 * TRADED, CANCELLED (by the user; IOC remainder; a MARKET order's remainder when the book runs dry;
 * INTRADAY orders at the auto square-off), REJECTED, EXPIRED (DAY orders still open at 15:30 IST).
 *
 * Matching rules:
 * - MARKET walks the book at any price; LIMIT walks it up to its price, partial fills across levels.
 * - A resting LIMIT also fills from market trade prints through or at its price (at its own price,
 *   up to the printed quantity), as a front-of-queue order would.
 * - STOP_LOSS / STOP_LOSS_MARKET trigger when LTP reaches the trigger (buy: LTP ≥ trigger, sell:
 *   LTP ≤ trigger), then behave as LIMIT / MARKET.
 * - Nothing matches outside the OPEN phase: orders entered in pre-open rest until 09:15 (the sim
 *   also accepts entries 09:08-09:15, which NSE does not, and treats them alike; there is no
 *   call-auction price discovery); while the market is CLOSED only AMOs are accepted. AMO release:
 *   PRE_OPEN 09:00, OPEN 09:15 (the default when `amoTime` is missing), OPEN_30 09:45, OPEN_60
 *   10:15 IST of the next session (immediately when the market is always open).
 * - DAY orders expire at 15:30 IST; with `alwaysOpen` there is no close and nothing expires.
 *
 * Intraday auto square-off (the broker's RMS; times per segment in square-off.ts, 15:20 IST for
 * NSE/BSE cash and F&O): at a segment's square-off time, first every open INTRADAY order of the
 * segment at the exchange is CANCELLED (reason "RMS: … auto square-off …"; queued AMOs of a later
 * session stay), then each open INTRADAY position of the segment is closed by a MARKET DAY order
 * for the opposite side and the open quantity, correlation id `SQROFF-<yymmdd>-<security id>`, that
 * fills against the book like any other order (order book, trade book, order events, realised
 * P&L, margin released). A remainder the book cannot absorb is cancelled like any MARKET order's
 * and the rest of the position stays open (no retry). From then until the close, an INTRADAY
 * order (or a modification, or a conversion into INTRADAY) that would open or add to an intraday
 * position in that segment is REJECTED (INTRADAY_SQUARE_OFF, DH-906); one that only reduces the
 * position (with the segment's other open INTRADAY orders on the same side) is accepted.
 * CNC, MARGIN and MTF are untouched. With `alwaysOpen` the day never closes: no square-off.
 *
 * Delivery and conversion:
 * - CNC buys become holdings at the day rollover (demat.ts: net CNC longs arrive as T1 stock at
 *   their cost, and T1 becomes demat stock one rollover later); the cash they cost leaves the
 *   balance then (until the rollover it is blocked as the position's 100 % margin). With
 *   `alwaysOpen` there is no rollover, so nothing reaches the demat account.
 * - A CNC SELL of held stock needs no margin (it is not a short sale): the held quantity not yet
 *   claimed by other open CNC sells counts as reducing, like an open long. Its fills first close
 *   the day's CNC long, then draw the rest from the holding, which is brought into the CNC
 *   position at the holding's cost (carry forward) and sold, booking realised P&L against that
 *   cost; the holding's cost comes back to the balance as cash.
 * - `convertPosition` moves open quantity between products (INTRADAY ↔ CNC for equity, INTRADAY ↔
 *   MARGIN for derivatives; any pair the instrument allows) at cost during market hours; margin is
 *   re-computed from the new products (refused when the balance cannot carry it). Refused: no such
 *   open position or less than asked, a short into CNC, a target position on the other side.
 *
 * Time is injected (`advanceTo`); there are no timers. It does not depend on the simulated price
 * process: any LiquiditySource will do. Source: issue 4, "Matching engine"; seeds/002 "Orders".
 */

import type { ExchangeSegment } from '../../../shared/instruments';
import type { InstrumentRef } from '../../../shared/market';
import type { ConvertPositionRequest, Funds, Holding, Position } from '../../../shared/portfolio';
import type { AmoTime, ModifyOrderRequest, Order, OrderSide, OrderStatus, OrderType, PlaceOrderRequest, ProductType, Trade, Validity } from '../../../shared/orders';
import { isOnTick } from '../../../shared/price';
import {
  CLOSE_MIN,
  OPEN_MIN,
  PRE_OPEN_START_MIN,
  isTradingDay,
  istDay,
  istMinuteOfDay,
  istTimeMs,
  marketPhase,
  nextPhaseChange,
  type MarketPhase,
} from '../market-hours';
import type { SimContract } from '../sim-instrument';
import { isIndex, marginFor, productAllowed } from './margin';
import { DematAccount } from './demat';
import { PositionBook } from './positions';
import { MAX_MODIFICATIONS, reject, type Rejection } from './rejections';
import { EARLIEST_SQUARE_OFF_MIN, clockOf, nextSquareOffMs, squareOffCorrelationId, squareOffMinute } from './square-off';
import type { ContractLookup, ConversionResult, EngineEvent, EngineResult, FillInfo, LiquiditySource } from './types';

/** Options of `createMatchingEngine`. */
export interface MatchingEngineOptions {
  readonly contracts: ContractLookup;
  readonly liquidity: LiquiditySource;
  /** Engine time at start, epoch ms UTC. */
  readonly startTimeMs: number;
  /** Every instant is OPEN. */
  readonly alwaysOpen?: boolean;
  /** Opening cash limit, rupees (default ₹10,00,000). */
  readonly startOfDayLimit?: number;
  /** First order number (default 1); ids are `112` + 9 digits. */
  readonly firstOrderNumber?: number;
}

const ORDER_TYPES: readonly OrderType[] = ['LIMIT', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_MARKET'];
const VALIDITIES: readonly Validity[] = ['DAY', 'IOC'];
const PRODUCTS: readonly ProductType[] = ['CNC', 'INTRADAY', 'MARGIN', 'MTF', 'CO', 'BO'];
const AMO_MINUTE: Record<AmoTime, number> = { PRE_OPEN: PRE_OPEN_START_MIN, OPEN: OPEN_MIN, OPEN_30: OPEN_MIN + 30, OPEN_60: OPEN_MIN + 60 };

interface OrderRec {
  readonly orderId: string;
  exchangeOrderId: string | null;
  readonly correlationId: string | null;
  status: OrderStatus;
  readonly contract: SimContract;
  readonly side: OrderSide;
  readonly product: ProductType;
  orderType: OrderType;
  validity: Validity;
  quantity: number;
  filled: number;
  filledValue: number;
  price: number;
  triggerPrice: number;
  disclosedQuantity: number;
  readonly afterMarketOrder: boolean;
  readonly createdAtMs: number;
  updatedAtMs: number;
  exchangeTimeMs: number | null;
  rejectionReason: string | null;
  rejectionCode: string | null;
  modifications: number;
  triggered: boolean;
  /** AMO waiting for release at this time (epoch ms), or null once at the exchange. */
  releaseAtMs: number | null;
  /** Margin blocked for the open remainder, rupees. */
  blocked: number;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const r2 = (x: number) => Math.round(x * 100) / 100;
const isOpen = (s: OrderStatus) => s === 'TRANSIT' || s === 'PENDING' || s === 'PART_TRADED';

/** The engine. Create with `createMatchingEngine`. */
export class MatchingEngine {
  private readonly orders = new Map<string, OrderRec>();
  /** Open orders in time priority (insertion order); finished orders leave it. */
  private readonly working = new Set<OrderRec>();
  private readonly byCorrelation = new Map<string, string[]>();
  private readonly trades: Trade[] = [];
  private readonly positions = new PositionBook();
  private readonly demat = new DematAccount();
  /** Cash moved by delivery today (holdings sold at cost, minus CNC buys delivered), rupees. */
  private cash = 0;
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  private nowMs: number;
  private phase: MarketPhase;
  private seq: number;
  private tradeSeq = 0;
  private sod: number;
  private busy = 0;
  private readonly dirty = new Set<string>();
  /** IST day of the last intraday square-off run, per segment. */
  private readonly squaredOffDay = new Map<ExchangeSegment, number>();
  readonly alwaysOpen: boolean;

  constructor(private readonly opts: MatchingEngineOptions) {
    this.nowMs = opts.startTimeMs;
    this.alwaysOpen = opts.alwaysOpen ?? false;
    this.phase = marketPhase(this.nowMs, this.alwaysOpen);
    this.seq = (opts.firstOrderNumber ?? 1) - 1;
    this.sod = opts.startOfDayLimit ?? 1_000_000;
  }

  // ------------------------------------------------------------ events and views

  /** Listens to order and trade events; returns a function that stops listening. */
  onEvent(listener: (e: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Exceptions thrown by event listeners (caught and counted: the engine's state stays whole). */
  listenerErrors = 0;

  private emit(e: EngineEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        this.listenerErrors++;
      }
    }
  }

  private emitOrder(rec: OrderRec, fill: FillInfo | null = null): void {
    this.emit({ kind: 'order', order: this.view(rec), fill });
  }

  private view(rec: OrderRec): Order {
    const c = rec.contract;
    return {
      orderId: rec.orderId,
      exchangeOrderId: rec.exchangeOrderId,
      correlationId: rec.correlationId,
      status: rec.status,
      instrument: { segment: c.segment, securityId: c.securityId },
      symbol: c.tradingSymbol,
      side: rec.side,
      product: rec.product,
      orderType: rec.orderType,
      validity: rec.validity,
      quantity: rec.quantity,
      filledQuantity: rec.filled,
      remainingQuantity: isOpen(rec.status) ? rec.quantity - rec.filled : 0,
      price: rec.price,
      triggerPrice: rec.triggerPrice,
      averageTradedPrice: rec.filled > 0 ? r2(rec.filledValue / rec.filled) : 0,
      disclosedQuantity: rec.disclosedQuantity,
      afterMarketOrder: rec.afterMarketOrder,
      leg: null,
      expiryDate: c.expiry,
      optionType: c.optionType,
      strikePrice: c.strike,
      createdAtMs: rec.createdAtMs,
      updatedAtMs: rec.updatedAtMs,
      exchangeTimeMs: rec.exchangeTimeMs,
      rejectionReason: rec.rejectionReason,
      rejectionCode: rec.rejectionCode,
    };
  }

  /** Engine time, epoch ms UTC. */
  now(): number {
    return this.nowMs;
  }

  /** Market phase at engine time. */
  marketPhase(): MarketPhase {
    return this.phase;
  }

  /** The order book of the day, oldest first. */
  orderBook(): Order[] {
    return [...this.orders.values()].map((r) => this.view(r));
  }

  /** One order by id, or undefined. */
  order(orderId: string): Order | undefined {
    const r = this.orders.get(orderId);
    return r && this.view(r);
  }

  /** Orders carrying a correlation id, oldest first (Dhan `GET /orders/external/{correlation-id}`). */
  ordersByCorrelationId(correlationId: string): Order[] {
    return (this.byCorrelation.get(correlationId) ?? []).map((id) => this.view(this.orders.get(id)!));
  }

  /** The trade book of the day, oldest first; or the trades of one order. */
  tradeBook(orderId?: string): Trade[] {
    return orderId === undefined ? [...this.trades] : this.trades.filter((t) => t.orderId === orderId);
  }

  /** Positions with unrealised P&L at the liquidity source's LTP. */
  positionBook(): Position[] {
    return this.positions.list((ref) => this.opts.liquidity.top(ref)?.ltp ?? NaN);
  }

  private positionMargin(): number {
    let s = 0;
    for (const p of this.positions.open()) s += marginFor(p.contract, p.product, p.side, p.quantity, p.cost);
    return s;
  }

  private blockedTotal(): number {
    let s = 0;
    for (const r of this.working) s += r.blocked;
    return s;
  }

  private available(): number {
    return this.sod + this.cash + this.positions.realised() - this.blockedTotal() - this.positionMargin();
  }

  /** Demat holdings (see the file comment), rupees to 2 decimals. */
  holdings(): Holding[] {
    return this.demat.list();
  }

  /**
   * Funds (Dhan fund limit, clean names): available = opening limit + realised P&L − margin blocked
   * for open orders − margin of open positions; utilised = blocked + position margin. Unrealised P&L
   * is not credited (conservative). Rupees, 2 decimals.
   */
  funds(): Funds {
    const blocked = this.blockedTotal();
    const used = this.positionMargin();
    const available = r2(this.sod + this.cash + this.positions.realised() - blocked - used);
    return {
      availableBalance: available,
      startOfDayLimit: r2(this.sod),
      collateralAmount: 0,
      receivableAmount: 0,
      utilisedAmount: r2(blocked + used),
      blockedPayoutAmount: 0,
      withdrawableBalance: Math.max(0, available),
    };
  }

  // ------------------------------------------------------------ time

  /**
   * Moves engine time to `nowMs` (epoch ms UTC; never backwards), handling every session boundary
   * and AMO release on the way, then matches what became marketable. Ignored while the engine is
   * inside one of its own operations (a liquidity source printing our fill back to us).
   */
  advanceTo(nowMs: number): void {
    if (this.busy > 0) return; // called back from inside our own fill: time catches up afterwards
    while (this.nowMs < nowMs) {
      const next = Math.min(nowMs, nextPhaseChange(this.nowMs, this.alwaysOpen), this.nextRelease(), nextSquareOffMs(this.nowMs, this.alwaysOpen));
      this.nowMs = next;
      const phase = marketPhase(this.nowMs, this.alwaysOpen);
      if (phase !== this.phase) this.enterPhase(phase);
      this.releaseDue();
      this.squareOffDue();
    }
    this.sweep();
  }

  private nextRelease(): number {
    let t = Infinity;
    for (const r of this.working) if (r.releaseAtMs !== null && isOpen(r.status) && r.releaseAtMs > this.nowMs) t = Math.min(t, r.releaseAtMs);
    return t;
  }

  private enterPhase(phase: MarketPhase): void {
    const prev = this.phase;
    this.phase = phase;
    if (prev === 'OPEN' && phase === 'CLOSED') this.expireDayOrders();
    if (phase === 'PRE_OPEN' || (phase === 'OPEN' && prev === 'CLOSED')) this.rollDay();
  }

  /** Day rollover: settlement, delivery of CNC longs, realised P&L and cash into the opening balance. */
  private rollDay(): void {
    this.demat.settle();
    for (const d of this.positions.deliverCnc()) {
      this.demat.deliver(d.contract, d.quantity, d.cost);
      this.cash -= d.quantity * d.cost;
    }
    this.sod += this.positions.rollDay() + this.cash;
    this.cash = 0;
  }

  private expireDayOrders(): void {
    for (const r of this.working) {
      if (!isOpen(r.status) || r.releaseAtMs !== null) continue;
      this.finish(r, 'EXPIRED');
    }
  }

  private releaseDue(): void {
    for (const r of this.working) {
      if (r.releaseAtMs === null || !isOpen(r.status) || r.releaseAtMs > this.nowMs) continue;
      r.releaseAtMs = null;
      r.exchangeOrderId = this.exchangeId(r);
      r.exchangeTimeMs = this.nowMs;
      r.updatedAtMs = this.nowMs;
      this.emitOrder(r);
    }
  }

  // ------------------------------------------------------------ intraday auto square-off

  /** Square-off minute of the segment when engine time is at or past it in the OPEN phase, else null. */
  private pastSquareOff(segment: ExchangeSegment): number | null {
    if (this.alwaysOpen || this.phase !== 'OPEN') return null;
    const m = squareOffMinute(segment);
    return m !== null && istMinuteOfDay(this.nowMs) >= m ? m : null;
  }

  /** Runs the square-off of every segment whose time has come today and has not run yet. */
  private squareOffDue(): void {
    if (this.alwaysOpen || this.phase !== 'OPEN' || istMinuteOfDay(this.nowMs) < EARLIEST_SQUARE_OFF_MIN) return;
    const day = istDay(this.nowMs);
    const segments = new Set<ExchangeSegment>();
    for (const r of this.working) segments.add(r.contract.segment);
    for (const p of this.positions.open()) segments.add(p.contract.segment);
    for (const seg of segments) {
      const m = this.pastSquareOff(seg);
      if (m === null || this.squaredOffDay.get(seg) === day) continue;
      this.squaredOffDay.set(seg, day);
      this.squareOff(seg, m);
    }
  }

  /** The RMS square-off of one segment (see the file comment): cancel, then close with MARKET orders. */
  private squareOff(segment: ExchangeSegment, minute: number): void {
    const at = clockOf(minute);
    for (const r of [...this.working]) {
      if (r.product !== 'INTRADAY' || r.contract.segment !== segment || !isOpen(r.status) || r.releaseAtMs !== null) continue;
      this.finish(r, 'CANCELLED', `RMS: Intraday order cancelled at the auto square-off time ${at} IST (${segment})`);
    }
    for (const p of this.positions.open()) {
      if (p.product !== 'INTRADAY' || p.contract.segment !== segment) continue;
      this.placeOrder({
        instrument: { segment: p.contract.segment, securityId: p.contract.securityId },
        side: p.side === 'BUY' ? 'SELL' : 'BUY',
        quantity: p.quantity,
        product: 'INTRADAY',
        orderType: 'MARKET',
        validity: 'DAY',
        correlationId: squareOffCorrelationId(p.contract.securityId, this.nowMs),
      });
    }
  }

  /**
   * Refusal of an INTRADAY order (or modification) of `quantity` more units on `side` after the
   * segment's square-off time, unless it only reduces the open intraday position together with the
   * other open INTRADAY orders on that side (`except` aside); null when allowed.
   */
  private squareOffRefusal(c: SimContract, product: ProductType, side: OrderSide, quantity: number, except: OrderRec | null = null): Rejection | null {
    if (product !== 'INTRADAY') return null;
    const m = this.pastSquareOff(c.segment);
    if (m === null) return null;
    const net = this.positions.net(c, 'INTRADAY');
    let reducible = side === 'BUY' ? Math.max(0, -net) : Math.max(0, net);
    for (const o of this.working) {
      if (o !== except && o.contract === c && o.product === 'INTRADAY' && o.side === side && isOpen(o.status)) reducible -= o.quantity - o.filled;
    }
    if (quantity <= reducible) return null;
    return reject(
      'INTRADAY_SQUARE_OFF',
      `RMS: Intraday auto square-off time ${clockOf(m)} IST has passed for ${c.segment}: INTRADAY orders may only reduce an open intraday position (${side} ${quantity} ${c.tradingSymbol} would open or add to one); use CNC, MARGIN or MTF`,
    );
  }

  /** When an AMO placed now goes to the exchange (epoch ms). */
  private releaseTime(amo: AmoTime): number {
    if (this.alwaysOpen) return this.nowMs;
    let day = istDay(this.nowMs);
    const minute = AMO_MINUTE[amo];
    if (!isTradingDay(day) || istMinuteOfDay(this.nowMs) >= CLOSE_MIN) day++;
    while (!isTradingDay(day)) day++;
    return Math.max(this.nowMs, istTimeMs(day, minute));
  }

  // ------------------------------------------------------------ market input

  /**
   * A trade printed in the market (not by this engine): checks stops against the new LTP and fills
   * resting limit orders the print went through or touched. Prices rupees, quantity units.
   */
  onMarketTrade(instrument: InstrumentRef, price: number, quantity: number): void {
    const key = `${instrument.segment}:${instrument.securityId}`;
    if (this.busy > 0) {
      this.dirty.add(key); // our own fill printing: only re-check stops afterwards
      return;
    }
    if (this.phase !== 'OPEN') return;
    this.busy++;
    try {
      let left = quantity;
      for (const r of this.working) {
        if (left <= 0) break;
        if (!this.activeFor(r, key)) continue;
        if (this.isStop(r) && !r.triggered) continue;
        if (r.orderType === 'MARKET' || r.orderType === 'STOP_LOSS_MARKET') continue;
        const through = r.side === 'BUY' ? price <= r.price : price >= r.price;
        if (!through) continue;
        const q = Math.min(left, r.quantity - r.filled);
        this.fill(r, [{ price: r.price, quantity: q }]);
        left -= q;
      }
    } finally {
      this.busy--;
    }
    this.sweep();
  }

  private activeFor(r: OrderRec, key: string): boolean {
    return isOpen(r.status) && r.releaseAtMs === null && `${r.contract.segment}:${r.contract.securityId}` === key;
  }

  private isStop(r: OrderRec): boolean {
    return r.orderType === 'STOP_LOSS' || r.orderType === 'STOP_LOSS_MARKET';
  }

  /** Re-checks every working order: triggers stops on LTP and executes what is marketable. */
  sweep(): void {
    if (this.phase !== 'OPEN' || this.busy > 0) return;
    this.dirty.clear();
    for (const r of [...this.working]) {
      if (!isOpen(r.status) || r.releaseAtMs !== null) continue;
      this.work(r);
    }
    if (this.dirty.size > 0) this.sweep();
  }

  /** Tries to execute one working order now. */
  private work(r: OrderRec): void {
    const top = this.opts.liquidity.top(r.contract);
    if (this.isStop(r) && !r.triggered) {
      const ltp = top?.ltp ?? NaN;
      if (!(r.side === 'BUY' ? ltp >= r.triggerPrice : ltp <= r.triggerPrice)) return;
      r.triggered = true;
      r.updatedAtMs = this.nowMs;
      this.emitOrder(r);
    }
    const market = r.orderType === 'MARKET' || r.orderType === 'STOP_LOSS_MARKET';
    this.busy++;
    let fills: readonly { price: number; quantity: number }[] = [];
    try {
      fills = this.opts.liquidity.take(r.contract, r.side, r.quantity - r.filled, market ? null : r.price);
    } finally {
      this.busy--;
    }
    if (fills.length > 0) this.fill(r, fills);
    if (!isOpen(r.status)) return;
    if (market) this.finish(r, 'CANCELLED', 'Market order remainder cancelled: no more liquidity in the book');
    else if (r.validity === 'IOC') this.finish(r, 'CANCELLED', 'IOC order remainder cancelled');
  }

  private exchangeId(r: OrderRec): string {
    return `1100000000${r.orderId.slice(-6)}`;
  }

  private fill(r: OrderRec, fills: readonly { price: number; quantity: number }[]): void {
    for (const f of fills) {
      if (f.quantity <= 0) continue;
      r.filled += f.quantity;
      r.filledValue += f.price * f.quantity;
      r.updatedAtMs = this.nowMs;
      r.status = r.filled >= r.quantity ? 'TRADED' : 'PART_TRADED';
      if (r.status === 'TRADED') this.working.delete(r);
      if (r.product === 'CNC' && r.side === 'SELL') this.drawHolding(r.contract, f.quantity);
      this.positions.apply(r.contract, r.product, r.side, f.quantity, f.price);
      // the position changed: re-price the margin of every open order on it (reducing parts need none)
      for (const o of this.working) if (o.product === r.product && o.contract === r.contract) this.reblock(o);
      if (r.status === 'TRADED') r.blocked = 0;
      const trade: Trade = {
        orderId: r.orderId,
        exchangeOrderId: r.exchangeOrderId,
        tradeId: `${pad(++this.tradeSeq, 8)}`,
        instrument: { segment: r.contract.segment, securityId: r.contract.securityId },
        symbol: r.contract.tradingSymbol,
        side: r.side,
        product: r.product,
        orderType: r.orderType,
        quantity: f.quantity,
        price: f.price,
        tradeTimeMs: this.nowMs,
        expiryDate: r.contract.expiry,
        optionType: r.contract.optionType,
        strikePrice: r.contract.strike,
      };
      this.trades.push(trade);
      this.emit({ kind: 'trade', trade });
      this.emitOrder(r, { tradeId: trade.tradeId, price: f.price, quantity: f.quantity });
    }
  }

  /** A CNC sale of `quantity`: what the day's CNC long does not cover comes out of the holding. */
  private drawHolding(contract: SimContract, quantity: number): void {
    const net = this.positions.net(contract, 'CNC');
    if (net < 0) return;
    const taken = this.demat.take(contract, quantity - Math.min(quantity, net));
    if (taken.quantity <= 0) return;
    this.positions.carryIn(contract, 'CNC', taken.quantity, taken.cost);
    this.cash += taken.quantity * taken.cost;
  }

  private finish(r: OrderRec, status: 'CANCELLED' | 'EXPIRED', reason: string | null = null): void {
    r.status = status;
    this.working.delete(r);
    r.updatedAtMs = this.nowMs;
    if (reason !== null) r.rejectionReason = reason;
    r.blocked = 0;
    this.emitOrder(r);
  }

  // ------------------------------------------------------------ margin

  /** Reference price for margin: limit, else trigger, else the opposite best price, else LTP. */
  private refPrice(contract: SimContract, side: OrderSide, orderType: OrderType, price: number, trigger: number): number {
    if (orderType === 'LIMIT' || orderType === 'STOP_LOSS') return price;
    if (orderType === 'STOP_LOSS_MARKET') return trigger;
    const top = this.opts.liquidity.top(contract);
    const opp = side === 'BUY' ? top?.ask : top?.bid;
    return opp !== undefined && Number.isFinite(opp) ? opp : top?.ltp ?? 0;
  }

  /**
   * Margin for `qty` more units of an order, counting only what increases the position (for a CNC
   * sell, held stock not claimed by other open CNC sells, `except` aside, also reduces).
   */
  private marginNeed(contract: SimContract, product: ProductType, side: OrderSide, qty: number, price: number, except: OrderRec | null = null): number {
    const net = this.positions.net(contract, product);
    let reducing = side === 'BUY' ? Math.max(0, -net) : Math.max(0, net);
    if (product === 'CNC' && side === 'SELL' && net >= 0) {
      let claimed = 0;
      for (const o of this.working) {
        if (o !== except && o.contract === contract && o.product === 'CNC' && o.side === 'SELL') claimed += o.quantity - o.filled;
      }
      reducing = Math.max(0, net + this.demat.quantity(contract) - claimed);
    }
    return marginFor(contract, product, side, Math.max(0, qty - reducing), price);
  }

  private reblock(r: OrderRec): void {
    r.blocked = isOpen(r.status)
      ? this.marginNeed(r.contract, r.product, r.side, r.quantity - r.filled, this.refPrice(r.contract, r.side, r.orderType, r.price, r.triggerPrice), r)
      : 0;
  }

  // ------------------------------------------------------------ order entry

  private nextOrderId(): string {
    return `112${pad(++this.seq, 9)}`;
  }

  /** Request-level checks (DH-905): fields present and sane, security id known. */
  private checkInput(req: PlaceOrderRequest): Rejection | SimContract {
    if (!req || !req.instrument || typeof req.instrument.securityId !== 'string') return reject('MISSING_FIELD', 'securityId and exchangeSegment are required');
    if (req.side !== 'BUY' && req.side !== 'SELL') return reject('BAD_VALUE', `transactionType must be BUY or SELL, not ${String(req.side)}`);
    if (!ORDER_TYPES.includes(req.orderType)) return reject('BAD_VALUE', `orderType ${String(req.orderType)} is not one of ${ORDER_TYPES.join(', ')}`);
    if (!VALIDITIES.includes(req.validity)) return reject('BAD_VALUE', `validity ${String(req.validity)} is not DAY or IOC`);
    if (!PRODUCTS.includes(req.product)) return reject('BAD_VALUE', `productType ${String(req.product)} is not one of ${PRODUCTS.join(', ')}`);
    if (!Number.isInteger(req.quantity) || req.quantity <= 0) return reject('BAD_VALUE', `quantity must be a whole number above 0, not ${String(req.quantity)}`);
    const contract = this.opts.contracts(req.instrument);
    if (!contract) return reject('UNKNOWN_SECURITY_ID', `Invalid securityId: ${req.instrument.securityId} is not an instrument of ${req.instrument.segment}`);
    if ((req.orderType === 'LIMIT' || req.orderType === 'STOP_LOSS') && !(typeof req.price === 'number' && req.price > 0)) {
      return reject('MISSING_FIELD', `price is required for a ${req.orderType} order`);
    }
    if ((req.orderType === 'STOP_LOSS' || req.orderType === 'STOP_LOSS_MARKET') && !(typeof req.triggerPrice === 'number' && req.triggerPrice > 0)) {
      return reject('MISSING_TRIGGER_PRICE', `triggerPrice is required for a ${req.orderType} order`);
    }
    return contract;
  }

  /** Exchange/RMS checks of an order's terms (DH-906), without funds. */
  private checkTerms(
    c: SimContract,
    product: ProductType,
    side: OrderSide,
    orderType: OrderType,
    quantity: number,
    price: number,
    trigger: number,
  ): Rejection | null {
    if (isIndex(c)) return reject('NOT_TRADABLE', `${c.tradingSymbol} is an index: it can be watched, not traded`);
    if (!productAllowed(c, product)) return reject('PRODUCT_NOT_ALLOWED', `Product ${product} is not allowed for ${c.tradingSymbol} (${c.instrumentType})`);
    if (quantity % c.lotSize !== 0) return reject('QUANTITY_NOT_LOT_MULTIPLE', `Quantity ${quantity} is not a multiple of the lot size ${c.lotSize} of ${c.tradingSymbol}`);
    const limitUsed = orderType === 'LIMIT' || orderType === 'STOP_LOSS';
    if (limitUsed && !isOnTick(price, c.tickSize)) return reject('PRICE_OFF_TICK', `Price ${price} is not a multiple of the tick size ${c.tickSize} of ${c.tradingSymbol}`);
    const stop = orderType === 'STOP_LOSS' || orderType === 'STOP_LOSS_MARKET';
    if (stop && !isOnTick(trigger, c.tickSize)) return reject('PRICE_OFF_TICK', `Trigger price ${trigger} is not a multiple of the tick size ${c.tickSize} of ${c.tradingSymbol}`);
    if (orderType === 'STOP_LOSS' && (side === 'BUY' ? price < trigger : price > trigger)) {
      return reject('TRIGGER_PRICE_SIDE', `For a ${side} stop-loss the limit price ${price} must be ${side === 'BUY' ? 'at or above' : 'at or below'} the trigger price ${trigger}`);
    }
    return null;
  }

  /**
   * Places an order. Returns the order (TRANSIT → PENDING, and possibly already PART_TRADED,
   * TRADED or CANCELLED for IOC/MARKET), or a refusal (see rejections.ts for which refusals
   * record a REJECTED order). Never throws for bad input.
   */
  placeOrder(req: PlaceOrderRequest): EngineResult {
    const checked = this.checkInput(req);
    if ('reason' in checked) return { ok: false, rejection: checked, order: null };
    const c = checked;
    const price = req.orderType === 'LIMIT' || req.orderType === 'STOP_LOSS' ? req.price! : 0;
    const trigger = req.orderType === 'STOP_LOSS' || req.orderType === 'STOP_LOSS_MARKET' ? req.triggerPrice! : 0;
    const amo = req.afterMarketOrder === true;
    const rec: OrderRec = {
      orderId: this.nextOrderId(),
      exchangeOrderId: null,
      correlationId: req.correlationId ?? null,
      status: 'TRANSIT',
      contract: c,
      side: req.side,
      product: req.product,
      orderType: req.orderType,
      validity: req.validity,
      quantity: req.quantity,
      filled: 0,
      filledValue: 0,
      price,
      triggerPrice: trigger,
      disclosedQuantity: req.disclosedQuantity ?? 0,
      afterMarketOrder: amo,
      createdAtMs: this.nowMs,
      updatedAtMs: this.nowMs,
      exchangeTimeMs: null,
      rejectionReason: null,
      rejectionCode: null,
      modifications: 0,
      triggered: false,
      releaseAtMs: null,
      blocked: 0,
    };
    this.orders.set(rec.orderId, rec);
    if (rec.correlationId !== null) {
      const list = this.byCorrelation.get(rec.correlationId) ?? [];
      list.push(rec.orderId);
      this.byCorrelation.set(rec.correlationId, list);
    }
    this.emitOrder(rec);

    let refusal = this.checkTerms(c, req.product, req.side, req.orderType, req.quantity, price, trigger);
    if (!refusal && this.phase === 'CLOSED' && !amo) {
      refusal = reject('MARKET_CLOSED', 'Market is closed: place the order as an after market order (AMO)');
    }
    if (!refusal) refusal = this.squareOffRefusal(c, req.product, req.side, req.quantity);
    const need = refusal ? 0 : this.marginNeed(c, req.product, req.side, req.quantity, this.refPrice(c, req.side, req.orderType, price, trigger));
    const avail = this.available();
    if (!refusal && need > avail + 1e-9) {
      refusal = reject('INSUFFICIENT_FUNDS', `RMS: Margin exceeds: required ₹${need.toFixed(2)}, available ₹${r2(avail).toFixed(2)} (insufficient funds)`);
    }
    if (refusal) {
      rec.status = 'REJECTED';
      rec.rejectionReason = refusal.errorMessage;
      rec.rejectionCode = refusal.errorCode;
      this.emitOrder(rec);
      return { ok: false, rejection: refusal, order: this.view(rec) };
    }
    rec.blocked = need;
    rec.status = 'PENDING';
    this.working.add(rec);
    if (amo && this.phase === 'CLOSED') {
      rec.releaseAtMs = this.releaseTime(req.amoTime ?? 'OPEN');
    } else {
      rec.exchangeOrderId = this.exchangeId(rec);
      rec.exchangeTimeMs = this.nowMs;
    }
    this.emitOrder(rec);
    if (rec.releaseAtMs === null && this.phase === 'OPEN' && this.busy === 0) {
      this.work(rec);
      this.sweep();
    }
    return { ok: true, order: this.view(rec) };
  }

  /**
   * Modifies an open order (price, quantity, order type, validity, trigger, disclosed quantity).
   * Refused after 25 modifications, for a closed order, or when the new terms fail the checks;
   * a refused modification leaves the order unchanged.
   */
  modifyOrder(req: ModifyOrderRequest): EngineResult {
    const r = this.orders.get(req?.orderId);
    if (!r) return { ok: false, rejection: reject('UNKNOWN_ORDER', `Invalid order id ${String(req?.orderId)}`), order: null };
    if (!isOpen(r.status)) return { ok: false, rejection: reject('ORDER_NOT_OPEN', `Order ${r.orderId} is ${r.status} and can no longer be modified`), order: this.view(r) };
    if (r.modifications >= MAX_MODIFICATIONS) {
      return { ok: false, rejection: reject('MODIFICATION_LIMIT', `Order ${r.orderId} has been modified ${r.modifications} times: at most ${MAX_MODIFICATIONS} modifications are allowed per order`), order: this.view(r) };
    }
    const orderType = req.orderType ?? r.orderType;
    const validity = req.validity ?? r.validity;
    if (!ORDER_TYPES.includes(orderType)) return { ok: false, rejection: reject('BAD_VALUE', `orderType ${String(orderType)} is not one of ${ORDER_TYPES.join(', ')}`), order: this.view(r) };
    if (!VALIDITIES.includes(validity)) return { ok: false, rejection: reject('BAD_VALUE', `validity ${String(validity)} is not DAY or IOC`), order: this.view(r) };
    const quantity = req.quantity ?? r.quantity;
    if (!Number.isInteger(quantity) || quantity <= 0) return { ok: false, rejection: reject('BAD_VALUE', `quantity must be a whole number above 0, not ${String(quantity)}`), order: this.view(r) };
    if (quantity <= r.filled) return { ok: false, rejection: reject('QUANTITY_BELOW_FILLED', `New quantity ${quantity} must exceed the ${r.filled} already traded`), order: this.view(r) };
    const limitUsed = orderType === 'LIMIT' || orderType === 'STOP_LOSS';
    const stop = orderType === 'STOP_LOSS' || orderType === 'STOP_LOSS_MARKET';
    const price = limitUsed ? req.price ?? r.price : 0;
    if (limitUsed && !(price > 0)) return { ok: false, rejection: reject('MISSING_FIELD', `price is required for a ${orderType} order`), order: this.view(r) };
    const trigger = stop ? req.triggerPrice ?? r.triggerPrice : 0;
    if (stop && !(trigger > 0)) return { ok: false, rejection: reject('MISSING_TRIGGER_PRICE', `triggerPrice is required for a ${orderType} order`), order: this.view(r) };
    const terms = this.checkTerms(r.contract, r.product, r.side, orderType, quantity, price, trigger) ?? (quantity > r.quantity ? this.squareOffRefusal(r.contract, r.product, r.side, quantity - r.filled, r) : null);
    if (terms) return { ok: false, rejection: terms, order: this.view(r) };
    const need = this.marginNeed(r.contract, r.product, r.side, quantity - r.filled, this.refPrice(r.contract, r.side, orderType, price, trigger), r);
    const avail = this.available() + r.blocked;
    if (need > avail + 1e-9) {
      return { ok: false, rejection: reject('INSUFFICIENT_FUNDS', `RMS: Margin exceeds: required ₹${need.toFixed(2)}, available ₹${r2(avail).toFixed(2)} (insufficient funds)`), order: this.view(r) };
    }
    r.orderType = orderType;
    r.validity = validity;
    r.quantity = quantity;
    r.price = price;
    if (stop && trigger !== r.triggerPrice) r.triggered = false;
    r.triggerPrice = trigger;
    if (req.disclosedQuantity !== undefined) r.disclosedQuantity = req.disclosedQuantity;
    r.modifications++;
    r.updatedAtMs = this.nowMs;
    r.blocked = need;
    this.emitOrder(r);
    if (r.releaseAtMs === null && this.phase === 'OPEN' && this.busy === 0) {
      this.work(r);
      this.sweep();
    }
    return { ok: true, order: this.view(r) };
  }

  /** Cancels an open order and releases its margin. */
  cancelOrder(orderId: string): EngineResult {
    const r = this.orders.get(orderId);
    if (!r) return { ok: false, rejection: reject('UNKNOWN_ORDER', `Invalid order id ${String(orderId)}`), order: null };
    if (!isOpen(r.status)) return { ok: false, rejection: reject('ORDER_NOT_OPEN', `Order ${r.orderId} is ${r.status} and can no longer be cancelled`), order: this.view(r) };
    this.finish(r, 'CANCELLED');
    return { ok: true, order: this.view(r) };
  }

  /**
   * Converts open quantity of a position from one product to another (see the file comment).
   * Never throws for bad input; a refusal changes nothing. Source: seeds/002 "Convert Position".
   */
  convertPosition(req: ConvertPositionRequest): ConversionResult {
    const no = (rejection: Rejection): ConversionResult => ({ ok: false, rejection });
    if (!req || !req.instrument || typeof req.instrument.securityId !== 'string') return no(reject('MISSING_FIELD', 'securityId and exchangeSegment are required'));
    if (!PRODUCTS.includes(req.fromProduct)) return no(reject('BAD_VALUE', `fromProductType ${String(req.fromProduct)} is not one of ${PRODUCTS.join(', ')}`));
    if (!PRODUCTS.includes(req.toProduct)) return no(reject('BAD_VALUE', `toProductType ${String(req.toProduct)} is not one of ${PRODUCTS.join(', ')}`));
    if (req.positionType !== 'LONG' && req.positionType !== 'SHORT') return no(reject('BAD_VALUE', `positionType must be LONG or SHORT, not ${String(req.positionType)}`));
    if (!Number.isInteger(req.quantity) || req.quantity <= 0) return no(reject('BAD_VALUE', `convertQty must be a whole number above 0, not ${String(req.quantity)}`));
    const c = this.opts.contracts(req.instrument);
    if (!c) return no(reject('UNKNOWN_SECURITY_ID', `Invalid securityId: ${req.instrument.securityId} is not an instrument of ${req.instrument.segment}`));
    const { fromProduct: from, toProduct: to, quantity } = req;
    const what = `${req.positionType} ${from} position in ${c.tradingSymbol}`;
    if (from === to) return no(reject('CONVERSION_NOT_ALLOWED', `The position is already ${to}: choose another product to convert to`));
    if (!productAllowed(c, to)) return no(reject('PRODUCT_NOT_ALLOWED', `Product ${to} is not allowed for ${c.tradingSymbol} (${c.instrumentType})`));
    if (this.phase !== 'OPEN' && this.phase !== 'PRE_OPEN' && this.phase !== 'PRE_OPEN_BUFFER') return no(reject('MARKET_CLOSED', 'Market is closed: positions can be converted during market hours'));
    const late = to === 'INTRADAY' ? this.pastSquareOff(c.segment) : null;
    if (late !== null) {
      return no(reject('INTRADAY_SQUARE_OFF', `RMS: Intraday auto square-off time ${clockOf(late)} IST has passed for ${c.segment}: positions can no longer be converted to INTRADAY`));
    }
    const net = this.positions.net(c, from);
    const open = req.positionType === 'LONG' ? Math.max(0, net) : Math.max(0, -net);
    if (open === 0) return no(reject('NO_POSITION', `No open ${what} to convert`));
    if (quantity > open) return no(reject('NO_POSITION', `Cannot convert ${quantity}: the open ${what} is ${open}`));
    if (quantity % c.lotSize !== 0) return no(reject('QUANTITY_NOT_LOT_MULTIPLE', `Quantity ${quantity} is not a multiple of the lot size ${c.lotSize} of ${c.tradingSymbol}`));
    if (to === 'CNC' && req.positionType === 'SHORT') return no(reject('CONVERSION_NOT_ALLOWED', `A SHORT position in ${c.tradingSymbol} cannot be held for delivery (CNC)`));
    const target = this.positions.net(c, to);
    if (req.positionType === 'LONG' ? target < 0 : target > 0) {
      return no(reject('CONVERSION_NOT_ALLOWED', `The ${to} position in ${c.tradingSymbol} is on the other side: close it before converting into it`));
    }
    const side: OrderSide = req.positionType === 'LONG' ? 'BUY' : 'SELL';
    const cost = this.positions.cost(c, from);
    const need = marginFor(c, to, side, quantity, cost) - marginFor(c, from, side, quantity, cost);
    const avail = this.available();
    if (need > 0 && need > avail + 1e-9) {
      return no(reject('INSUFFICIENT_FUNDS', `RMS: Margin exceeds: converting to ${to} needs ₹${need.toFixed(2)} more, available ₹${r2(avail).toFixed(2)} (insufficient funds)`));
    }
    this.positions.convert(c, from, to, quantity);
    for (const o of this.working) if (o.contract === c && (o.product === from || o.product === to)) this.reblock(o);
    const ltp = (ref: InstrumentRef) => this.opts.liquidity.top(ref)?.ltp ?? NaN;
    const position = this.positions.list(ltp).find((p) => p.product === to && p.instrument.segment === c.segment && p.instrument.securityId === c.securityId)!;
    return { ok: true, position };
  }

  /** How many times an order has been modified (0 for an unknown id). */
  modificationCount(orderId: string): number {
    return this.orders.get(orderId)?.modifications ?? 0;
  }
}

/** Builds a matching engine. */
export function createMatchingEngine(options: MatchingEngineOptions): MatchingEngine {
  return new MatchingEngine(options);
}
