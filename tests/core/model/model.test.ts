// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { activeFactors, bandOf, bandProblem, DEFAULT_BANDS, DEFAULT_FACTORS, defaultModel, modelColumns, roundScore, weightShares, type Model } from '../../../src/core/model/model';
import { modelWith } from '../fixtures';

describe('bandOf (default thresholds 40 / 70)', () => {
  it.each([
    [0, 'poor'],
    [39.9, 'poor'],
    [40, 'average'],
    [69.9, 'average'],
    [70, 'good'],
    [100, 'good'],
  ] as const)('%d → %s', (score, band) => {
    expect(bandOf(score, DEFAULT_BANDS)).toBe(band);
  });

  it('equal thresholds leave no average band', () => {
    expect(bandOf(49.9, { averageFrom: 50, goodFrom: 50 })).toBe('poor');
    expect(bandOf(50, { averageFrom: 50, goodFrom: 50 })).toBe('good');
  });
});

describe('roundScore', () => {
  it.each([
    [72, 72],
    [39.96, 40],
    [39.94, 39.9],
    [33.333333, 33.3],
    [66.666666, 66.7],
    [69.95, 70],
    [100, 100],
    [0, 0],
  ])('%d → %d (one decimal, as shown and exported)', (score, shown) => {
    expect(roundScore(score)).toBe(shown);
  });
});

describe('defaultModel', () => {
  it('has the four factors weighted 30/30/20/20, unmapped, higher is better', () => {
    const model = defaultModel();
    expect(model.factors.map((f) => [f.id, f.weight, f.column, f.isHigherBetter, f.normalization])).toEqual([
      ['engagement', 30, null, true, 'auto'],
      ['satisfaction', 30, null, true, 'auto'],
      ['purchase', 20, null, true, 'auto'],
      ['support', 20, null, true, 'auto'],
    ]);
    expect(model.bands).toEqual({ averageFrom: 40, goodFrom: 70 });
    expect(model.axes).toEqual({ profitability: { column: null, split: null, upper: null, source: { kind: 'column' } }, loyalty: { column: null, split: null, upper: null, source: { kind: 'column' } } });
    expect(model.gridSize).toBe(2);
    expect(model.lifetime).toBeNull();
  });

  it('returns a fresh copy: editing one model leaves the defaults alone', () => {
    const model = defaultModel();
    model.factors[0].weight = 99;
    model.bands.goodFrom = 90;
    expect(DEFAULT_FACTORS[0].weight).toBe(30);
    expect(DEFAULT_BANDS.goodFrom).toBe(70);
    expect(defaultModel().factors[0].weight).toBe(30);
  });
});

describe('activeFactors and weightShares', () => {
  it('only mapped factors with a positive weight take part', () => {
    const model = modelWith({ engagement: 'eng', satisfaction: 'csat', purchase: 'orders' });
    model.factors[1].weight = 0;
    expect(activeFactors(model).map((f) => f.id)).toEqual(['engagement', 'purchase']);
  });

  it('shares are of the mapped factors only: 30 and 20 of 50 → 60 % and 40 %', () => {
    const shares = weightShares(modelWith({ engagement: 'eng', purchase: 'orders' }));
    expect(shares.get('engagement')).toBeCloseTo(0.6, 12);
    expect(shares.get('purchase')).toBeCloseTo(0.4, 12);
    expect(shares.get('satisfaction')).toBe(0);
    expect(shares.get('support')).toBe(0);
  });

  it('all four mapped with default weights → 30 / 30 / 20 / 20 %', () => {
    const shares = weightShares(modelWith({ engagement: 'a', satisfaction: 'b', purchase: 'c', support: 'd' }));
    expect([...shares.values()]).toEqual([0.3, 0.3, 0.2, 0.2]);
  });

  it('nothing mapped, or all weights 0 → every share 0', () => {
    expect([...weightShares(defaultModel()).values()]).toEqual([0, 0, 0, 0]);
    const zero = modelWith({ engagement: 'a' });
    zero.factors[0].weight = 0;
    expect([...weightShares(zero).values()]).toEqual([0, 0, 0, 0]);
  });
});

describe('bandProblem', () => {
  it.each([
    [{ averageFrom: 40, goodFrom: 70 }, null],
    [{ averageFrom: 0, goodFrom: 100 }, null],
    [{ averageFrom: 50, goodFrom: 50 }, null],
    [{ averageFrom: 80, goodFrom: 60 }, 'The "average" threshold must not be above the "good" threshold.'],
    [{ averageFrom: -1, goodFrom: 60 }, 'Band thresholds must lie between 0 and 100.'],
    [{ averageFrom: 40, goodFrom: 101 }, 'Band thresholds must lie between 0 and 100.'],
    [{ averageFrom: NaN, goodFrom: 70 }, 'Band thresholds must be numbers.'],
    [{ averageFrom: 40, goodFrom: Infinity }, 'Band thresholds must be numbers.'],
  ])('%j → %j', (bands, problem) => {
    expect(bandProblem(bands)).toBe(problem);
  });
});

describe('modelColumns', () => {
  it('lists every column name a model mentions (factors, axes, KPI inputs, rules, outcome, RFM, lifetime value)', () => {
    // Every role given a column of its own, so a role missing from modelColumns shows as a name left over.
    const model = defaultModel();
    model.factors = model.factors.map((factor) => ({ ...factor, column: `col:factor ${factor.id}` }));
    model.axes = { profitability: { ...model.axes.profitability, column: 'col:axis p' }, loyalty: { ...model.axes.loyalty, column: 'col:axis l' } };
    model.kpiInputs = Object.fromEntries(Object.keys(model.kpiInputs).map((input) => [input, `col:kpi ${input}`])) as Model['kpiInputs'];
    model.rules = [{ id: 'r1', column: 'col:rule', when: 'yes', value: 0, points: 5 }];
    model.outcome = { column: 'col:outcome', isGood: false };
    model.rfm = { ...model.rfm, recency: 'col:rfm r', frequency: 'col:rfm f', monetary: 'col:rfm m' };
    model.lifetime = {
      orders: 'col:clv 1',
      age: 'col:clv 2',
      ageUnit: 'months',
      daysSinceLast: 'col:clv 3',
      firstPurchase: 'col:clv 4',
      lastPurchase: 'col:clv 5',
      orderValue: 'col:clv 6',
      revenue: 'col:clv 7',
      horizonMonths: 12,
      monthlyDiscount: 0.01,
      holdoutPurchases: 'col:clv 8',
      holdoutMonths: 6,
    };
    const mentioned = new Set<string>();
    JSON.stringify(model, (_key, value: unknown) => {
      if (typeof value === 'string' && value.startsWith('col:')) mentioned.add(value);
      return value;
    });
    expect(new Set(modelColumns(model))).toEqual(mentioned);
  });
});
