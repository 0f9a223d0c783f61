// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultModel, type Model } from '../../../src/core/model/model';
import { formatPath, modelJsonSchema, parseModel, parseModelJson } from '../../../src/core/model/modelSchema';

/** A model with every optional part filled in, as a user might save it. */
function fullModel(): Model {
  const model = defaultModel();
  model.factors[0].column = 'logins';
  model.factors[1].shape = { kind: 'saturating', halfAt: 30 };
  model.factors[2].shape = { kind: 'threshold', at: 5 };
  model.factors[3].shape = {
    kind: 'points',
    steps: [
      { from: 0, points: 100 },
      { from: 1, points: 60 },
      { from: 3, points: 0 },
    ],
  };
  model.factors[3].isHigherBetter = false;
  model.axes.profitability = { column: 'revenue', split: 1000, upper: null, source: { kind: 'column' } };
  model.axes.loyalty = { column: 'Customer Since', split: 2, upper: null, source: { kind: 'column' }, tenureUnit: 'years' };
  model.kpiInputs.churn = 'churned';
  model.rules = [{ id: 'r1', column: 'downloaded_whitepaper', when: 'yes', value: 0, points: 10 }];
  model.outcome = { column: 'churned', isGood: false };
  return model;
}

const problemsOf = (value: unknown) => {
  const result = parseModel(value);
  return result.ok ? [] : result.problems;
};

describe('model schema', () => {
  it('accepts the default model and a full one, and a JSON round trip gives the same model', () => {
    for (const model of [defaultModel(), fullModel()]) {
      const result = parseModelJson(JSON.stringify(model));
      expect(result).toEqual({ ok: true, model });
    }
  });

  it.each([
    ['a weight above 100', (m: Model) => Object.assign(m.factors[2], { weight: 140 }), 'factors[2].weight'],
    ['a normalisation it does not know', (m: Model) => Object.assign(m.factors[1], { normalization: 'cubic' }), 'factors[1].normalization'],
    [
      'a points table longer than the cap',
      (m: Model) => Object.assign(m.factors[3], { shape: { kind: 'points', steps: Array.from({ length: 201 }, (_, i) => ({ from: i, points: 50 })) } }),
      'factors[3].shape.steps',
    ],
    ['a saturating shape without halfAt', (m: Model) => Object.assign(m.factors[0], { shape: { kind: 'saturating' } }), 'factors[0].shape.halfAt'],
    ['band thresholds the wrong way round', (m: Model) => Object.assign(m.bands, { averageFrom: 80, goodFrom: 70 }), 'bands.averageFrom'],
    ['a rule with points beyond ±100', (m: Model) => Object.assign(m.rules[0], { points: -250 }), 'rules[0].points'],
    ['a rule condition it does not know', (m: Model) => Object.assign(m.rules[0], { when: 'maybe' }), 'rules[0].when'],
    ['an unknown KPI input', (m: Model) => Object.assign(m.kpiInputs, { mood: 'x' }), 'kpiInputs'],
    ['a split that is text', (m: Model) => Object.assign(m.axes.loyalty, { split: 'median' }), 'axes.loyalty.split'],
    ['a tenure unit it does not know', (m: Model) => Object.assign(m.axes.loyalty, { tenureUnit: 'fortnights' }), 'axes.loyalty.tenureUnit'],
    ['a missing outcome', (m: Model) => Reflect.deleteProperty(m, 'outcome'), 'outcome'],
    ['another version', (m: Model) => Object.assign(m, { version: 2 }), 'version'],
  ])('rejects %s, naming the exact path', (_, spoil, path) => {
    const model = fullModel();
    spoil(model);
    const problems = problemsOf(JSON.parse(JSON.stringify(model)));
    expect(problems.map((p) => p.path)).toEqual([path]);
    expect(problems[0].message.length).toBeGreaterThan(5);
  });

  it('rejects duplicate factor ids, no factors, and what is not a model at all', () => {
    const model = fullModel();
    model.factors[1].id = model.factors[0].id;
    expect(problemsOf(model).map((p) => p.path)).toEqual(['factors']);
    expect(problemsOf({ ...fullModel(), factors: [] }).map((p) => p.path)).toEqual(['factors']);
    expect(problemsOf(null).map((p) => p.path)).toEqual(['']);
    expect(parseModelJson('{"version": 1,')).toMatchObject({ ok: false, problems: [{ path: '', message: expect.stringMatching(/^not JSON/) }] });
  });

  it('property: any model the app can build survives JSON and validation unchanged', () => {
    const shapeArb = fc.oneof(
      fc.constant({ kind: 'linear' as const }),
      fc.record({ kind: fc.constant('saturating' as const), halfAt: fc.double({ min: 0.5, max: 100, noNaN: true }) }),
      fc.record({ kind: fc.constant('threshold' as const), at: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => v + 0) }), // + 0: JSON has no −0
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), shapeArb, fc.boolean()), { minLength: 4, maxLength: 4 }), (parts) => {
        const model = defaultModel();
        parts.forEach(([weight, shape, isHigherBetter], f) => Object.assign(model.factors[f], { weight, shape, isHigherBetter }));
        expect(parseModelJson(JSON.stringify(model))).toEqual({ ok: true, model });
      }),
      { seed: 4, numRuns: 100 },
    );
  });

  it('formats paths as a reader writes them', () => {
    expect(formatPath(['factors', 2, 'shape', 'steps', 0, 'from'])).toBe('factors[2].shape.steps[0].from');
    expect(formatPath([])).toBe('');
  });

  it('accepts what the editors let a user type: points steps out of order or with the same "from", a 3×3 cut above the upper one', () => {
    const model = defaultModel();
    model.factors[3].shape = {
      kind: 'points',
      steps: [
        { from: 3, points: 0 },
        { from: 1, points: 60 },
        { from: 1, points: 40 },
      ],
    };
    model.gridSize = 3;
    model.axes.profitability = { column: 'revenue', split: 500, upper: 100, source: { kind: 'column' } };
    expect(parseModelJson(JSON.stringify(model))).toEqual({ ok: true, model });
  });

  it('has a JSON Schema that names every top-level part', () => {
    const schema = modelJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties).sort()).toEqual(['axes', 'bands', 'factors', 'gridSize', 'kpiInputs', 'lifetime', 'outcome', 'rfm', 'rules', 'version']);
    expect(schema.required).toContain('factors');
  });
});

