/** A signed change with `digits` decimals and a true minus sign; a dash when there is none. */
export function formatChange(value: number, digits: number, locale?: string): string {
  if (!Number.isFinite(value)) return '–';
  const text = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Math.abs(value));
  return `${value < 0 ? '−' : '+'}${text}`;
}
