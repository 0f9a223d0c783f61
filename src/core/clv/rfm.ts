// From a customer table's first/last purchase dates and order count to the BG/NBD inputs
// (x, t_x, T). Dates are days since 1970-01-01 UTC, as dataset.ts stores date columns.
import type { RfmColumns } from './bgnbd';

/**
 * Per customer, in units of `daysPerUnit` days (7 = weeks, the usual BG/NBD unit):
 * x = orders − 1 (repeat purchases), t_x = (last − first)/daysPerUnit (0 when x = 0, whatever
 * the last date says), T = (calibrationEndDay − first)/daysPerUnit.
 * A row is NaN in all three when a value is missing, orders is not a whole number ≥ 1,
 * last < first, or last > calibrationEndDay; T = 0 (first purchase on the end day) passes
 * through and the model skips it (isUsableRow needs T > 0).
 */
export function rfmFromPurchaseDates(firstDay: Float64Array, lastDay: Float64Array, orders: Float64Array, calibrationEndDay: number, daysPerUnit = 7): RfmColumns {
  const n = firstDay.length;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const first = firstDay[i];
    const last = lastDay[i];
    const count = orders[i];
    const isValid = count >= 1 && Number.isInteger(count) && first <= last && last <= calibrationEndDay;
    x[i] = isValid ? count - 1 : NaN;
    tx[i] = isValid ? (count > 1 ? (last - first) / daysPerUnit : 0) : NaN;
    T[i] = isValid ? (calibrationEndDay - first) / daysPerUnit : NaN;
  }
  return { x, tx, T };
}
