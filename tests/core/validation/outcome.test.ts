// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/scoring/analysis';
import { defaultModel } from '../../../src/core/model/model';
import { outcomeValues, suggestForModel, validate } from '../../../src/core/validation/outcome';
import { autoMap } from '../../../src/core/schema/mapping';
import { load } from '../fixtures';
import { mulberry32 } from '../../../src/core/stats/random';

describe('validate', () => {
  // Engagement and CSAT (as-is 0–100 and 1–5); churned: the two lowest scorers churned.
  const csv = 'id,engagement_score,csat,churned\nA,90,5,no\nB,80,4,no\nC,20,2,yes\nD,10,1,yes\nE,60,3,\nF,50,3,n/a\n';

  it('measures the CRS against the outcome: AUC, rates per band, gains; unknown outcomes left out', () => {
    const dataset = load(csv);
    const model = autoMap(defaultModel(), dataset.columns);
    expect(model.outcome).toEqual({ column: 'churned', isGood: false });
    const validation = validate(dataset, analyze(dataset, model), model);
    if (!validation) throw new Error('expected a validation');
    expect(validation.known).toBe(4); // E and F are missing
    expect(validation.yes).toBe(2);
    expect(validation.problem).toBeNull();
    expect(validation.auc).toBe(1); // every stayer outscores every churner
    expect(validation.byBand.positives).toEqual([2, 0, 0]); // both churners are poor
    expect(validation.gains.gains[validation.gains.gains.length - 1]).toBe(1);
    // Lowest CRS first: the first (non-empty: 4 customers make 10 deciles) decile churned.
    const first = validation.gains.count.findIndex((count) => count > 0);
    expect(validation.gains.rate[first]).toBe(1);
  });

  it('a yes that is good (renewed) turns the same data round: AUC 1 − AUC', () => {
    const dataset = load(csv);
    const model = autoMap(defaultModel(), dataset.columns);
    const analysis = analyze(dataset, model);
    const asBad = validate(dataset, analysis, model);
    const asGood = validate(dataset, analysis, { ...model, outcome: { column: 'churned', isGood: true } });
    expect(asGood?.auc).toBeCloseTo(1 - (asBad?.auc ?? NaN), 12);
  });

  it('says why nothing can be measured when every outcome is the same', () => {
    const dataset = load('id,engagement_score,churned\nA,90,no\nB,10,no\n');
    const model = autoMap(defaultModel(), dataset.columns);
    expect(validate(dataset, analyze(dataset, model), model)?.problem).toMatch(/same/);
  });

  it('reads a 0/1 number column as yes/no and anything else in it as unknown', () => {
    const dataset = load('id,won\nA,1\nB,0\nC,0.5\nD,\n');
    expect(Array.from(outcomeValues(dataset, 'won') ?? [])).toEqual([1, 0, NaN, NaN]);
    expect(outcomeValues(dataset, 'nope')).toBeNull();
  });
});

describe('suggestForModel', () => {
  it('on customers whose churn follows engagement only, moves the weight to engagement and raises the AUC', () => {
    const next = mulberry32(11);
    const rows = ['id,engagement_score,support_rating,churned'];
    for (let i = 0; i < 3000; i++) {
      const engagement = Math.round(next() * 100);
      const support = Math.round(next() * 100);
      const pChurn = 1 / (1 + Math.exp((engagement - 50) / 8));
      rows.push(`C${i},${engagement},${support},${next() < pChurn ? 'yes' : 'no'}`);
    }
    const dataset = load(rows.join('\n') + '\n');
    const model = autoMap(defaultModel(), dataset.columns);
    expect(model.factors.map((f) => f.column)).toEqual(['engagement_score', null, null, 'support_rating']);
    const suggestion = suggestForModel(dataset, analyze(dataset, model), model);
    if (!suggestion.ok) throw new Error(suggestion.problem);
    expect(suggestion.weights.engagement).toBeGreaterThan(85);
    expect(suggestion.weights.engagement + suggestion.weights.support).toBe(100);
    expect(suggestion.suggestedAuc).toBeGreaterThan(suggestion.currentAuc + 0.05);
    expect(suggestion.improves).toBe(true);
    // Held out, the search keeps most of what it gains on the customers it saw.
    expect(suggestion.suggestedHeldOut.mean).toBeGreaterThan(suggestion.currentHeldOut.mean + 0.04);
  });

  it('explains why it cannot suggest without an outcome', () => {
    const dataset = load('id,engagement_score\nA,1\n');
    const model = autoMap(defaultModel(), dataset.columns);
    expect(suggestForModel(dataset, analyze(dataset, model), model)).toEqual({ ok: false, problem: 'Choose an outcome column first.' });
  });
});
