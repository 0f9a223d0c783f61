// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/scoring/analysis';
import { atRiskCount, averageOrderValue, churnRate, cltvFromParts, csatScore, computeKpis, revenueMedianOf, mean, netPromoterScore, ratePercent, topRevenueShare } from '../../../src/core/kpis/kpis';
import { bandCodes, gather, kpiBreakdown, segmentOrder, segmentSums } from '../../../src/core/kpis/breakdown';
import { defaultModel } from '../../../src/core/model/model';
import { autoMap } from '../../../src/core/schema/mapping';
import { load } from '../fixtures';

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

  it('rates: yes/no → share of yes; fractions → mean; percentages → mean; anything else is not a rate', () => {
    expect(ratePercent(f64([1, 0, 0, 1, NaN]))).toBe(50);
    expect(ratePercent(f64([0.5, 0.25, NaN]))).toBe(37.5);
    expect(ratePercent(f64([80, 60]))).toBe(70);
    expect(ratePercent(f64([80, 160]))).toBeNaN();
    expect(ratePercent(f64([-1, 1]))).toBeNaN();
    expect(ratePercent(f64([NaN]))).toBeNaN();
  });

  it('average order value = Σ revenue ÷ Σ orders where both are known: (100 + 300) ÷ (2 + 6) = 50', () => {
    expect(averageOrderValue(f64([100, 300, 999, NaN]), f64([2, 6, NaN, 4]))).toBe(50);
    expect(averageOrderValue(f64([100]), f64([0]))).toBeNaN();
  });

  it('CLTV = AOV × frequency × lifespan: 50 × (8 ÷ 2) × 3 = 600', () => {
    // AOV (100 + 300) ÷ (2 + 6) = 50; frequency 8 orders ÷ 2 customers = 4; mean lifespan (2 + 4) ÷ 2 = 3.
    expect(cltvFromParts(f64([100, 300]), f64([2, 6]), f64([2, 4]))).toBe(600);
  });

  it('at risk: poor band and revenue above the median', () => {
    // Scores 10 (poor), 20 (poor), 80 (good); revenue median 50: only the first is at risk.
    expect(atRiskCount(f64([10, 20, 80]), f64([90, 10, 50]), defaultModel().bands)).toBe(1);
  });
});

describe('computeKpis', () => {
  it('finds the inputs by header and says which column a missing KPI needs', () => {
    const dataset = load('customer_id,churned,nps,csat,total_revenue,tenure_months\nA,yes,10,5,100,3\nB,no,3,2,300,30\nC,No,9,4,200,12\nD,,8,,50,1\n');
    const model = autoMap(defaultModel(), dataset.columns);
    const kpis = computeKpis(dataset, analyze(dataset, model), model);
    const byId = Object.fromEntries(kpis.map((kpi) => [kpi.id, kpi]));
    expect(byId.churn.value).toBeCloseTo(100 / 3, 9); // 1 of 3 known
    expect(byId.churn.column).toBe('churned');
    expect(byId.nps.value).toBe(25); // promoters 10, 9; detractor 3; of 4
    expect(byId.csat.value).toBeCloseTo(200 / 3, 9); // 5 and 4 of 5, 2, 4
    expect(byId.revenue.value).toBe(162.5);
    expect(byId.cltv.value).toBeNaN();
    expect(byId.cltv.needs).toMatch(/CLTV/);
    expect(byId.renewal.value).toBeNaN();
    expect(byId.renewal.needs).toMatch(/renewed/);
  });

  it('reads the other KPIs from their mapped columns: renewal, conversion, upsell, FCR, CES, AOV, frequency, CAC, sales cycle', () => {
    const dataset = load(
      'id,renewed,converted,upsold,fcr,ces,orders,revenue,lifespan_years,acquisition_cost,sales_cycle_days,tenure\n' +
        'A,yes,1,no,0.5,2,2,100,2,40,30,5\n' +
        'B,no,0,yes,1,4,6,300,4,60,50,6\n' +
        'C,yes,1,no,,6,,,,,,\n',
    );
    const model = autoMap(defaultModel(), dataset.columns);
    const byId = Object.fromEntries(computeKpis(dataset, analyze(dataset, model), model).map((kpi) => [kpi.id, kpi]));
    expect(model.kpiInputs.renewal).toBe('renewed');
    expect(byId.renewal.value).toBeCloseTo(200 / 3, 9);
    expect(byId.conversion.value).toBeCloseTo(200 / 3, 9);
    expect(byId.upsell.value).toBeCloseTo(100 / 3, 9);
    expect(byId.fcr.value).toBe(75); // mean of 0.5 and 1
    expect(byId.ces.value).toBe(4);
    expect(byId.frequency.value).toBe(4);
    expect(byId.aov.value).toBe(50); // 400 ÷ 8
    expect(byId.cltv.value).toBe(600); // 50 × 4 × 3
    expect(byId.cltv.column).toBe('revenue, orders, lifespan_years');
    expect(byId.cac.value).toBe(50);
    expect(byId.salesCycle.value).toBe(40);
  });

  it('a mapped column that does not fit the KPI (CSAT outside 1–5) hides the tile and says what is needed', () => {
    const dataset = load('id,csat,nps\nA,80,11\nB,90,3\n');
    const model = autoMap(defaultModel(), dataset.columns);
    const byId = Object.fromEntries(computeKpis(dataset, analyze(dataset, model), model).map((kpi) => [kpi.id, kpi]));
    expect(byId.csat.value).toBeNaN();
    expect(byId.csat.column).toBeNull();
    expect(byId.nps.value).toBeNaN();
  });
});

