// Locale-aware number parsing straight from bytes, so the scanner never builds a
// string for a numeric cell. One implementation serves bytes and strings.

export const DECIMAL_SEPARATORS = ['point', 'comma'] as const;
/** 'point': 1,234.5 / 1 234.5; 'comma': 1.234,5 / 1 234,5 (Swedish, German CRM exports). */
export type DecimalSeparator = (typeof DECIMAL_SEPARATORS)[number];

const SPACE = 0x20;
const TAB = 0x09;
const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;
const COMMA = 0x2c;
const APOSTROPHE = 0x27;
const PERCENT = 0x25;
const DOLLAR = 0x24;
const ZERO = 0x30;
const NINE = 0x39;

/** Cells that mean "no value" in CRM exports; they become NaN (missing), never zero. */
export const MISSING_TOKENS = ['', 'n/a', 'na', '-', '--', 'null', 'none', '?', 'nan', '#n/a', '(blank)'] as const;
const MISSING_SET = new Set<string>(MISSING_TOKENS);

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** Length in bytes of a whitespace or group-space character at i (space, NBSP, narrow NBSP), else 0. */
function spaceLength(b: Uint8Array, i: number, end: number): number {
  const c = b[i];
  if (c === SPACE || c === TAB) return 1;
  if (c === 0xc2 && i + 1 < end && b[i + 1] === 0xa0) return 2; // NBSP, UTF-8
  if (c === 0xe2 && i + 2 < end && b[i + 1] === 0x80 && b[i + 2] === 0xaf) return 3; // narrow NBSP
  if (c === 0xa0) return 1; // NBSP, Windows-1252
  return 0;
}

/** Length of a space (ASCII, NBSP or narrow NBSP) ending just before `end`, else 0. */
function trailingSpaceLength(b: Uint8Array, start: number, end: number): number {
  const c = b[end - 1];
  if (c === SPACE || c === TAB) return 1;
  if (c === 0xa0) return end - 2 >= start && b[end - 2] === 0xc2 ? 2 : 1;
  if (c === 0xaf && end - 3 >= start && b[end - 2] === 0x80 && b[end - 3] === 0xe2) return 3;
  return 0;
}

/**
 * Length of a currency sign at i ($; € or £ in UTF-8 or Windows-1252), else 0. The
 * Windows-1252 bytes 0x80 and 0xA3 cannot start a character in valid UTF-8, so reading
 * them as € and £ where a number starts is safe in either encoding.
 */
function currencyLength(b: Uint8Array, i: number, end: number): number {
  const c = b[i];
  if (c === DOLLAR || c === 0x80 || c === 0xa3) return 1;
  if (c === 0xe2 && i + 2 < end && b[i + 1] === 0x82 && b[i + 2] === 0xac) return 3; // €
  if (c === 0xc2 && i + 1 < end && b[i + 1] === 0xa3) return 2; // £
  return 0;
}

/**
 * Parses the number in bytes[start, end) written with the given decimal separator.
 * Accepts a sign, a leading currency sign, group separators between groups of exactly
 * three digits (space, NBSP, apostrophe, or the other of . and ,), an exponent, and a
 * trailing %. Returns NaN for a missing token or anything else; `isMissingCell` tells the two
 * apart. Equals Number() of the plain form whenever that form is unambiguous.
 */
export function parseNumberBytes(b: Uint8Array, start: number, end: number, decimal: DecimalSeparator): number {
  // Fast path for the common plain cell: optional '-', digits, optional decimal and digits.
  let p = start;
  const negative = p < end && b[p] === MINUS;
  if (negative) p++;
  const digitsFrom = p;
  let m = 0;
  while (p < end) {
    const c = b[p];
    if (c < ZERO || c > NINE) break;
    m = m * 10 + (c - ZERO);
    p++;
  }
  const intDigits = p - digitsFrom;
  if (p === end) {
    if (intDigits > 0 && intDigits <= 15) return negative ? -m : m;
  } else if (intDigits > 0 && b[p] === (decimal === 'point' ? DOT : COMMA)) {
    const fracFrom = ++p;
    while (p < end) {
      const c = b[p];
      if (c < ZERO || c > NINE) break;
      m = m * 10 + (c - ZERO);
      p++;
    }
    const fracDigits = p - fracFrom;
    // Exact operands, one correctly rounded division: the double Number() gives.
    if (p === end && fracDigits > 0 && intDigits + fracDigits <= 15) return (negative ? -m : m) / POW10[fracDigits];
  }
  return parseGeneral(b, start, end, decimal);
}

