// A date column as the loyalty axis: how long each customer has been one, counted from the
// date ("Customer Since", "Created Date", "Became a Customer Date") to the as-of date.
import { formatIsoDay } from '../csv/dates';

export const TENURE_UNITS = ['days', 'months', 'years'] as const;
export type TenureUnit = (typeof TENURE_UNITS)[number];

/** Days per unit: a month is a twelfth of the mean Gregorian year. */
export const TENURE_UNIT_DAYS: Record<TenureUnit, number> = { days: 1, months: 365.25 / 12, years: 365.25 };

export interface Tenure {
  /** (asOf − date) / unit per customer, NaN where the date is missing. */
  values: Float64Array;
  /** The latest date in the column, as a day number (NaN when it has none). */
  asOf: number;
}

/**
 * Tenure from a date column of day numbers (days since 1970-01-01). The as-of date is the
 * column's latest date: a CRM export's newest "customer since" is about when it was taken,
 * and a date inside the file keeps the figures the same whenever the file is opened (the
 * grid splits at the median or a set value, so the order, not the as-of date, places
 * customers). The newest customer has tenure 0.
 */
export function tenureFromDates(days: Float64Array, unit: TenureUnit): Tenure {
  let asOf = -Infinity;
  for (let i = 0; i < days.length; i++) if (days[i] > asOf) asOf = days[i];
  const values = new Float64Array(days.length);
  const per = TENURE_UNIT_DAYS[unit];
  for (let i = 0; i < days.length; i++) values[i] = (asOf - days[i]) / per; // NaN stays NaN
  return { values, asOf: asOf === -Infinity ? NaN : asOf };
}

/** The axis label for a tenure read from a date column: "Customer Since (months to 2026-11-30)". */
export function tenureLabel(column: string, unit: TenureUnit, asOf: number): string {
  return Number.isFinite(asOf) ? `${column} (${unit} to ${formatIsoDay(asOf)})` : `${column} (${unit})`;
}
