// Models and data for the SQL parity tests (not a test file): one model that uses every
// normalisation, shape and rule kind on the sample, and a small file built to break quoting.
import fc from 'fast-check';
import { exportScoredCsv } from '../../../src/core/export/csv';
import { defaultModel, NORMALIZATIONS, type AxisSource, type AxisSpec, type Factor, type Model } from '../../../src/core/model/model';
import { scoreRfm } from '../../../src/core/rfm/rfm';
import { defaultRfm } from '../../../src/core/rfm/rfmSpec';
import { autoMap } from '../../../src/core/schema/mapping';
import { analyze } from '../../../src/core/scoring/analysis';
import { concatBytes, load, projectFile } from '../fixtures';

function factor(id: string, column: string, normalization: Factor['normalization'], weight: number, shape: Factor['shape'] = { kind: 'linear' }, isHigherBetter = true): Factor {
  return { id, label: id, column, normalization, isHigherBetter, weight, shape };
}

/**
 * Every normalisation (auto as-is, auto known scale, explicit scale, percentile, min-max,
 * z-score, log), every shape (saturating, threshold both ways, points, categories on
 * segment and region, decay on signup_date as of the latest date and as of a fixed day),
 * higher-is-worse, fractional and zero weights, all four rule kinds on numbers, a flag
 * and a date, custom bands, and fixed or median splits.
 */
export function richModel({ split }: { split: 'custom' | 'median' }): Model {
  const model = defaultModel();
  model.factors = [
    factor('engagement', 'engagement_score', 'auto', 30, { kind: 'saturating', halfAt: 25 }),
    factor('satisfaction', 'csat', 'auto', 22.5),
    factor('purchase', 'total_revenue', 'log', 20),
    factor(
      'support',
      'support_tickets',
      'percentile',
      17,
      {
        kind: 'points',
        steps: [
          { from: 6, points: 0 },
          { from: 0, points: 100 },
          { from: 2, points: 55.5 },
        ],
      },
      false,
    ),
    factor('nps', 'nps', 'z-score', 12.3),
    factor('aov', 'avg_order_value', 'min-max', 7.7, { kind: 'linear' }, false),
    factor('recent', 'days_since_last_purchase', 'auto', 9, { kind: 'threshold', at: 30 }, false),
    factor('orders', 'orders_12m', 'percentile', 11, { kind: 'threshold', at: 12 }),
    factor('tenure', 'tenure_months', 'scale', 5),
    factor('rating', 'support_rating', 'scale', 6, { kind: 'saturating', halfAt: 60 }, false),
    factor('segment', 'segment', 'auto', 8, { kind: 'categories', points: { Enterprise: 100, 'Mid-market': 62.5, SMB: 10 } }),
    factor('region', 'region', 'auto', 4, { kind: 'categories', points: { EMEA: 80, APAC: 40, 'North America': 120 } }),
    factor('signup', 'signup_date', 'auto', 6, { kind: 'decay', halfLifeDays: 365, asOf: null }),
    factor('signupFixed', 'signup_date', 'auto', split === 'median' ? 3 : 0, { kind: 'decay', halfLifeDays: 200, asOf: '2024-06-30' }),
    factor('churnedFlag', 'churned', 'as-is', 2, { kind: 'linear' }, false),
    factor('npsZero', 'nps', 'percentile', 0),
  ];
  model.rules = [
    { id: 'r1', column: 'churned', when: 'yes', value: 0, points: -20 },
    { id: 'r2', column: 'orders_12m', when: 'above', value: 10, points: 7.5 },
    { id: 'r3', column: 'nps', when: 'below', value: 3, points: -5 },
    { id: 'r4', column: 'churned', when: 'no', value: 0, points: split === 'median' ? 40 : 3 },
    { id: 'r5', column: 'signup_date', when: 'above', value: 19000, points: 2.25 },
    { id: 'r6', column: 'company', when: 'yes', value: 0, points: 50 },
  ];
  model.bands = { averageFrom: 35.5, goodFrom: 62.25 };
  model.axes =
    split === 'custom'
      ? { profitability: { column: 'total_revenue', split: 50000, upper: null, source: { kind: 'column' } }, loyalty: { column: 'tenure_months', split: null, upper: null, source: { kind: 'column' } } }
      : { profitability: { column: 'avg_order_value', split: null, upper: null, source: { kind: 'column' } }, loyalty: { column: 'signup_date', split: null, upper: null, source: { kind: 'column' } } };
  return model;
}

const axis = (column: string | null, source: AxisSource, split: number | null = null, upper: number | null = null): AxisSpec => ({ column, split, upper, source });

