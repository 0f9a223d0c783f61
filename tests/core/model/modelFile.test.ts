// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { defaultModel, type Model } from '../../../src/core/model/model';
import { fitModelToColumns, missingColumnsNotice, modelFileName, modelToJson, problemsText, salvageModel } from '../../../src/core/model/modelFile';
import { parseModelJson } from '../../../src/core/model/modelSchema';

function savedModel(): Model {
  const model = defaultModel();
  model.factors[0].column = 'logins';
  model.factors[1].column = 'csat';
  model.factors[1].weight = 55;
  model.axes.profitability = { column: 'revenue', split: 1000, upper: null, source: { kind: 'column' } };
  model.axes.loyalty = { column: 'tenure', split: null, upper: null, source: { kind: 'column' } };
  model.kpiInputs.churn = 'churned';
  model.rules = [
    { id: 'r1', column: 'whitepaper', when: 'yes', value: 0, points: 10 },
    { id: 'r2', column: 'csat', when: 'below', value: 2, points: -20 },
  ];
  model.outcome = { column: 'churned', isGood: false };
  return model;
}

const columns = (...names: string[]) => names.map((name) => ({ name }));

describe('modelFileName', () => {
  it.each([
    ['customers.csv', 'customers-crs-model.json'],
    ['sample-customers.csv', 'sample-customers-crs-model.json'],
    ['export.2026.tsv', 'export.2026-crs-model.json'],
    ['noext', 'noext-crs-model.json'],
    [null, 'crs-model.json'],
  ])('%s → %s', (name, expected) => expect(modelFileName(name)).toBe(expected));
});

describe('modelToJson', () => {
  it('is the model pretty-printed and parses back to the same model', () => {
    const text = modelToJson(savedModel());
    expect(text).toMatch(/^\{\n  "version": 1,/);
    expect(parseModelJson(text)).toEqual({ ok: true, model: savedModel() });
  });
});

describe('problemsText', () => {
  it('names each problem by its exact path', () => {
    expect(
      problemsText([
        { path: 'factors[2].weight', message: 'Too big' },
        { path: '', message: 'not JSON' },
      ]),
    ).toBe('factors[2].weight: Too big; (document): not JSON');
  });
});

describe('fitModelToColumns', () => {
  it('keeps everything when the file has every column', () => {
    const model = savedModel();
    const fit = fitModelToColumns(model, columns('logins', 'csat', 'revenue', 'tenure', 'churned', 'whitepaper'));
    expect(fit).toEqual({ model, missing: [] });
  });

  it('unmaps factors, axes, KPI inputs and the outcome on absent columns, drops rules on them, and lists each column once', () => {
    const fit = fitModelToColumns(savedModel(), columns('csat', 'tenure'));
    expect(fit.missing).toEqual(['logins', 'revenue', 'churned', 'whitepaper']);
    expect(fit.model.factors.map((f) => f.column)).toEqual([null, 'csat', null, null]);
    expect(fit.model.factors[1].weight).toBe(55);
    expect(fit.model.axes).toEqual({
      profitability: { column: null, split: 1000, upper: null, source: { kind: 'column' } },
      loyalty: { column: 'tenure', split: null, upper: null, source: { kind: 'column' } },
    });
    expect(fit.model.kpiInputs.churn).toBeNull();
    expect(fit.model.outcome).toEqual({ column: null, isGood: false });
    expect(fit.model.rules.map((r) => r.id)).toEqual(['r2']);
  });

  it('does not change the model it is given', () => {
    const model = savedModel();
    fitModelToColumns(model, []);
    expect(model).toEqual(savedModel());
  });
});

describe('missingColumnsNotice', () => {
  it('names the columns and where to fix them', () => {
    expect(missingColumnsNotice(['logins', 'revenue'])).toBe('This model uses columns this file lacks: logins, revenue — choose columns for them under Column mapping.');
  });
});

describe('salvageModel', () => {
  it('keeps a valid model whole', () => {
    const model = defaultModel();
    expect(salvageModel(JSON.parse(JSON.stringify(model)))).toEqual({ model, dropped: [] });
  });

  it('drops only the factors and rules that fail, and a factor whose id was seen before', () => {
    const document = JSON.parse(JSON.stringify(defaultModel()));
    document.factors[1].normalization = 'cubic';
    document.factors.push({ ...document.factors[0], label: 'Twin' });
    document.rules = [
      { id: 'r1', column: 'churned', when: 'yes', value: 0, points: -20 },
      { id: 'r2', column: 'churned', when: 'maybe', value: 0, points: 5 },
    ];
    const { model, dropped } = salvageModel(document);
    expect(model.factors.map((f) => f.id)).toEqual(['engagement', 'purchase', 'support']);
    expect(model.rules.map((r) => r.id)).toEqual(['r1']);
    expect(dropped).toEqual([expect.stringMatching(/^factors\[1\] \(normalization: /), 'factors[4] (its id "engagement" is used before)', expect.stringMatching(/^rules\[1\] \(when: /)]);
  });

  it('is the default model, with everything dropped, for what is not a model at all', () => {
    expect(salvageModel('hello')).toEqual({ model: defaultModel(), dropped: ['the whole model (not an object)'] });
  });
});

describe('huge invalid models', () => {
  it('lists the first 20 problems and counts the rest instead of overflowing: 50,000 bad category points', () => {
    const model = defaultModel();
    const document = JSON.parse(JSON.stringify(model));
    document.factors[0].shape = { kind: 'categories', points: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`v${i}`, 500])) };
    const text = JSON.stringify(document);
    expect(text.length).toBeLessThan(1_000_000); // under the size cap: the schema itself has to cope
    const parsed = parseModelJson(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problems).toHaveLength(21);
      expect(parsed.problems[0].path).toBe('factors[0].shape.points.v0');
      expect(parsed.problems[20].message).toMatch(/^and [\d]+ more problems$/);
    }
  });

  it('refuses a document over a million characters before parsing it, saying why', () => {
    const parsed = parseModelJson(' '.repeat(1_000_001));
    expect(parsed).toEqual({ ok: false, problems: [{ path: '', message: '1,000,001 characters: a model is a few kilobytes, so this is not one (the limit is 1,000,000)' }] });
  });

  it('caps points tables and category lists', () => {
    const model = defaultModel();
    model.factors[0].shape = { kind: 'categories', points: Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`v${i}`, 50])) };
    const parsed = parseModelJson(JSON.stringify(model));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(problemsText(parsed.problems)).toBe('factors[0].shape.points: at most 1000 values may have points');
  });
});
