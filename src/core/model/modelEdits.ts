// Edits of the model the mapping panel makes beyond one field: factors added from any
// numeric column and removed, default shape parameters, and rules. Pure: model in,
// model out, every result valid under src/core/model/modelSchema.ts.
import type { Factor, Model, Rule, Shape } from './model';
import { MAX_FACTORS } from '../scoring/score';

/** Most rules a model holds (the schema's limit). */
export const MAX_RULES = 100;
export const CUSTOM_FACTOR_WEIGHT = 10;

type Step = Extract<Shape, { kind: 'points' }>['steps'][number];

/**
 * What kind of shape a column takes: a categorical column's values (points per value),
 * 'date' for a date column (recency decay), undefined for a numeric column.
 */
export type ColumnFit = readonly string[] | 'date' | undefined;

/** Half-life a date column starts with: a quarter, so activity a year old counts ~6 %. */
export const DEFAULT_HALF_LIFE_DAYS = 90;

/** The first `prefix<n>` (n = 1, 2, …) that no id in `taken` uses. */
function freshId(prefix: string, taken: readonly { id: string }[]): string {
  const ids = new Set(taken.map((item) => item.id));
  let n = 1;
  while (ids.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/**
 * Adds a factor on `column`: id custom-<n>, labelled by the column, weight 10, linear
 * (points per value, evenly spread, when `fit` says the column is categorical; recency with
 * a 90-day half-life for a date column), automatic normalisation, higher is better.
 * Unchanged at MAX_FACTORS (the kernel's limit).
 */
export function withFactorAdded(model: Model, column: string, fit?: ColumnFit): Model {
  if (model.factors.length >= MAX_FACTORS) return model;
  const factor: Factor = {
    id: freshId('custom-', model.factors),
    label: column,
    column,
    normalization: 'auto',
    isHigherBetter: true,
    weight: CUSTOM_FACTOR_WEIGHT,
    shape: shapeForColumn({ kind: 'linear' }, fit),
  };
  return { ...model, factors: [...model.factors, factor] };
}

/** Removes a factor; the last one stays (a model has at least one factor). */
export function withFactorRemoved(model: Model, factorId: string): Model {
  if (model.factors.length <= 1) return model;
  return { ...model, factors: model.factors.filter((factor) => factor.id !== factorId) };
}

/**
 * A new shape of the given kind with parameters from the column's range (min..max of the
 * raw values, NaN when unknown): diminishing returns half-way by 25 points; a threshold
 * at the middle of the range; a points table 0 below the middle and 100 from it.
 */
export function defaultShape(kind: Shape['kind'], min: number, max: number): Shape {
  const middle = Number.isFinite(min) && Number.isFinite(max) ? roundNicely((min + max) / 2) : 0;
  switch (kind) {
    case 'linear':
      return { kind };
    case 'saturating':
      return { kind, halfAt: 25 };
    case 'threshold':
      return { kind, at: middle };
    case 'points': {
      const from = Number.isFinite(min) && min < middle ? min : middle - 1;
      return {
        kind,
        steps: [
          { from, points: 0 },
          { from: middle, points: 100 },
        ],
      };
    }
    case 'categories':
      return { kind, points: {} };
    case 'decay':
      return { kind, halfLifeDays: DEFAULT_HALF_LIFE_DAYS, asOf: null };
  }
}

/**
 * Points per value spread evenly over the categories in the order given (the dataset's:
 * code-unit order): round(100·k / (n − 1)) for the k-th of n, so the first gets 0 and the
 * last 100; a lone category gets 100. The user then moves them where the domain says.
 */
export function defaultCategoryPoints(categories: readonly string[]): Shape {
  const last = categories.length - 1;
  return { kind: 'categories', points: Object.fromEntries(categories.map((category, k) => [category, last > 0 ? Math.round((100 * k) / last) : 100])) };
}

/**
 * The shape a factor takes when it is mapped to another column: a categorical column
 * (`fit` its values) keeps a points-per-value table that already covers all its values,
 * else gets the even spread; a date column (`fit` 'date') keeps a decay shape, else gets
 * decay with a 90-day half-life as of its latest date; a numeric column keeps its shape,
 * except points per value or decay, which become linear. So a mapped factor's shape
 * always fits its column.
 */
export function shapeForColumn(shape: Shape, fit: ColumnFit): Shape {
  if (fit === 'date') return shape.kind === 'decay' ? shape : defaultShape('decay', NaN, NaN);
  if (fit) {
    const covers = shape.kind === 'categories' && fit.every((category) => Object.hasOwn(shape.points, category));
    return covers ? shape : defaultCategoryPoints(fit);
  }
  return shape.kind === 'categories' || shape.kind === 'decay' ? { kind: 'linear' } : shape;
}

/** Two significant digits: 1234.5 → 1200, 0.456 → 0.46. */
function roundNicely(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return 0;
  const magnitude = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 1);
  return Math.round(x / magnitude) * magnitude;
}

/** A step added after the last: one above its `from`, with its points. */
export function withStepAdded(steps: readonly Step[]): Step[] {
  const last = steps[steps.length - 1];
  return [...steps, last ? { from: last.from + 1, points: last.points } : { from: 0, points: 100 }];
}

/** Steps in increasing `from` order, as the schema asks (the editor sorts when a "from" is left). */
export function stepsInOrder(steps: readonly Step[]): Step[] {
  return [...steps].sort((a, b) => a.from - b.from);
}

/** Why a points table cannot be saved as is, or null: two steps may not start at the same value. */
export function stepsProblem(steps: readonly Step[]): string | null {
  const froms = steps.map((step) => step.from);
  return new Set(froms).size < froms.length ? 'Two steps start at the same value: the later one wins.' : null;
}

/** A column a rule can read, as the dataset summary describes it. */
export interface RuleColumn {
  name: string;
  kind: string;
  min: number;
  max: number;
}

/** Columns a rule can test: numbers and yes/no flags. */
export function ruleColumns<T extends RuleColumn>(columns: readonly T[]): T[] {
  return columns.filter((column) => column.kind === 'number' || column.kind === 'flag');
}

/**
 * A new rule on the file's first number or yes/no column: a yes/no column starts as
 * "is yes", a number as "is above" the middle of its range; +10 points. Unchanged at
 * MAX_RULES or when the file has no such column.
 */
export function withRuleAdded(model: Model, columns: readonly RuleColumn[]): Model {
  const column = ruleColumns(columns)[0];
  if (!column || model.rules.length >= MAX_RULES) return model;
  const isFlag = column.kind === 'flag';
  const rule: Rule = { id: freshId('rule-', model.rules), column: column.name, when: isFlag ? 'yes' : 'above', value: isFlag ? 0 : roundNicely((column.min + column.max) / 2), points: 10 };
  return { ...model, rules: [...model.rules, rule] };
}

/** Changes one rule; points are kept within −100…100. */
export function withRuleChanged(model: Model, ruleId: string, change: Partial<Omit<Rule, 'id'>>): Model {
  const points = change.points === undefined ? undefined : Math.min(100, Math.max(-100, change.points));
  return { ...model, rules: model.rules.map((rule) => (rule.id === ruleId ? { ...rule, ...change, ...(points === undefined ? {} : { points }) } : rule)) };
}

export function withRuleRemoved(model: Model, ruleId: string): Model {
  return { ...model, rules: model.rules.filter((rule) => rule.id !== ruleId) };
}
