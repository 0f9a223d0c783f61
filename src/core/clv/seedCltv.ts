// The seed formula's CLTV per customer (average purchase value × purchase frequency ×
// lifespan, or the CLTV column), the simple estimate beside the fitted one of fromDataset.ts.
// A grid axis can split on it (analysis.ts), so it sits below the KPIs, which read the analysis.
import { columnValues, type Dataset } from '../dataset/dataset';
import type { Model } from '../model/model';

/**
 * Each customer's CLTV by the seed formula: the CLTV column where one is mapped; otherwise
 * average purchase value (the AOV column, or revenue ÷ orders) × purchase frequency (orders)
 * × lifespan. NaN where a part is missing (or orders are 0 without an AOV column); null when
 * the parts are not mapped. `revenueColumn` is the profitability axis's column.
 */
export function seedCltvColumn(dataset: Dataset, model: Model, revenueColumn: string | null): { values: Float64Array; formula: string } | null {
  const read = (name: string | null): Float64Array | null => columnValues(dataset, name);
  const cltv = read(model.kpiInputs.cltv);
  if (cltv) return { values: cltv, formula: `the ${model.kpiInputs.cltv} column` };
  const orders = read(model.kpiInputs.orders);
  const lifespan = read(model.kpiInputs.lifespan);
  const aov = read(model.kpiInputs.aov);
  const revenue = read(revenueColumn);
  if (!orders || !lifespan || (!aov && !revenue)) return null;
  const values = new Float64Array(dataset.rowCount);
  for (let i = 0; i < values.length; i++) {
    const n = orders[i];
    const perOrder = aov ? aov[i] : n > 0 ? (revenue as Float64Array)[i] / n : NaN;
    values[i] = perOrder * n * lifespan[i];
  }
  const perOrder = aov ? model.kpiInputs.aov : `${revenueColumn} ÷ ${model.kpiInputs.orders}`;
  return { values, formula: `average purchase value (${perOrder}) × purchase frequency (${model.kpiInputs.orders}) × lifespan (${model.kpiInputs.lifespan})` };
}
