// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { defaultModel } from '../../src/core/model/model';
import { DEFAULT_VIEW } from '../../src/core/table/table';
import { ANALYSIS_PARTS, isEngineRequest, type EngineRequest } from '../../src/workers/protocol';

describe('isEngineRequest', () => {
  const model = defaultModel();
  const table = { view: DEFAULT_VIEW, start: 0, count: 10 };
  // One of each request the client sends: the worker must let every one through.
  const requests: EngineRequest[] = [
    { type: 'load', file: new Blob(['x']), name: 'a.csv', model, demand: { parts: ['scores', 'kpis'], table, breakdownBy: null } },
    { type: 'analyze', requestId: 1, model, demand: { parts: [], table, breakdownBy: null } },
    { type: 'analyze', requestId: 1, model, demand: { parts: [...ANALYSIS_PARTS], table, breakdownBy: 'band' } },
    { type: 'export', requestId: 2, model, view: null },
    { type: 'export', requestId: 2, model, view: DEFAULT_VIEW },
    { type: 'rows', requestId: 3, model, ...table },
    { type: 'customer', requestId: 4, model, row: 7 },
    { type: 'breakdown', requestId: 5, model, by: 'group' },
    { type: 'suggest', requestId: 6, model },
    { type: 'scenario', requestId: 7, a: model, b: model },
    { type: 'sql', requestId: 8, model, dialect: 'postgres' },
    { type: 'sql', requestId: 8, model, dialect: 'spark', previousTable: 'crm.customers_march' },
  ];

  it.each(requests.map((request) => [request.type, request] as const))('accepts a %s request', (_, request) => {
    expect(isEngineRequest(request)).toBe(true);
  });

  it('refuses what is not a request', () => {
    expect(isEngineRequest({ type: 'scenario', requestId: 1, a: model })).toBe(false);
    expect(isEngineRequest({ type: 'analyze', requestId: 1, model, table, breakdownBy: 'week' })).toBe(false);
    expect(isEngineRequest({ type: 'rows', model, ...table })).toBe(false);
    expect(isEngineRequest('analyze')).toBe(false);
    expect(isEngineRequest({ type: 'sql', requestId: 1, model, dialect: 'oracle' })).toBe(false);
    expect(isEngineRequest({ type: 'sql', requestId: 1, model, dialect: 'duckdb', previousTable: 7 })).toBe(false);
  });
});
