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
const column = z.string().min(1).nullable();

const shape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linear') }).strict(),
  z.object({ kind: z.literal('saturating'), halfAt: z.number().gt(0).max(100) }).strict(),
  z.object({ kind: z.literal('threshold'), at: z.number() }).strict(),
  z
    .object({
      kind: z.literal('points'),
      steps: z
        .array(z.object({ from: z.number(), points: z.number().min(0).max(100) }).strict())
        .min(1)
        .refine((steps) => steps.every((step, i) => i === 0 || step.from > steps[i - 1].from), 'steps must be in increasing order of "from"'),
    })
    .strict(),
  z.object({ kind: z.literal('categories'), points: z.record(z.string(), z.number().min(0).max(100)) }).strict(),
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

const factor = z
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

const rule = z
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
  .strict()
  .refine((a) => a.split === null || a.upper === null || a.split <= a.upper, { message: 'split must not be above upper', path: ['upper'] });

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
      .array(factor)
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
    rules: z.array(rule).max(100),
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
  return { ok: false, problems: result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })) };
}

/** Parses model JSON text: a syntax error is a problem at the document's root. */
export function parseModelJson(text: string): ParsedModel {
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
