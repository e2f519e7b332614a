/**
 * Why the simulated exchange refuses an order, with Dhan's error codes and envelope words and a
 * readable message.
 *
 * Source: seeds/002 (DhanHQ v2), Annexure "Trading API Error": DH-905 "Input Exception" (missing
 * required fields, bad values for parameters) and DH-906 "Order Error" (incorrect request for order
 * and cannot be processed); the envelope `{ errorType, errorCode, errorMessage }` as recorded in
 * fixtures/dhan/rest/error.DH-905.http400.json (`Input_Exception`) and error.DH-906.*.json
 * (`Order_Error`); seeds/002 "Orders": "Order Modifications are capped at 25 modifications/order".
 *
 * Policy: DH-905 refusals are request errors and record no order. DH-906 refusals on placement are
 * exchange/RMS rejections: the order is recorded with status REJECTED (visible in the order book and
 * by correlation id, with `omsErrorCode`/`omsErrorDescription`). A refused modification or
 * cancellation leaves the order as it was. A refused position conversion (NO_POSITION,
 * CONVERSION_NOT_ALLOWED and the order refusals that apply) changes nothing.
 *
 * INTRADAY_SQUARE_OFF (DH-906, the annexure's closest code: "Incorrect request for order and cannot
 * be processed"; the seeds list no dedicated code): after a segment's intraday auto square-off time
 * (square-off.ts), an INTRADAY order, modification or conversion that would open or add to an
 * intraday position in that segment.
 */

/** Every refusal the engine can give. */
export type RejectReason =
  | 'MISSING_FIELD'
  | 'BAD_VALUE'
  | 'UNKNOWN_SECURITY_ID'
  | 'MISSING_TRIGGER_PRICE'
  | 'UNKNOWN_ORDER'
  | 'PRICE_OFF_TICK'
  | 'QUANTITY_NOT_LOT_MULTIPLE'
  | 'INSUFFICIENT_FUNDS'
  | 'MODIFICATION_LIMIT'
  | 'TRIGGER_PRICE_SIDE'
  | 'MARKET_CLOSED'
  | 'PRODUCT_NOT_ALLOWED'
  | 'NOT_TRADABLE'
  | 'ORDER_NOT_OPEN'
  | 'QUANTITY_BELOW_FILLED'
  | 'NO_POSITION'
  | 'CONVERSION_NOT_ALLOWED'
  | 'INTRADAY_SQUARE_OFF';

/** A refusal: Dhan's envelope fields plus our reason. */
export interface Rejection {
  readonly reason: RejectReason;
  readonly errorType: 'Input_Exception' | 'Order_Error';
  readonly errorCode: 'DH-905' | 'DH-906';
  /** Readable, names the values involved. */
  readonly errorMessage: string;
}

const INPUT: readonly RejectReason[] = ['MISSING_FIELD', 'BAD_VALUE', 'UNKNOWN_SECURITY_ID', 'MISSING_TRIGGER_PRICE', 'UNKNOWN_ORDER'];

/** Builds a rejection with the right Dhan code for `reason`. */
export function reject(reason: RejectReason, message: string): Rejection {
  const input = INPUT.includes(reason);
  return {
    reason,
    errorType: input ? 'Input_Exception' : 'Order_Error',
    errorCode: input ? 'DH-905' : 'DH-906',
    errorMessage: message,
  };
}

/** Dhan's limit on modifications of one order (seeds/002, "Orders"). */
export const MAX_MODIFICATIONS = 25;
