// Number formatting for what users read, in the browser's locale. Missing values are
// shown as an en dash, never as NaN.

const DASH = '–';

// An Intl.NumberFormat costs tens of microseconds to make and little to use: a weight
// change formats a few hundred figures, so each (locale, options) pair is made once.
// Options are the module's constants below, so they key the cache by identity.
const formatters = new Map<Intl.NumberFormatOptions, Map<string | undefined, Intl.NumberFormat>>();

function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let byLocale = formatters.get(options);
  if (byLocale === undefined) formatters.set(options, (byLocale = new Map()));
  let format = byLocale.get(locale);
  if (format === undefined) byLocale.set(locale, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

const COUNT: Intl.NumberFormatOptions = {};
const SCORE: Intl.NumberFormatOptions = { minimumFractionDigits: 1, maximumFractionDigits: 1 };
const SHARE: Intl.NumberFormatOptions = { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 };
const VALUE: Intl.NumberFormatOptions = { notation: 'standard', maximumFractionDigits: 2 };
const COMPACT_VALUE: Intl.NumberFormatOptions = { notation: 'compact', maximumFractionDigits: 2 };
const TICK: Intl.NumberFormatOptions = { notation: 'compact', maximumSignificantDigits: 3 };
const AUC: Intl.NumberFormatOptions = { minimumFractionDigits: 3, maximumFractionDigits: 3 };
const BYTES: Intl.NumberFormatOptions[] = [{ maximumFractionDigits: 0 }, { maximumFractionDigits: 1 }];

export function formatCount(n: number, locale?: string): string {
  return Number.isFinite(n) ? numberFormat(locale, COUNT).format(n) : DASH;
}

/** A 0..100 score with one decimal. */
export function formatScore(score: number, locale?: string): string {
  return Number.isFinite(score) ? numberFormat(locale, SCORE).format(score) : DASH;
}

/** Points added or taken, with their sign: "+12.5", "−20.0" (a true minus sign). */
export function formatSignedScore(points: number, locale?: string): string {
  if (!Number.isFinite(points)) return DASH;
  // A change that rounds to 0.0 has no sign: "−0.0" reads as a loss that is not there.
  if (Math.round(Math.abs(points) * 10) === 0) return formatScore(0, locale);
  return `${points < 0 ? '−' : '+'}${formatScore(Math.abs(points), locale)}`;
}

/** part / whole as a percentage with one decimal; a dash when whole is 0. */
export function formatShare(part: number, whole: number, locale?: string): string {
  if (!(whole > 0) || !Number.isFinite(part)) return DASH;
  return numberFormat(locale, SHARE).format(part / whole);
}

/** A value of a data column, compact for large magnitudes (12.3k). */
export function formatValue(value: number, locale?: string): string {
  if (!Number.isFinite(value)) return DASH;
  return numberFormat(locale, Math.abs(value) >= 100000 ? COMPACT_VALUE : VALUE).format(value);
}

export function formatBytes(bytes: number, locale?: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${numberFormat(locale, BYTES[unit === 0 ? 0 : 1]).format(value)} ${units[unit]}`;
}

/** A KPI's change since an earlier file, with its sign: "+1.2 pt" for a percentage, "−340.5" for money, "+12" customers; "±0" when it did not move. */
export function formatKpiChange(change: number, unit: 'percent' | 'points' | 'money' | 'count' | 'number' | 'days', locale?: string): string {
  if (!Number.isFinite(change)) return DASH;
  const size = unit === 'percent' ? `${formatScore(Math.abs(change), locale)} pt` : formatKpiValue(Math.abs(change), unit, locale);
  // Rounded to nothing, it has no sign.
  if (!/[1-9]/.test(size)) return '±0';
  return `${change < 0 ? '−' : '+'}${size}`;
}

/** A KPI value in its unit: "26.5 %", "42.0", "1,234.5", "12 days". */
export function formatKpiValue(value: number, unit: 'percent' | 'points' | 'money' | 'count' | 'number' | 'days', locale?: string): string {
  if (!Number.isFinite(value)) return DASH;
  switch (unit) {
    case 'percent':
      return `${formatScore(value, locale)} %`;
    case 'points':
      return formatScore(value, locale);
    case 'money':
    case 'number':
      return formatValue(value, locale);
    case 'count':
      return formatCount(value, locale);
    case 'days':
      return `${formatValue(value, locale)} days`;
  }
}

/** An axis tick: three significant digits, compact (31.8K, 1.27M). */
export function formatTick(value: number, locale?: string): string {
  if (!Number.isFinite(value)) return DASH;
  return numberFormat(locale, TICK).format(value);
}

/** An AUC with three decimals; a dash when there is none. */
export function formatAuc(value: number, locale?: string): string {
  return Number.isFinite(value) ? numberFormat(locale, AUC).format(value) : DASH;
}

/**
 * Makes every number format once. The first Intl.NumberFormat of a page loads the
 * locale's data (~30 ms on a 2-core machine): done while the page is idle, before a
 * file arrives, it is not paid by the first dashboard.
 */
export function warmNumberFormats(locale?: string): void {
  formatCount(1, locale);
  formatScore(1, locale);
  formatShare(1, 2, locale);
  formatValue(1, locale);
  formatValue(1e6, locale);
  formatTick(1, locale);
  formatAuc(0.5, locale);
  formatBytes(1, locale);
  formatBytes(2048, locale);
}
