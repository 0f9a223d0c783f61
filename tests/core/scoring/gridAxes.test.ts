// @vitest-environment node
// The grid on any two axes: a column, a factor's points or a lifetime-value prediction, 2×2 or 3×3.
import { createAnalysisGraph } from '../../../src/core/derive/graph';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyze, computeGroups, type PredictedInput } from '../../../src/core/scoring/analysis';
import { GROUPS_3, NO_GROUP, relationshipGroupOf } from '../../../src/core/groups/segment';
import { tertiles } from '../../../src/core/stats/rank';
import { parseModel } from '../../../src/core/model/modelSchema';
import { seedCltvColumn } from '../../../src/core/clv/seedCltv';
import { defaultModel } from '../../../src/core/model/model';
import { load, modelWith } from '../fixtures';

// Nine customers: revenue 100..900, tenure 1..9 months, engagement 0..80 (reversed).
const rows = Array.from({ length: 9 }, (_, i) => `C${i},${(i + 1) * 100},${i + 1},${(8 - i) * 10}`);
const CSV = `id,revenue,tenure,engagement_score\n${rows.join('\n')}\n`;
const base = () => modelWith({ engagement: 'engagement_score' }, { profitability: 'revenue', loyalty: 'tenure' });
const named = (groups: Uint8Array) => Array.from(groups, (code) => (code === NO_GROUP ? null : GROUPS_3[code]));

describe('3×3 grid', () => {
  const dataset = load(CSV);

  it('splits each axis at its tertiles by default: three customers per level', () => {
    const model = { ...base(), gridSize: 3 as const };
    const analysis = analyze(dataset, model);
    expect(analysis.gridSize).toBe(3);
    expect(analysis.axes.profitability).toMatchObject({ split: 300, upper: 600, isMedian: true });
    expect(analysis.axes.loyalty).toMatchObject({ split: 3, upper: 6, isMedian: true });
    // Revenue and tenure rise together: the diagonal.
    expect(named(analysis.groups)).toEqual(['strangers', 'strangers', 'core', 'core', 'core', 'trueFriends', 'trueFriends', 'trueFriends', 'trueFriends']);
    expect(Array.from(analysis.aggregates.groupCounts.subarray(0, 9))).toEqual([2, 0, 0, 0, 3, 0, 0, 0, 4]);
  });

  it('uses the user’s split points, and an upper one below the lower one leaves the middle empty', () => {
    const model = { ...base(), gridSize: 3 as const };
    model.axes.profitability = { ...model.axes.profitability, split: 250, upper: 750 };
    let analysis = analyze(dataset, model);
    expect(analysis.axes.profitability).toMatchObject({ split: 250, upper: 750, isMedian: false });
    expect(Array.from(analysis.groups, (code) => code % 3)).toEqual([0, 0, 1, 1, 1, 1, 1, 2, 2]);
    model.axes.profitability = { ...model.axes.profitability, split: 500, upper: null };
    analysis = analyze(dataset, model);
    // Only the lower split is the user's: the upper one is the tertile (600).
    expect(analysis.axes.profitability).toMatchObject({ split: 500, upper: 600 });
    model.axes.profitability = { ...model.axes.profitability, split: 800, upper: null };
    analysis = analyze(dataset, model);
    expect(analysis.axes.profitability).toMatchObject({ split: 800, upper: 800 });
    expect(Array.from(analysis.groups, (code) => code % 3)).toEqual([0, 0, 0, 0, 0, 0, 0, 2, 2]);
  });
});

