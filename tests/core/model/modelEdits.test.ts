// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { defaultModel } from '../../../src/core/model/model';
import { modelSchema } from '../../../src/core/model/modelSchema';
import {
  defaultCategoryPoints,
  defaultShape,
  MAX_RULES,
  shapeForColumn,
  stepsInOrder,
  stepsProblem,
  withFactorAdded,
  withFactorRemoved,
  withRuleAdded,
  withRuleChanged,
  withRuleRemoved,
  withStepAdded,
} from '../../../src/core/model/modelEdits';
import { MAX_FACTORS } from '../../../src/core/scoring/score';

const columns = [
  { name: 'customer', kind: 'text', min: NaN, max: NaN },
  { name: 'logins', kind: 'number', min: 0, max: 250 },
  { name: 'churned', kind: 'flag', min: 0, max: 1 },
];

describe('adding and removing factors', () => {
  it('adds custom-1, custom-2 … labelled by the column, weight 10, linear, automatic, higher is better', () => {
    const once = withFactorAdded(defaultModel(), 'logins');
    const twice = withFactorAdded(once, 'tenure');
    expect(twice.factors.slice(4)).toEqual([
      { id: 'custom-1', label: 'logins', column: 'logins', normalization: 'auto', isHigherBetter: true, weight: 10, shape: { kind: 'linear' } },
      { id: 'custom-2', label: 'tenure', column: 'tenure', normalization: 'auto', isHigherBetter: true, weight: 10, shape: { kind: 'linear' } },
    ]);
    // A removed id is reused only once free; ids stay unique.
    const removed = withFactorRemoved(twice, 'custom-1');
    expect(withFactorAdded(removed, 'x').factors.map((f) => f.id)).toEqual(['engagement', 'satisfaction', 'purchase', 'support', 'custom-2', 'custom-1']);
  });

  it(`stops at ${MAX_FACTORS} factors and keeps the last one`, () => {
    let model = defaultModel();
    for (let i = 0; i < MAX_FACTORS + 3; i++) model = withFactorAdded(model, `c${i}`);
    expect(model.factors.length).toBe(MAX_FACTORS);
    let few = defaultModel();
    for (const id of ['engagement', 'satisfaction', 'purchase', 'support']) few = withFactorRemoved(few, id);
    expect(few.factors.map((f) => f.id)).toEqual(['support']);
  });

  it('the edited models pass the model schema', () => {
    let model = withFactorAdded(defaultModel(), 'logins');
    model = withRuleAdded(withRuleAdded(model, columns), columns);
    model = { ...model, factors: model.factors.map((f) => ({ ...f, shape: defaultShape('points', 0, 250) })) };
    expect(modelSchema.safeParse(model).success).toBe(true);
  });
});

describe('default shapes and points tables', () => {
  it.each([
    ['linear', 0, 250, { kind: 'linear' }],
    ['saturating', 0, 250, { kind: 'saturating', halfAt: 25 }],
    ['threshold', 0, 250, { kind: 'threshold', at: 130 }],
    ['threshold', NaN, NaN, { kind: 'threshold', at: 0 }],
    [
      'points',
      0,
      10,
      {
        kind: 'points',
        steps: [
          { from: 0, points: 0 },
          { from: 5, points: 100 },
        ],
      },
    ],
    [
      'points',
      3,
      3,
      {
        kind: 'points',
        steps: [
          { from: 2, points: 0 },
          { from: 3, points: 100 },
        ],
      },
    ],
  ] as const)('%s over %d..%d → %j', (kind, min, max, shape) => {
    expect(defaultShape(kind, min, max)).toEqual(shape);
  });

  it('adds a step one above the last, sorts steps by from, and flags two steps at the same value', () => {
    expect(withStepAdded([{ from: 0, points: 100 }])).toEqual([
      { from: 0, points: 100 },
      { from: 1, points: 100 },
    ]);
    expect(withStepAdded([])).toEqual([{ from: 0, points: 100 }]);
    expect(
      stepsInOrder([
        { from: 3, points: 0 },
        { from: 0, points: 100 },
      ]),
    ).toEqual([
      { from: 0, points: 100 },
      { from: 3, points: 0 },
    ]);
    expect(
      stepsProblem([
        { from: 1, points: 0 },
        { from: 1, points: 5 },
      ]),
    ).toMatch(/same value/);
    expect(
      stepsProblem([
        { from: 1, points: 0 },
        { from: 2, points: 5 },
      ]),
    ).toBeNull();
  });
});

