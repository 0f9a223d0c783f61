// "Export as SQL": the model as one SELECT that scores a warehouse table the way the app
// scores the file (crs, crs_band, relationship_group, and rfm_r, rfm_f, rfm_m, rfm_segment when
// RFM is set up), for DuckDB, PostgreSQL and Spark SQL.
// The SQL reads the file's own columns as loaded into the warehouse; what it cannot learn
// from the model alone (column kinds, which method 'auto' chose) comes in a SqlContext that
// sqlContext() builds from the app's dataset and analysis. Data-dependent figures
// (percentile ranks, min, max, mean, σ, medians, tertiles, the latest date) are computed in
// SQL over the table, so the query stays right as the table grows. RFM is the exception: its
// cut points and the latest date recency counts to are fixed as the app resolved them, so the
// warehouse segments are the ones the user saw and a segment's meaning does not drift. What
// SQL cannot compute at all is a grid axis on the lifetime-value fit's predictions (BG/NBD):
// then relationship_group is NULL and the header says so. The columns it adds are named as
// the scored CSV names them (outputColumnNames): crs_2 and so on where the table has a crs column.
// Given an earlier table (a snapshot compared with this one), it also gives each row's
// previous_crs, crs_change, previous_band and previous_group: the same CTE chain scores the
// earlier table on its own data, as the app scores each file, and a LEFT JOIN pairs the rows
// by id text, leaving blank and repeated ids unpaired as matchIds does.
import type { Analysis } from '../scoring/analysis';
import { formatIsoDay, parseIsoDay } from '../csv/dates';
import { isMissingText } from '../csv/numbers';
import { columnIndex, type ColumnKind, type Dataset } from '../dataset/dataset';
import { AXES, PREDICTED_LABELS, type Axis, type AxisSpec, type Model, type PredictedValue, type Rule, type Shape } from '../model/model';
import type { ResolvedNormalization } from '../scoring/normalize';
import { cellSegments, latestDay, type RfmScores } from '../rfm/rfm';
import { RFM_SEGMENT_EXPORT_NAMES, RFM_SEGMENTS, type RfmDimension } from '../rfm/rfmSpec';
import { GROUP_EXPORT_NAMES, gridGroups, type GridSize } from '../groups/segment';
import { TENURE_UNIT_DAYS } from '../groups/tenure';
import { sortedSteps } from '../scoring/shape';
import { outputColumnNames, RFM_COLUMNS, SCORE_COLUMNS, type OutputColumn } from './outputColumns';

/** The name of each column the SQL adds (outputColumnNames of the table's columns). */
type OutputNames = Record<OutputColumn, string>;

