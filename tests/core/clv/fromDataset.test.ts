// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ageUnitOf, fitParameterRows, fitWarning, clvColumns, defaultClvInputs, fitLifetimeValue, type ClvInputs } from '../../../src/core/clv/fromDataset';
import { defaultModel } from '../../../src/core/model/model';
import { autoMap } from '../../../src/core/schema/mapping';
import { load } from '../fixtures';

const inputs: ClvInputs = {
  orders: 'orders',
  age: 'tenure_months',
  ageUnit: 'months',
  daysSinceLast: 'days_since_last_purchase',
  firstPurchase: null,
  lastPurchase: null,
  orderValue: 'aov',
  revenue: null,
  horizonMonths: 12,
  monthlyDiscount: 0.01,
  holdoutPurchases: null,
  holdoutMonths: 6,
};

describe('clvColumns', () => {
  it('derives repeat purchases, recency and age in weeks by hand; unusable rows are NaN', () => {
    // 12 months = 52 weeks. A: 3 orders, last 14 days ago → x 2, t_x 50, T 52. B: one order → x 0, t_x 0.
    // C: no orders; D: age 0 → both unusable.
    const dataset = load('id,orders,tenure_months,days_since_last_purchase,aov\nA,3,12,14,40\nB,1,12,200,25\nC,0,12,5,10\nD,2,0,1,10\n');
    const columns = clvColumns(dataset, inputs);
    if (!columns) throw new Error('expected columns');
    expect(Array.from(columns.data.x)).toEqual([2, 0, NaN, NaN]);
    expect(columns.data.T[0]).toBeCloseTo(52, 12);
    expect(columns.data.tx[0]).toBeCloseTo(50, 12);
    expect(columns.data.tx[1]).toBe(0);
    expect(Array.from(columns.meanSpend)).toEqual([40, 25, NaN, NaN]);
  });

  it('spend per order from revenue ÷ orders when there is no order value column', () => {
    const dataset = load('id,orders,tenure_months,days_since_last_purchase,revenue\nA,4,12,14,200\n');
    const columns = clvColumns(dataset, { ...inputs, orderValue: null, revenue: 'revenue' });
    expect(columns?.meanSpend[0]).toBe(50);
  });

  it('guesses the columns from the model and the headers', () => {
    const dataset = load('id,orders_12m,tenure_months,days_since_last_purchase,avg_order_value,total_revenue\nA,3,12,14,40,120\n');
    const guessed = defaultClvInputs(dataset.columns, autoMap(defaultModel(), dataset.columns));
    expect(guessed).toMatchObject({ orders: 'orders_12m', age: 'tenure_months', ageUnit: 'months', daysSinceLast: 'days_since_last_purchase', orderValue: 'avg_order_value', revenue: 'total_revenue' });
  });
});

describe('clvColumns from purchase dates', () => {
  it('takes t_x and T from first and last purchase dates, as of the latest last purchase', () => {
    // Latest last purchase 2026-03-01. A: first 2026-01-04, last 2026-02-01, 3 orders → x 2, t_x 4 weeks, T 8 weeks.
    const dataset = load('id,orders,first_purchase,last_purchase,aov\nA,3,2026-01-04,2026-02-01,40\nB,1,2026-02-01,2026-02-01,20\nC,2,2026-02-15,2026-03-01,10\n');
    const guessed = defaultClvInputs(dataset.columns, autoMap(defaultModel(), dataset.columns));
    expect(guessed).toMatchObject({ firstPurchase: 'first_purchase', lastPurchase: 'last_purchase' });
    const columns = clvColumns(dataset, { ...inputs, age: null, daysSinceLast: null, firstPurchase: 'first_purchase', lastPurchase: 'last_purchase' });
    if (!columns) throw new Error('expected columns');
    expect(Array.from(columns.data.x)).toEqual([2, 0, 1]);
    expect(Array.from(columns.data.tx)).toEqual([4, 0, 2]);
    expect(Array.from(columns.data.T)).toEqual([8, 4, 2]);
    expect(Array.from(columns.meanSpend)).toEqual([40, 20, 10]);
  });
});

