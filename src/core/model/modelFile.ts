// The model as a file the user keeps or sends: its name and text, how a document's
// problems read, and how a model from elsewhere fits the columns of the loaded file.
import type { Column } from '../dataset/dataset';
import { AXES, KPI_INPUTS, type Model } from './model';
import type { ModelProblem } from './modelSchema';

/** "customers.csv" → "customers-crs-model.json"; without a dataset, "crs-model.json". */
export function modelFileName(datasetName: string | null): string {
  const base = datasetName?.replace(/\.[^.]*$/, '').trim();
  return base ? `${base}-crs-model.json` : 'crs-model.json';
}

/** The model document, pretty-printed, ending in a newline. */
export function modelToJson(model: Model): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

/** "factors[2].weight: Too big; bands: …" — each problem with its exact path ("(document)" for the root). */
export function problemsText(problems: readonly ModelProblem[]): string {
  return problems.map((problem) => `${problem.path || '(document)'}: ${problem.message}`).join('; ');
}

export interface FittedModel {
  model: Model;
  /** Columns the model names that the file lacks, each once, in the model's order. */
  missing: string[];
}

/**
 * The model on a file's columns: every reference to a column the file has is kept as is;
 * a factor, axis, KPI input, outcome or lifetime-value input naming a column the file lacks is left unmapped
 * (null), and a rule on such a column is dropped (a rule cannot be unmapped). Weights,
 * bands and shapes are kept. `missing` lists the columns that were not found.
 */
export function fitModelToColumns(model: Model, columns: readonly Pick<Column, 'name'>[]): FittedModel {
  const present = new Set(columns.map((column) => column.name));
  const missing: string[] = [];
  const keep = (column: string | null): string | null => {
    if (column === null || present.has(column)) return column;
    if (!missing.includes(column)) missing.push(column);
    return null;
  };
  const factors = model.factors.map((factor) => ({ ...factor, column: keep(factor.column) }));
  const axes = { ...model.axes };
  for (const axis of AXES) axes[axis] = { ...model.axes[axis], column: keep(model.axes[axis].column) };
  const kpiInputs = { ...model.kpiInputs };
  for (const input of KPI_INPUTS) kpiInputs[input] = keep(model.kpiInputs[input]);
  const rules = model.rules.filter((rule) => keep(rule.column) !== null);
  const outcome = { ...model.outcome, column: keep(model.outcome.column) };
  const life = model.lifetime;
  const lifetime = life && {
    ...life,
    orders: keep(life.orders),
    age: keep(life.age),
    daysSinceLast: keep(life.daysSinceLast),
    firstPurchase: keep(life.firstPurchase),
    lastPurchase: keep(life.lastPurchase),
    orderValue: keep(life.orderValue),
    revenue: keep(life.revenue),
    holdoutPurchases: keep(life.holdoutPurchases),
  };
  return { model: { ...model, factors, axes, kpiInputs, rules, outcome, lifetime }, missing };
}

/** The notice shown when a model names columns the file lacks (not a failure). */
export function missingColumnsNotice(missing: readonly string[]): string {
  return `This model uses columns this file lacks: ${missing.join(', ')} — choose columns for them under Column mapping.`;
}
