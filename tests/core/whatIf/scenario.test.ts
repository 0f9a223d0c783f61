// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/scoring/analysis';
import { defaultModel } from '../../../src/core/model/model';
import { compareScenarios } from '../../../src/core/whatIf/scenario';
import { autoMap } from '../../../src/core/schema/mapping';
import { load } from '../fixtures';

describe('compareScenarios', () => {
  // engagement and support on 0–100; with equal weights A, and all weight on engagement B.
  const csv = 'customer_id,name,engagement_score,support_rating_pct,churned\n1,Ada,90,10,no\n2,Bo,30,90,yes\n3,Cy,50,50,no\n4,Di,80,80,no\n';

  it('counts who changes band between A and B, lists them largest change first, and compares AUC, mean and bands', () => {
    const dataset = load(csv);
    const base = autoMap(defaultModel(), dataset.columns);
    expect(base.factors.map((f) => f.column)).toEqual(['engagement_score', null, null, 'support_rating_pct']);
    const a = { ...base, factors: base.factors.map((f) => ({ ...f, weight: 50 })) };
    const b = { ...base, factors: base.factors.map((f) => ({ ...f, weight: f.id === 'engagement' ? 100 : 0 })) };
    // A: Ada 50 (average), Bo 60 (average), Cy 50, Di 80 (good). B: Ada 90 (good), Bo 30 (poor), Cy 50, Di 80.
    const comparison = compareScenarios(dataset, analyze(dataset, a), a, analyze(dataset, b), b);
    expect(comparison.changed).toBe(2);
    expect(comparison.list.map((move) => [move.name, move.crsA, move.crsB, move.bandA, move.bandB])).toEqual([
      ['Ada', 50, 90, 1, 2],
      ['Bo', 60, 30, 1, 0],
    ]);
    expect(comparison.moves).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 1]);
    expect(comparison.a.bandCounts).toEqual([0, 3, 1]);
    expect(comparison.b.bandCounts).toEqual([1, 1, 2]);
    expect(comparison.a.mean).toBe(60);
    expect(comparison.b.mean).toBe(62.5);
    // Bo churned: under B he has the lowest score (AUC 1); under A, Bo's 60 beats Ada's and Cy's 50 (AUC 1/3).
    expect(comparison.b.auc).toBe(1);
    expect(comparison.a.auc).toBeCloseTo(1 / 3, 12);
  });

  it('the same model on both sides changes nothing', () => {
    const dataset = load(csv);
    const model = autoMap(defaultModel(), dataset.columns);
    const comparison = compareScenarios(dataset, analyze(dataset, model), model, analyze(dataset, model), model);
    expect(comparison.changed).toBe(0);
    expect(comparison.list).toEqual([]);
    expect(comparison.a).toEqual(comparison.b);
  });
});
