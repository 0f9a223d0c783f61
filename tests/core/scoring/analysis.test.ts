// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { analyze, computeGroups, normalizeFactor } from '../../../src/core/scoring/analysis';
import { createAnalysisGraph } from '../../../src/core/derive/graph';
import { GROUPS, NO_GROUP } from '../../../src/core/groups/segment';
import { load, modelWith } from '../fixtures';

// Four customers to score with a pencil.
//   engagement_score: a 0–100 score → as-is
//   csat: 1–5 answers → 1 → 0, 3 → 50, 5 → 100
//   orders: counts (not on a 0–10 scale) → percentile rank: 2 → 0, 5 → 33.3, 8 → 66.7, 12 → 100
const CSV = `id,engagement_score,csat,orders,revenue,tenure
A,80,5,12,1000,36
B,40,3,2,200,6
C,,1,5,600,24
D,60,,8,,12
`;
const model = () => modelWith({ engagement: 'engagement_score', satisfaction: 'csat', purchase: 'orders' }, { profitability: 'revenue', loyalty: 'tenure' });
const g = (name: (typeof GROUPS)[number]) => GROUPS.indexOf(name);

describe('analyze by hand (weights 30/30/20, support unmapped)', () => {
  const dataset = load(CSV);
  const analysis = analyze(dataset, model());

  it('normalises each mapped factor the way the mapping panel describes', () => {
    expect(analysis.factors.map((f) => [f.factorId, f.column, f.description])).toEqual([
      ['engagement', 'engagement_score', 'used as-is (0–100)'],
      ['satisfaction', 'csat', 'rescaled from its 1–5 scale'],
      ['purchase', 'orders', 'percentile rank'],
    ]);
    expect(analysis.weights).toEqual([30, 30, 20]);
    expect(Array.from(analysis.factors[1].values)).toEqual([100, 50, 0, NaN]);
    const purchase = Array.from(analysis.factors[2].values);
    [100, 0, 100 / 3, 200 / 3].forEach((v, i) => expect(purchase[i]).toBeCloseTo(v, 9));
  });

  it('scores A 92.5, B 33.75, C 13.33 (no engagement), D 62.67 (no csat)', () => {
    const scores = Array.from(analysis.scores);
    expect(scores[0]).toBeCloseTo((30 * 80 + 30 * 100 + 20 * 100) / 80, 9); // 92.5
    expect(scores[1]).toBeCloseTo((30 * 40 + 30 * 50 + 20 * 0) / 80, 9); // 33.75
    expect(scores[2]).toBeCloseTo((30 * 0 + 20 * (100 / 3)) / 50, 9); // 13.33
    expect(scores[3]).toBeCloseTo((30 * 60 + 20 * (200 / 3)) / 50, 9); // 62.67
  });

  it('splits groups at the medians (revenue 600, tenure 18); ties are high; a missing axis value is no group', () => {
    expect(analysis.axes).toMatchObject({
      profitability: { column: 'revenue', label: 'revenue', split: 600, isMedian: true, unavailable: null },
      loyalty: { column: 'tenure', label: 'tenure', split: 18, isMedian: true, unavailable: null },
    });
    expect(analysis.axes.profitability.upper).toBeNaN();
    expect(Array.from(analysis.groups)).toEqual([g('trueFriends'), g('strangers'), g('trueFriends'), NO_GROUP]);
  });

  it('aggregates: 4 scored; bands poor 2 (B, C), average 1 (D), good 1 (A); groups', () => {
    const { aggregates } = analysis;
    expect(aggregates.scored).toBe(4);
    expect(aggregates.unscored).toBe(0);
    expect(Array.from(aggregates.bandCounts)).toEqual([2, 1, 1]);
    expect(Array.from(aggregates.groupCounts)).toEqual([1, 0, 0, 2, 0, 0, 0, 0, 0, 1]);
    expect(aggregates.histogram[92]).toBe(1);
    expect(aggregates.histogram[33]).toBe(1);
  });

  it('uses a fixed split when the user sets one', () => {
    const custom = model();
    custom.axes.profitability.split = 150;
    const result = analyze(dataset, custom);
    expect(result.axes.profitability).toMatchObject({ column: 'revenue', split: 150, isMedian: false });
    expect(Array.from(result.groups)).toEqual([g('trueFriends'), g('butterflies'), g('trueFriends'), NO_GROUP]);
  });

  it('inverting a factor (higher is worse) changes the scores accordingly', () => {
    const inverted = model();
    inverted.factors[2].isHigherBetter = false;
    const scores = analyze(dataset, inverted).scores;
    expect(scores[0]).toBeCloseTo((30 * 80 + 30 * 100 + 20 * 0) / 80, 9);
  });
});

