/**
 * Display formatting for the workstation: Indian digit grouping, rupees, lakh/crore compact form,
 * prices at the instrument's decimals, quantities and lots, signed changes, IST times and dates.
 * Pure TypeScript, no Intl and no time-zone data. See each file for sources and rules.
 */

export { roundDecimal, groupDigits, type DecimalParts } from './decimal';
export { NO_VALUE, RUPEE, formatIndianNumber, formatRupees, isValidDecimals } from './indian-number';
export { LAKH, CRORE, formatIndianCompact, type CompactOptions } from './compact';
export { formatPrice, formatSegmentPrice, type PriceFormatOptions } from './price';
export { formatQuantity, formatLots, formatQuantityWithLots } from './quantity';
export { formatSignedNumber, formatPercentChange, percentChange } from './change';
export {
  IST_OFFSET_MS,
  istParts,
  formatIstTime,
  formatIstTimeLabel,
  formatIstTimeMs,
  istDateKey,
  formatIstDate,
  formatIstDateTime,
  istWeekdayName,
  istMidnightMs,
  istWallClockMs,
  type IstParts,
} from './ist-time';
