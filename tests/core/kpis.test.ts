// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis';
import { atRiskCount, churnRate, csatScore, KpiCache, mean, netPromoterScore, topRevenueShare } from '../../src/core/kpis';
import { defaultModel } from '../../src/core/model';
import { autoMap } from '../../src/core/schema/mapping';
import { load } from './fixtures';

const f64 = (values: number[]) => Float64Array.from(values);

describe('KPI functions, by hand', () => {
  it('churn rate: 2 of 4 known (a missing one left out) = 0.5', () => {
    expect(churnRate(f64([1, 0, NaN, 1, 0]))).toBe(0.5);
    expect(churnRate(f64([NaN]))).toBeNaN();
  });

  it('NPS: promoters 9–10 minus detractors 0–6, in points: (2 − 1) / 4 = 25', () => {
    expect(netPromoterScore(f64([10, 9, 7, 3, NaN]))).toBe(25);
  });

  it('CSAT: share of 4 and 5 answers: 3 of 4 = 75 %', () => {
    expect(csatScore(f64([5, 4, 4, 2, NaN]))).toBe(75);
  });

  it('mean leaves missing values out', () => {
    expect(mean(f64([10, NaN, 20]))).toBe(15);
  });

  it('top 20 % revenue share: the top 1 of 5 customers earns 100 of 200', () => {
    expect(topRevenueShare(f64([100, 40, 30, 20, 10]))).toBe(0.5);
  });

  it('property: top-20 % share equals summing the largest values of a sorted copy', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(NaN)), { minLength: 1, maxLength: 200 }), (xs) => {
        const known = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => b - a);
        const total = known.reduce((a, b) => a + b, 0);
        const expected = known.length === 0 || !(total > 0) ? NaN : known.slice(0, Math.max(1, Math.round(known.length * 0.2))).reduce((a, b) => a + b, 0) / total;
        const actual = topRevenueShare(f64(xs));
        if (Number.isNaN(expected)) expect(actual).toBeNaN();
        else expect(actual).toBeCloseTo(expected, 9);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('at risk: poor band and revenue above the median', () => {
    // Scores 10 (poor), 20 (poor), 80 (good); revenue median 50: only the first is at risk.
    expect(atRiskCount(f64([10, 20, 80]), f64([90, 10, 50]), defaultModel())).toBe(1);
  });
});

describe('KpiCache.compute', () => {
  it('finds the inputs by header and says which column a missing KPI needs', () => {
    const dataset = load('customer_id,churned,nps,csat,total_revenue,tenure_months\nA,yes,10,5,100,3\nB,no,3,2,300,30\nC,No,9,4,200,12\nD,,8,,50,1\n');
    const model = autoMap(defaultModel(), dataset.columns);
    const kpis = new KpiCache().compute(dataset, analyze(dataset, model), model);
    const byId = Object.fromEntries(kpis.map((kpi) => [kpi.id, kpi]));
    expect(byId.churn.value).toBeCloseTo(100 / 3, 9); // 1 of 3 known
    expect(byId.churn.column).toBe('churned');
    expect(byId.nps.value).toBe(25); // promoters 10, 9; detractor 3; of 4
    expect(byId.csat.value).toBeCloseTo(200 / 3, 9); // 5 and 4 of 5, 2, 4
    expect(byId.revenue.value).toBe(162.5);
    expect(byId.cltv.value).toBeNaN();
    expect(byId.cltv.needs).toMatch(/CLTV/);
  });
});