describe('axis sources', () => {
  const dataset = load(CSV);

  it('a factor axis splits on the factor’s 0–100 points, named after the factor', () => {
    const model = base();
    model.axes.loyalty = { ...model.axes.loyalty, source: { kind: 'factor', factorId: 'engagement' } };
    const analysis = analyze(dataset, model);
    expect(analysis.axes.loyalty).toMatchObject({ column: 'tenure', label: 'Engagement (points)', unavailable: null });
    expect(Array.from(analysis.axisValues.loyalty ?? [])).toEqual(Array.from(analysis.factors[0].values));
    // Engagement falls as revenue rises: high revenue is short-term now.
    const groups = Array.from(analysis.groups);
    expect(groups[0]).toBe(2); // low revenue, high engagement: barnacles
    expect(groups[8]).toBe(1); // high revenue, low engagement: butterflies
  });

  it('a factor axis whose factor is unmapped or gone cannot be read, and says why', () => {
    const model = base();
    model.axes.loyalty = { ...model.axes.loyalty, source: { kind: 'factor', factorId: 'support' } };
    let analysis = analyze(dataset, model);
    expect(analysis.axes.loyalty).toMatchObject({ label: null, unavailable: 'Support quality has no usable column mapped' });
    expect(Array.from(analysis.groups).every((g) => g === NO_GROUP)).toBe(true);
    model.axes.loyalty = { ...model.axes.loyalty, source: { kind: 'factor', factorId: 'gone' } };
    analysis = analyze(dataset, model);
    expect(analysis.axes.loyalty.unavailable).toBe('its factor is no longer in the model');
  });

  it('a predicted axis reads the fit’s values; without a fit it says what to do', () => {
    const model = base();
    model.axes.loyalty = { ...model.axes.loyalty, source: { kind: 'predicted', value: 'pAlive' } };
    expect(analyze(dataset, model).axes.loyalty.unavailable).toBe('fit lifetime value first (Predicted lifetime value panel)');
    const lifetime = {
      orders: 'tenure',
      age: 'tenure',
      ageUnit: 'months' as const,
      daysSinceLast: null,
      firstPurchase: null,
      lastPurchase: null,
      orderValue: null,
      revenue: 'revenue',
      horizonMonths: 12,
      monthlyDiscount: 0.01,
      holdoutPurchases: null,
      holdoutMonths: 6,
    };
    model.lifetime = lifetime;
    const failed: PredictedInput = { key: 'x', values: null, problem: 'No customer has whole orders.' };
    expect(analyze(dataset, model, failed).axes.loyalty.unavailable).toBe('No customer has whole orders.');
    const pAlive = Float64Array.from([0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6, NaN]);
    const predicted: PredictedInput = { key: 'fit-1', values: { pAlive, clv: new Float64Array(9), expectedPurchases: new Float64Array(9) }, problem: null };
    const analysis = analyze(dataset, model, predicted);
    expect(analysis.axes.loyalty).toMatchObject({ label: 'P(alive)', split: 0.5, unavailable: null });
    expect(Array.from(analysis.groups, (g) => (g === NO_GROUP ? null : g >> 1))).toEqual([0, 1, 0, 1, 0, 1, 0, 1, null]);
  });

  it('the cache regroups when a factor axis’s factor changes, and not on a weight change', () => {
    const graph = createAnalysisGraph(dataset);
    const model = base();
    model.axes.loyalty = { ...model.axes.loyalty, source: { kind: 'factor', factorId: 'engagement' } };
    const first = graph.analysis(graph.intern(model));
    const reweighted = { ...model, factors: model.factors.map((f) => ({ ...f, weight: f.weight + 5 })) };
    expect(graph.analysis(graph.intern(reweighted)).groups).toBe(first.groups);
    const inverted = { ...model, factors: model.factors.map((f) => (f.id === 'engagement' ? { ...f, isHigherBetter: false } : f)) };
    const second = graph.analysis(graph.intern(inverted));
    expect(second.groups).not.toBe(first.groups);
    expect(second.groups[0]).toBe(0); // low revenue, now low engagement points: strangers
  });

  it('property: computeGroups agrees with relationshipGroupOf on the resolved splits, in both grid sizes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 })), { minLength: 1, maxLength: 40 }), fc.constantFrom(2 as const, 3 as const), (pairs, size) => {
        const data = load(`revenue,tenure\n${pairs.map(([a, b]) => `${a},${b}`).join('\n')}\n`);
        const model = { ...modelWith({}, { profitability: 'revenue', loyalty: 'tenure' }), gridSize: size };
        const { groups, axes } = computeGroups(data, model);
        const splits = (a: typeof axes.profitability) => (size === 3 ? [a.split, a.upper] : [a.split]);
        pairs.forEach(([p, l], i) => expect(groups[i]).toBe(relationshipGroupOf(p, l, splits(axes.profitability), splits(axes.loyalty))));
      }),
      { seed: 11, numRuns: 100 },
    );
  });
});

describe('tertiles', () => {
  it('are the order statistics at ⌊(n − 1) / 3⌋ and ⌊2(n − 1) / 3⌋ of the present values', () => {
    expect(tertiles(Float64Array.from([5, NaN, 1, 3, 2, 4]))).toEqual([2, 3]);
    expect(tertiles(Float64Array.from([7, 1, 4, 10]))).toEqual([4, 7]);
    expect(tertiles(Float64Array.from([NaN]))).toEqual([NaN, NaN]);
  });

  it('property: equal to sorting and indexing', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }), (xs) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const n = xs.length;
        expect(tertiles(Float64Array.from(xs))).toEqual([sorted[Math.floor((n - 1) / 3)], sorted[Math.floor((2 * (n - 1)) / 3)]]);
      }),
      { seed: 5, numRuns: 200 },
    );
  });
});