describe('fitLifetimeValue', () => {
  it('says which columns are missing instead of fitting', () => {
    const dataset = load('id,orders\nA,3\n');
    expect(fitLifetimeValue(dataset, { ...inputs, age: null })).toEqual({ problem: expect.stringMatching(/^Choose the orders and order value/) });
  });

  it('fits customers simulated with drop-out: P(alive) spreads below 1 and CLV is positive', () => {
    // Deterministic customers: half buy often and recently, half bought often long ago (likely gone).
    const rows = ['id,orders,tenure_months,days_since_last_purchase,aov'];
    for (let i = 0; i < 400; i++) {
      const orders = 1 + (i % 7);
      const recent = i % 2 === 0;
      rows.push(`C${i},${orders},24,${recent ? 5 + (i % 20) : 400 + (i % 200)},${20 + (i % 30)}`);
    }
    const fitted = fitLifetimeValue(load(rows.join('\n') + '\n'), inputs);
    if ('problem' in fitted) throw new Error(fitted.problem);
    const { result } = fitted;
    expect(result.bgnbd.customers).toBe(400);
    expect(result.aliveHistogram.reduce((a, b) => a + b, 0)).toBe(400);
    expect(result.meanAlive).toBeGreaterThan(0.2);
    expect(result.meanAlive).toBeLessThan(0.95);
    // A recent buyer (C2: 3 orders, last 7 days ago) is likelier alive than one quiet for over a year (C3: 4 orders, 403 days).
    expect(fitted.pAlive[2]).toBeGreaterThan(fitted.pAlive[3]);
    expect(result.meanClv).toBeGreaterThan(0);
  });
});

