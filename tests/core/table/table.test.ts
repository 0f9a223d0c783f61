// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/scoring/analysis';
import { parseCsv, type Dataset } from '../../../src/core/dataset/dataset';
import { defaultModel, type Model } from '../../../src/core/model/model';
import { autoMap } from '../../../src/core/schema/mapping';
import { clickedSort, columnTexts, crsPage, customerRow, DEFAULT_VIEW, identityColumns, pointsToNextBand, sortFromKey, sortKey, searchMatches, viewOrder, type TableView } from '../../../src/core/table/table';
import { searchMask } from '../../../src/core/table/search';

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

  it('keeps only the customers with a cell containing the search, in any case, with the band and group', () => {
    expect(Array.from(viewOrder(dataset, analysis, model, { ...DEFAULT_VIEW, search: 'ADA' }))).toEqual([0]);
    // "4" is in Bo's engagement (40), Di's engagement (40) and D4: any cell counts.
    expect(Array.from(viewOrder(dataset, analysis, model, { ...DEFAULT_VIEW, search: '4' }))).toEqual([0, 1, 3]);
    expect(Array.from(viewOrder(dataset, analysis, model, { ...DEFAULT_VIEW, search: '4', band: 'average' }))).toEqual([1]);
    expect(Array.from(viewOrder(dataset, analysis, model, { ...DEFAULT_VIEW, search: '  bo ' }))).toEqual([1]); // trimmed
    expect(Array.from(viewOrder(dataset, analysis, model, { ...DEFAULT_VIEW, search: 'zed' }))).toEqual([]);
    expect(Array.from(viewOrder(dataset, analysis, model, { ...DEFAULT_VIEW, search: '   ' }))).toEqual([0, 2, 1, 3]); // blank: no filter
  });

  it("sorts by a factor's 0–100 value: ties in file order, customers without it last", () => {
    // Engagement: Ada 80, Bo 40, Cy none, Di 40.
    expect(Array.from(viewOrder(dataset, analysis, model, { ...DEFAULT_VIEW, sortBy: { factor: 'engagement' } }))).toEqual([0, 1, 3, 2]);
    expect(Array.from(viewOrder(dataset, analysis, model, { ...DEFAULT_VIEW, sortBy: { factor: 'engagement' }, descending: false }))).toEqual([1, 3, 0, 2]);
    // Purchase history by percentile of revenue 100, 900, 500, 50.
    expect(Array.from(viewOrder(dataset, analysis, model, { ...DEFAULT_VIEW, sortBy: { factor: 'purchase' } }))).toEqual([1, 2, 0, 3]);
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

describe('sorting by a text column', () => {
  // Code-unit order: capitals before lower case; "Bo" twice (a tie); two blank names.
  const { dataset, model } = load('customer_id,name,engagement_score\nc1,bo,10\nc2,Bo,20\nc3,,30\nc4," Ada ",40\nc5,Bo,50\nc6,"Cy, Jr",60\nc7,  ,70\n');
  const analysis = analyze(dataset, model);
  const byName = (descending: boolean) => Array.from(viewOrder(dataset, analysis, model, { ...DEFAULT_VIEW, sortBy: { column: 'name' }, descending }));

  it('reads each cell of the column once, unquoted and trimmed', () => {
    expect(columnTexts(dataset, 1)).toEqual(['bo', 'Bo', '', 'Ada', 'Bo', 'Cy, Jr', '']);
  });

  it('reads a row with a stray quote as the load did: the quote is part of its cell, the cells after it are their own', () => {
    const stray = load('customer_id,name,tier,engagement_score\nc1,"Ann Lee,Gold,10\nc2,Bo,Silver,20\n').dataset;
    expect(Array.from(stray.recoveredRows)).toEqual([0]);
    expect(columnTexts(stray, 1)).toEqual(['"Ann Lee', 'Bo']);
    expect(columnTexts(stray, 2)).toEqual(['Gold', 'Silver']);
  });

  it('reads a cell with spaces after its closing quote as its quoted text', () => {
    const padded = load('customer_id,name,engagement_score\nc1,"Bo" ,10\nc2,"Cy, Jr"\t,20\n').dataset;
    expect(columnTexts(padded, 1)).toEqual(['Bo', 'Cy, Jr']);
  });

  it('orders by the text, ties in file order and blank cells last, both ways', () => {
    expect(byName(false)).toEqual([3, 1, 4, 5, 0, 2, 6]);
    expect(byName(true)).toEqual([0, 5, 1, 4, 3, 2, 6]);
  });

  it('filters a text sort by the search like any other', () => {
    expect(Array.from(viewOrder(dataset, analysis, model, { ...DEFAULT_VIEW, sortBy: { column: 'name' }, descending: false, search: 'bo' }))).toEqual([1, 4, 0]);
  });

  it('keeps file order for a column or factor the file does not have', () => {
    expect(Array.from(viewOrder(dataset, analysis, model, { ...DEFAULT_VIEW, sortBy: { column: 'nope' } }))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(viewOrder(dataset, analysis, model, { ...DEFAULT_VIEW, sortBy: { factor: 'support' } }))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('sort keys and header clicks', () => {
  it.each([['crs'], ['file'], [{ column: 'total revenue' }], [{ factor: 'engagement' }]] as const)('names %j by a key and back', (sortBy) => {
    expect(sortFromKey(sortKey(sortBy))).toEqual(sortBy);
  });

  it('flips the column already sorted by; starts a number high first and a text A first', () => {
    const view: TableView = { ...DEFAULT_VIEW, sortBy: { column: 'name' }, descending: false };
    expect(clickedSort(view, { column: 'name' }, true)).toEqual({ sortBy: { column: 'name' }, descending: true });
    expect(clickedSort(view, 'crs', false)).toEqual({ sortBy: 'crs', descending: true });
    expect(clickedSort(DEFAULT_VIEW, { column: 'name' }, true)).toEqual({ sortBy: { column: 'name' }, descending: false });
    expect(sortFromKey('nonsense')).toBeNull();
  });
});

describe('searchMatches', () => {
  it('narrows a search that extends the previous one to the rows that one matched, with the same result', () => {
    const { dataset } = load(CSV);
    expect(searchMatches(dataset, ' ')).toBeNull();
    const first = searchMatches(dataset, 'A');
    expect(Array.from(searchMatches(dataset, 'Ad', { query: 'A', matches: first }) ?? [])).toEqual(Array.from(searchMask(dataset, 'ad')));
    // Within the previous matches only: a row the previous query left out is not looked at.
    expect(Array.from(searchMatches(dataset, 'Ad', { query: 'A', matches: new Uint8Array(first?.length ?? 0) }) ?? [])).toEqual([0, 0, 0, 0]);
    // "d" does not contain "ad": scanned afresh, so Di (D4) is found as well as Ada.
    expect(Array.from(searchMatches(dataset, 'D', { query: 'Ad', matches: first }) ?? [])).toEqual([1, 0, 0, 1]);
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

describe('customerRow and pointsToNextBand with rules and shapes', () => {
  const { dataset, model: base } = load(CSV);
  const withRules = (rules: Model['rules'], bands = base.bands): Model => ({ ...base, bands, rules });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + (Number.isNaN(b) ? 0 : b), 0);

  it('lists the rules met; factor points plus rule points add up to the CRS', () => {
    // Bo: 40 + 5 − 10 = 35; Di: 24 − 10 = 14; Cy: 56.7 + 5; Ada meets neither rule.
    const model = withRules([
      { id: 'r1', column: 'total_revenue', when: 'above', value: 400, points: 5 },
      { id: 'r2', column: 'tenure_months', when: 'below', value: 3, points: -10 },
    ]);
    const analysis = analyze(dataset, model);
    const bo = customerRow(dataset, analysis, model, 1);
    expect(bo.rules).toEqual([
      { label: 'total_revenue is above 400', points: 5 },
      { label: 'tenure_months is below 3', points: -10 },
    ]);
    expect(bo.crs).toBeCloseTo(35, 9);
    for (const row of [0, 1, 2, 3]) {
      const customer = customerRow(dataset, analysis, model, row);
      expect(sum(customer.factors.map((f) => f.points)) + sum(customer.rules.map((r) => r.points))).toBeCloseTo(customer.crs, 9);
    }
    expect(customerRow(dataset, analysis, model, 0).rules).toEqual([]);
    // Di at 14 needs 26 more: engagement 40 + 26·50/30 = 83.3, or purchase history 0 + 26·50/20 = 65.
    const next = pointsToNextBand(customerRow(dataset, analysis, model, 3), model);
    expect(next?.needed).toBeCloseTo(26, 9);
    expect(next?.byFactor.map((f) => (f.to === null ? null : Math.round(f.to * 10) / 10))).toEqual([83.3, null, 65]);
  });

  it('when rules push the score below 0, the factors must first make up what was clamped', () => {
    // Bo: 40 − 45 = −5 → 0. Average from 20: 25 points over Σw = 80, so satisfaction 0 + 25·80/30 = 66.7.
    const model = withRules([{ id: 'r', column: 'total_revenue', when: 'above', value: 800, points: -45 }], { averageFrom: 20, goodFrom: 70 });
    const bo = customerRow(dataset, analyze(dataset, model), model, 1);
    expect(bo.crs).toBe(0);
    const next = pointsToNextBand(bo, model);
    expect(next?.needed).toBe(20);
    expect(next?.byFactor.map((f) => (f.to === null ? null : Math.round(f.to * 10) / 10))).toEqual([null, 66.7, null]);
  });

  it('a threshold factor can only reach 100; a points-table factor only its steps', () => {
    // Di's revenue 50. Threshold at 100 gives 0, so CRS 24; purchase history would need 40 → 100.
    const threshold: Model = { ...base, factors: base.factors.map((f) => (f.id === 'purchase' ? { ...f, shape: { kind: 'threshold', at: 100 } } : f)) };
    const di = customerRow(dataset, analyze(dataset, threshold), threshold, 3);
    expect(di.crs).toBeCloseTo(24, 9);
    expect(pointsToNextBand(di, threshold)?.byFactor.map((f) => f.to)).toEqual([expect.closeTo(66.67, 2), null, 100]);
    // Steps 0 → 10, 100 → 50, 500 → 90: Di gets 10, CRS 28; purchase would need 10 + 12·50/20 = 40 → the 50 step.
    const table: Model = {
      ...base,
      factors: base.factors.map((f) =>
        f.id === 'purchase'
          ? {
              ...f,
              shape: {
                kind: 'points',
                steps: [
                  { from: 0, points: 10 },
                  { from: 100, points: 50 },
                  { from: 500, points: 90 },
                ],
              },
            }
          : f,
      ),
    };
    const di2 = customerRow(dataset, analyze(dataset, table), table, 3);
    expect(di2.crs).toBeCloseTo(28, 9);
    expect(pointsToNextBand(di2, table)?.byFactor[2].to).toBe(50);
  });
});

describe('crsPage', () => {
  it('property: equals the page of the full sort, for any band, group, search, direction and range', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(
              fc.integer({ min: 0, max: 20 }).map((x) => x * 5),
              fc.double({ min: 0, max: 100, noNaN: true }),
              fc.constant(NaN),
            ),
            fc.integer({ min: 1, max: 900 }),
          ),
          { minLength: 1, maxLength: 120 },
        ),
        fc.boolean(),
        fc.constantFrom(null, 'poor', 'average', 'good'),
        fc.constantFrom(null, 'strangers', 'trueFriends'),
        fc.constantFrom('', '1', '7', '12', 'x'),
        fc.nat(130),
        fc.integer({ min: 1, max: 60 }),
        (customers, descending, band, group, search, start, count) => {
          const text = `customer_id,engagement_score,total_revenue,tenure_months\n${customers.map(([e, r], i) => `${i},${Number.isNaN(e) ? '' : e},${r},${i % 37}`).join('\n')}\n`;
          const { dataset, model } = load(text);
          const analysis = analyze(dataset, model);
          const view: TableView = { sortBy: 'crs', descending, band, group, search };
          const full = viewOrder(dataset, analysis, model, view);
          const page = crsPage(analysis, model, view, start, count, search === '' ? null : searchMask(dataset, search));
          expect(page.total).toBe(full.length);
          expect(Array.from(page.rows)).toEqual(Array.from(full.slice(start, start + count)));
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
