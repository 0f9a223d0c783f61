// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis';
import { parseCsv, type Dataset } from '../../src/core/dataset';
import { defaultModel, type Model } from '../../src/core/model';
import { autoMap } from '../../src/core/schema/mapping';
import { crsPage, customerRow, DEFAULT_VIEW, identityColumns, pointsToNextBand, viewOrder } from '../../src/core/table';

function load(text: string): { dataset: Dataset; model: Model } {
  const result = parseCsv(new TextEncoder().encode(text), 't.csv');
  if (!result.ok) throw new Error(result.problem.kind);
  return { dataset: result.dataset, model: autoMap(defaultModel(), result.dataset.columns) };
}

// Mapped: engagement_score as-is, csat on 1–5, total_revenue as purchase history by percentile
// (50 → 0, 100 → 33.3, 500 → 66.7, 900 → 100); weights 30/30/20.
// Ada (30·80 + 30·100 + 20·33.3) / 80 = 75.8 · Bo (30·40 + 0 + 20·100) / 80 = 40.0
// Cy (30·50 + 20·66.7) / 50 = 56.7 (no engagement) · Di (30·40 + 20·0) / 50 = 24.0 (no csat)
const CSV = 'customer_id,name,engagement_score,csat,total_revenue,tenure_months\nA1,Ada,80,5,100,24\nB2,Bo,40,1,900,2\nC3,Cy,,3,500,12\nD4,Di,40,,50,1\n';

describe('viewOrder', () => {
  const { dataset, model } = load(CSV);
  const analysis = analyze(dataset, model);

  it('sorts by CRS, highest first, by default', () => {
    expect(Array.from(viewOrder(dataset, analysis, model, DEFAULT_VIEW))).toEqual([0, 2, 1, 3]);
  });

  it('sorts ascending, by a column, or in file order; customers without a value come last', () => {
    expect(Array.from(viewOrder(dataset, analysis, model, { ...DEFAULT_VIEW, descending: false }))).toEqual([3, 1, 2, 0]);
    expect(Array.from(viewOrder(dataset, analysis, model, { ...DEFAULT_VIEW, sortBy: { column: 'csat' } }))).toEqual([0, 2, 1, 3]);
    expect(Array.from(viewOrder(dataset, analysis, model, { ...DEFAULT_VIEW, sortBy: 'file', descending: false }))).toEqual([0, 1, 2, 3]);
  });

  it('keeps only the band and group asked for', () => {
    expect(Array.from(viewOrder(dataset, analysis, model, { ...DEFAULT_VIEW, band: 'poor' }))).toEqual([3]);
    expect(Array.from(viewOrder(dataset, analysis, model, { ...DEFAULT_VIEW, band: 'average' }))).toEqual([2, 1]);
    // Revenue median 300, tenure median 7: Ada is long-term but low revenue → barnacles.
    expect(Array.from(viewOrder(dataset, analysis, model, { ...DEFAULT_VIEW, group: 'barnacles' }))).toEqual([0]);
  });

  it('property: descending order is ascending reversed except that ties keep file order', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(NaN)), { minLength: 1, maxLength: 80 }), (xs) => {
        const text = `customer_id,engagement_score\n${xs.map((x, i) => `${i},${Number.isNaN(x) ? '' : x * 20}`).join('\n')}\n`;
        const { dataset: d, model: m } = load(text);
        const a = analyze(d, m);
        const order = Array.from(viewOrder(d, a, m, DEFAULT_VIEW));
        const expected = xs
          .map((x, i) => ({ x, i }))
          .sort((p, q) => (Number.isNaN(p.x) ? 1 : 0) - (Number.isNaN(q.x) ? 1 : 0) || (Number.isNaN(p.x) ? p.i - q.i : q.x - p.x || p.i - q.i))
          .map(({ i }) => i);
        expect(order).toEqual(expected);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('customerRow and pointsToNextBand', () => {
  const { dataset, model } = load(CSV);
  const analysis = analyze(dataset, model);

  it('names the customer from the id and name columns', () => {
    expect(identityColumns(dataset)).toEqual({ id: 0, name: 1 });
    expect(customerRow(dataset, analysis, model, 1)).toMatchObject({ row: 1, id: 'B2', name: 'Bo', band: 'average', group: 'butterflies' });
  });

  it('gives each factor its raw cell, 0–100 value, weight and points; points add up to the CRS', () => {
    const ada = customerRow(dataset, analysis, model, 0);
    expect(ada.crs).toBeCloseTo((2400 + 3000 + 2000 / 3) / 80, 9);
    expect(ada.factors.map((f) => [f.factorId, f.raw, f.weight])).toEqual([
      ['engagement', '80', 30],
      ['satisfaction', '5', 30],
      ['purchase', '100', 20],
    ]);
    expect(ada.factors[0].value).toBe(80);
    expect(ada.factors[1].value).toBe(100);
    expect(ada.factors[2].value).toBeCloseTo(100 / 3, 12);
    expect(ada.factors.reduce((sum, f) => sum + f.points, 0)).toBeCloseTo(ada.crs, 9);
    const cy = customerRow(dataset, analysis, model, 2);
    expect(cy.factors[0].points).toBeNaN();
    expect(cy.factors.reduce((sum, f) => sum + (Number.isNaN(f.points) ? 0 : f.points), 0)).toBeCloseTo(cy.crs, 9);
  });

  it('says how far one factor alone must rise to reach the next band', () => {
    // Di: engagement 40, no csat, purchase 0 → 24.0; average needs 16 more points over Σw = 50:
    // engagement alone to 40 + 16·50/30 = 66.7, or purchase history alone to 0 + 16·50/20 = 40.
    const di = customerRow(dataset, analysis, model, 3);
    expect(di.band).toBe('poor');
    const next = pointsToNextBand(di, model);
    expect(next?.band).toBe('average');
    expect(next?.needed).toBeCloseTo(16, 9);
    expect(next?.byFactor.map((f) => [f.factorId, f.to === null ? null : Math.round(f.to * 10) / 10])).toEqual([
      ['engagement', 66.7],
      ['satisfaction', null],
      ['purchase', 40],
    ]);
    expect(pointsToNextBand(customerRow(dataset, analysis, model, 2), model)?.band).toBe('good');
    expect(pointsToNextBand(customerRow(dataset, analysis, model, 0), model)).toBeNull(); // Ada is already good
  });
});

describe('crsPage', () => {
  it('property: equals the page of the full sort, for any band, group, direction and range', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 20 }).map((x) => x * 5), fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(NaN)), fc.integer({ min: 1, max: 900 })), { minLength: 1, maxLength: 120 }),
        fc.boolean(),
        fc.constantFrom(null, 'poor', 'average', 'good'),
        fc.constantFrom(null, 'strangers', 'trueFriends'),
        fc.nat(130),
        fc.integer({ min: 1, max: 60 }),
        (customers, descending, band, group, start, count) => {
          const text = `customer_id,engagement_score,total_revenue,tenure_months\n${customers.map(([e, r], i) => `${i},${Number.isNaN(e) ? '' : e},${r},${i % 37}`).join('\n')}\n`;
          const { dataset, model } = load(text);
          const analysis = analyze(dataset, model);
          const view = { sortBy: 'crs' as const, descending, band, group };
          const full = viewOrder(dataset, analysis, model, view);
          const page = crsPage(analysis, model, view, start, count);
          expect(page.total).toBe(full.length);
          expect(Array.from(page.rows)).toEqual(Array.from(full.slice(start, start + count)));
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
