/**
 * The one place where DhanHQ v2 feed times become true UTC.
 *
 * Source: seeds/002, "Live Market Feed" (Ticker and Quote packets: "Last Trade Time (LTT) - EPOCH").
 * The wire value is not a true Unix epoch: Dhan encodes the Indian wall-clock time as if it were
 * UTC, so a trade at 09:15:00 IST (03:45:00Z) arrives as the epoch of 09:15:00Z. The official Python
 * client (dhan-oss/DhanHQ-py, src/dhanhq/marketfeed.py `utc_time`) formats the raw value with
 * `timezone.utc` and so prints IST wall-clock time, which is how this offset shows up in practice.
 * Decoders pass the raw wire value on unchanged (the frame inspector prints it raw, issue 3); the
 * tables convert it with {@link lttToUtcSeconds} when they store it.
 */

/** India Standard Time is UTC+05:30, in seconds. */
export const IST_OFFSET_SECONDS = 19_800;

/**
 * Converts a feed LTT (IST-shifted epoch seconds, as on the wire) to true UTC epoch seconds.
 * A wire value of 0 (no trade yet), or any value at or below the offset (no real trade time),
 * gives 0, so that "unset" never becomes a negative time or a date in 1969.
 */
export function lttToUtcSeconds(wireLtt: number): number {
  return wireLtt > IST_OFFSET_SECONDS ? wireLtt - IST_OFFSET_SECONDS : 0;
}

/** Inverse of {@link lttToUtcSeconds}: true UTC epoch seconds → the IST-shifted wire value. */
export function utcSecondsToLtt(utcSeconds: number): number {
  return utcSeconds === 0 ? 0 : utcSeconds + IST_OFFSET_SECONDS;
}
