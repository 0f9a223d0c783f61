// Factor shapes: how a factor's value becomes its 0–100 points after normalisation.
// linear and saturating bend the normalised value; threshold and points read the raw
// value, because "3 support tickets or more" is a statement about tickets, not ranks.
// categories (points per value of a text column) is read from the column's codes in
// src/core/scoring/analysis.ts (categoryPoints), as it has no raw numbers to shape; decay (recency
// of a date column) likewise reads the column's day numbers there, through decayPoints.
import type { Shape } from '../model/model';
import { formatValue } from '../display/format';

type Steps = Extract<Shape, { kind: 'points' }>['steps'];

/**
 * Applies the shape to `values` (the factor on 0..100, already inverted when higher is
 * worse) in place; `raw` is the column as read. NaN (missing) stays NaN.
 * - linear: x.
 * - saturating: 100·(1 − 2^(−x/halfAt)) / (1 − 2^(−100/halfAt)): 0 → 0, 100 → 100, concave,
 *   so the first points of x count most; never below x. A halfAt that is not > 0 is linear.
 * - threshold: 100 when raw ≥ at (raw ≤ at when higher is worse), else 0.
 * - points: the points of the last step whose `from` ≤ raw (steps in `from` order; below
 *   the first step, the first step's points), clamped to 0..100. The table sets its own
 *   direction, so higher-is-worse does not invert it. No usable step leaves x as it is.
 */
export function applyShape(shape: Shape, raw: Float64Array, isHigherBetter: boolean, values: Float64Array): void {
  switch (shape.kind) {
    case 'linear':
      return;
    case 'saturating':
      if (shape.halfAt > 0) saturate(values, shape.halfAt);
      return;
    case 'threshold':
      threshold(raw, shape.at, isHigherBetter, values);
      return;
    case 'points': {
      const steps = sortedSteps(shape.steps);
      if (steps.length > 0) pointsTable(raw, steps, values);
      return;
    }
    case 'categories':
    case 'decay':
      return;
  }
}

/**
 * Recency points of a date column: days = asOfDay − day (a date after asOfDay counts as
 * 0 days), points = 100·2^(−days / halfLifeDays), so today is 100, one half-life ago 50,
 * two 25, and points never rise as a date gets older. Missing (NaN) stays NaN. The
 * half-life sets the direction, so higher-is-worse does not invert it.
 */
export function decayPoints(days: Float64Array, halfLifeDays: number, asOfDay: number, out: Float64Array): void {
  const rate = -1 / halfLifeDays;
  for (let i = 0; i < days.length; i++) {
    const day = days[i];
    if (day !== day) {
      out[i] = NaN;
      continue;
    }
    const age = asOfDay - day;
    out[i] = age > 0 ? 100 * Math.pow(2, age * rate) : 100;
  }
}

/** 100·(1 − 2^(−x/h)) / (1 − 2^(−100/h)), written with expm1 so a large h stays exact. */
function saturate(values: Float64Array, halfAt: number): void {
  const rate = Math.LN2 / halfAt;
  const full = Math.expm1(-100 * rate);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x !== x) continue;
    // The ratio first, so 100 maps to exactly 100.
    const y = (Math.expm1(-x * rate) / full) * 100;
    values[i] = y < 0 ? 0 : y > 100 ? 100 : y;
  }
}

function threshold(raw: Float64Array, at: number, isHigherBetter: boolean, values: Float64Array): void {
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (v !== v) values[i] = NaN;
    else values[i] = (isHigherBetter ? v >= at : v <= at) ? 100 : 0;
  }
}

/** The usable steps (finite from and points) in `from` order, points clamped to 0..100. */
export function sortedSteps(steps: Steps): Steps {
  return steps
    .filter((step) => Number.isFinite(step.from) && Number.isFinite(step.points))
    .map((step) => ({ from: step.from, points: Math.min(100, Math.max(0, step.points)) }))
    .sort((a, b) => a.from - b.from);
}

/** Up to this many steps a points table is walked; longer ones are binary-searched. */
const LINEAR_STEPS = 16;

function pointsTable(raw: Float64Array, steps: Steps, values: Float64Array): void {
  const froms = Float64Array.from(steps, (step) => step.from);
  const points = Float64Array.from(steps, (step) => step.points);
  const last = steps.length - 1;
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (v !== v) {
      values[i] = NaN;
      continue;
    }
    // The last step whose "from" is ≤ v (the first step when none is). A handful of steps: a
    // linear walk beats a binary search; a long table (up to MAX_POINTS_STEPS) is searched.
    let s = 0;
    if (last < LINEAR_STEPS) while (s < last && froms[s + 1] <= v) s++;
    else {
      let high = last;
      while (s < high) {
        const middle = (s + high + 1) >> 1;
        if (froms[middle] <= v) s = middle;
        else high = middle - 1;
      }
    }
    values[i] = points[s];
  }
}

/**
 * The shape in words for the factor's description line, after the normalisation's;
 * '' for linear. Threshold and points replace the normalisation, so they say "raw".
 */
export function describeShape(shape: Shape, isHigherBetter: boolean): string {
  switch (shape.kind) {
    case 'linear':
      return '';
    case 'saturating':
      return shape.halfAt > 0 ? `diminishing returns (half the gain by ${formatValue(shape.halfAt)})` : '';
    case 'threshold':
      return `100 points ${isHigherBetter ? 'from' : 'up to'} ${formatValue(shape.at)} (raw value), else 0`;
    case 'points': {
      const steps = sortedSteps(shape.steps);
      return steps.length === 0 ? '' : `points table on the raw value: ${steps.map((step) => `from ${formatValue(step.from)} → ${formatValue(step.points)}`).join(', ')}`;
    }
    case 'categories':
      return `points per value: ${Object.entries(shape.points)
        .map(([value, points]) => `${value} → ${formatValue(points)}`)
        .join(', ')}`;
    case 'decay':
      return `recency: half-life ${formatValue(shape.halfLifeDays)} days, as of ${shape.asOf ?? 'the latest date'}`;
  }
}

/** True when the shape reads the raw value, so the normalisation does not matter. */
export function isRawShape(shape: Shape): boolean {
  return shape.kind === 'threshold' || shape.kind === 'categories' || shape.kind === 'decay' || (shape.kind === 'points' && sortedSteps(shape.steps).length > 0);
}