/**
 * The rich model (custom variant: signupFixed and npsZero have weight 0) on other grids.
 * tertiles: 3×3 on revenue (continuous, so a cut one row off changes groups) and signup date;
 * cuts: 3×3 with the user's cuts, one axis's lower cut (100 months) above its default upper
 * tertile (72) and the other's lower cut left to the tertile; factors: 3×3 on Engagement's
 * points (saturating) and the weight-0 npsZero's (percentile), by tertiles; factorCuts: 2×2
 * on the weight-0 signupFixed's decay points by median and the support points table at 50;
 * tenureYears: 3×3 with signup_date as tenure in years, cut at 2 and 4.
 */
export function gridModel(variant: 'tertiles' | 'cuts' | 'factors' | 'factorCuts' | 'seedCltv' | 'seedCltvAov' | 'tenureYears'): Model {
  const model = richModel({ split: 'custom' });
  const column: AxisSource = { kind: 'column' };
  const factorOf = (factorId: string): AxisSource => ({ kind: 'factor', factorId });
  switch (variant) {
    case 'tertiles':
      model.gridSize = 3;
      model.axes = { profitability: axis('total_revenue', column), loyalty: axis('signup_date', column) };
      break;
    case 'cuts':
      model.gridSize = 3;
      model.axes = { profitability: axis('total_revenue', column, null, 14000.5), loyalty: axis('tenure_months', column, 100, null) };
      break;
    case 'factors':
      model.gridSize = 3;
      model.axes = { profitability: axis('total_revenue', factorOf('engagement')), loyalty: axis('tenure_months', factorOf('npsZero')) };
      break;
    case 'factorCuts':
      model.axes = { profitability: axis('total_revenue', factorOf('signupFixed')), loyalty: axis(null, factorOf('support'), 50) };
      break;
    // Each customer's seed CLTV: revenue ÷ orders × orders × lifespan (tenure stands in for lifespan), or AOV × orders × lifespan.
    case 'seedCltv':
      model.gridSize = 3;
      model.kpiInputs = { ...model.kpiInputs, orders: 'orders_12m', lifespan: 'tenure_months', aov: null, cltv: null };
      model.axes = { profitability: axis('total_revenue', { kind: 'seedCltv' }), loyalty: axis('tenure_months', column) };
      break;
    // A date on the loyalty axis as tenure in years to the column's latest date, cut at 2 and 4 years.
    case 'tenureYears':
      model.gridSize = 3;
      model.axes = { profitability: axis('total_revenue', column), loyalty: { ...axis('signup_date', column, 2, 4), tenureUnit: 'years' } };
      break;
    case 'seedCltvAov':
      model.kpiInputs = { ...model.kpiInputs, orders: 'orders_12m', lifespan: 'tenure_months', aov: 'avg_order_value', cltv: null };
      model.axes = { profitability: axis('total_revenue', column), loyalty: axis('tenure_months', { kind: 'seedCltv' }, 20000) };
      break;
  }
  return model;
}

/**
 * Quotes in column names and category values, a backtick, percentile ties, a constant
 * column (percentile 50), an empty column, missing values and an even row count (the
 * median is the mean of the middle two).
 */
export const trickyCsv = [
  'id,"we""ird",it\'s,`tick`,constant,empty,plan,score pct',
  "a,1,10,5,7,,O'Brien,50",
  'b,2,10,,7,,"say ""hi""",120',
  "c,2,,3,7,,O'Brien,",
  'd,,20,9,7,,plain,-4',
  'e,5,30,1,,,plain,99.5',
  'f,8,30,2,7,,,0',
  'g,2,40,9,7,,"say ""hi""",30',
  "h,9,50,4,7,,O'Brien,70",
].join('\n');

export function trickyModel(): Model {
  const model = defaultModel();
  model.factors = [
    factor('weird', 'we"ird', 'percentile', 3),
    factor('its', "it's", 'min-max', 2, { kind: 'saturating', halfAt: 40 }),
    factor('tick', '`tick`', 'z-score', 1, { kind: 'linear' }, false),
    factor('constant', 'constant', 'percentile', 1),
    factor('empty', 'empty', 'percentile', 5),
    factor('plan', 'plan', 'auto', 2, { kind: 'categories', points: { "O'Brien": 90, 'say "hi"': 20, plain: 55 } }),
    factor('pct', 'score pct', 'auto', 1.5),
  ];
  model.rules = [{ id: 'q', column: 'we"ird', when: 'above', value: 4, points: 60 }];
  model.axes = { profitability: { column: 'we"ird', split: null, upper: null, source: { kind: 'column' } }, loyalty: { column: "it's", split: null, upper: null, source: { kind: 'column' } } };
  return model;
}

