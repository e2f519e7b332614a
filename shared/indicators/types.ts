/**
 * Shapes shared by the chart indicators (SMA, EMA, Bollinger bands, RSI, MACD, ATR).
 *
 * Source: issue 5, "Chart": indicators whose functions live in `shared/`, computed in batch over the
 * loaded history and incrementally for the live candle (one update per frame while ticking).
 *
 * Conventions for every indicator in this folder:
 * - Series are in bar order, oldest first, one number per candle (rupees for prices; any unit works,
 *   the outputs carry the unit of the input, RSI excepted, which is 0…100).
 * - Batch functions return a `Float64Array` as long as the input; bars inside the warm-up period hold
 *   `NaN` (lightweight-charts callers skip those bars, they do not draw a zero).
 * - Inputs must be finite numbers. A non-finite value or a bad parameter throws a `RangeError` that
 *   names the indicator and the bar index; a stream that refuses a value keeps its state unchanged.
 */

/** A series of numbers in bar order, oldest first: `number[]` or a typed array such as `Float64Array`. */
export type Series = ArrayLike<number>;

/**
 * Incremental form of an indicator over one input per bar (usually the close), for the live candle.
 *
 * Seed it by `push`ing the history bar by bar (O(1) each), then per tick:
 * - `update(v)` when the forming (last) candle changed: replaces the last bar's input, O(1);
 * - `push(v)` when a new candle opens: the previous last bar becomes final, O(1) amortised.
 * Both return the indicator's value at the last bar, equal (within float rounding) to the batch
 * function's last element over the same bars; `NaN` (or NaN fields) during the warm-up period.
 * `update` before any `push` behaves as `push`.
 */
export interface ValueStream<Out> {
  /** A new bar opened with input `value`; returns the indicator at that bar. Throws RangeError if not finite. */
  push(value: number): Out;
  /** The last bar's input changed to `value`; returns the indicator at that bar. Throws RangeError if not finite. */
  update(value: number): Out;
  /** Bars seen so far (the number of `push`es). */
  readonly length: number;
}

/**
 * Incremental form of an indicator over a bar's high, low and close (ATR). Same contract as
 * {@link ValueStream}; a bar with a non-finite field or `high < low` throws RangeError.
 */
export interface BarStream<Out> {
  /** A new bar opened; returns the indicator at that bar. */
  push(high: number, low: number, close: number): Out;
  /** The last bar changed (its high, low or close moved); returns the indicator at that bar. */
  update(high: number, low: number, close: number): Out;
  /** Bars seen so far (the number of `push`es). */
  readonly length: number;
}