/** The full grammar: spaces, currency, group separators, exponent, %. */
function parseGeneral(b: Uint8Array, start: number, end: number, decimal: DecimalSeparator): number {
  let i = start;
  let e = end;
  let s: number;
  while (i < e && (s = spaceLength(b, i, e)) > 0) i += s;
  while (e > i && (b[e - 1] === SPACE || b[e - 1] === TAB)) e--;
  if (e > i && b[e - 1] === PERCENT) {
    e--;
    while (e > i && (s = trailingSpaceLength(b, i, e)) > 0) e -= s; // "45 %"
  }
  if (i >= e) return NaN;

  let negative = false;
  let c = b[i];
  if (c === MINUS || c === PLUS) {
    negative = c === MINUS;
    i++;
  }
  const cur = i < e ? currencyLength(b, i, e) : 0;
  if (cur > 0) {
    i += cur;
    while (i < e && (s = spaceLength(b, i, e)) > 0) i += s; // "€ 3,5"
  }
  if (!negative && i < e && (b[i] === MINUS || b[i] === PLUS) && cur > 0) {
    negative = b[i] === MINUS;
    i++;
  }

  const decimalByte = decimal === 'point' ? DOT : COMMA;
  const groupByte = decimal === 'point' ? COMMA : DOT;
  let mantissa = 0;
  let digits = 0; // significant digits taken into the mantissa
  let scale = 0; // power of ten to apply
  let intDigits = 0;
  let groupRun = -1; // digits since the last group separator; -1 = none seen yet
  let exact = true;

  for (; i < e; i++) {
    c = b[i];
    if (c >= ZERO && c <= NINE) {
      if (digits < 15) {
        mantissa = mantissa * 10 + (c - ZERO);
        if (mantissa > 0) digits++;
      } else {
        scale++;
        exact = false;
      }
      intDigits++;
      if (groupRun >= 0) groupRun++;
      continue;
    }
    const sp = c === groupByte || c === APOSTROPHE ? 1 : spaceLength(b, i, e);
    if (sp > 0) {
      // A group separator needs 1–3 digits before the first one and exactly 3 between.
      if (intDigits === 0 || (groupRun < 0 ? intDigits > 3 : groupRun !== 3)) return NaN;
      groupRun = 0;
      i += sp - 1;
      continue;
    }
    break;
  }
  if (groupRun >= 0 && groupRun !== 3) return NaN;

  let fracDigits = 0;
  if (i < e && b[i] === decimalByte) {
    i++;
    for (; i < e; i++) {
      c = b[i];
      if (c < ZERO || c > NINE) break;
      if (digits < 15) {
        mantissa = mantissa * 10 + (c - ZERO);
        if (mantissa > 0) digits++;
        scale--;
      } else exact = false;
      fracDigits++;
    }
  }
  if (intDigits + fracDigits === 0) return NaN;

  if (i < e && (b[i] === 0x65 || b[i] === 0x45)) {
    i++;
    let expNegative = false;
    if (i < e && (b[i] === MINUS || b[i] === PLUS)) {
      expNegative = b[i] === MINUS;
      i++;
    }
    let exp = 0;
    let expDigits = 0;
    for (; i < e; i++) {
      c = b[i];
      if (c < ZERO || c > NINE) break;
      if (exp < 100000) exp = exp * 10 + (c - ZERO);
      expDigits++;
    }
    if (expDigits === 0) return NaN;
    scale += expNegative ? -exp : exp;
    exact = false;
  }
  if (i !== e) return NaN;

  let value: number;
  if (exact && scale >= -22 && scale <= 22) {
    // Both operands are exact doubles, so one IEEE division or product is correctly
    // rounded: the same double Number() gives for the same digits.
    value = scale < 0 ? mantissa / POW10[-scale] : mantissa * POW10[scale];
  } else {
    value = slowParse(b, start, end, decimal);
  }
  // 1e309 is past the largest double: not a number the file can mean, so not +Infinity on screen.
  if (!Number.isFinite(value)) return NaN;
  return negative ? -value : value;
}