/**
 * The sample as the app exports it under the auto-mapped default model with RFM: its
 * columns, then crs, crs_band, relationship_group, crs_issues and rfm_r…rfm_segment (BOM
 * left out). Scoring it again is the case where the SQL's columns must not take the names
 * the table already has.
 */
export function scoredSample(): Uint8Array {
  const dataset = load(projectFile('public/sample-customers.csv'));
  const model = { ...autoMap(defaultModel(), dataset.columns), rfm: { ...defaultRfm(), recency: 'days_since_last_purchase', frequency: 'orders_12m', monetary: 'total_revenue' } };
  return concatBytes(exportScoredCsv(dataset, analyze(dataset, model), model, null, scoreRfm(dataset, model.rfm))).subarray(3);
}

/** Dates with times of day (UTC): recency in fractional days, and a rule on a date. */
export const datedCsv = ['id,last_login,visits', 'a,2026-03-12T14:05:00Z,3', 'b,2026-03-01T08:00:00,5', 'c,,1', 'd,2026-02-10T23:59:59Z,2', 'e,2026-03-12,4'].join('\n');

export function datedModel(): Model {
  const model = defaultModel();
  model.factors = [factor('recency', 'last_login', 'auto', 3, { kind: 'decay', halfLifeDays: 7, asOf: null }), factor('visits', 'visits', 'percentile', 1)];
  model.rules = [{ id: 'late', column: 'last_login', when: 'above', value: 20520.5, points: 15 }];
  return model;
}

// Random small files (ties, blanks, negatives, a flag and a category column) and models
// (any normalisation, numeric shape, weight, rule, grid size, axis source and cuts) for the
// seeded parity property.
const cell = fc.oneof(
  fc.constantFrom('', '0', '1', '2', '3', '5', '10', '-2'),
  fc.integer({ min: -500, max: 50000 }).map((v) => (v / 4).toString()),
);
const shape = fc.oneof(
  fc.constant<Factor['shape']>({ kind: 'linear' }),
  fc.constantFrom(5, 40, 200).map((halfAt): Factor['shape'] => ({ kind: 'saturating', halfAt })),
  fc.constantFrom(0, 2, 7.5).map((at): Factor['shape'] => ({ kind: 'threshold', at })),
  fc.constant<Factor['shape']>({
    kind: 'points',
    steps: [
      { from: 1, points: 20 },
      { from: 5, points: 90 },
    ],
  }),
);
const factorArb = fc.record({
  column: fc.constantFrom('c0', 'c1', 'c2', 'f'),
  normalization: fc.constantFrom(...NORMALIZATIONS),
  isHigherBetter: fc.boolean(),
  weight: fc.constantFrom(0, 0.1, 1, 2.5, 30),
  shape,
});
const ruleArb = fc.record({
  column: fc.constantFrom('c0', 'c1', 'f'),
  when: fc.constantFrom('yes', 'no', 'above', 'below') as fc.Arbitrary<'yes' | 'no' | 'above' | 'below'>,
  value: fc.constantFrom(0, 2, 100.5),
  points: fc.constantFrom(-30, 12.5, 40),
});
/** A grid axis on its column or on a factor (f0…f4 may be absent or weight 0; f5 never exists), with or without the user's cuts. */
const axisArb = fc.record({
  factor: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null, freq: 2 }),
  split: fc.option(fc.constantFrom(0, 2, 30, 50), { nil: null }),
  upper: fc.option(fc.constantFrom(1, 3, 60), { nil: null }),
});
export const randomCase = fc.record({
  rows: fc.array(fc.tuple(cell, cell, cell, fc.constantFrom('yes', 'no', ''), fc.constantFrom('A', 'B', 'C', '')), { minLength: 2, maxLength: 30 }),
  factors: fc.array(factorArb, { minLength: 1, maxLength: 5 }),
  planPoints: fc.option(fc.record({ A: fc.constantFrom(0, 50, 100), B: fc.constantFrom(10, 130) }), { nil: undefined }),
  rules: fc.array(ruleArb, { maxLength: 3 }),
  gridSize: fc.constantFrom<2 | 3>(2, 3),
  axes: fc.tuple(axisArb, axisArb),
  bands: fc.constantFrom({ averageFrom: 40, goodFrom: 70 }, { averageFrom: 12.5, goodFrom: 12.5 }, { averageFrom: 0, goodFrom: 99.9 }),
});

