// KPI tiles: each a small pure function of columns (NaN = missing, left out), plus the
// header patterns that find their inputs. A KPI whose input is absent is not computed;
// the UI names the column that would enable it.
import type { Analysis } from './analysis';
import { columnIndex, type Dataset } from './dataset';
import type { Model } from './model';
import { median, select } from './rank';
import { normalizeHeader } from './schema/mapping';

/** Share (0..1) of the known (non-NaN) values that pass `test`; NaN when none is known. */
function shareOfKnown(values: Float64Array, test: (v: number) => boolean): number {
  let known = 0;
  let passing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    known++;
    if (test(v)) passing++;
  }
  return known ? passing / known : NaN;
}

/** Share of 1s among the known values of a yes/no (or 0/1) column; NaN when none is known. */
export function churnRate(flags: Float64Array): number {
  return shareOfKnown(flags, (v) => v === 1);
}

/** NPS = % promoters (9–10) − % detractors (0–6) of the known 0–10 answers, in points. */
export function netPromoterScore(answers: Float64Array): number {
  return (shareOfKnown(answers, (v) => v >= 9) - shareOfKnown(answers, (v) => v <= 6)) * 100;
}

/** CSAT = % of known 1–5 answers that are 4 or 5. */
export function csatScore(answers: Float64Array): number {
  return shareOfKnown(answers, (v) => v >= 4) * 100;
}

export function mean(values: Float64Array): number {
  let known = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    known++;
    sum += v;
  }
  return known ? sum / known : NaN;
}

/**
 * Share of total revenue earned by the top `share` of customers by revenue (0..1): the
 * k = round(n·share) largest values (at least 1) over the sum of all. O(n) by quickselect.
 */
export function topRevenueShare(revenue: Float64Array, share = 0.2): number {
  let count = 0;
  let total = 0;
  for (let i = 0; i < revenue.length; i++) {
    const v = revenue[i];
    if (v !== v) continue;
    count++;
    total += v;
  }
  if (count === 0 || !(total > 0)) return NaN;
  const known = new Float64Array(count);
  for (let i = 0, k = 0; i < revenue.length; i++) if (revenue[i] === revenue[i]) known[k++] = revenue[i];
  const top = Math.max(1, Math.round(count * share));
  // After select, known[count − top] is the smallest of the top values and all after it are ≥ it.
  select(known, count - top);
  let topSum = 0;
  for (let i = count - top; i < count; i++) topSum += known[i];
  return topSum / total;
}

/** Customers in the poor band whose revenue is above the median: the ones to save first. */
export function atRiskCount(scores: Float64Array, revenue: Float64Array, model: Model, revenueMedian = median(revenue)): number {
  // Poor means the score shown (one decimal) is below averageFrom: compare in tenths.
  const averageFrom = Math.round(model.bands.averageFrom * 10);
  let count = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (s === s && Math.round(s * 10) < averageFrom && revenue[i] > revenueMedian) count++;
  }
  return count;
}

export const KPI_IDS = ['churn', 'nps', 'csat', 'cltv', 'revenue', 'topShare', 'atRisk'] as const;
export type KpiId = (typeof KPI_IDS)[number];

export interface Kpi {
  id: KpiId;
  label: string;
  /** NaN when the data does not allow it; then `needs` says which column would. */
  value: number;
  unit: 'percent' | 'points' | 'money' | 'count';
  formula: string;
  column: string | null;
  needs: string;
}

const INPUT_PATTERNS: Record<'churn' | 'nps' | 'csat' | 'cltv', RegExp> = {
  churn: /churn|attrition|cancel+ed|\blost\b|\bdefected\b/,
  nps: /\bnps\b|net promoter|recommend/,
  csat: /\bcsat\b|satisfaction/,
  cltv: /\bclt?v\b|lifetime value/,
};

function findColumn(dataset: Dataset, pattern: RegExp, kinds: readonly string[]): number {
  return dataset.columns.findIndex((column) => kinds.includes(column.kind) && pattern.test(normalizeHeader(column.name)));
}