describe('KPIs per segment', () => {
  it('segmentOrder groups rows by code, stably, leaving out codes beyond the segments', () => {
    const { order, offsets } = segmentOrder(Uint8Array.from([2, 0, 255, 2, 0, 1]), 3);
    expect(Array.from(order)).toEqual([1, 4, 5, 0, 3]);
    expect(Array.from(offsets)).toEqual([0, 2, 3, 5]);
    expect(Array.from(gather(f64([10, 11, 12, 13, 14, 15]), order))).toEqual([11, 14, 15, 10, 13]);
    expect(Array.from(segmentSums(f64([10, 11, 12, NaN, 14, 15]), Uint8Array.from([2, 0, 255, 2, 0, 1]), 3))).toEqual([25, 15, 10]);
  });

  it('bandCodes follow the score as shown: 39.96 shows as 40.0 and is average', () => {
    expect(Array.from(bandCodes(f64([39.94, 39.96, 69.95, NaN]), defaultModel().bands))).toEqual([0, 1, 2, 255]);
  });

  it('property: each segment’s KPI equals the KPI computed on that segment’s rows alone', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            churn: fc.constantFrom('yes', 'no', ''),
            nps: fc.integer({ min: 0, max: 10 }),
            revenue: fc.integer({ min: 0, max: 1000 }),
            tenure: fc.integer({ min: 0, max: 60 }),
            engagement: fc.integer({ min: 0, max: 100 }),
          }),
          { minLength: 4, maxLength: 60 },
        ),
        (rows) => {
          const csv = 'id,churned,nps,revenue,tenure,engagement\n' + rows.map((r, i) => `C${i},${r.churn},${r.nps},${r.revenue},${r.tenure},${r.engagement}`).join('\n') + '\n';
          const dataset = load(csv);
          const model = autoMap(defaultModel(), dataset.columns);
          const analysis = analyze(dataset, model);
          const context = { bands: model.bands, revenueMedian: revenueMedianOf(dataset, analysis) };
          for (const by of ['group', 'band'] as const) {
            const breakdown = kpiBreakdown(dataset, analysis, model, by, context);
            const codes = by === 'group' ? analysis.groups : bandCodes(analysis.scores, model.bands);
            breakdown.counts.forEach((count, s) => {
              const members = rows.map((_, i) => i).filter((i) => codes[i] === s);
              expect(count).toBe(members.length);
              const churnKnown = members.filter((i) => rows[i].churn !== '');
              const churn = churnKnown.length ? (churnKnown.filter((i) => rows[i].churn === 'yes').length / churnKnown.length) * 100 : NaN;
              const revenue = members.length ? members.reduce((sum, i) => sum + rows[i].revenue, 0) / members.length : NaN;
              const atRisk = members.filter((i) => Math.round(analysis.scores[i] * 10) < 400 && rows[i].revenue > context.revenueMedian).length;
              if (Number.isNaN(churn)) expect(breakdown.values.churn[s]).toBeNaN();
              else expect(breakdown.values.churn[s]).toBeCloseTo(churn, 9);
              if (Number.isNaN(revenue)) expect(breakdown.values.revenue[s]).toBeNaN();
              else expect(breakdown.values.revenue[s]).toBeCloseTo(revenue, 9);
              expect(breakdown.values.atRisk[s]).toBe(atRisk);
            });
          }
        },
      ),
      { seed: 5, numRuns: 60 },
    );
  });
});

describe('close rate and average stage length', () => {
  // A Salesforce-shaped opportunities export: 3 won, 2 lost, 2 still open; days in the current stage.
  const csv = [
    'Opportunity ID,Amount,Stage,Days in Stage,Engagement Score',
    'O1,1000,Closed Won,0,80',
    'O2,500,Closed Lost,0,20',
    'O3,800,Negotiation,12,60',
    'O4,300,Closed Won,0,75',
    'O5,200,Closed Lost,0,30',
    'O6,900,Closed Won,0,90',
    'O7,400,Prospecting,30,50',
  ].join('\n');

  it('maps Stage and Days in Stage by header: close rate 3 won of 5 closed = 60 %, open deals left out; mean stage length 6 days', () => {
    const dataset = load(csv);
    const model = autoMap(defaultModel(), dataset.columns);
    expect(model.kpiInputs).toMatchObject({ stage: 'Stage', stageLength: 'Days in Stage' });
    const kpis = Object.fromEntries(computeKpis(dataset, analyze(dataset, model), model).map((kpi) => [kpi.id, kpi]));
    expect(kpis.closeRate).toMatchObject({ value: 60, column: 'Stage' });
    expect(kpis.stageLength.value).toBeCloseTo(42 / 7, 12);
  });

  it('a stage column with no won or lost stage, or a lifecycle stage, gives no close rate', () => {
    const open = load('id,Deal Stage,x\nA,appointmentscheduled,1\nB,qualifiedtobuy,2\n');
    const model = autoMap(defaultModel(), open.columns);
    expect(model.kpiInputs.stage).toBe('Deal Stage');
    expect(computeKpis(open, analyze(open, model), model).find((kpi) => kpi.id === 'closeRate')?.value).toBeNaN();
    const lifecycle = load('id,Lifecycle Stage,x\nA,customer,1\nB,lead,2\n');
    expect(autoMap(defaultModel(), lifecycle.columns).kpiInputs.stage).toBeNull();
  });
});
