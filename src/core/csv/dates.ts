// Date cells read straight from bytes (dates are ASCII), as days since 1970-01-01 UTC, so a
// "last purchase" column lands in a Float64Array like a number column and can be scored by
// recency (the decay shape, src/core/scoring/shape.ts).

/**
 * Order of the fields of a D/M/Y-like date (12/03/2026): 'dmy' day first (European files),
 * 'mdy' month first (US files). Year-first dates (2026-03-12, 2026/03/12) read the same under both.
 */
export const DATE_ORDERS = ['dmy', 'mdy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

const SPACE = 0x20;
const TAB = 0x09;
const ZERO = 0x30;
const NINE = 0x39;
const MINUS = 0x2d;
const PLUS = 0x2b;
const SLASH = 0x2f;
const DOT = 0x2e;
const COLON = 0x3a;
const COMMA = 0x2c;
const LOWER_A = 0x61;
const LOWER_M = 0x6d;
const LOWER_P = 0x70;
const UPPER_T = 0x54;
const UPPER_Z = 0x5a;
const LOWER_Z = 0x7a;
const LOWER_T = 0x74;
const MS_PER_DAY = 86_400_000;

/**
 * Days from 1970-01-01 to the given proleptic Gregorian date (negative before it), or NaN
 * when the date does not exist (2026-02-30, month 13). Howard Hinnant's days_from_civil.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The ISO date (YYYY-MM-DD, UTC) of a day number; the time of day is dropped. */
export function formatIsoDay(day: number): string {
  return new Date(Math.floor(day) * MS_PER_DAY).toISOString().slice(0, 10);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of an ISO date string YYYY-MM-DD, NaN when it is not one or does not exist. */
export function parseIsoDay(text: string): number {
  const match = ISO_DAY.exec(text);
  return match ? daysFromCivil(Number(match[1]), Number(match[2]), Number(match[3])) : NaN;
}

// How many digits the last readDigits call read: a second result without allocating a pair
// per cell in the scan's hot loop. Only readDigits writes it; each reader uses it at once.
let digitsRead = 0;

/** Up to `max` digits from b[start, end) read as a number; their count is left in digitsRead. */
function readDigits(b: Uint8Array, start: number, end: number, max: number): number {
  let value = 0;
  let i = start;
  while (i < end && i - start < max) {
    const c = b[i];
    if (c < ZERO || c > NINE) break;
    value = value * 10 + (c - ZERO);
    i++;
  }
  digitsRead = i - start;
  return value;
}

/**
 * Shape of a date cell for choosing a column's field order: NOT_A_DATE, YEAR_FIRST,
 * or for D/M/Y-like cells a bit set of FIRST_OVER_12 (so day first) and SECOND_OVER_12
 * (so month first), AMBIGUOUS (0b100) when both fields are ≤ 12. A cell counts as a date
 * when it parses under at least one order.
 */
export const NOT_A_DATE = 0;
export const YEAR_FIRST = 1;
export const AMBIGUOUS = 2;
export const FIRST_OVER_12 = 4;
export const SECOND_OVER_12 = 8;

/**
 * Parses the date in b[start, end) as days since 1970-01-01 UTC, NaN when it is not a
 * valid date. Formats (surrounding spaces allowed):
 * - YYYY-MM-DD or YYYY/MM/DD;
 * - DD/MM/YYYY or MM/DD/YYYY (per `order`), also with '.' or '-', one- or two-digit fields;
 * - each optionally followed by 'T', a space or ", " and H[H]:MM[:SS[.fff]], on the 24-hour clock
 *   or with AM / PM (a fraction of a day),
 *   then an optional 'Z' or ±HH[:MM] offset, which is subtracted to give UTC. A time
 *   without an offset is read as UTC: the file's time zone is unknown and a day's
 *   fraction hardly moves a half-life measured in days.
 * Calendar dates are validated (2026-02-30 is NaN).
 */
export function parseDateBytes(b: Uint8Array, start: number, end: number, order: DateOrder): number {
  let s = start;
  let e = end;
  while (s < e && (b[s] === SPACE || b[s] === TAB)) s++;
  while (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB)) e--;
  if (e - s < 8) return NaN;
  const first = readDigits(b, s, e, 4);
  const firstLength = digitsRead;
  let p = s + firstLength;
  if (p >= e) return NaN;
  const sep = b[p];
  if (sep !== MINUS && sep !== SLASH && sep !== DOT) return NaN;
  const second = readDigits(b, ++p, e, 2);
  if (digitsRead === 0) return NaN;
  p += digitsRead;
  if (p >= e || b[p] !== sep) return NaN;
  const third = readDigits(b, ++p, e, 4);
  const thirdLength = digitsRead;
  p += thirdLength;
  let day: number;
  if (firstLength === 4) {
    if (sep === DOT || thirdLength === 0 || thirdLength > 2) return NaN;
    day = daysFromCivil(first, second, third);
  } else {
    if (firstLength === 0 || thirdLength !== 4) return NaN;
    day = order === 'dmy' ? daysFromCivil(third, second, first) : daysFromCivil(third, first, second);
  }
  if (day !== day || p === e) return day;
  const time = parseTimeOfDay(b, p, e);
  return time === time ? day + time : NaN;
}

/**
 * [T| |, ]H[H]:MM[:SS[.fff]][ AM|PM][Z|±HH[:MM]] from p to e as a fraction of a day (UTC),
 * NaN when malformed. The 12-hour clock ("3/14/2025, 9:05 AM") is how US CRM exports write
 * times: 12 AM is midnight, 12 PM noon.
 */
function parseTimeOfDay(b: Uint8Array, p: number, e: number): number {
  const mark = b[p];
  if (mark === COMMA && p + 1 < e && b[p + 1] === SPACE) p++;
  else if (mark !== UPPER_T && mark !== LOWER_T && mark !== SPACE) return NaN;
  p++;
  let hours = readDigits(b, p, e, 2);
  if (digitsRead === 0 || p + digitsRead >= e || b[p + digitsRead] !== COLON) return NaN;
  p += digitsRead + 1;
  const minutes = readDigits(b, p, e, 2);
  if (digitsRead !== 2) return NaN;
  p += 2;
  let seconds = 0;
  if (p < e && b[p] === COLON) {
    seconds = readDigits(b, ++p, e, 2);
    if (digitsRead !== 2) return NaN;
    p += 2;
    if (p < e && b[p] === DOT) {
      const from = ++p;
      let scale = 0.1;
      while (p < e && b[p] >= ZERO && b[p] <= NINE) {
        seconds += (b[p] - ZERO) * scale;
        scale /= 10;
        p++;
      }
      if (p === from) return NaN;
    }
  }
  let q = p;
  while (q < e && b[q] === SPACE) q++;
  if (q + 1 < e && (b[q + 1] | 0x20) === LOWER_M && ((b[q] | 0x20) === LOWER_A || (b[q] | 0x20) === LOWER_P)) {
    if (hours < 1 || hours > 12) return NaN;
    hours = (hours % 12) + ((b[q] | 0x20) === LOWER_P ? 12 : 0);
    p = q + 2;
  }
  if (hours > 23 || minutes > 59 || seconds >= 60) return NaN;
  let offsetMinutes = 0;
  if (p < e && (b[p] === UPPER_Z || b[p] === LOWER_Z)) p++;
  else if (p < e && (b[p] === PLUS || b[p] === MINUS)) {
    const sign = b[p] === MINUS ? -1 : 1;
    const offsetHours = readDigits(b, ++p, e, 2);
    if (digitsRead !== 2) return NaN;
    p += 2;
    if (p < e && b[p] === COLON) p++;
    const offsetMins = p < e ? readDigits(b, p, e, 2) : 0;
    if (p < e && digitsRead !== 2) return NaN;
    if (p < e) p += 2;
    if (offsetHours > 14 || offsetMins > 59) return NaN;
    offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  }
  if (p !== e) return NaN;
  return (hours * 3600 + minutes * 60 + seconds - offsetMinutes * 60) / 86_400;
}

/**
 * What a cell says about a column's field order (see YEAR_FIRST … SECOND_OVER_12), or
 * NOT_A_DATE when it parses under neither order. Only called on sample cells.
 */
export function dateCellShape(b: Uint8Array, start: number, end: number): number {
  const dmy = parseDateBytes(b, start, end, 'dmy');
  const mdy = parseDateBytes(b, start, end, 'mdy');
  if (dmy !== dmy && mdy !== mdy) return NOT_A_DATE;
  let s = start;
  while (s < end && (b[s] === SPACE || b[s] === TAB)) s++;
  const first = readDigits(b, s, end, 4);
  if (digitsRead === 4) return YEAR_FIRST;
  const second = readDigits(b, s + digitsRead + 1, end, 2);
  return (first > 12 ? FIRST_OVER_12 : 0) | (second > 12 ? SECOND_OVER_12 : 0) || AMBIGUOUS;
}

/**
 * A column's field order from the OR of its sample cells' shapes: day first when some
 * first field is over 12, month first when some second field is; when both or neither,
 * day first only in a decimal-comma (European) file, else month first.
 */
export function chooseDateOrder(shapes: number, isDecimalComma: boolean): DateOrder {
  const dayFirst = (shapes & FIRST_OVER_12) !== 0;
  const monthFirst = (shapes & SECOND_OVER_12) !== 0;
  if (dayFirst !== monthFirst) return dayFirst ? 'dmy' : 'mdy';
  return isDecimalComma ? 'dmy' : 'mdy';
}
