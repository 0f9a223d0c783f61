import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/state/store';
import { parseModelJson } from '../../src/core/model/modelSchema';

describe('applyWeights', () => {
  it('sets the weights and directions a suggestion names, and leaves the other factors as they were', () => {
    const store = createAppStore();
    store.getState().applyWeights({ engagement: 70, purchase: 30 }, { purchase: false });
    const byId = Object.fromEntries(store.getState().model.factors.map((f) => [f.id, f]));
    expect(byId.engagement).toMatchObject({ weight: 70, isHigherBetter: true });
    expect(byId.purchase).toMatchObject({ weight: 30, isHigherBetter: false });
    expect(byId.satisfaction).toMatchObject({ weight: 30, isHigherBetter: true }); // the default, untouched
  });

  it('sets the points per category a suggestion fitted, on a factor scored per category only', () => {
    const store = createAppStore();
    const factors = store
      .getState()
      .model.factors.map((f) => (f.id === 'satisfaction' ? { ...f, column: 'Contract', shape: { kind: 'categories' as const, points: { 'Month-to-month': 0, 'Two year': 100 } } } : f));
    store.setState({ model: { ...store.getState().model, factors } });
    store.getState().applyWeights({ satisfaction: 60 }, {}, { satisfaction: { 'Month-to-month': 0, 'One year': 70, 'Two year': 100 }, engagement: { x: 1 } });
    const byId = Object.fromEntries(store.getState().model.factors.map((f) => [f.id, f]));
    expect(byId.satisfaction.shape).toEqual({ kind: 'categories', points: { 'Month-to-month': 0, 'One year': 70, 'Two year': 100 } });
    expect(byId.engagement.shape).toEqual({ kind: 'linear' }); // not a category factor: its shape stays
  });

  it('reads only the suggestion\'s own keys: a factor whose id is "toString" keeps its weight, not NaN', () => {
    const store = createAppStore();
    store.getState().addFactor('toString');
    const added = store.getState().model.factors.at(-1)!;
    store.setState({ model: { ...store.getState().model, factors: store.getState().model.factors.map((f) => (f === added ? { ...f, id: 'toString' } : f)) } });
    store.getState().applyWeights({ engagement: 50 });
    const factor = store.getState().model.factors.find((f) => f.id === 'toString');
    expect(factor?.weight).toBe(added.weight);
    expect(Number.isNaN(factor?.weight)).toBe(false);
  });
});

describe('setFactorColumn', () => {
  it('a column named like a count of problems starts as "higher is worse"; another column starts as "higher is better"', () => {
    const store = createAppStore();
    store.getState().setFactorColumn('support', 'Open Cases');
    expect(store.getState().model.factors.find((f) => f.id === 'support')).toMatchObject({ column: 'Open Cases', isHigherBetter: false });
    store.getState().setFactorColumn('support', 'support_rating');
    expect(store.getState().model.factors.find((f) => f.id === 'support')).toMatchObject({ column: 'support_rating', isHigherBetter: true });
  });
});

describe('setAxisTenureUnit', () => {
  it('changes the unit of a date axis and drops its cuts, which were in the old unit', () => {
    const store = createAppStore();
    store.getState().setAxisColumn('loyalty', 'Customer Since');
    store.getState().setAxisSplit('loyalty', 24);
    store.getState().setAxisTenureUnit('loyalty', 'years');
    expect(store.getState().model.axes.loyalty).toMatchObject({ column: 'Customer Since', tenureUnit: 'years', split: null, upper: null });
  });
});

describe('every model edit opens again', () => {
  it('the edits issue 16 found lost on the next visit now save and open: a 3×3 cut above the upper one, points steps out of order or with the same "from"', () => {
    const store = createAppStore();
    store.getState().setGridSize(3);
    store.getState().setAxisSplit('profitability', 500);
    store.getState().setAxisUpper('profitability', 100);
    store.getState().setFactorShape('support', {
      kind: 'points',
      steps: [
        { from: 3, points: 0 },
        { from: 0, points: 100 },
        { from: 0, points: 90 },
      ],
    });
    const model = store.getState().model;
    expect(model.axes.profitability).toMatchObject({ split: 500, upper: 100 });
    expect(parseModelJson(JSON.stringify(model))).toEqual({ ok: true, model });
    expect(store.getState().alert).toBeNull();
  });

  it('an edit the schema refuses is not made, and the alert says why', () => {
    const store = createAppStore();
    const before = store.getState().model;
    store.getState().setFactorShape('engagement', { kind: 'saturating', halfAt: 0 });
    expect(store.getState().model).toBe(before);
    expect(store.getState().alert).toMatch(/^That change was not made, as the model could not be saved and opened again: factors\[0\]\.shape\.halfAt/);
  });
});