export const SQL_DIALECTS = ['duckdb', 'postgres', 'spark'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/** How a column's cells become numbers in SQL: as the app read that column. */
export type SqlValueKind = Exclude<ColumnKind, 'text'>;

/** How the app read one scored factor: its column, the column's kind, the method 'auto' resolved to. */
export interface SqlFactorReading {
  factorId: string;
  column: string;
  /** number / flag / date: the column's values; category: points per value of a text column. */
  kind: SqlValueKind | 'category';
  /** The method the app used ('auto' resolved); parameters other than a known scale's are recomputed in SQL. */
  normalization: ResolvedNormalization;
}

/** What the SQL cannot know from the model alone, as the app resolved it on the file. */
export interface SqlContext {
  /** Every column of the file in order, with the kind the app read it as. */
  columns: { name: string; kind: ColumnKind }[];
  /** The factors the app scores (mapped, readable, shape fitting the column). */
  factors: SqlFactorReading[];
  /** RFM as the app scored it; absent or null = no RFM columns. */
  rfm?: SqlRfmReading | null;
  /** An earlier file compared with this one (previousReading); absent or null = no movement columns. */
  previous?: SqlPreviousReading | null;
}

/** An earlier file as the app read it, and the id columns it is matched to the current file on. */
export interface SqlPreviousReading {
  /** The current file's id column. */
  idColumn: string;
  /** The earlier file's id column. */
  previousIdColumn: string;
  /** The earlier file's columns and scored factors (its own kinds and 'auto' resolutions). */
  columns: SqlContext['columns'];
  factors: SqlFactorReading[];
}

/** An RFM input column and the kind the app read it as. */
export interface SqlRfmColumn {
  column: string;
  kind: SqlValueKind;
}

/** What the RFM scores depend on in the data, as the app resolved it on the file. */
export interface SqlRfmReading {
  recency: SqlRfmColumn;
  frequency: SqlRfmColumn;
  monetary: SqlRfmColumn | null;
  /** Per dimension, the cut points the app scored with (the user's, or the file's quintiles); recency in days. */
  cuts: Record<RfmDimension, number[]>;
  /** Recency from a date column: the file's latest day (days since 1970-01-01) it counts to; null otherwise or when no date is known. */
  latestDay: number | null;
}

interface SqlFactor extends SqlFactorReading {
  label: string;
  weight: number;
  isHigherBetter: boolean;
  shape: Shape;
  /** In the crs (positive weight); a factor only a grid axis reads is computed but not scored. */
  isScored: boolean;
}

interface SqlRule {
  column: string;
  kind: SqlValueKind;
  when: Rule['when'];
  value: number;
  points: number;
}

/** What a grid axis splits on, as the app reads it (src/core/scoring/analysis.ts readAxis). */
type SqlAxisSource =
  | { kind: 'column'; column: string; valueKind: SqlValueKind; /** A date on the loyalty axis: tenure in units of this many days, to the column's latest date. */ tenureDays?: number }
  /** The factor's shaped 0–100 points, the same x the crs reads; `index` into the plan's factors. */
  | { kind: 'factor'; index: number; label: string }
  /** The lifetime-value fit's prediction: BG/NBD, which this SQL does not reproduce. */
  | { kind: 'predicted'; value: PredictedValue }
  /** Each customer's seed-formula CLTV (src/core/clv/seedCltv.ts), as an expression over the file's columns. */
  | { kind: 'seedCltv'; sql: (d: Dialect) => string; formula: string }
  | { kind: 'unavailable'; reason: string };

interface SqlAxis {
  source: SqlAxisSource;
  /** The (lower) cut; null = the median (2×2) or the lower tertile (3×3), computed in SQL. */
  split: number | null;
  /** 3×3 only: the upper cut; null = the upper tertile, computed in SQL. */
  upper: number | null;
}

/** A bug in the caller (a non-finite number reaching the SQL text), not a user problem. */
export class SqlExportError extends Error {
  name = 'SqlExportError';
}

/**
 * What the SQL needs beside the model, from the app's own reading of the file: every
 * column's kind, and each scored factor's column kind and resolved normalisation
 * (analysis.factors, so a factor the app leaves out is left out here too), and with `rfm`
 * (scoreRfm of the same dataset) its columns, cut points and latest date.
 */
export function sqlContext(dataset: Dataset, analysis: Pick<Analysis, 'factors'>, model: Model, rfm: RfmScores | null = null): SqlContext {
  const factors: SqlFactorReading[] = [];
  for (const values of analysis.factors) {
    const factor = model.factors.find((f) => f.id === values.factorId);
    const c = columnIndex(dataset, values.column);
    const kind = c >= 0 ? dataset.columns[c].kind : 'text';
    if (!factor) continue;
    if (factor.shape.kind === 'categories') factors.push({ factorId: factor.id, column: values.column, kind: 'category', normalization: values.resolved });
    else if (kind !== 'text') factors.push({ factorId: factor.id, column: values.column, kind, normalization: values.resolved });
  }
  return { columns: dataset.columns.map((column) => ({ name: column.name, kind: column.kind })), factors, rfm: rfm ? rfmReading(dataset, rfm) : null };
}

/**
 * The earlier file for the movement columns: sqlContext's columns and factors of its own
 * dataset and analysis (so a column's kind and what 'auto' chose are the earlier file's),
 * and the id columns the two files are matched on (comparison.ts).
 */
export function previousReading(dataset: Dataset, analysis: Pick<Analysis, 'factors'>, model: Model, ids: { idColumn: string; previousIdColumn: string }): SqlPreviousReading {
  const { columns, factors } = sqlContext(dataset, analysis, model);
  return { ...ids, columns, factors };
}

/** The RFM columns' kinds and the numbers the scores were cut by; null when recency or frequency is not a readable column. */
function rfmReading(dataset: Dataset, scores: RfmScores): SqlRfmReading | null {
  const read = (name: string | null) => {
    const c = name === null ? -1 : columnIndex(dataset, name);
    const column = c >= 0 ? dataset.columns[c] : null;
    return column && column.kind !== 'text' && column.values ? { column: column.name, kind: column.kind, values: column.values } : null;
  };
  const recency = read(scores.columns.recency);
  const frequency = read(scores.columns.frequency);
  const monetary = read(scores.columns.monetary);
  if (!recency || !frequency) return null;
  const latest = recency.kind === 'date' ? latestDay(recency.values) : NaN;
  const columnOf = ({ column, kind }: SqlRfmColumn): SqlRfmColumn => ({ column, kind });
  return {
    recency: columnOf(recency),
    frequency: columnOf(frequency),
    monetary: monetary ? columnOf(monetary) : null,
    cuts: { r: [...scores.cuts.r], f: [...scores.cuts.f], m: [...scores.cuts.m] },
    latestDay: Number.isFinite(latest) ? latest : null,
  };
}

interface SqlPlan {
  /** In model order: the scored factors (positive weight) and any factor a grid axis reads. */
  factors: SqlFactor[];
  rules: SqlRule[];
  axes: Record<Axis, SqlAxis>;
  gridSize: GridSize;
  rfm: SqlRfmReading | null;
}

/** The model's scored factors, usable rules (src/core/scoring/rules.ts), grid axes and RFM, with their columns' kinds. */
function plan(model: Model, context: SqlContext): SqlPlan {
  const valueKind = (name: string | null): SqlValueKind | null => {
    const kind = context.columns.find((column) => column.name === name)?.kind ?? 'text';
    return kind === 'text' ? null : kind;
  };
  const isOnAxis = (factorId: string): boolean => Object.values(model.axes).some((spec) => spec.source.kind === 'factor' && spec.source.factorId === factorId);
  const factors: SqlFactor[] = [];
  for (const factor of model.factors) {
    const reading = context.factors.find((f) => f.factorId === factor.id && f.column === factor.column);
    const isScored = factor.weight > 0;
    if (reading && (isScored || isOnAxis(factor.id))) factors.push({ ...reading, label: factor.label, weight: factor.weight, isHigherBetter: factor.isHigherBetter, shape: factor.shape, isScored });
  }
  const rules: SqlRule[] = [];
  for (const rule of model.rules) {
    if (!Number.isFinite(rule.points) || rule.points === 0) continue;
    if ((rule.when === 'above' || rule.when === 'below') && !Number.isFinite(rule.value)) continue;
    const kind = valueKind(rule.column);
    if (kind !== null) rules.push({ column: rule.column, kind, when: rule.when, value: rule.value, points: rule.points });
  }
  // The same reasons as the app's readAxis, so the header tells why a group is NULL.
  const axisSource = (spec: AxisSpec, name: Axis): SqlAxisSource => {
    const source = spec.source;
    if (source.kind === 'predicted') return { kind: 'predicted', value: source.value };
    if (source.kind === 'seedCltv') return seedCltvSource(model, valueKind);
    if (source.kind === 'factor') {
      const factor = model.factors.find((f) => f.id === source.factorId);
      if (!factor) return { kind: 'unavailable', reason: 'its factor is no longer in the model' };
      const index = factors.findIndex((f) => f.factorId === factor.id);
      return index >= 0 ? { kind: 'factor', index, label: factor.label } : { kind: 'unavailable', reason: `${factor.label} has no usable column mapped` };
    }
    if (spec.column === null) return { kind: 'unavailable', reason: 'no column is mapped' };
    const kind = valueKind(spec.column);
    if (kind === null) return { kind: 'unavailable', reason: `${spec.column} is not a number or date column of this file` };
    if (kind !== 'date') return { kind: 'column', column: spec.column, valueKind: kind };
    if (name === 'profitability') return { kind: 'unavailable', reason: `${spec.column} is a date: it can measure loyalty (time as a customer), not profitability` };
    return { kind: 'column', column: spec.column, valueKind: kind, tenureDays: TENURE_UNIT_DAYS[spec.tenureUnit ?? 'months'] };
  };
  const axis = (name: Axis): SqlAxis => ({ source: axisSource(model.axes[name], name), split: model.axes[name].split, upper: model.axes[name].upper });
  // The context's RFM reading, as long as it was taken for the model's RFM columns.
  const reading = context.rfm ?? null;
  const rfm =
    reading && reading.recency.column === model.rfm.recency && reading.frequency.column === model.rfm.frequency && (reading.monetary === null || reading.monetary.column === model.rfm.monetary) ? reading : null;
  return { factors, rules, axes: { profitability: axis('profitability'), loyalty: axis('loyalty') }, gridSize: model.gridSize, rfm };
}

/** The yes/no words the app reads as 1 and 0 (src/core/csv/numbers.ts FLAG_VALUES). */
const FLAG_YES = ['yes', 'y', 'true', 'ja', 'x'];
const FLAG_NO = ['no', 'n', 'false', 'nej'];

interface Dialect {
  id: (name: string) => string;
  str: (text: string) => string;
  double: string;
  text: string;
  /** Days since 1970-01-01 UTC of a DATE / TIMESTAMP (or ISO text) expression. */
  days: (expr: string) => string;
  /** ln(1 + x) to the last digits for tiny x, as the app's Math.log1p. */
  log1p: (x: string) => string;
}

/**
 * ln(1 + x) for dialects without LOG1P (DuckDB, PostgreSQL): with u = 1 + x rounded,
 * x · ln(u) / (u − 1) (Goldberg, "What every computer scientist should know about
 * floating-point arithmetic", theorem 4: within a few units in the last place). LN(1 + x)
 * keeps only the digits of x that survive being added to 1: at x = 1e-15 it is 11 % off.
 */
function compensatedLog1p(x: string): string {
  const u = `(1 + ${x})`;
  return `(CASE WHEN ${u} = 1 THEN ${x} ELSE LN(${u}) * (${x} / (${u} - 1)) END)`;
}

const DIALECTS: Record<SqlDialect, Dialect> = {
  duckdb: {
    id: (name) => `"${name.replaceAll('"', '""')}"`,
    str: (text) => `'${text.replaceAll("'", "''")}'`,
    double: 'DOUBLE',
    text: 'VARCHAR',
    days: (expr) => `(epoch(CAST(${expr} AS TIMESTAMP)) / 86400)`,
    log1p: compensatedLog1p,
  },
  postgres: {
    id: (name) => `"${name.replaceAll('"', '""')}"`,
    str: (text) => `'${text.replaceAll("'", "''")}'`,
    double: 'DOUBLE PRECISION',
    text: 'TEXT',
    days: (expr) => `(CAST(EXTRACT(EPOCH FROM CAST(${expr} AS TIMESTAMP)) AS DOUBLE PRECISION) / 86400)`,
    log1p: compensatedLog1p,
  },
  spark: {
    id: (name) => `\`${name.replaceAll('`', '``')}\``,
    // Spark reads backslash escapes in string literals (spark.sql.parser.escapedStringLiterals=false).
    str: (text) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`,
    double: 'DOUBLE',
    text: 'STRING',
    days: (expr) => `(CAST(CAST(${expr} AS TIMESTAMP) AS DOUBLE) / 86400)`,
    log1p: (x) => `LOG1P(${x})`,
  },
};

/**
 * A number as SQL: integers as written, anything else as CAST('…' AS DOUBLE). A bare 0.1
 * is DECIMAL in DuckDB and NUMERIC in PostgreSQL, whose sums differ from JavaScript's
 * doubles; the string form is parsed to the nearest double in every dialect.
 */
function num(d: Dialect, value: number): string {
  if (!Number.isFinite(value)) throw new SqlExportError(`not a finite number: ${value}`);
  if (Number.isSafeInteger(value)) return value < 0 ? `(${value})` : String(value);
  return `CAST('${String(value)}' AS ${d.double})`;
}

/** Comment text on one line, so a column name cannot end the comment and start SQL. */
function commentSafe(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/**
 * The numeric value of a column as the app reads it: number, flag (1/0) or date (days),
 * always a double, as in the app's Float64Array. A flag as the integers 1 and 0 would be
 * divided as integers in PostgreSQL: the median of three yes and three no, (0 + 1) / 2,
 * came out 0 instead of 0.5.
 */
function valueExpr(d: Dialect, column: string, kind: SqlValueKind): string {
  const col = `t.${d.id(column)}`;
  if (kind === 'number') return `CAST(${col} AS ${d.double})`;
  if (kind === 'date') return d.days(col);
  const word = `LOWER(TRIM(CAST(${col} AS ${d.text})))`;
  return `(CASE WHEN ${word} IN (${FLAG_YES.map(d.str).join(', ')}) THEN CAST(1 AS ${d.double}) WHEN ${word} IN (${FLAG_NO.map(d.str).join(', ')}) THEN CAST(0 AS ${d.double}) END)`;
}

const clamp100 = (d: Dialect, x: string): string => `GREATEST(${num(d, 0)}, LEAST(${num(d, 100)}, ${x}))`;

/** The helper columns z-score takes its sums with (zScoreHelpers): r's minimum and its range, NULL when 0. */
interface ZScoreHelpers {
  shift: string;
  range: string;
}

/**
 * A z-scored factor's helper columns, computed in the base CTE beside its raw value because
 * z-score's sums are windows over them and windows cannot be nested.
 */
function zScoreHelpers(value: string, names: ZScoreHelpers): string[] {
  return [`MIN(${value}) OVER () AS ${names.shift}`, `NULLIF(MAX(${value}) OVER () - MIN(${value}) OVER (), 0) AS ${names.range}`];
}

/** A factor's normalised value (before inversion) from its raw helper column r; windows over the table. */
function normalizedExpr(d: Dialect, r: string, resolved: ResolvedNormalization, { shift, range }: ZScoreHelpers): string {
  const all = 'OVER ()';
  const min = `MIN(${r}) ${all}`;
  const max = `MAX(${r}) ${all}`;
  switch (resolved.method) {
    case 'as-is':
      return `CASE WHEN ${r} IS NULL THEN NULL ELSE ${clamp100(d, r)} END`;
    case 'scale': {
      const span = resolved.high - resolved.low;
      if (!(span > 0)) return `CASE WHEN ${r} IS NULL THEN NULL ELSE 50 END`;
      return `CASE WHEN ${r} IS NULL THEN NULL ELSE ${clamp100(d, `((${r} - ${num(d, resolved.low)}) / ${num(d, span)}) * 100`)} END`;
    }
    case 'percentile':
      // PERCENT_RANK = (rank − 1) / (n − 1) = values strictly below / (n − 1), over the present values only.
      return `CASE WHEN ${r} IS NULL THEN NULL WHEN ${min} = ${max} THEN 50 ELSE PERCENT_RANK() OVER (PARTITION BY CASE WHEN ${r} IS NULL THEN 1 ELSE 0 END ORDER BY ${r}) * 100 END`;
    case 'min-max':
      return `CASE WHEN ${r} IS NULL THEN NULL WHEN NOT (${max} - ${min} > 0) THEN 50 ELSE ${clamp100(d, `((${r} - ${min}) / (${max} - ${min})) * 100`)} END`;
    case 'z-score': {
      // As the app's columnStats: mean and σ from sums of r − shift, not of r. Amounts near
      // 1e12 that differ in their last digits lose the mean by several units in the last
      // place in AVG(r), and the spread in STDDEV_POP(r). The app shifts by the first value,
      // which a table has not; the minimum is as good and needs no row order. Divided by the
      // range (as the app's scaledMoments), so values near 1e300 do not overflow the squares,
      // an error in PostgreSQL; a range of 0 is NULL, where every row is 50 anyway.
      const mean = `(${shift} + (AVG((${r} - ${shift}) / ${range}) ${all}) * ${range})`;
      const sd = `((STDDEV_POP((${r} - ${shift}) / ${range}) ${all}) * ${range})`;
      return `CASE WHEN ${r} IS NULL THEN NULL WHEN ${min} = ${max} THEN 50 ELSE ${clamp100(d, `50 + ((${r} - ${mean}) / ${sd}) * ${num(d, 50 / 3)}`)} END`;
    }
    case 'log': {
      const top = d.log1p(`(${max} - ${min})`);
      return `CASE WHEN ${r} IS NULL THEN NULL WHEN NOT (${top} > 0) THEN 50 WHEN NOT (${r} > ${min}) THEN 0 ELSE LEAST(${num(d, 100)}, (${d.log1p(`(${r} - ${min})`)} / ${top}) * 100) END`;
    }
  }
}

/** Points per value of a text column; a value without finite points, or missing, is NULL. */
function categoriesExpr(d: Dialect, column: string, points: Readonly<Record<string, number>>): string {
  const whens = Object.entries(points)
    .filter(([value, p]) => Number.isFinite(p) && value.trim() !== '' && !isMissingText(value))
    .map(([value, p]) => `WHEN ${d.str(value)} THEN ${num(d, Math.min(100, Math.max(0, p)))}`);
  return whens.length === 0 ? 'NULL' : `CASE TRIM(CAST(t.${d.id(column)} AS ${d.text})) ${whens.join(' ')} END`;
}

/** 100·2^(−age / half-life) for age = asOf − day > 0, else 100; asOf null = the latest date. */
function decayExpr(d: Dialect, r: string, shape: Extract<Shape, { kind: 'decay' }>): string {
  const asOf = shape.asOf === null ? `MAX(${r}) OVER ()` : parseIsoDay(shape.asOf);
  // An unreadable asOf makes every age NaN in the app, and NaN > 0 is false: 100 for all.
  if (typeof asOf === 'number' && asOf !== asOf) return `CASE WHEN ${r} IS NULL THEN NULL ELSE 100 END`;
  const at = typeof asOf === 'number' ? num(d, asOf) : asOf;
  return `CASE WHEN ${r} IS NULL THEN NULL WHEN ${at} - ${r} > 0 THEN 100 * POWER(2, (${at} - ${r}) * ${num(d, -1 / shape.halfLifeDays)}) ELSE 100 END`;
}

/** The shape applied to the normalised (and inverted) value n; threshold and points read the raw value r. */
function shapedExpr(d: Dialect, n: string, r: string, factor: SqlFactor): string {
  const { shape } = factor;
  switch (shape.kind) {
    case 'saturating': {
      if (!(shape.halfAt > 0)) return n;
      const rate = Math.LN2 / shape.halfAt;
      // (e^(−x·rate) − 1) / (e^(−100·rate) − 1) · 100, both halves in SQL so 100 maps to 100.
      return `CASE WHEN ${n} IS NULL THEN NULL ELSE ${clamp100(d, `((EXP((-${n}) * ${num(d, rate)}) - 1) / (EXP(${num(d, -100 * rate)}) - 1)) * 100`)} END`;
    }
    case 'threshold':
      return `CASE WHEN ${r} IS NULL THEN NULL WHEN ${r} ${factor.isHigherBetter ? '>=' : '<='} ${num(d, shape.at)} THEN 100 ELSE 0 END`;
    case 'points': {
      const steps = sortedSteps(shape.steps);
      if (steps.length === 0) return n;
      const whens = steps
        .slice(1)
        .reverse()
        .map((step) => `WHEN ${r} >= ${num(d, step.from)} THEN ${num(d, step.points)}`);
      return `CASE WHEN ${r} IS NULL THEN NULL ${whens.join(' ')} ELSE ${num(d, steps[0].points)} END`;
    }
    default:
      return n;
  }
}

/** Days since the last purchase: a number column as is, a date column counted to the file's latest day. */
function recencyExpr(d: Dialect, rfm: SqlRfmReading): string {
  const { column, kind } = rfm.recency;
  if (kind !== 'date') return valueExpr(d, column, kind);
  return rfm.latestDay === null ? `CAST(NULL AS ${d.double})` : `(${num(d, rfm.latestDay)} - ${valueExpr(d, column, kind)})`;
}

/**
 * The RFM score of value v as rfmScores gives it: b = the number of the first four cuts
 * ≤ v (a value equal to a cut goes up), score b + 1, or 5 − b when lower is better; NULL
 * for a missing value.
 */
function rfmScoreExpr(d: Dialect, v: string, cuts: readonly number[], isLowerBetter: boolean): string {
  const ascending = cuts.slice(0, 4).sort((a, b) => a - b);
  const scoreOf = (b: number): number => (isLowerBetter ? 5 - b : b + 1);
  const whens = ascending.map((cut, k) => `WHEN ${v} >= ${num(d, cut)} THEN ${scoreOf(k + 1)}`).reverse();
  return `CASE WHEN ${v} IS NULL THEN NULL ${whens.join(' ')}${whens.length > 0 ? ' ' : ''}ELSE ${scoreOf(0)} END`;
}

/** The segment of scores r and f through the model's map: cell (r − 1)·5 + (f − 1); NULL when either is. */
function rfmSegmentExpr(d: Dialect, r: string, f: string, model: Model): string {
  const bySegment = cellSegments(model.rfm.segmentMap);
  const cell = `(${r} - 1) * 5 + (${f} - 1)`;
  const whens = RFM_SEGMENTS.flatMap((segment) => {
    const cells = bySegment.flatMap((s, k) => (s === segment ? [k] : []));
    return cells.length === 0 ? [] : [`WHEN ${cell} IN (${cells.join(', ')}) THEN ${d.str(RFM_SEGMENT_EXPORT_NAMES[segment])}`];
  });
  return whens.length === 0 ? `CAST(NULL AS ${d.text})` : `CASE ${whens.join(' ')} END`;
}

function ruleCondition(d: Dialect, v: string, rule: SqlRule): string {
  switch (rule.when) {
    case 'yes':
      return `${v} = 1`;
    case 'no':
      return `${v} = 0`;
    case 'above':
      return `${v} > ${num(d, rule.value)}`;
    case 'below':
      return `${v} < ${num(d, rule.value)}`;
  }
}

/** `pick` over the rows at the positions `where` keeps of the present values v of `values` (a SELECT … AS v), numbered rn = 1…n in ascending order. */
function orderedValuesExpr(values: string, pick: string, where: string): string {
  return `(SELECT ${pick} FROM (SELECT v, ROW_NUMBER() OVER (ORDER BY v) AS rn, COUNT(*) OVER () AS n FROM (${values}) AS a WHERE v IS NOT NULL) AS m WHERE ${where})`;
}

/** Median as the app takes it: the middle value, or the mean of the two middle ones; NULL when none. */
function medianExpr(values: string): string {
  return orderedValuesExpr(values, '(MIN(v) + MAX(v)) / 2', '2 * rn BETWEEN n AND n + 2');
}

/**
 * The lower (q = 1) or upper (q = 2) tertile as src/core/stats/rank.ts tertiles takes it: the value
 * at 0-based position k = ⌊q(n − 1) / 3⌋, i.e. the row with 3(rn − 1) ≤ q(n − 1) < 3·rn, in
 * integer arithmetic so no dialect's division rounds it; NULL when there are no values.
 */
function tertileExpr(values: string, q: 1 | 2): string {
  const at = q === 1 ? '(n - 1)' : '2 * (n - 1)';
  return orderedValuesExpr(values, 'MIN(v)', `3 * (rn - 1) <= ${at} AND ${at} < 3 * rn`);
}

function helperPrefix(columns: readonly { name: string }[]): string {
  let prefix = '__crs_';
  while (columns.some((column) => column.name.toLowerCase().startsWith(prefix))) prefix = `_${prefix}`;
  return prefix;
}

/** The header's lines on RFM: what the columns hold and the fixed numbers they are cut by. */
function rfmHeader(d: Dialect, rfm: SqlRfmReading, names: OutputNames): string[] {
  const cuts = (dimension: RfmDimension): string => (rfm.cuts[dimension].length > 0 ? rfm.cuts[dimension].slice(0, 4).join(', ') : 'none');
  const since = rfm.recency.kind !== 'date' ? '' : rfm.latestDay === null ? ' (no date in the file: recency unknown)' : ` (days since ${formatIsoDay(rfm.latestDay)}, the file's latest date)`;
  return [
    `RFM: ${RFM_COLUMNS.slice(0, 3)
      .map((column) => names[column])
      .join(', ')} score 1 to 5 (5 = best; NULL when the value is missing) by cut points fixed`,
    `as the app resolved them on the file (a value equal to a cut scores higher); ${names.rfm_segment} from R and F:`,
    `  recency ${d.id(rfm.recency.column)}${since}, fewer days score higher, cuts ${cuts('r')}`,
    `  frequency ${d.id(rfm.frequency.column)}, cuts ${cuts('f')}`,
    rfm.monetary ? `  monetary ${d.id(rfm.monetary.column)}, cuts ${cuts('m')}` : `  monetary: no column (${names.rfm_m} is NULL)`,
  ];
}

/** The seed-formula CLTV as SQL, read the way seedCltvColumn reads it: the CLTV column, else AOV (or revenue ÷ orders, NULL at 0 orders) × orders × lifespan. */
function seedCltvSource(model: Model, valueKind: (name: string | null) => SqlValueKind | null): SqlAxisSource {
  const read = (name: string | null): ((d: Dialect) => string) | null => {
    const kind = valueKind(name);
    return name !== null && kind !== null ? (d) => valueExpr(d, name, kind) : null;
  };
  const { cltv, orders, lifespan, aov } = model.kpiInputs;
  const column = read(cltv);
  if (column) return { kind: 'seedCltv', sql: column, formula: `the ${cltv} column` };
  const n = read(orders);
  const life = read(lifespan);
  const perOrderColumn = read(aov);
  const revenue = read(model.axes.profitability.column);
  if (!n || !life || (!perOrderColumn && !revenue)) return { kind: 'unavailable', reason: 'map a CLTV column, or orders, lifespan and an order value (or revenue) under KPI inputs' };
  const perOrder = (d: Dialect): string => (perOrderColumn ? perOrderColumn(d) : `(CASE WHEN ${n(d)} > 0 THEN ${(revenue as (d: Dialect) => string)(d)} / ${n(d)} END)`);
  return {
    kind: 'seedCltv',
    sql: (d) => `(${perOrder(d)} * ${n(d)} * ${life(d)})`,
    formula: `average purchase value (${perOrderColumn ? aov : `${model.axes.profitability.column} / ${orders}`}) × ${orders} × ${lifespan}`,
  };
}

/** What an axis splits on, for the header: a column, a factor's points or a prediction. */
function axisSourceText(d: Dialect, source: SqlAxisSource): string {
  switch (source.kind) {
    case 'column':
      return source.tenureDays === undefined ? `column ${d.id(source.column)}` : `tenure from the date column ${d.id(source.column)} to its latest date, in units of ${source.tenureDays} days`;
    case 'factor':
      return `${source.label} (its 0–100 points: the shaped value crs reads)`;
    case 'predicted':
      return `${PREDICTED_LABELS[source.value]} from the lifetime-value fit`;
    case 'seedCltv':
      return `each customer's CLTV: ${source.formula}`;
    case 'unavailable':
      return `unreadable (${source.reason})`;
  }
}

/** An axis's cuts, for the header: the user's numbers, or the median or tertiles taken over the table. */
function axisCutsText(axis: SqlAxis, size: GridSize): string {
  if (size === 2) return axis.split === null ? 'split at its median' : `split at ${axis.split}`;
  const lower = axis.split === null ? 'its lower tertile' : String(axis.split);
  const upper = axis.upper === null ? 'its upper tertile' : String(axis.upper);
  return `cuts ${lower} and ${upper}`;
}

/** The header's lines on the relationship grid: its size and groups, each axis's source and cuts, and why relationship_group is NULL if it is. */
function gridHeader(d: Dialect, plan: SqlPlan, group: string): string[] {
  const size = plan.gridSize;
  const lines = [
    `Relationship grid ${size}×${size}: code = profit level + ${size}·loyalty level (level = how many cuts the value is ≥), groups ${gridGroups(size)
      .map((group) => GROUP_EXPORT_NAMES[group])
      .join(', ')}:`,
    ...AXES.map((name) => {
      const axis = plan.axes[name];
      const isComputed = axis.source.kind === 'column' || axis.source.kind === 'factor' || axis.source.kind === 'seedCltv';
      return `  ${name}: ${axisSourceText(d, axis.source)}${isComputed ? `, ${axisCutsText(axis, size)}` : ''}`;
    }),
  ];
  if (size === 3) lines.push('  Tertiles are the present values at 0-based sorted positions ⌊(n−1)/3⌋ and ⌊2(n−1)/3⌋ over this table; an upper cut below the lower one is raised to it.');
  return [...lines, ...groupNullReasons(plan, group)];
}

/** Why the group column is NULL for every row, if it is: an axis on a prediction, or an axis that cannot be read. */
function groupNullReasons(plan: SqlPlan, group: string): string[] {
  const lines: string[] = [];
  const axes = AXES.map((name) => ({ name, source: plan.axes[name].source }));
  const predicted = axes.flatMap(({ name, source }) => (source.kind === 'predicted' ? [`${name} on ${PREDICTED_LABELS[source.value]}`] : []));
  if (predicted.length > 0) lines.push(`${group} is NULL: the grid splits ${predicted.join(' and ')} from the lifetime-value fit (BG/NBD), which this SQL does not reproduce; use the scored CSV.`);
  const unreadable = axes.flatMap(({ name, source }) => (source.kind === 'unavailable' ? [`${name} cannot be read (${source.reason})`] : []));
  if (unreadable.length > 0) lines.push(`${group} is NULL: ${unreadable.join('; ')}.`);
  return lines;
}

/** A column's expected SQL type, for the header. */
function columnLines(d: Dialect, columns: SqlContext['columns']): string[] {
  const typeOf = (kind: ColumnKind): string => (kind === 'number' ? d.double : kind === 'date' ? 'DATE or TIMESTAMP (UTC)' : kind === 'flag' ? `${d.text} yes/no (or BOOLEAN)` : d.text);
  return columns.map((column) => `  ${d.id(column.name)}: ${typeOf(column.kind)}`);
}

/** Each factor the SQL computes: weight, column, method (as the app resolved it on the file) and shape. */
function factorLines(d: Dialect, factors: readonly SqlFactor[]): string[] {
  return factors.map(
    (f) =>
      `  ${f.label} (${f.isScored ? `weight ${f.weight}` : `weight ${f.weight}: not in crs, read by the grid only`}): ${d.id(f.column)}, ${f.kind === 'category' || f.kind === 'date' ? f.shape.kind : f.normalization.method}${f.isHigherBetter ? '' : ', higher is worse'}, shape ${f.shape.kind}`,
  );
}

function header(d: Dialect, dialect: SqlDialect, context: SqlContext, plan: SqlPlan, table: string, names: OutputNames): string {
  const { factors, rfm } = plan;
  const added: OutputColumn[] = [...SCORE_COLUMNS.filter((column) => column !== 'crs_issues'), ...(rfm ? RFM_COLUMNS : [])];
  const renamed = added.filter((column) => names[column] !== column);
  const lines = [
    `CRS Studio model as SQL (${dialect}). Scores every row of ${table} as the app scores the file:`,
    `${names.crs} (unrounded, NULL when no factor is present), ${names.crs_band} (from ${names.crs} rounded to one decimal),`,
    `${names.relationship_group} (grid below; NULL when either axis value is missing).`,
    ...(renamed.length > 0 ? [`The table has columns named ${renamed.join(', ')} already: this query names its own ${renamed.map((column) => names[column]).join(', ')}, as the scored CSV does.`] : []),
    'Expected columns (NULL = missing):',
    ...columnLines(d, context.columns),
    'Flags read yes/y/true/ja/x as 1 and no/n/false/nej as 0 (any case, trimmed); dates are days since',
    '1970-01-01 UTC (times with an offset: load them as TIMESTAMPTZ and run in a UTC session);',
    'category values are matched trimmed. Percentile ranks, min, max, mean, σ',
    '(population), medians, tertiles and the latest date are taken over this table; a known scale and',
    'the method chosen by "auto" are fixed as the app resolved them.',
    ...(dialect === 'spark' ? ['Spark: run with spark.sql.session.timeZone = UTC and ANSI mode off (NULL on a bad cast).'] : []),
    'Factors:',
    ...factorLines(d, factors),
    ...gridHeader(d, plan, names.relationship_group),
    ...(rfm ? rfmHeader(d, rfm, names) : []),
  ];
  return lines.map((line) => `-- ${commentSafe(line)}`).join('\n');
}

/** The header's lines on the movement columns: how rows are matched, how the earlier table is scored, and what it is read as. */
function movementHeader(d: Dialect, table: string, reading: SqlPreviousReading, plan: SqlPlan, names: OutputNames): string {
  const lines = [
    `Movement since the earlier table ${table}: each row is matched to the row of ${table} whose id is the same text,`,
    `${d.id(reading.idColumn)} here and ${d.id(reading.previousIdColumn)} there, trimmed of spaces (leading zeros count: load both ids as ${d.text}).`,
    'A blank id, or an id on more than one row of either table, is not matched.',
    `${names.previous_crs}, ${names.previous_band}, ${names.previous_group}: the matched row scored by this same model, with percentile ranks, min,`,
    `max, mean, σ, medians, tertiles and the latest date taken over ${table}, as the app scores each file on its own data;`,
    `${names.crs_change} = ${names.crs} − ${names.previous_crs}, each rounded to one decimal first. All four are NULL for a row not matched`,
    '(a new customer, or an id that cannot be matched).',
    `Expected columns of ${table} (NULL = missing):`,
    ...columnLines(d, reading.columns),
    `Factors in ${table}:`,
    ...factorLines(d, plan.factors),
    ...groupNullReasons(plan, names.previous_group),
  ];
  return lines.map((line) => `-- ${commentSafe(line)}`).join('\n');
}

/**
 * relationship_group over the scored rows s joined with the cuts g, the CTE of cuts (empty
 * when the group is NULL for everyone) and the column axes' values for the base CTE. A
 * factor axis reads its shaped x, and its median or tertiles are taken over the shaped CTE,
 * so they are cut from the very values the rows are compared with.
 */
function groupSql(d: Dialect, planned: SqlPlan, h: (name: string) => string, tableRef: string): { group: string; splits: string; base: string[] } {
  const size = planned.gridSize;
  const none = { group: `CAST(NULL AS ${d.text})`, splits: '', base: [] };
  const base: string[] = [];
  const read = (name: string, source: SqlAxisSource): { value: string; values: string } | null => {
    if (source.kind === 'column') {
      const raw = valueExpr(d, source.column, source.valueKind);
      // A date on the loyalty axis: tenure to the column's latest date, as the app's tenureFromDates.
      const value = source.tenureDays === undefined ? raw : `((MAX(${raw}) OVER ()) - ${raw}) / ${num(d, source.tenureDays)}`;
      base.push(`${value} AS ${h(name)}`);
      return { value: `s.${h(name)}`, values: `SELECT ${value} AS v FROM ${tableRef} AS t` };
    }
    if (source.kind === 'factor') return { value: `s.${h(`x${source.index}`)}`, values: `SELECT t.${h(`x${source.index}`)} AS v FROM ${h('shaped')} AS t` };
    if (source.kind === 'seedCltv') {
      base.push(`${source.sql(d)} AS ${h(name)}`);
      return { value: `s.${h(name)}`, values: `SELECT ${source.sql(d)} AS v FROM ${tableRef} AS t` };
    }
    return null;
  };
  const isReadable = (source: SqlAxisSource): boolean => source.kind === 'column' || source.kind === 'factor' || source.kind === 'seedCltv';
  const { profitability, loyalty } = planned.axes;
  if (!isReadable(profitability.source) || !isReadable(loyalty.source)) return none;
  const axes = [
    { name: 'profit', axis: profitability, read: read('profit', profitability.source) },
    { name: 'loyalty', axis: loyalty, read: read('loyalty', loyalty.source) },
  ];
  const cuts: string[] = [];
  const present: string[] = [];
  const levels: string[] = [];
  for (const { name, axis, read: r } of axes) {
    if (!r) return none;
    const lower = `g.${h(`${name}_split`)}`;
    present.push(r.value, lower);
    if (size === 2) {
      cuts.push(`${axis.split !== null ? num(d, axis.split) : medianExpr(r.values)} AS ${h(`${name}_split`)}`);
      levels.push(`CASE WHEN ${r.value} >= ${lower} THEN 1 ELSE 0 END`);
    } else {
      const upper = `g.${h(`${name}_upper`)}`;
      present.push(upper);
      cuts.push(
        `${axis.split !== null ? num(d, axis.split) : tertileExpr(r.values, 1)} AS ${h(`${name}_split`)}`,
        `${axis.upper !== null ? num(d, axis.upper) : tertileExpr(r.values, 2)} AS ${h(`${name}_upper`)}`,
      );
      // ≥ both cuts: an upper cut below the lower one counts as the lower one, as in the app.
      levels.push(`CASE WHEN ${r.value} >= ${upper} AND ${r.value} >= ${lower} THEN 2 WHEN ${r.value} >= ${lower} THEN 1 ELSE 0 END`);
    }
  }
  const names = gridGroups(size).map((group, code) => `WHEN ${code} THEN ${d.str(GROUP_EXPORT_NAMES[group])}`);
  return {
    group: `CASE WHEN ${present.map((v) => `${v} IS NULL`).join(' OR ')} THEN NULL ELSE CASE (${levels[0]}) + ${size} * (${levels[1]}) ${names.join(' ')} END END`,
    splits: `,\n${h('splits')} AS (\n  SELECT ${cuts.join(',\n    ')}\n)`,
    base,
  };
}

/** One table scored: its CTEs, and the final SELECT's expressions over its scored rows s and grid cuts g. */
interface ScoringChain {
  /** The CTEs from base to scored (and splits), for a WITH list. */
  ctes: string;
  /** The CTE of scored rows, and of the grid's cuts (null when the group is NULL for everyone). */
  scored: string;
  splits: string | null;
  crs: string;
  band: string;
  group: string;
  /** The RFM columns, each after a comma and line break ('' without RFM). */
  rfm: string;
}

/**
 * The CTEs that score every row of `tableRef` as the app scores its file, each helper named
 * through h: the same chain scores an earlier table beside the current one, with helpers of
 * its own. Window figures (ranks, min, max, medians…) are taken over this table only.
 */
function scoringChain(d: Dialect, model: Model, planned: SqlPlan, tableRef: string, h: (name: string) => string, names: OutputNames): ScoringChain {
  const { factors, rules, rfm } = planned;
  const raw: string[] = [];
  const norm: string[] = [];
  const shaped: string[] = [];
  factors.forEach((f, i) => {
    const r = h(`r${i}`);
    const n = h(`n${i}`);
    if (f.kind === 'category') {
      raw.push(`${categoriesExpr(d, f.column, f.shape.kind === 'categories' ? f.shape.points : {})} AS ${r}`);
      norm.push(`${r} AS ${n}`);
    } else {
      const value = valueExpr(d, f.column, f.kind);
      raw.push(`${value} AS ${r}`);
      if (f.shape.kind === 'decay') norm.push(`${decayExpr(d, r, f.shape)} AS ${n}`);
      else {
        const helpers = { shift: h(`shift${i}`), range: h(`range${i}`) };
        if (f.normalization.method === 'z-score') raw.push(...zScoreHelpers(value, helpers));
        const normalized = normalizedExpr(d, r, f.normalization, helpers);
        norm.push(`${f.isHigherBetter ? normalized : `100 - (${normalized})`} AS ${n}`);
      }
    }
    shaped.push(`CAST(${f.kind === 'category' || f.shape.kind === 'decay' ? n : shapedExpr(d, n, r, f)} AS ${d.double}) AS ${h(`x${i}`)}`);
  });

  const rulePoints = rules.map((rule) => `CASE WHEN ${ruleCondition(d, valueExpr(d, rule.column, rule.kind), rule)} THEN ${num(d, rule.points)} ELSE 0 END`);
  raw.push(`${rulePoints.length > 0 ? `(0 + ${rulePoints.join(' + ')})` : '0'} AS ${h('rules')}`);

  // RFM: raw values in base, scores beside the normalised values, the segment in the final SELECT.
  let rfmSelect = '';
  if (rfm) {
    const [rName, fName, mName, segmentName] = RFM_COLUMNS.map((column) => names[column]);
    raw.push(`${recencyExpr(d, rfm)} AS ${h('rfm_rv')}`, `${valueExpr(d, rfm.frequency.column, rfm.frequency.kind)} AS ${h('rfm_fv')}`);
    norm.push(`${rfmScoreExpr(d, h('rfm_rv'), rfm.cuts.r, true)} AS ${h('rfm_r')}`, `${rfmScoreExpr(d, h('rfm_fv'), rfm.cuts.f, false)} AS ${h('rfm_f')}`);
    if (rfm.monetary) {
      raw.push(`${valueExpr(d, rfm.monetary.column, rfm.monetary.kind)} AS ${h('rfm_mv')}`);
      norm.push(`${rfmScoreExpr(d, h('rfm_mv'), rfm.cuts.m, false)} AS ${h('rfm_m')}`);
    }
    const m = rfm.monetary ? `s.${h('rfm_m')}` : 'CAST(NULL AS INTEGER)';
    rfmSelect = `,
  s.${h('rfm_r')} AS ${rName},
  s.${h('rfm_f')} AS ${fName},
  ${m} AS ${mName},
  ${rfmSegmentExpr(d, `s.${h('rfm_r')}`, `s.${h('rfm_f')}`, model)} AS ${segmentName}`;
  }

  const scored = factors.flatMap((f, i) => (f.isScored ? [{ weight: f.weight, x: h(`x${i}`) }] : []));
  const weighted = scored.length > 0 ? scored.map((f) => `${num(d, f.weight)} * COALESCE(${f.x}, 0)`).join(' + ') : '0';
  const weightSum = scored.length > 0 ? scored.map((f) => `CASE WHEN ${f.x} IS NULL THEN 0 ELSE ${num(d, f.weight)} END`).join(' + ') : '0';
  const mean = `(${weighted}) / (${weightSum}) + ${h('rules')}`;
  const crs = `CASE WHEN (${weightSum}) = 0 THEN CAST(NULL AS ${d.double}) ELSE CAST(${mean} AS ${d.double}) END`;

  const band = `CASE WHEN s.${h('crs')} IS NULL THEN NULL WHEN ${tenthsExpr(d, `s.${h('crs')}`)} / 10 < ${num(d, model.bands.averageFrom)} THEN 'poor' WHEN ${tenthsExpr(d, `s.${h('crs')}`)} / 10 < ${num(d, model.bands.goodFrom)} THEN 'average' ELSE 'good' END`;
  const { group, splits, base } = groupSql(d, planned, h, tableRef);
  raw.push(...base);
  const list = (items: string[]): string => items.map((item) => `,\n    ${item}`).join('');
  const score = `CASE WHEN m.${h('mean')} IS NULL THEN NULL WHEN m.${h('mean')} > 100 THEN 100 WHEN m.${h('mean')} < 0 THEN 0 ELSE m.${h('mean')} END`;
  const ctes = `${h('base')} AS (
  SELECT t.*${list(raw)}
  FROM ${tableRef} AS t
),
${h('norm')} AS (
  SELECT b.*${list(norm)}
  FROM ${h('base')} AS b
),
${h('shaped')} AS (
  SELECT n.*${list(shaped)}
  FROM ${h('norm')} AS n
),
${h('mean')} AS (
  SELECT x.*,
    ${crs} AS ${h('mean')}
  FROM ${h('shaped')} AS x
),
${h('scored')} AS (
  SELECT m.*,
    ${score} AS ${h('crs')}
  FROM ${h('mean')} AS m
)${splits}`;
  return { ctes, scored: h('scored'), splits: splits ? h('splits') : null, crs: `s.${h('crs')}`, band, group, rfm: rfmSelect };
}

/** A score in tenths of a point, rounded half up as the app's roundScore (scores are ≥ 0). */
function tenthsExpr(d: Dialect, score: string): string {
  return `FLOOR(${score} * 10 + ${num(d, 0.5)})`;
}

/** A table name as SQL: each dot-separated part quoted. */
function tableSql(d: Dialect, table: string): string {
  return table.split('.').map(d.id).join('.');
}

/** The FROM of the final SELECT: the scored rows s, with the grid's cuts g when there are any. */
function fromScored(scored: string, chain: ScoringChain): string {
  return `${scored} AS s${chain.splits ? ` CROSS JOIN ${chain.splits} AS g` : ''}`;
}

/**
 * One SELECT computing crs, crs_band and relationship_group for every row of `table`, plus
 * the file's columns (the added columns named by outputColumnNames, as in the scored CSV).
 * crs = clamp(Σ wᵢ·xᵢ / Σ wᵢ + rule points, 0, 100) over the factors present (positive
 * weight, non-NULL value), summed in model order like the app's kernel; NULL when none is
 * present. relationship_group = the grid cell of profit level + size ·
 * loyalty level, each level the number of the axis's cuts its value is ≥; NULL when a
 * value or cut is missing, an axis unreadable, or an axis is a lifetime-value prediction.
 * With `previousTable` and the earlier file's reading in context.previous, it also gives
 * previous_crs, crs_change, previous_band and previous_group (movementSql).
 * Pure: the same inputs give the same text.
 */
export function modelToSql(model: Model, context: SqlContext, dialect: SqlDialect, table = 'customers', previousTable: string | null = null): string {
  const d = DIALECTS[dialect];
  const previous = previousTable !== null && context.previous ? { table: previousTable, reading: context.previous } : null;
  // The earlier table's rows pass through its CTEs too (t.*): helper names must be free in both tables.
  const p = helperPrefix(previous ? [...context.columns, ...previous.reading.columns] : context.columns);
  const h = (name: string): string => d.id(`${p}${name}`);
  const planned = plan(model, context);
  // Plain lower-case names (outputColumns.ts): written unquoted, the same in every dialect.
  const names = outputColumnNames(context.columns.map((column) => column.name));
  const now = scoringChain(d, model, planned, tableSql(d, table), h, names);
  const select = `SELECT ${context.columns.map((column) => `s.${d.id(column.name)}`).join(', ')},
  ${now.crs} AS ${names.crs},
  ${now.band} AS ${names.crs_band},
  ${now.group} AS ${names.relationship_group}${now.rfm}`;
  if (!previous) {
    return `${header(d, dialect, context, planned, table, names)}
WITH ${now.ctes}
${select}
FROM ${fromScored(now.scored, now)}
`;
  }
  const { reading } = previous;
  const earlierPlan = plan(model, { columns: reading.columns, factors: reading.factors });
  const then = scoringChain(d, model, earlierPlan, tableSql(d, previous.table), (name) => h(`prev_${name}`), names);
  const hasColumn = (columns: SqlContext['columns'], name: string) => columns.some((column) => column.name === name);
  if (!hasColumn(context.columns, reading.idColumn) || !hasColumn(reading.columns, reading.previousIdColumn))
    throw new SqlExportError(`the id columns ${reading.idColumn} and ${reading.previousIdColumn} are not both in their tables`);
  // The id as the app matches it: the cell's text, trimmed; blank is no id.
  const id = (column: string): string => `NULLIF(TRIM(CAST(s.${d.id(column)} AS ${d.text})), '')`;
  const change = `(${tenthsExpr(d, now.crs)} - ${tenthsExpr(d, `p.${h('crs')}`)}) / 10`;
  return `${header(d, dialect, context, planned, table, names)}
${movementHeader(d, previous.table, reading, earlierPlan, names)}
WITH ${now.ctes},
${then.ctes},
${h('current')} AS (
  SELECT s.*,
    ${id(reading.idColumn)} AS ${h('id')},
    COUNT(*) OVER (PARTITION BY ${id(reading.idColumn)}) AS ${h('id_rows')}
  FROM ${now.scored} AS s
),
${h('previous')} AS (
  SELECT ${id(reading.previousIdColumn)} AS ${h('id')},
    COUNT(*) OVER (PARTITION BY ${id(reading.previousIdColumn)}) AS ${h('id_rows')},
    ${then.crs} AS ${h('crs')},
    ${then.band} AS ${h('band')},
    ${then.group} AS ${h('group')}
  FROM ${fromScored(then.scored, then)}
)
${select},
  p.${h('crs')} AS ${names.previous_crs},
  ${change} AS ${names.crs_change},
  p.${h('band')} AS ${names.previous_band},
  p.${h('group')} AS ${names.previous_group}
FROM ${fromScored(h('current'), now)}
LEFT JOIN ${h('previous')} AS p ON p.${h('id')} = s.${h('id')} AND s.${h('id_rows')} = 1 AND p.${h('id_rows')} = 1
`;
}