describe('shapes and rules (same four customers)', () => {
  const dataset = load(CSV);

  it('a threshold on orders (100 from 5 orders) scores A 92.5, B 33.75, C 40, D 76', () => {
    const m = model();
    m.factors[2].shape = { kind: 'threshold', at: 5 };
    const analysis = analyze(dataset, m);
    expect(analysis.factors[2].description).toBe('100 points from 5 (raw value), else 0');
    expect(Array.from(analysis.factors[2].values)).toEqual([100, 0, 100, 100]);
    const scores = Array.from(analysis.scores);
    [92.5, 33.75, (20 * 100) / 50, (30 * 60 + 20 * 100) / 50].forEach((v, i) => expect(scores[i]).toBeCloseTo(v, 9));
  });

  it('a points table on orders: below 5 → 20, 5–9 → 70, 10+ → 100', () => {
    const m = model();
    m.factors[2].shape = {
      kind: 'points',
      steps: [
        { from: 0, points: 20 },
        { from: 5, points: 70 },
        { from: 10, points: 100 },
      ],
    };
    expect(Array.from(analyze(dataset, m).factors[2].values)).toEqual([100, 20, 70, 70]);
  });

  it('describes normalisation, direction and shape in one line', () => {
    const m = model();
    m.factors[0].shape = { kind: 'saturating', halfAt: 50 };
    m.factors[2].isHigherBetter = false;
    expect(analyze(dataset, m).factors.map((f) => f.description)).toEqual(['used as-is (0–100), then diminishing returns (half the gain by 50)', 'rescaled from its 1–5 scale', 'percentile rank, inverted']);
  });

  it('rules add to the weighted mean and clamp: revenue above 500 +10, tenure below 10 −40', () => {
    const m = model();
    m.rules = [
      { id: 'r1', column: 'revenue', when: 'above', value: 500, points: 10 },
      { id: 'r2', column: 'tenure', when: 'below', value: 10, points: -40 },
    ];
    const analysis = analyze(dataset, m);
    expect(Array.from(analysis.rulePoints ?? [])).toEqual([10, -40, 10, 0]);
    const scores = Array.from(analysis.scores);
    expect(scores[0]).toBe(100); // 92.5 + 10, clamped
    expect(scores[1]).toBe(0); // 33.75 − 40, clamped
    expect(scores[2]).toBeCloseTo(40 / 3 + 10, 9); // 13.33 + 10
    expect(scores[3]).toBeCloseTo(62.67, 2); // D has no revenue: no rule met
    expect(Array.from(analysis.aggregates.bandCounts)).toEqual([2, 1, 1]);
  });

  it('without rules the analysis has no rule points and the same scores as before', () => {
    const analysis = analyze(dataset, model());
    expect(analysis.rulePoints).toBeNull();
    expect(analysis.scores[0]).toBeCloseTo(92.5, 9);
  });
});

describe('factors that cannot be used', () => {
  it('skips a factor mapped to a text column or to a column the file lacks; weights stay aligned', () => {
    const dataset = load(CSV);
    const m = modelWith({ engagement: 'id', satisfaction: 'csat', purchase: 'nope' });
    expect(normalizeFactor(dataset, m.factors[0])).toBeNull();
    const analysis = analyze(dataset, m);
    expect(analysis.factors.map((f) => f.factorId)).toEqual(['satisfaction']);
    expect(analysis.weights).toEqual([30]);
    expect(Array.from(analysis.scores)).toEqual([100, 50, 0, NaN]);
    expect(analysis.aggregates.unscored).toBe(1);
  });

  it('with no mapped factor nobody is scored, and without axes nobody has a group', () => {
    const analysis = analyze(load(CSV), modelWith({}));
    expect(analysis.aggregates.scored).toBe(0);
    expect(analysis.aggregates.unscored).toBe(4);
    expect(Array.from(analysis.groups)).toEqual([NO_GROUP, NO_GROUP, NO_GROUP, NO_GROUP]);
    expect(analysis.axes.profitability).toMatchObject({ column: null, label: null, split: NaN, isMedian: true, unavailable: 'no column is mapped' });
  });

  it('reports clamped values of an as-is factor', () => {
    const dataset = load('id,engagement_score\nA,120\nB,50\nC,-3\n');
    const m = modelWith({ engagement: 'engagement_score' });
    m.factors[0].normalization = 'as-is';
    const analysis = analyze(dataset, m);
    expect(analysis.factors[0].clamped).toBe(2);
    expect(Array.from(analysis.scores)).toEqual([100, 50, 0]);
  });

  it('computeGroups on an axis mapped to a text column gives no groups', () => {
    const { groups, axes } = computeGroups(load(CSV), modelWith({}, { profitability: 'id', loyalty: 'tenure' }));
    expect(axes.profitability.column).toBeNull();
    expect(Array.from(groups)).toEqual([NO_GROUP, NO_GROUP, NO_GROUP, NO_GROUP]);
  });
});

