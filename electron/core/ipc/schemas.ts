/**
 * zod schemas for every argument that enters the main process over the bridge.
 *
 * Source: DESIGN.md, "The IPC contract": payloads are validated at the boundary; a malformed one
 * gets an error reply, never a crash. Each schema is checked at compile time against the
 * contract's argument type, so the two cannot drift apart.
 */
import { z } from 'zod';
import type { InstrumentKey } from '../../../shared/instruments';
import { DESKTOP_NOTICE_LIMITS, type RequestArgs, type RequestChannel, type StreamArgs, type StreamChannel } from '../../../shared/ipc/contract';

const empty = z.object({}).strict();
const liveBroker = z.enum(['dhan', 'kite']);
const broker = z.enum(['dhan', 'kite', 'sim']);
const segment = z.enum(['IDX_I', 'NSE_EQ', 'NSE_FNO', 'NSE_CURRENCY', 'BSE_EQ', 'MCX_COMM', 'BSE_CURRENCY', 'BSE_FNO']);
const instrumentType = z.enum(['INDEX', 'EQUITY', 'FUTIDX', 'OPTIDX', 'FUTSTK', 'OPTSTK', 'FUTCOM', 'OPTFUT', 'FUTCUR', 'OPTCUR']);
const securityId = z.string().regex(/^\d{1,12}$/, 'a security id is decimal digits');
/** `"NSE_EQ:1333"`: a segment, a colon, a security id. */
const instrumentKey = z
  .string()
  .regex(/^(IDX_I|NSE_EQ|NSE_FNO|NSE_CURRENCY|BSE_EQ|MCX_COMM|BSE_CURRENCY|BSE_FNO):\d{1,12}$/, 'an instrument key looks like NSE_EQ:1333')
  .transform((k) => k as InstrumentKey);