describe('points per value (categories shape)', () => {
  const withShape = (shape: unknown) => {
    const model: Record<string, unknown> = { ...defaultModel() };
    const factors = defaultModel().factors.map((f, i) => (i === 0 ? { ...f, column: 'Contract', shape } : f));
    return { ...model, factors };
  };

  it('accepts a table of value → points in 0..100, and an empty one', () => {
    expect(parseModel(withShape({ kind: 'categories', points: { 'Month-to-month': 0, 'One year': 60, 'Two year': 100 } })).ok).toBe(true);
    expect(parseModel(withShape({ kind: 'categories', points: {} })).ok).toBe(true);
  });

  it.each([
    ['points above 100', { kind: 'categories', points: { 'One year': 101 } }, 'factors[0].shape.points.One year'],
    ['negative points', { kind: 'categories', points: { a: -1 } }, 'factors[0].shape.points.a'],
    ['text points', { kind: 'categories', points: { a: '50' } }, 'factors[0].shape.points.a'],
    ['no table', { kind: 'categories' }, 'factors[0].shape.points'],
  ])('rejects %s at its path', (_label, shape, path) => {
    const parsed = parseModel(withShape(shape));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => p.path)).toContain(path);
  });
});

describe('recency (decay shape)', () => {
  const withShape = (shape: unknown) => ({ ...defaultModel(), factors: defaultModel().factors.map((f, i) => (i === 0 ? { ...f, column: 'last_login', shape } : f)) });

  it('accepts a positive half-life, as of null or an existing ISO date', () => {
    expect(parseModel(withShape({ kind: 'decay', halfLifeDays: 90, asOf: null })).ok).toBe(true);
    expect(parseModel(withShape({ kind: 'decay', halfLifeDays: 0.5, asOf: '2026-11-01' })).ok).toBe(true);
    expect(parseModel(withShape({ kind: 'decay', halfLifeDays: 30, asOf: '2024-02-29' })).ok).toBe(true);
  });

  it.each([
    ['a zero half-life', { kind: 'decay', halfLifeDays: 0, asOf: null }, 'factors[0].shape.halfLifeDays'],
    ['a negative half-life', { kind: 'decay', halfLifeDays: -30, asOf: null }, 'factors[0].shape.halfLifeDays'],
    ['no half-life', { kind: 'decay', asOf: null }, 'factors[0].shape.halfLifeDays'],
    ['a date that does not exist', { kind: 'decay', halfLifeDays: 30, asOf: '2026-02-30' }, 'factors[0].shape.asOf'],
    ['a date not in ISO form', { kind: 'decay', halfLifeDays: 30, asOf: '01/11/2026' }, 'factors[0].shape.asOf'],
    ['a date with a time', { kind: 'decay', halfLifeDays: 30, asOf: '2026-11-01T00:00' }, 'factors[0].shape.asOf'],
    ['as of missing', { kind: 'decay', halfLifeDays: 30 }, 'factors[0].shape.asOf'],
    ['an extra key', { kind: 'decay', halfLifeDays: 30, asOf: null, days: 1 }, 'factors[0].shape'],
  ])('rejects %s at its path', (_label, shape, path) => {
    const parsed = parseModel(withShape(shape));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => p.path)).toContain(path);
  });
});

describe('RFM section', () => {
  it('fills in the default RFM spec for a model saved before RFM existed', () => {
    const { rfm: _dropped, ...older } = defaultModel();
    void _dropped;
    const result = parseModel(older);
    expect(result.ok && result.model.rfm).toEqual(defaultModel().rfm);
  });

  it('accepts columns, four ascending cuts per dimension and an edited map', () => {
    const model = defaultModel();
    model.rfm = { ...model.rfm, recency: 'days_since_last_purchase', frequency: 'orders', monetary: 'revenue', cuts: { r: [7, 30, 90, 365], f: null, m: [10, 10, 50, 100] } };
    model.rfm.segmentMap[0] = 'champions';
    const result = parseModelJson(JSON.stringify(model));
    expect(result.ok && result.model).toEqual(model);
  });

  it('rejects cuts out of order or not four, a map of the wrong length and an unknown segment', () => {
    const withRfm = (change: object) => ({ ...defaultModel(), rfm: { ...defaultModel().rfm, ...change } });
    expect(problemsOf(withRfm({ cuts: { r: [3, 2, 5, 6], f: null, m: null } })).map((p) => p.path)).toEqual(['rfm.cuts.r']);
    expect(problemsOf(withRfm({ cuts: { r: null, f: [1, 2], m: null } })).map((p) => p.path)).toEqual(['rfm.cuts.f']);
    expect(problemsOf(withRfm({ segmentMap: defaultModel().rfm.segmentMap.slice(1) })).map((p) => p.path)).toEqual(['rfm.segmentMap']);
    const map = defaultModel().rfm.segmentMap as string[];
    map[3] = 'vips';
    expect(problemsOf(withRfm({ segmentMap: map })).map((p) => p.path)).toEqual(['rfm.segmentMap[3]']);
  });
});