describe('the derivation graph (core/derive/graph.ts)', () => {
  it('a weight change reuses the normalised factors and groups; the scores follow the weights', () => {
    const dataset = load(CSV);
    const graph = createAnalysisGraph(dataset);
    const first = graph.analysis(graph.intern(model()));
    const factorsBefore = [...first.factors];
    const groupsBefore = first.groups;
    const reweighted = model();
    reweighted.factors[0].weight = 0;
    const second = graph.analysis(graph.intern(reweighted));
    second.factors.forEach((f, i) => expect(f).toBe(factorsBefore[i]));
    expect(second.groups).toBe(groupsBefore);
    expect(second.scores[0]).toBeCloseTo((30 * 100 + 20 * 100) / 50, 9);
    // The kept result equals a fresh computation.
    expect(Array.from(second.scores)).toEqual(Array.from(analyze(dataset, reweighted).scores));
  });

  it('a direction change recomputes only that factor', () => {
    const dataset = load(CSV);
    const graph = createAnalysisGraph(dataset);
    const first = graph.analysis(graph.intern(model()));
    const [engagement, satisfaction] = first.factors;
    const flipped = model();
    flipped.factors[1].isHigherBetter = false;
    const second = graph.analysis(graph.intern(flipped));
    expect(second.factors[0]).toBe(engagement);
    expect(second.factors[1]).not.toBe(satisfaction);
    expect(Array.from(second.factors[1].values)).toEqual([0, 50, 100, NaN]);
    // The scores follow the flipped factor, as a fresh computation does.
    expect(second.scores[0]).toBeCloseTo((30 * 80 + 30 * 0 + 20 * 100) / 80, 9);
    expect(Array.from(second.scores)).toEqual(Array.from(analyze(dataset, flipped).scores));
  });

  it('a shape change recomputes only that factor; a rule change recomputes only the rule points', () => {
    const dataset = load(CSV);
    const graph = createAnalysisGraph(dataset);
    const first = graph.analysis(graph.intern(model()));
    const shaped = model();
    shaped.factors[1].shape = { kind: 'saturating', halfAt: 20 };
    const second = graph.analysis(graph.intern(shaped));
    expect(second.factors[0]).toBe(first.factors[0]);
    expect(second.factors[1]).not.toBe(first.factors[1]);
    expect(Array.from(second.scores)).toEqual(Array.from(analyze(dataset, shaped).scores));

    const ruled = model();
    ruled.factors[1].shape = { kind: 'saturating', halfAt: 20 };
    ruled.rules = [{ id: 'r', column: 'tenure', when: 'above', value: 20, points: 5 }];
    const third = graph.analysis(graph.intern(ruled));
    third.factors.forEach((f, i) => expect(f).toBe(second.factors[i]));
    const points = third.rulePoints;
    expect(Array.from(points ?? [])).toEqual([5, 0, 5, 0]);
    // Same rules (a new but equal array): the cached points are reused.
    expect(graph.analysis(graph.intern({ ...ruled, rules: ruled.rules.map((r) => ({ ...r })) })).rulePoints).toBe(points);
    expect(Array.from(third.scores)).toEqual(Array.from(analyze(dataset, ruled).scores));
  });

  it('remapping a factor to another column rescores with the new column', () => {
    const dataset = load(CSV);
    const graph = createAnalysisGraph(dataset);
    graph.analysis(graph.intern(model()));
    const remapped = model();
    remapped.factors[2].column = 'tenure';
    const second = graph.analysis(graph.intern(remapped));
    expect(second.factors[2].column).toBe('tenure');
    expect(Array.from(second.scores)).toEqual(Array.from(analyze(dataset, remapped).scores));
  });

  it('a split change regroups; a new dataset starts afresh', () => {
    const dataset = load(CSV);
    const graph = createAnalysisGraph(dataset);
    graph.analysis(graph.intern(model()));
    const split = model();
    split.axes.loyalty.split = 30;
    expect(Array.from(graph.analysis(graph.intern(split)).groups)).toEqual([g('trueFriends'), g('strangers'), g('butterflies'), NO_GROUP]);

    const other = load('id,engagement_score,csat,orders,revenue,tenure\nZ,10,1,1,1,1\n');
    const fresh = createAnalysisGraph(other).analysis(model());
    expect(fresh.scores.length).toBe(1);
    expect(fresh.factors[0].values.length).toBe(1);
  });
});