const instrumentRef = z.object({ segment, securityId }).strict();
/** Rupees: finite, positive, below ₹10 crore per unit. Tick-grid checks are the risk gate's. */
const rupees = z.number().finite().positive().max(1e8);
const quantity = z.number().int().positive().max(100_000_000);
const orderType = z.enum(['LIMIT', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_MARKET']);
const validity = z.enum(['DAY', 'IOC']);
const product = z.enum(['CNC', 'INTRADAY', 'MARGIN', 'MTF', 'CO', 'BO']);
const correlationId = z.string().regex(/^[A-Za-z0-9_-]{1,25}$/, 'a correlation id is 1-25 of A-Z a-z 0-9 _ -');
const orderId = z.string().trim().min(1).max(64);
const placeOrder = z
  .object({
    instrument: instrumentRef,
    side: z.enum(['BUY', 'SELL']),
    quantity,
    product,
    orderType,
    validity,
    price: z.number().finite().min(0).max(1e8).optional(),
    triggerPrice: rupees.optional(),
    disclosedQuantity: z.number().int().min(0).max(100_000_000).optional(),
    afterMarketOrder: z.boolean().optional(),
    amoTime: z.enum(['PRE_OPEN', 'OPEN', 'OPEN_30', 'OPEN_60']).optional(),
    boProfitValue: rupees.optional(),
    boStopLossValue: rupees.optional(),
    correlationId: correlationId.optional(),
  })
  .strict();
const riskLimits = z
  .object({
    killSwitch: z.boolean(),
    maxQuantityPerOrder: quantity.nullable(),
    maxValuePerOrder: z.number().finite().positive().max(1e12).nullable(),
    priceBandPercent: z.number().finite().positive().max(100).nullable(),
    staleQuoteSeconds: z.number().finite().positive().max(3600).nullable(),
    staleQuoteScope: z.enum(['MARKET_ORDERS', 'ALL_ORDERS']),
    freezeAction: z.enum(['SLICE', 'REFUSE']),
    freezeQuantities: z.record(z.string().max(32), quantity),
    minDisclosedPercent: z.number().finite().min(0).max(100),
  })
  .strict();
const prefKey = z.string().regex(/^[a-z][a-z0-9.-]{0,63}$/, 'a preference key is lower-case letters, digits, dots and dashes');
const MAX_PREF_JSON = 256 * 1024;
/** Something a notification server could read as markup: a tag (`<b`, `</i`, `<!--`) or an entity (`&amp;`). */
const MARKUP = /<[/!?]?[a-z]|&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;
/** Plain text for a desktop notification: no markup, no control characters (the body may hold line breaks). */
const noticeText = (max: number, lineBreaks: boolean) =>
  z
    .string()
    .max(max)
    .refine((s) => !MARKUP.test(s), 'plain text only: no HTML tags or entities')
    .refine((s) => !(lineBreaks ? /[\u0000-\u0009\u000b-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/).test(s), 'no control characters');

/** Request argument schemas, one per channel of `RequestMap`. */
export const requestSchemas = {
  'app.info': empty,
  'app.ping': z.object({ nonce: z.number().int().safe() }).strict(),
  'app.notify': z
    .object({
      title: noticeText(DESKTOP_NOTICE_LIMITS.title, false).refine((t) => t.trim().length > 0, 'a title is required'),
      body: noticeText(DESKTOP_NOTICE_LIMITS.body, true),
      tone: z.enum(['info', 'good', 'warn', 'bad']),
    })
    .strict(),
  'session.status': empty,
  'vault.status': z.object({ broker: liveBroker }).strict(),
  'vault.set': z
    .object({
      broker: liveBroker,
      clientId: z.string().trim().min(1).max(64),
      secret: z.string().min(1).max(4096),
      expiresAtMs: z.number().int().positive().nullable().optional(),
      allowInsecureBackend: z.boolean().optional(),
    })
    .strict(),
  'vault.clear': z.object({ broker: liveBroker }).strict(),
  'session.connect': z.object({ broker }).strict(),
  'broker.capabilities': empty,
  'instruments.search': z
    .object({
      query: z.string().max(100),
      segments: z.array(segment).max(8).optional(),
      types: z.array(instrumentType).max(10).optional(),
      limit: z.number().int().min(1).max(100).optional(),
    })
    .strict(),
  'instruments.get': z.object({ keys: z.array(instrumentKey).max(500) }).strict(),
  'market.history': z
    .object({
      key: instrumentKey,
      interval: z.enum(['1m', '5m', '15m', '25m', '60m', '1d']),
      toSec: z.number().int().positive().optional(),
      count: z.number().int().min(1).max(5000).optional(),
    })
    .strict(),
  'orders.place': placeOrder,
  'orders.modify': z
    .object({
      orderId,
      orderType,
      validity,
      quantity: quantity.optional(),
      price: z.number().finite().min(0).max(1e8).optional(),
      triggerPrice: rupees.optional(),
      disclosedQuantity: z.number().int().min(0).max(100_000_000).optional(),
      leg: z.enum(['ENTRY_LEG', 'TARGET_LEG', 'STOP_LOSS_LEG']).optional(),
    })
    .strict(),
  'orders.cancel': z.object({ orderId }).strict(),
  'orders.list': empty,
  'trades.list': empty,
  'portfolio.positions': empty,
  'portfolio.holdings': empty,
  'funds.get': empty,
  'portfolio.convert': z
    .object({
      instrument: instrumentRef,
      symbol: z.string().max(64).optional(),
      positionType: z.enum(['LONG', 'SHORT']),
      fromProduct: product,
      toProduct: product,
      quantity,
    })
    .strict()
    .refine((a) => a.fromProduct !== a.toProduct, { message: 'toProduct must differ from fromProduct', path: ['toProduct'] }),
  'portfolio.exitAll': empty,
  'margin.calculate': placeOrder,
  'options.expiries': z.object({ key: instrumentKey }).strict(),
  'options.chain': z
    .object({ underlying: instrumentKey, expiry: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an expiry is a date YYYY-MM-DD') })
    .strict(),
  'settings.get': empty,
  'settings.set': z.object({ risk: riskLimits, confirmOrders: z.boolean(), theme: z.enum(['dark', 'light']) }).strict(),
  'prefs.get': z.object({ key: prefKey }).strict(),
  'prefs.set': z
    .object({ key: prefKey, value: z.unknown() })
    .strict()
    .refine((a) => a.value !== undefined, 'value is required (null to clear)')
    .refine((a) => JSON.stringify(a.value).length <= MAX_PREF_JSON, `value must be at most ${MAX_PREF_JSON} characters of JSON`),
} satisfies { [C in RequestChannel]: z.ZodType<RequestArgs<C>> };

/** Stream argument schemas, one per stream of `StreamMap`. */
export const streamSchemas = {
  'session.status': empty,
  'app.heartbeat': z.object({ intervalMs: z.number().int().min(250).max(60_000) }).strict(),
  'market.quotes': z.object({ keys: z.array(instrumentKey).min(1).max(1000) }).strict(),
  'market.depth': z.object({ key: instrumentKey, levels: z.union([z.literal(5), z.literal(20), z.literal(200)]) }).strict(),
  'orders.events': empty,
  'portfolio.snapshot': empty,
  'feed.status': empty,
  'tasks.progress': empty,
} satisfies { [S in StreamChannel]: z.ZodType<StreamArgs<S>> };

/** Formats zod issues as one line for the user: `secret: Too small…; broker: Invalid option…`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'arguments'}: ${i.message}`)
    .join('; ');
}
