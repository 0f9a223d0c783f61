// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { defaultModel, type Model } from '../../../src/core/model/model';
import { fitModelToColumns, missingColumnsNotice, modelFileName, modelToJson, problemsText } from '../../../src/core/model/modelFile';
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