/** Rebuilds a plain ASCII form (digits, '.', exponent) and lets Number() round it. */
function slowParse(b: Uint8Array, start: number, end: number, decimal: DecimalSeparator): number {
  const decimalByte = decimal === 'point' ? DOT : COMMA;
  let plain = '';
  for (let i = start; i < end; i++) {
    const c = b[i];
    if ((c >= ZERO && c <= NINE) || c === 0x65 || c === 0x45) plain += String.fromCharCode(c);
    else if (c === decimalByte) plain += '.';
    else if ((c === MINUS || c === PLUS) && plain.length > 0 && /[eE]$/.test(plain)) plain += String.fromCharCode(c);
  }
  return Math.abs(Number(plain));
}

const encoder = new TextEncoder();

/** String form of parseNumberBytes, for the main thread, tests and sniffing. */
export function parseNumber(text: string, decimal: DecimalSeparator): number {
  const bytes = encoder.encode(text);
  return parseNumberBytes(bytes, 0, bytes.length, decimal);
}

/** True when the cell is blank or a "no value" token such as n/a or '-'. */
export function isMissingText(text: string): boolean {
  return MISSING_SET.has(text.trim().toLowerCase());
}

/** Byte form of isMissingText; only called for cells that did not parse, so it may allocate. */
export function isMissingCell(b: Uint8Array, start: number, end: number): boolean {
  if (end - start > 8) {
    for (let i = start; i < end; i++) if (b[i] !== SPACE && b[i] !== TAB) return false;
    return true;
  }
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(b[i]);
  return isMissingText(text);
}

const BOTH_MARKS = /[.,].*[.,]/;
const AMBIGUOUS_COMMA = /^[-+]?\d{1,3}(,\d{3})+$/;
const AMBIGUOUS_POINT = /^[-+]?\d{1,3}(\.\d{3})+$/;

/**
 * Decides the file's decimal separator from sample numeric-looking cells. A cell with both
 * marks settles it (the last mark is the decimal); "12,5" votes comma, "12.5" votes point;
 * "1,234" and "1.234" are ambiguous and left to the delimiter: a ';' file is a
 * decimal-comma locale's export.
 */
/** A cell made of a number's characters: sign, currency, digits, separators and spaces, a trailing unit. */
const NUMBER_LIKE = /^[-+]?[$€£]?\s?\d[\d.,\s'’]*\s?(%|[$€£]|kr|sek|nok|dkk|eur|usd|gbp|chf)?$/i;

export function detectDecimalSeparator(cells: readonly string[], delimiter: string): DecimalSeparator {
  let point = 0;
  let comma = 0;
  for (const raw of cells) {
    const cell = raw.trim();
    // Number-like cells only: a date-time such as "10/18/2026, 10:22 AM" also starts with a digit and holds a comma.
    if (!NUMBER_LIKE.test(cell)) continue;
    if (BOTH_MARKS.test(cell) && cell.includes('.') && cell.includes(',')) {
      if (cell.lastIndexOf(',') > cell.lastIndexOf('.')) comma++;
      else point++;
    } else if (cell.includes(',')) {
      if (!AMBIGUOUS_COMMA.test(cell)) comma++;
    } else if (cell.includes('.')) {
      if (!AMBIGUOUS_POINT.test(cell)) point++;
    }
  }
  if (comma > point) return 'comma';
  if (point > comma) return 'point';
  return delimiter === ';' ? 'comma' : 'point';
}

const FLAG_VALUES = new Map<string, number>([
  ['yes', 1],
  ['y', 1],
  ['true', 1],
  ['ja', 1],
  ['x', 1],
  ['no', 0],
  ['n', 0],
  ['false', 0],
  ['nej', 0],
]);

/**
 * Reads a yes/no cell (yes, no, true, false, y, n, and Swedish ja/nej; any case): 1, 0, or
 * NaN for anything else. For outcome columns such as Churn = Yes/No.
 */
export function parseFlagBytes(b: Uint8Array, start: number, end: number): number {
  let s = start;
  let e = end;
  while (s < e && (b[s] === SPACE || b[s] === TAB)) s++;
  while (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB)) e--;
  if (e - s > 5 || e === s) return NaN;
  let text = '';
  for (let i = s; i < e; i++) text += String.fromCharCode(b[i] | 0x20);
  return FLAG_VALUES.get(text) ?? NaN;
}