describe('fitLifetimeValue with a holdout column', () => {
  it('compares the purchases the fit expects after the period with those made, by calibration frequency', () => {
    const rows = ['id,orders,tenure_months,days_since_last_purchase,aov,later'];
    for (let i = 0; i < 400; i++) {
      const orders = 1 + (i % 7);
      const recent = i % 2 === 0;
      // Customers still buying go on buying in the holdout; quiet ones do not.
      rows.push(`C${i},${orders},24,${recent ? 5 + (i % 20) : 400 + (i % 200)},${20 + (i % 30)},${recent ? Math.round(orders / 4) : 0}`);
    }
    const fitted = fitLifetimeValue(load(rows.join('\n') + '\n'), { ...inputs, holdoutPurchases: 'later', holdoutMonths: 6 });
    if ('problem' in fitted) throw new Error(fitted.problem);
    const holdout = fitted.result.holdout;
    if (!holdout) throw new Error('expected a holdout check');
    expect(holdout.reduce((sum, bucket) => sum + bucket.customerCount, 0)).toBe(400);
    // Repeat purchases 0…6 (orders 1…7): one bucket each; the open-ended 7+ bucket is empty here.
    expect(holdout.map((bucket) => bucket.customerCount)).toEqual([58, 57, 57, 57, 57, 57, 57, 0]);
    for (const bucket of holdout.slice(0, 7)) {
      expect(bucket.expectedMean).toBeGreaterThanOrEqual(0);
      expect(bucket.actualMean).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('the age unit follows the column name', () => {
  it.each([
    ['age_weeks', 'weeks'],
    ['weeks as customer', 'weeks'],
    ['CustomerAgeWk', 'weeks'],
    ['tenure_days', 'days'],
    ['CustomerAgeDays', 'days'],
    ['tenure_months', 'months'],
    ['tenure', 'months'],
    ['Weekday', 'months'],
  ] as const)('%s → %s', (name, unit) => {
    expect(ageUnitOf(name)).toBe(unit);
  });

  it('the guessed inputs take the loyalty column’s unit', () => {
    const guessed = defaultClvInputs([{ name: 'age_weeks', kind: 'number' }], { kpiInputs: { orders: null, aov: null }, axes: { loyalty: { column: 'age_weeks' }, profitability: { column: null } } });
    expect(guessed).toMatchObject({ age: 'age_weeks', ageUnit: 'weeks' });
  });
});

describe('fitWarning', () => {
  const bgnbd = (params: { r: number; alpha: number; a: number; b: number }, logLikelihood = -9582.4, converged = true) => ({ bgnbd: { params, logLikelihood, customers: 100, converged }, spend: null });
  const withSpend = (params: { p: number; q: number; gamma: number }, converged = true) => ({
    ...bgnbd({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }),
    spend: { params, logLikelihood: -500, customers: 80, converged },
  });
  it('is null for a sound fit, and says what to check for one that ran away', () => {
    expect(fitWarning(bgnbd({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }), 'months')).toBeNull();
    // The same drop-out chance for everyone (a, b large together) is a fit, not a runaway.
    expect(fitWarning(bgnbd({ r: 2.3, alpha: 24.3, a: 363560, b: 9943065 }, -4109, false), 'months')).toBeNull();
    expect(fitWarning(bgnbd({ r: 0.385, alpha: 0, a: 0.5, b: 1 }), 'weeks')).toMatch(/^The purchase model \(BG\/NBD\) ran to the edge of its parameters.*"Age is in" matches the age column \(now weeks\)/);
    expect(fitWarning(bgnbd({ r: 0, alpha: 4, a: 0.8, b: 2 }), 'months')).toMatch(/ran to the edge/);
    expect(fitWarning(bgnbd({ r: 0.2, alpha: 4, a: 0.8, b: 2 }, 3.5), 'days')).toMatch(/ran to the edge.*\(now days\)/);
  });
  it('a purchase fit that stopped before it settled is a warning, not results', () => {
    expect(fitWarning(bgnbd({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, -9582.4, false), 'weeks')).toMatch(/^The purchase model \(BG\/NBD\) stopped before it settled.*\(now weeks\)/);
  });
  it('a spend fit that ran away or did not settle is a warning; q and γ growing together is a limit, not a failure', () => {
    expect(fitWarning(withSpend({ p: 6.25, q: 3.74, gamma: 15.44 }), 'months')).toBeNull();
    expect(fitWarning(withSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, false), 'months')).toMatch(/^The spend model \(Gamma-Gamma\) did not settle/);
    expect(fitWarning(withSpend({ p: 6.25, q: 3.74, gamma: 2e7 }), 'months')).toMatch(/spend model/);
    expect(fitWarning(withSpend({ p: 0, q: 3.74, gamma: 15 }), 'months')).toMatch(/spend model/);
    expect(fitWarning(withSpend({ p: 6.25, q: 5e6, gamma: 3e7 }, false), 'months')).toBeNull();
    // Each customer's orders all the same value: p grows while γ shrinks, p·γ steady (a simulated file did this).
    expect(fitWarning(withSpend({ p: 2874266.9, q: 16.79, gamma: 0.000269 }, false), 'months')).toBeNull();
    // Everyone buying at the same rate: r and α grow together.
    expect(fitWarning(bgnbd({ r: 4e6, alpha: 8e7, a: 0.8, b: 2 }, -900, false), 'months')).toBeNull();
  });
});

describe('fitParameterRows', () => {
  it("gives every parameter a unit: α in weeks, γ in the order value's currency, the shapes none", () => {
    const rows = fitParameterRows({
      bgnbd: { params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, logLikelihood: -9582.4, customers: 2357, converged: true },
      spend: { params: { p: 6.25, q: 3.74, gamma: 15.44 }, logLikelihood: -4000, customers: 946, converged: true },
    });
    expect(rows.map((row) => [row.name, row.unit])).toEqual([
      ['r', 'none (shape)'],
      ['α', 'weeks'],
      ['a', 'none (shape)'],
      ['b', 'none (shape)'],
      ['p', 'none (shape)'],
      ['q', 'none (shape)'],
      ['γ', 'currency of the order value'],
    ]);
    // r / α purchases a week, a / (a + b) drop-out, p·γ / (q − 1) mean order value: worked by hand.
    expect(rows[1].meaning).toContain('0.055 times a week');
    expect(rows[2].meaning).toContain('0.246');
    expect(rows[6].meaning).toContain('35.22');
  });
  it("without a spend fit, only the purchase model's four rows, and no NaN in any text", () => {
    const rows = fitParameterRows({ bgnbd: { params: { r: NaN, alpha: NaN, a: 1, b: 1 }, logLikelihood: NaN, customers: 0, converged: false }, spend: null });
    expect(rows).toHaveLength(4);
    expect(rows.map((row) => row.meaning).join(' ')).not.toMatch(/NaN/);
  });
});
