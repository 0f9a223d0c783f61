// @vitest-environment node
// The earlier file of a comparison scored on a thread of its own (src/workers/scorer.ts): the
// engine must give the same parts as when it scores both files itself, and hand the scoring
// thread's buffers back to be written again. The "thread" here is the scorer's handler behind
// a message queue (setTimeout), as a Worker would deliver its messages.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/workers/engine';
import { createScorer, createScorerHandler, type ScorerRequest, type ScorerResponse } from '../../src/workers/scorer';
import { defaultModel } from '../../src/core/model/model';
import { fullDemand, summaryOf } from './loadedEngine';
import type { EngineResponse } from '../../src/workers/protocol';

// Matched by email instead, A now is B then, and D now is E then.
const NOW = 'customer_id,email,engagement_score,csat,total_revenue,tenure_months\nA,a@x,100,1,100,24\nB,b@x,0,5,200,3\nC,c@x,60,3,300,30\nD,d@x,90,2,400,1\n';
const EARLIER = 'customer_id,email,engagement_score,csat,total_revenue,tenure_months\nA,b@x,100,5,90,20\nB,a@x,0,1,210,2\nC,c@x,40,4,250,28\nE,d@x,50,3,50,5\n';

/** A scoring thread in this thread: messages both ways go through the task queue; every buffer handed back is recorded. */
function queuedScorer() {
  const recycled: ArrayBuffer[] = [];
  const produced: ArrayBuffer[] = [];
  const worker = {
    onmessage: null as ((event: MessageEvent<ScorerResponse>) => void) | null,
    onerror: null as ((event: ErrorEvent) => void) | null,
    postMessage(request: ScorerRequest) {
      if (request.type === 'score') recycled.push(...request.recycled);
      setTimeout(() => handle(request));
    },
  };
  const handle = createScorerHandler((message) => {
    if (message.type === 'scored') produced.push(message.scored.scores.buffer as ArrayBuffer);
    setTimeout(() => worker.onmessage?.({ data: message } as MessageEvent<ScorerResponse>));
  });
  return { scorer: createScorer(worker as unknown as Worker), recycled, produced };
}

async function comparedEngine(withScorer: boolean) {
  const messages: EngineResponse[] = [];
  const thread = queuedScorer();
  const handle = createEngine((message) => messages.push(message), withScorer ? { startScorer: () => thread.scorer } : {});
  await handle({ type: 'load', file: new Blob([NOW]), name: 'now.csv', model: defaultModel(), demand: fullDemand() });
  const loaded = messages.find((m) => m.type === 'loaded');
  if (loaded?.type !== 'loaded') throw new Error('expected loaded');
  await handle({ type: 'compare', requestId: 1, file: new Blob([EARLIER]), name: 'earlier.csv', model: loaded.model });
  const weighted = (engagement: number, satisfaction: number) => ({
    ...loaded.model,
    factors: loaded.model.factors.map((factor) => ({ ...factor, weight: factor.id === 'engagement' ? engagement : factor.id === 'satisfaction' ? satisfaction : factor.weight })),
  });
  const analyse = async (engagement: number, satisfaction: number, idColumn: string | null = null) => {
    await handle({ type: 'analyze', requestId: 2, model: weighted(engagement, satisfaction), demand: { ...fullDemand(), compareIds: { current: idColumn, previous: idColumn } } });
    return summaryOf(messages.at(-1));
  };
  return { analyse, thread };
}

describe('engine: the earlier file scored on a thread of its own', () => {
  it('gives the same movement and earlier figures as the engine scoring both files, weight change after weight change', async () => {
    const threaded = await comparedEngine(true);
    const alone = await comparedEngine(false);
    const tables: string[] = [];
    for (const [engagement, satisfaction] of [
      [30, 30],
      [90, 10],
      [10, 90],
      [50, 50],
    ]) {
      const a = await threaded.analyse(engagement, satisfaction);
      const b = await alone.analyse(engagement, satisfaction);
      expect(a.movement?.bands.counts).toEqual(b.movement?.bands.counts);
      tables.push(JSON.stringify(a.movement?.bands.counts));
      expect(a.movement?.bands.revenue).toEqual(b.movement?.bands.revenue);
      expect(a.movement?.mean.change).toBeCloseTo(b.movement?.mean.change ?? NaN, 9);
      expect(a.earlier?.aggregates.sum).toBeCloseTo(b.earlier?.aggregates.sum ?? NaN, 9);
      expect(a.earlier?.kpis.map((kpi) => kpi.value)).toEqual(b.earlier?.kpis.map((kpi) => kpi.value));
    }
    // Matched on another column under the same weights: no new pass, but another match, and the mean over it.
    const byId = await threaded.analyse(50, 50);
    const a = await threaded.analyse(50, 50, 'email');
    const b = await alone.analyse(50, 50, 'email');
    expect([a.movement?.match.matched, b.movement?.match.matched]).toEqual([4, 4]);
    expect(a.movement?.mean.previousMean).not.toBeCloseTo(byId.movement?.mean.previousMean ?? NaN, 3);
    expect(a.movement?.mean.previousMean).toBeCloseTo(b.movement?.mean.previousMean ?? NaN, 9);
    expect(a.movement?.bands.counts).toEqual(b.movement?.bands.counts);
    // The weights moved customers across bands, so the comparison saw different tables; each weight change was one pass on the thread.
    expect(new Set(tables).size).toBeGreaterThan(1);
    expect(threaded.thread.produced.length).toBe(4);
  });

  it('hands superseded score buffers back to the scoring thread, which writes them again', async () => {
    const { analyse, thread } = await comparedEngine(true);
    for (let k = 0; k < 5; k++) await analyse(20 + k * 10, 30);
    // Each pass after the second gets back the pass before last; the thread writes into buffers it had made.
    expect(thread.recycled.length).toBeGreaterThanOrEqual(3);
    expect(new Set(thread.produced).size).toBeLessThan(thread.produced.length);
  });
});
