import { describe, expect, it } from 'vitest';
import { createAnalysisGraph } from '../../../src/core/derive/graph';
import { parseCsv } from '../../../src/core/dataset/dataset';
import { defaultModel, type Model } from '../../../src/core/model/model';
import { autoMap } from '../../../src/core/schema/mapping';
import { DEFAULT_VIEW } from '../../../src/core/table/table';
import { analyze } from '../../../src/core/scoring/analysis';
import { computeKpis } from '../../../src/core/kpis/kpis';
import { validate } from '../../../src/core/validation/outcome';

const CSV = [
  'id,engagement_score,csat,orders,total_revenue,tenure_months,days_since_last_purchase,churned',
  '1,80,5,9,900,40,3,no',
  '2,40,1,1,100,2,90,yes',
  '3,60,3,4,500,12,20,no',
  '4,20,2,2,50,30,60,yes',
  '5,90,4,7,700,50,5,no',
  '6,10,1,8,800,3,80,yes', // poor, revenue above the median: at risk
].join('\n');

function setup() {
  const result = parseCsv(new TextEncoder().encode(CSV), 'g.csv');
  if (!result.ok) throw new Error(result.problem.kind);
  const graph = createAnalysisGraph(result.dataset);
  const model = autoMap(defaultModel(), result.dataset.columns);
  const all = DEFAULT_VIEW;
  /** Every derivation a full dashboard reads, as the engine asks for them. */
  const read = (m: Model) => {
    const interned = graph.intern(structuredClone(m));
    return {
      analysis: graph.analysis(interned),
      factors: graph.factors(interned, all),
      kpis: graph.kpis(interned, all),
      revenue: graph.revenue(interned, all),
      scatter: graph.scatter(interned, all),
      validation: graph.validation(interned),
      auc: graph.auc(interned),
      rfm: graph.rfmSummary(interned),
      rfmScores: graph.rfmScores(interned),
    };
  };
  return { model, read, dataset: result.dataset };
}

const withWeight = (model: Model, weight: number): Model => ({ ...model, factors: model.factors.map((f, i) => (i === 0 ? { ...f, weight } : f)) });

describe('the derivation graph: a change invalidates exactly what depends on it', () => {
  it('asked twice for the same model (a fresh copy, as posted to the worker), every derivation is the same object', () => {
    const { model, read } = setup();
    const first = read(model);
    const second = read(model);
    for (const key of Object.keys(first) as (keyof typeof first)[]) expect(second[key], key).toBe(first[key]);
  });

  it('a weight change recomputes the scores and what reads them, and nothing else', () => {
    const { model, read } = setup();
    const before = read(model);
    const after = read(withWeight(model, 80));
    expect(after.analysis.aggregates).not.toBe(before.analysis.aggregates);
    for (const key of ['kpis', 'validation', 'auc', 'rfm'] as const) expect(after[key], key).not.toBe(before[key]);
    for (const key of ['factors', 'revenue', 'scatter', 'rfmScores'] as const) expect(after[key], key).toBe(before[key]);
    expect(after.analysis.groups).toBe(before.analysis.groups);
    expect(after.analysis.factors[1]).toBe(before.analysis.factors[1]);
  });

  it('after weight and outcome changes, the tiles, AUC and validation are those of a fresh analysis (at-risk and AUC come from the scoring pass)', () => {
    const { model, read, dataset } = setup();
    for (const next of [
      withWeight(model, 80),
      withWeight(model, 5),
      { ...withWeight(model, 5), outcome: { column: 'churned', isGood: true } },
      { ...withWeight(model, 60), outcome: { column: null, isGood: false } },
    ]) {
      const got = read(next);
      const fresh = analyze(dataset, next);
      expect(got.kpis).toEqual(computeKpis(dataset, fresh, next));
      const validation = validate(dataset, fresh, next);
      expect(got.validation).toEqual(validation);
      expect(got.auc?.auc).toBe(validation?.auc);
    }
    expect(read(withWeight(model, 5)).kpis.find((kpi) => kpi.id === 'atRisk')?.value).toBeGreaterThan(0);
  });

  it('a direction change recomputes that factor only; an RFM cut change the RFM figures only', () => {
    const { model, read } = setup();
    const before = read(model);
    const flipped = read({ ...model, factors: model.factors.map((f) => (f.id === 'satisfaction' ? { ...f, isHigherBetter: false } : f)) });
    expect(flipped.analysis.factors[0]).toBe(before.analysis.factors[0]);
    expect(flipped.analysis.factors[1]).not.toBe(before.analysis.factors[1]);
    expect(flipped.analysis.groups).toBe(before.analysis.groups);
    const cut = read({ ...model, factors: model.factors.map((f) => (f.id === 'satisfaction' ? { ...f, isHigherBetter: false } : f)), rfm: { ...model.rfm, cuts: { r: [4, 10, 30, 55], f: null, m: null } } });
    expect(cut.rfmScores).not.toBe(flipped.rfmScores);
    expect(cut.analysis).toBe(flipped.analysis);
    expect(cut.kpis).toBe(flipped.kpis);
  });

  it('a split change regroups and recomputes revenue per group and the scatter, keeping the factors', () => {
    const { model, read } = setup();
    const before = read(model);
    const after = read({ ...model, axes: { ...model.axes, loyalty: { ...model.axes.loyalty, split: 10 } } });
    expect(after.analysis.groups).not.toBe(before.analysis.groups);
    expect(after.scatter).not.toBe(before.scatter);
    expect(after.revenue).not.toBe(before.revenue);
    expect(after.factors).toBe(before.factors);
  });
});