/**
 * The KPI tiles this dataset allows under this model: churn from a yes/no churn column,
 * NPS from 0–10 answers, CSAT from 1–5 answers, CLTV from a CLTV column, revenue figures
 * from the profitability column, and the at-risk count from the scores. All but the
 * at-risk count depend only on the data and the revenue column: KpiCache keeps them.
 */
export class KpiCache {
  private key: string | null = null;
  private fixed: Kpi[] = [];
  private revenueMedian = NaN;

  compute(dataset: Dataset, analysis: Analysis, model: Model): Kpi[] {
    const revenueColumn = analysis.axes.profitability.column;
    const revenueAt = revenueColumn === null ? -1 : columnIndex(dataset, revenueColumn);
    const revenue = revenueAt >= 0 ? dataset.columns[revenueAt].values : null;
    const key = `${dataset.name}\u0000${dataset.rowCount}\u0000${revenueColumn}`;
    if (key !== this.key) {
      this.key = key;
      this.fixed = fixedKpis(dataset, revenueAt);
      // The grid's profitability split is this same median unless the user set one.
      const axis = analysis.axes.profitability;
      this.revenueMedian = revenue ? (axis.isMedian ? axis.split : median(revenue)) : NaN;
    }
    const atRisk: Kpi = {
      id: 'atRisk',
      label: 'At risk',
      value: revenue ? atRiskCount(analysis.scores, revenue, model, this.revenueMedian) : NaN,
      unit: 'count',
      formula: 'customers in the poor band with revenue above the median: save these first',
      column: revenueColumn,
      needs: 'a profitability (revenue) column',
    };
    return [...this.fixed, atRisk];
  }
}

function fixedKpis(dataset: Dataset, revenueAt: number): Kpi[] {
  const valuesAt = (c: number): Float64Array | null => (c >= 0 ? dataset.columns[c].values : null);
  const churnAt = findColumn(dataset, INPUT_PATTERNS.churn, ['flag', 'number']);
  const npsAt = findColumn(dataset, INPUT_PATTERNS.nps, ['number']);
  const csatAt = findColumn(dataset, INPUT_PATTERNS.csat, ['number']);
  const cltvAt = findColumn(dataset, INPUT_PATTERNS.cltv, ['number']);
  const name = (c: number) => (c >= 0 ? dataset.columns[c].name : null);
  const compute = (c: number, f: (values: Float64Array) => number) => {
    const values = valuesAt(c);
    return values ? f(values) : NaN;
  };
  const csatValues = valuesAt(csatAt);
  const csatOnFive = csatValues !== null && csatValues.every((v) => v !== v || (v >= 1 && v <= 5));
  return [
    { id: 'churn', label: 'Churn rate', value: compute(churnAt, (v) => churnRate(v) * 100), unit: 'percent', formula: 'churned ÷ customers with a known churn value', column: name(churnAt), needs: 'a yes/no churn column' },
    { id: 'nps', label: 'NPS', value: compute(npsAt, netPromoterScore), unit: 'points', formula: '% promoters (9–10) − % detractors (0–6)', column: name(npsAt), needs: 'a 0–10 NPS / likelihood-to-recommend column' },
    { id: 'csat', label: 'CSAT', value: csatOnFive ? compute(csatAt, csatScore) : NaN, unit: 'percent', formula: '% of 1–5 answers that are 4 or 5', column: csatOnFive ? name(csatAt) : null, needs: 'a 1–5 CSAT column' },
    { id: 'cltv', label: 'Mean CLTV', value: compute(cltvAt, mean), unit: 'money', formula: 'mean of the CLTV column', column: name(cltvAt), needs: 'a CLTV / lifetime value column' },
    { id: 'revenue', label: 'Mean revenue', value: compute(revenueAt, mean), unit: 'money', formula: 'mean of the profitability column', column: name(revenueAt), needs: 'a profitability (revenue) column' },
    { id: 'topShare', label: 'Top 20 % revenue share', value: compute(revenueAt, (v) => topRevenueShare(v) * 100), unit: 'percent', formula: 'revenue of the top 20 % of customers ÷ all revenue', column: name(revenueAt), needs: 'a profitability (revenue) column' },
  ];
}