export function randomFileAndModel(c: typeof randomCase extends fc.Arbitrary<infer T> ? T : never): { csv: string; model: Model } {
  const csv = ['id,c0,c1,c2,f,plan', ...c.rows.map((row, i) => [`r${i}`, ...row].join(','))].join('\n');
  const model = defaultModel();
  model.factors = c.factors.map((f, i) => ({ id: `f${i}`, label: `f${i}`, ...f }));
  if (c.planPoints) model.factors.push({ id: 'plan', label: 'plan', column: 'plan', normalization: 'auto', isHigherBetter: true, weight: 3, shape: { kind: 'categories', points: c.planPoints } });
  model.rules = c.rules.map((rule, i) => ({ id: `r${i}`, ...rule }));
  const axisOf = (column: string, { factor, split, upper }: (typeof c.axes)[number]): AxisSpec => axis(column, factor === null ? { kind: 'column' } : { kind: 'factor', factorId: `f${factor}` }, split, upper);
  model.gridSize = c.gridSize;
  model.axes = { profitability: axisOf('c0', c.axes[0]), loyalty: axisOf('c2', c.axes[1]) };
  model.bands = c.bands;
  return { csv, model };
}

/**
 * A yes/no column (`member`, read as 1/0) as the profitability axis split at its median:
 * three yes and three no, so the median is (0 + 1) / 2 = 0.5 and only members are high.
 */
export const flagAxisCsv = ['id,spend,member,tenure', 'a,10,yes,1', 'b,20,no,2', 'c,30,yes,3', 'd,40,no,4', 'e,50,yes,5', 'f,60,no,6'].join('\n');

export function flagAxisModel(): Model {
  const model = defaultModel();
  model.factors = [factor('spend', 'spend', 'min-max', 1)];
  model.axes = { profitability: axis('member', { kind: 'column' }), loyalty: axis('tenure', { kind: 'column' }) };
  return model;
}

/**
 * Amounts near 1e12 that differ in their last few digits (a ledger total, a national
 * revenue), z-scored: a mean summed on the raw values is off by several units in its last
 * place, which on a spread of a few units moves every z-score far beyond 1e-9.
 */
export function largeMagnitudeCsv(): string {
  const rows = Array.from({ length: 60 }, (_, i) => `r${i},${1e12 + ((i * 7919) % 113) * 0.37 + (i % 7) * 0.001},${(3.7e13 + ((i * 104729) % 89) * 1.25).toString()}`);
  return ['id,ledger,turnover', ...rows].join('\n');
}

/** Random columns of amounts around 10^6 … 10^16 (one of them negative) that differ by steps of 10^-4 … 10^3, for largeMagnitudeModel. */
export const randomLargeMagnitudeCase = fc.record({
  magnitude: fc.integer({ min: 6, max: 16 }),
  step: fc.integer({ min: -4, max: 3 }),
  rows: fc.array(fc.tuple(fc.integer({ min: -100000, max: 100000 }), fc.integer({ min: 0, max: 9999 })), { minLength: 2, maxLength: 80 }),
});

export function randomLargeMagnitudeCsv({ magnitude, step, rows }: typeof randomLargeMagnitudeCase extends fc.Arbitrary<infer T> ? T : never): string {
  return ['id,ledger,turnover', ...rows.map(([a, b], i) => `r${i},${10 ** magnitude + a * 10 ** step},${-3 * 10 ** magnitude + b * 10 ** step}`)].join('\n');
}

/** Amounts near 1e300, whose squares overflow a double: the app's statistics scale them; the SQL must not fail. */
export const hugeMagnitudeCsv = ['id,ledger,turnover', 'a,1e300,-2e300', 'b,2.5e300,-1e300', 'c,3e300,-1.5e300', 'd,1.2e300,', 'e,,-3.25e300', 'f,2e300,-2e300'].join('\n');

export function largeMagnitudeModel(): Model {
  const model = defaultModel();
  model.factors = [factor('ledger', 'ledger', 'z-score', 2), factor('turnover', 'turnover', 'z-score', 1, { kind: 'linear' }, false)];
  return model;
}

/** Tiny amounts (1e-15 to 1e-9) log-scaled, where ln(1 + x) loses most of x's digits and log1p keeps them. */
export const tinyLogCsv = ['id,dose', 'a,0', 'b,1e-15', 'c,3.5e-14', 'd,2e-13', 'e,7.25e-12', 'f,4e-11', 'g,1.5e-10', 'h,1e-9', 'i,'].join('\n');

export function tinyLogModel(): Model {
  const model = defaultModel();
  model.factors = [factor('dose', 'dose', 'log', 1)];
  return model;
}
