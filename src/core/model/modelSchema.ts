// The model as a versioned JSON document: its schema (zod), and the check every model
// from outside the app (an imported file, a shared link) passes before it is used. A
// document that fails is rejected with the exact path of each problem, never half-applied.
import * as z from 'zod';
import { parseIsoDay } from '../csv/dates';
import { AXES, KPI_INPUTS, NORMALIZATIONS, PREDICTED_VALUES, type Model } from './model';
import { AGE_UNITS } from '../clv/fromDataset';
import { TENURE_UNITS } from '../groups/tenure';
import { defaultRfm, RFM_SEGMENTS } from '../rfm/rfmSpec';

const weight = z.number().min(0).max(100);
const points = z.number().min(-100).max(100);
const column = z.string().min(1).max(1000).nullable();

/** Caps on a model's lists: a points table or a category list longer than these is not a scoring model but a mistake (or an attack on the page). */
export const MAX_POINTS_STEPS = 200;
export const MAX_CATEGORY_POINTS = 1000;

const shape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linear') }).strict(),
  z.object({ kind: z.literal('saturating'), halfAt: z.number().gt(0).max(100) }).strict(),
  z.object({ kind: z.literal('threshold'), at: z.number() }).strict(),
  z
    .object({
      kind: z.literal('points'),
      // In any order, as the editor keeps them while the user types: the table is read sorted by "from"
      // (src/core/scoring/shape.ts sortedSteps), and of two steps with the same "from" the later one applies.
      steps: z
        .array(z.object({ from: z.number(), points: z.number().min(0).max(100) }).strict())
        .min(1)
        .max(MAX_POINTS_STEPS),
    })
    .strict(),
  z
    .object({
      kind: z.literal('categories'),
      points: z.record(z.string(), z.number().min(0).max(100)).refine((points) => Object.keys(points).length <= MAX_CATEGORY_POINTS, `at most ${MAX_CATEGORY_POINTS} values may have points`),
    })
    .strict(),
  z
    .object({
      kind: z.literal('decay'),
      halfLifeDays: z.number().gt(0),
      asOf: z
        .string()
        .refine((text) => !Number.isNaN(parseIsoDay(text)), 'asOf must be a date YYYY-MM-DD that exists')
        .nullable(),
    })
    .strict(),
]);

export const factorSchema = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1),
    column,
    normalization: z.enum(NORMALIZATIONS),
    isHigherBetter: z.boolean(),
    weight,
    shape,
  })
  .strict();

export const ruleSchema = z
  .object({
    id: z.string().min(1),
    column: z.string().min(1),
    when: z.enum(['yes', 'no', 'above', 'below']),
    value: z.number(),
    points,
  })
  .strict();

const cuts = z
  .array(z.number())
  .length(4)
  .refine((values) => values.every((value, i) => i === 0 || value >= values[i - 1]), 'cut points must be in ascending order')
  .nullable();

// Optional in a document (models saved before RFM existed still load), always present after parsing.
const rfm = z
  .object({
    recency: column,
    frequency: column,
    monetary: column,
    cuts: z.object({ r: cuts, f: cuts, m: cuts }).strict(),
    segmentMap: z.array(z.enum(RFM_SEGMENTS)).length(25),
  })
  .strict()
  .default(defaultRfm);

// upper and source are optional in a document (models saved before the 3×3 grid and predicted axes still load).
const axisSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('column') }).strict(),
  z.object({ kind: z.literal('factor'), factorId: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('predicted'), value: z.enum(PREDICTED_VALUES) }).strict(),
  z.object({ kind: z.literal('seedCltv') }).strict(),
]);
const axis = z
  .object({
    column,
    split: z.number().nullable(),
    upper: z.number().nullable().default(null),
    source: axisSource.default({ kind: 'column' }),
    tenureUnit: z.enum(TENURE_UNITS).optional(),
  })
  // split above upper is allowed, as the grid takes it (the middle row or column is then empty): the UI lets one type it.
  .strict();

const lifetime = z
  .object({
    orders: column,
    age: column,
    ageUnit: z.enum(AGE_UNITS),
    daysSinceLast: column,
    firstPurchase: column,
    lastPurchase: column,
    orderValue: column,
    revenue: column,
    horizonMonths: z.number().min(1).max(120),
    monthlyDiscount: z.number().min(0).max(1),
    holdoutPurchases: column,
    holdoutMonths: z.number().min(1).max(60),
  })
  .strict()
  .nullable()
  .default(null);

export const modelSchema = z
  .object({
    version: z.literal(1),
    factors: z
      .array(factorSchema)
      .min(1)
      .max(32)
      .refine((factors) => new Set(factors.map((f) => f.id)).size === factors.length, 'factor ids must be unique'),
    bands: z
      .object({ averageFrom: z.number().min(0).max(100), goodFrom: z.number().min(0).max(100) })
      .strict()
      .refine((bands) => bands.averageFrom <= bands.goodFrom, { message: 'averageFrom must not be above goodFrom', path: ['averageFrom'] }),
    axes: z.object(Object.fromEntries(AXES.map((name) => [name, axis])) as Record<(typeof AXES)[number], typeof axis>).strict(),
    // Each input defaults to unmapped, so a model saved before an input existed still opens.
    kpiInputs: z.object(Object.fromEntries(KPI_INPUTS.map((name) => [name, column.default(null)])) as Record<(typeof KPI_INPUTS)[number], ReturnType<typeof column.default>>).strict(),
    rules: z.array(ruleSchema).max(100),
    outcome: z.object({ column, isGood: z.boolean() }).strict(),
    rfm,
    gridSize: z.union([z.literal(2), z.literal(3)]).default(2),
    lifetime,
  })
  .strict();

// The schema describes exactly the Model type: a change to one without the other fails to compile.
type Parsed = z.infer<typeof modelSchema>;
const sameShape: [Parsed, Model] extends [Model, Parsed] ? true : never = true;
void sameShape;

export interface ModelProblem {
  /** Where in the document: "factors[2].weight", or "" for the document itself. */
  path: string;
  message: string;
}

export type ParsedModel = { ok: true; model: Model } | { ok: false; problems: ModelProblem[] };

/** "factors", 2, "weight" → "factors[2].weight". */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

/** Checks an unknown value (parsed JSON) against the model schema. */
export function parseModel(value: unknown): ParsedModel {
  const result = modelSchema.safeParse(value);
  if (result.success) return { ok: true, model: result.data };
  // A huge invalid document has as many problems as entries: the first few say what is wrong.
  const issues = result.error.issues;
  const problems = issues.slice(0, MAX_PROBLEMS).map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  if (issues.length > MAX_PROBLEMS) problems.push({ path: '', message: `and ${issues.length - MAX_PROBLEMS} more problems` });
  return { ok: false, problems };
}

/** Problems listed for a refused model; the rest are counted. */
const MAX_PROBLEMS = 20;
/** A model document is a few kilobytes; one over this is refused before it is parsed. */
export const MAX_MODEL_CHARS = 1_000_000;

/** Parses model JSON text: a syntax error is a problem at the document's root. */
export function parseModelJson(text: string): ParsedModel {
  if (text.length > MAX_MODEL_CHARS)
    return {
      ok: false,
      problems: [{ path: '', message: `${text.length.toLocaleString('en-US')} characters: a model is a few kilobytes, so this is not one (the limit is ${MAX_MODEL_CHARS.toLocaleString('en-US')})` }],
    };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '', message: `not JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  return parseModel(value);
}

/** The JSON Schema of the model document, for people and tools outside the app. */
export function modelJsonSchema(): unknown {
  return z.toJSONSchema(modelSchema);
}
