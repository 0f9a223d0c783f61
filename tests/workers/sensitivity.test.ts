// @vitest-environment node
import { fullDemand } from './loadedEngine';
import { describe, expect, it } from 'vitest';
import { defaultModel } from '../../src/core/model/model';
import { createEngine } from '../../src/workers/engine';
import type { EngineResponse } from '../../src/workers/protocol';

const CSV = 'id,engagement_score,csat,churned\n1,80,5,0\n2,40,1,1\n3,60,3,0\n4,20,4,1\n5,90,2,0\n';

describe('engine: sensitivity', () => {
  it('answers with one tornado row per mapped factor and a Spearman summary, then gives the customer request its stability', async () => {
    const messages: EngineResponse[] = [];
    const handle = createEngine((message) => messages.push(message));
    await handle({ type: 'load', file: new Blob([CSV]), name: 'c.csv', model: defaultModel(), demand: fullDemand() });
    const model = defaultModel();
    model.factors[0].column = 'engagement_score';
    model.factors[1].column = 'csat';
    model.outcome = { column: 'churned', isGood: false };
    // Before any analysis, the customer comes without stability.
    await handle({ type: 'customer', requestId: 1, model, row: 4 });
    const before = messages.at(-1);
    if (before?.type !== 'customer') throw new Error('expected customer');
    expect(before.stability).toBeNull();

    await handle({ type: 'sensitivity', requestId: 2, model });
    const answer = messages.at(-1);
    if (answer?.type !== 'sensitivity') throw new Error(`expected sensitivity, got ${answer?.type}`);
    expect(answer.requestId).toBe(2);
    expect(answer.summary.tornado.factors.map((f) => f.factorId)).toEqual(['engagement', 'satisfaction']);
    expect(answer.summary.tornado.groupsIgnoreWeights).toBe(true);
    expect(Number.isFinite(answer.summary.tornado.auc)).toBe(true);
    expect(answer.summary.stability.meanSpearman).toBeGreaterThan(0);
    expect(answer.summary.stability.meanSpearman).toBeLessThanOrEqual(1);

    await handle({ type: 'customer', requestId: 3, model, row: 4 });
    const after = messages.at(-1);
    if (after?.type !== 'customer') throw new Error('expected customer');
    expect(after.stability?.draws).toBe(20);
    // A changed model makes the stability stale: none is sent.
    await handle({ type: 'customer', requestId: 4, model: { ...model, bands: { averageFrom: 30, goodFrom: 60 } }, row: 4 });
    const changed = messages.at(-1);
    if (changed?.type !== 'customer') throw new Error('expected customer');
    expect(changed.stability).toBeNull();
  });
});