describe('a categorical factor (points per value)', () => {
  // Telco-style contracts; row 5 is blank and row 6 has a value the table does not list.
  const TELCO = 'id,Contract,tenure\nA,Month-to-month,1\nB,One year,20\nC,Two year,60\nD,One year,30\nE,,5\nF,Three year,70\n';
  const contractFactor = (shape: Parameters<typeof normalizeFactor>[1]['shape'], isHigherBetter = true) => ({ ...modelWith({ engagement: 'Contract' }).factors[0], shape, isHigherBetter });
  const points = { 'Month-to-month': 0, 'One year': 60, 'Two year': 100 };

  it("reads each customer's points from the table; blank and unlisted values are missing; direction does not invert it", () => {
    for (const isHigherBetter of [true, false]) {
      const result = normalizeFactor(load(TELCO), contractFactor({ kind: 'categories', points }, isHigherBetter))!;
      expect(Array.from(result.values)).toEqual([0, 60, 100, 60, NaN, NaN]);
      expect(result.missing).toBe(2);
      expect(result.mean).toBeCloseTo(55, 9);
      expect(result.description).toBe('points per value: Month-to-month → 0, One year → 60, Two year → 100');
    }
  });

  it('a categorical column under another shape, or a points-per-value table on a numeric column, is not scored (null)', () => {
    expect(normalizeFactor(load(TELCO), contractFactor({ kind: 'linear' }))).toBeNull();
    const tenure = { ...modelWith({ engagement: 'tenure' }).factors[0], shape: { kind: 'categories' as const, points } };
    expect(normalizeFactor(load(TELCO), tenure)).toBeNull();
  });

  it('scores customers on the table: all weight on the contract factor returns its points', () => {
    const model = modelWith({ engagement: 'Contract' });
    model.factors[0].shape = { kind: 'categories', points };
    const { scores } = analyze(load(TELCO), model);
    expect(Array.from(scores)).toEqual([0, 60, 100, 60, NaN, NaN]);
  });
});

describe('a recency factor (decay on a date column)', () => {
  // Half-life 30 days, as of 2026-11-01: A that day → 100, B 30 days before → 50,
  // C 60 days before → 25, D blank → missing, E after the as-of date → 100.
  const CSV = 'id,last_login,csat\nA,2026-11-01,5\nB,2026-10-02,3\nC,2026-09-02,5\nD,,1\nE,2026-11-11,1\n';
  const decay = (asOf: string | null, isHigherBetter = true) => ({ ...modelWith({ engagement: 'last_login' }).factors[0], isHigherBetter, shape: { kind: 'decay' as const, halfLifeDays: 30, asOf } });

  it('points = 100·2^(−days / half-life), whatever the direction; blank is missing', () => {
    for (const isHigherBetter of [true, false]) {
      const result = normalizeFactor(load(CSV), decay('2026-11-01', isHigherBetter))!;
      expect(Array.from(result.values)).toEqual([100, 50, 25, NaN, 100]);
      expect(result.missing).toBe(1);
      expect(result.description).toBe('recency: half-life 30 days, as of 2026-11-01');
    }
  });

  it('as of null counts to the latest date in the column', () => {
    const result = normalizeFactor(load(CSV), decay(null))!;
    // Latest is 2026-11-11: A is 10 days old, B 40, C 70, E 0.
    expect(Array.from(result.values).map((v) => Math.round(v * 1000) / 1000)).toEqual([79.37, 39.685, 19.843, NaN, 100]);
  });

  it('a date column under another shape, or decay on a numeric column, is not scored (null)', () => {
    expect(normalizeFactor(load(CSV), { ...decay(null), shape: { kind: 'linear' } })).toBeNull();
    expect(normalizeFactor(load(CSV), { ...decay(null), column: 'csat' })).toBeNull();
  });

  it('end to end: CSV text → analyze → scores (recency 30, CSAT 30)', () => {
    const model = modelWith({ engagement: 'last_login', satisfaction: 'csat' });
    model.factors[0].shape = { kind: 'decay', halfLifeDays: 30, asOf: '2026-11-01' };
    const { scores } = analyze(load(CSV), model);
    // CSAT 1–5 → 0, 50, 100. A (100+100)/2, B (50+50)/2, C (25+100)/2, D CSAT alone 0, E (100+0)/2.
    expect(Array.from(scores)).toEqual([100, 50, 62.5, 0, 50]);
  });
});