describe('rules', () => {
  it('a new rule takes the first number or yes/no column: a number is "above" its middle, +10', () => {
    const model = withRuleAdded(defaultModel(), columns);
    expect(model.rules).toEqual([{ id: 'rule-1', column: 'logins', when: 'above', value: 130, points: 10 }]);
    const flags = withRuleAdded(defaultModel(), columns.slice(2));
    expect(flags.rules).toEqual([{ id: 'rule-1', column: 'churned', when: 'yes', value: 0, points: 10 }]);
    expect(withRuleAdded(defaultModel(), columns.slice(0, 1)).rules).toEqual([]);
  });

  it('changes a rule (points kept within −100…100) and removes it', () => {
    const model = withRuleAdded(defaultModel(), columns);
    const changed = withRuleChanged(model, 'rule-1', { column: 'churned', when: 'yes', points: -250 });
    expect(changed.rules[0]).toEqual({ id: 'rule-1', column: 'churned', when: 'yes', value: 130, points: -100 });
    expect(withRuleRemoved(changed, 'rule-1').rules).toEqual([]);
  });

  it(`stops at ${MAX_RULES} rules`, () => {
    let model = defaultModel();
    for (let i = 0; i < MAX_RULES + 2; i++) model = withRuleAdded(model, columns);
    expect(model.rules.length).toBe(MAX_RULES);
    expect(new Set(model.rules.map((r) => r.id)).size).toBe(MAX_RULES);
  });
});

describe('categorical columns: points per value', () => {
  const contract = ['Month-to-month', 'One year', 'Two year'];

  it('spreads points evenly over the values in order: first 0, last 100', () => {
    expect(defaultCategoryPoints(contract)).toEqual({ kind: 'categories', points: { 'Month-to-month': 0, 'One year': 50, 'Two year': 100 } });
    expect(defaultCategoryPoints(['a', 'b', 'c', 'd'])).toEqual({ kind: 'categories', points: { a: 0, b: 33, c: 67, d: 100 } });
    expect(defaultCategoryPoints(['only'])).toEqual({ kind: 'categories', points: { only: 100 } });
  });

  it('a factor mapped to a categorical column gets the even spread, unless its table already covers every value', () => {
    const table = { kind: 'categories' as const, points: { 'Month-to-month': 0, 'One year': 60, 'Two year': 100 } };
    expect(shapeForColumn({ kind: 'saturating', halfAt: 25 }, contract)).toEqual(defaultCategoryPoints(contract));
    expect(shapeForColumn(table, contract)).toBe(table);
    expect(shapeForColumn(table, [...contract, 'Three year'])).toEqual(defaultCategoryPoints([...contract, 'Three year']));
  });

  it('a factor mapped to a numeric column keeps its shape, except a points-per-value table, which becomes linear', () => {
    const threshold = { kind: 'threshold' as const, at: 3 };
    expect(shapeForColumn(threshold, undefined)).toBe(threshold);
    expect(shapeForColumn({ kind: 'categories', points: { a: 1 } }, undefined)).toEqual({ kind: 'linear' });
  });

  it('adds a factor on a categorical column with points per value, and the model stays valid', () => {
    const model = withFactorAdded(defaultModel(), 'Contract', contract);
    expect(model.factors[4]).toMatchObject({ column: 'Contract', shape: defaultCategoryPoints(contract) });
    expect(modelSchema.safeParse(model).success).toBe(true);
  });
});

describe('date columns: recency', () => {
  const decay90 = { kind: 'decay', halfLifeDays: 90, asOf: null } as const;

  it('a factor mapped to a date column gets a 90-day half-life as of its latest date, unless it already decays', () => {
    expect(shapeForColumn({ kind: 'linear' }, 'date')).toEqual(decay90);
    expect(shapeForColumn({ kind: 'categories', points: { a: 1 } }, 'date')).toEqual(decay90);
    const mine = { kind: 'decay' as const, halfLifeDays: 30, asOf: '2026-11-01' };
    expect(shapeForColumn(mine, 'date')).toBe(mine);
    expect(defaultShape('decay', 0, 100)).toEqual(decay90);
  });

  it('back to a numeric column, decay becomes linear; to a categorical one, points per value', () => {
    expect(shapeForColumn(decay90, undefined)).toEqual({ kind: 'linear' });
    expect(shapeForColumn(decay90, ['a', 'b'])).toEqual(defaultCategoryPoints(['a', 'b']));
  });

  it('adds a factor on a date column with recency, and the model stays valid', () => {
    const model = withFactorAdded(defaultModel(), 'last_login', 'date');
    expect(model.factors[4]).toMatchObject({ column: 'last_login', shape: decay90 });
    expect(modelSchema.safeParse(model).success).toBe(true);
  });
});
