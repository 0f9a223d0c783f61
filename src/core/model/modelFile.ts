// The model as a file the user keeps or sends: its name and text, how a document's
// problems read, and how a model from elsewhere fits the columns of the loaded file.
import type { Column } from '../dataset/dataset';
import type * as z from 'zod';
import { AXES, defaultModel, KPI_INPUTS, type Model } from './model';
import { factorSchema, formatPath, modelSchema, parseModel, ruleSchema, type ModelProblem } from './modelSchema';

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

export interface SalvagedModel {
  model: Model;
  /** What could not be kept, each with why: "factors[2] (weight: Too big…)", "bands (…)". */
  dropped: string[];
}

/**
 * A stored model that fails validation, kept part by part instead of thrown away: each
 * top-level part (bands, axes, KPI inputs, outcome, RFM, grid, lifetime-value inputs)
 * that passes its own schema is kept, others take the default's; factors and rules are
 * kept one by one (a factor with an id seen before is dropped). The result passes the
 * whole schema; when even that fails, the default model, with everything dropped.
 */
export function salvageModel(value: unknown): SalvagedModel {
  const whole = parseModel(value);
  if (whole.ok) return { model: whole.model, dropped: [] };
  const base = defaultModel();
  if (typeof value !== 'object' || value === null) return { model: base, dropped: ['the whole model (not an object)'] };
  const document = value as Record<string, unknown>;
  const dropped: string[] = [];
  const reason = (error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) =>
    error.issues
      .slice(0, 3)
      .map((issue) => `${formatPath(issue.path) || '(value)'}: ${issue.message}`)
      .join('; ');
  const kept: Record<string, unknown> = { ...base };
  for (const [key, schema] of Object.entries(modelSchema.shape)) {
    if (key === 'version' || key === 'factors' || key === 'rules' || !(key in document)) continue;
    const result = (schema as z.ZodType).safeParse(document[key]);
    if (result.success) kept[key] = result.data;
    else dropped.push(`${key} (${reason(result.error)})`);
  }
  const pieces = <T>(key: 'factors' | 'rules', schema: z.ZodType<T>, idOf: (item: T) => string): T[] | null => {
    const items = document[key];
    if (!Array.isArray(items)) {
      if (key in document) dropped.push(`${key} (not a list)`);
      return null;
    }
    const out: T[] = [];
    const ids = new Set<string>();
    items.forEach((item, i) => {
      const result = schema.safeParse(item);
      if (!result.success) dropped.push(`${key}[${i}] (${reason(result.error)})`);
      else if (ids.has(idOf(result.data))) dropped.push(`${key}[${i}] (its id "${idOf(result.data)}" is used before)`);
      else {
        ids.add(idOf(result.data));
        out.push(result.data);
      }
    });
    return out;
  };
  const factors = pieces('factors', factorSchema, (factor) => factor.id);
  if (factors && factors.length > 0) kept.factors = factors.slice(0, 32);
  const rules = pieces('rules', ruleSchema, (rule) => rule.id);
  if (rules) kept.rules = rules.slice(0, 100);
  const checked = parseModel(kept);
  return checked.ok ? { model: checked.model, dropped } : { model: base, dropped: ['the whole model (its parts do not fit together)'] };
}