describe('model documents', () => {
  it('a model saved before grids and predicted axes loads as a 2×2 grid on its columns', () => {
    const old = JSON.parse(JSON.stringify(defaultModel())) as Record<string, unknown>;
    delete old.gridSize;
    delete old.lifetime;
    old.axes = { profitability: { column: 'revenue', split: 100 }, loyalty: { column: null, split: null } };
    const parsed = parseModel(old);
    expect(parsed.ok && parsed.model.gridSize).toBe(2);
    expect(parsed.ok && parsed.model.axes.profitability).toEqual({ column: 'revenue', split: 100, upper: null, source: { kind: 'column' } });
  });

  it('refuses an unknown prediction and a 4×4 grid with their paths; accepts an upper split below the lower one, as the grid reads it', () => {
    const doc = JSON.parse(JSON.stringify(defaultModel())) as { axes: Record<string, unknown>; gridSize: number };
    doc.axes.loyalty = { column: null, split: 5, upper: 2, source: { kind: 'predicted', value: 'happiness' } };
    doc.gridSize = 4;
    const parsed = parseModel(doc);
    expect(parsed.ok).toBe(false);
    const paths = parsed.ok ? [] : parsed.problems.map((p) => p.path);
    expect(paths).toContain('axes.loyalty.source.value');
    expect(paths).toContain('gridSize');
    doc.axes.loyalty = { column: null, split: 5, upper: 2, source: { kind: 'column' } };
    doc.gridSize = 3;
    // The split inputs let a user type it; the grid then leaves the middle empty (computeGroups).
    expect(parseModel(doc).ok).toBe(true);
  });
});

describe('seed-formula CLTV per customer', () => {
  // AOV × orders × lifespan; without an AOV column, revenue ÷ orders stands in for it.
  const CSV = 'id,revenue,orders,lifespan_years,aov,cltv\nA,1000,10,3,120,5000\nB,600,0,2,50,\nC,400,4,,80,900\nD,300,3,1.5,,100\n';

  it('is AOV × frequency × lifespan, from the AOV column or revenue ÷ orders; a CLTV column wins', () => {
    const dataset = load(CSV);
    const model = modelWith({}, { profitability: 'revenue', loyalty: 'orders' });
    model.kpiInputs = { ...model.kpiInputs, orders: 'orders', lifespan: 'lifespan_years' };
    expect(Array.from(seedCltvColumn(dataset, model, 'revenue')?.values ?? [])).toEqual([3000, NaN, NaN, 450]);
    model.kpiInputs.aov = 'aov';
    const withAov = seedCltvColumn(dataset, model, 'revenue');
    expect(Array.from(withAov?.values ?? [])).toEqual([3600, 0, NaN, NaN]);
    expect(withAov?.formula).toBe('average purchase value (aov) × purchase frequency (orders) × lifespan (lifespan_years)');
    model.kpiInputs.cltv = 'cltv';
    expect(Array.from(seedCltvColumn(dataset, model, 'revenue')?.values ?? [])).toEqual([5000, NaN, 900, 100]);
    expect(seedCltvColumn(dataset, { ...model, kpiInputs: { ...model.kpiInputs, cltv: null, lifespan: null } }, 'revenue')).toBeNull();
  });

  it('can be a grid axis, named as the formula; without its parts the axis says what to map', () => {
    const dataset = load(CSV);
    const model = modelWith({}, { profitability: 'revenue', loyalty: 'orders' });
    model.axes.profitability = { ...model.axes.profitability, source: { kind: 'seedCltv' } };
    expect(analyze(dataset, model).axes.profitability.unavailable).toBe('map a CLTV column, or orders, lifespan and an order value (or revenue) under KPI inputs');
    model.kpiInputs = { ...model.kpiInputs, orders: 'orders', lifespan: 'lifespan_years' };
    const analysis = analyze(dataset, model);
    expect(analysis.axes.profitability).toMatchObject({ label: 'CLTV (AOV × frequency × lifespan)', split: (450 + 3000) / 2 });
    expect(Array.from(analysis.groups, (g) => g === NO_GROUP)).toEqual([false, true, true, false]);
  });
});
