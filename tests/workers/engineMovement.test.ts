// @vitest-environment node
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { fullDemand, loadedEngine, summaryOf } from './loadedEngine';
import { DEFAULT_VIEW } from '../../src/core/table/table';

// Now: C001 good (80), C002 average (50), 0042 poor (10), C009 new (90). Earlier: C001 poor (20), C002 average (60), 0042 good (90), C007 gone (50).
const NOW = 'customer_id,engagement_score,total_revenue,tenure_months\nC001,80,100,24\nC002,50,200,3\n0042,10,300,30\nC009,90,400,1\n';
const EARLIER = 'customer_id,engagement_score,total_revenue,tenure_months\n42,70,1,1\nC001,20,100,20\n0042,90,300,28\nC002,60,200,2\nC007,50,50,5\n';

async function compared() {
  const engine = await loadedEngine(NOW, 'now.csv');
  await engine.handle({ type: 'compare', requestId: 1, file: new Blob([EARLIER]), name: 'earlier.csv', model: engine.loaded.model });
  const answer = engine.last();
  if (answer?.type !== 'compared' || !answer.outcome.ok) throw new Error(`expected compared, got ${JSON.stringify(answer)}`);
  // Engagement alone is scored: the CRS is the engagement score.
  const model = { ...engine.loaded.model, factors: engine.loaded.model.factors.map((factor) => (factor.id === 'engagement' ? factor : { ...factor, column: null })) };
  return { ...engine, model };
}

describe('engine: comparing with an earlier file', () => {
  it('counts who moved between bands, by id text (0042 is not 42), with new and gone', async () => {
    const { handle, last, model } = await compared();
    await handle({ type: 'analyze', requestId: 2, model, demand: fullDemand() });
    const movement = summaryOf(last()).movement;
    expect(movement?.idColumn).toBe('customer_id');
    expect(movement?.match).toMatchObject({ matched: 3, added: 1, gone: 2 });
    const at = (from: number, to: number) => movement?.bands.counts[from * 5 + to];
    expect(at(0, 2)).toBe(1); // C001 poor → good
    expect(at(1, 1)).toBe(1); // C002 stayed average
    expect(at(2, 0)).toBe(1); // 0042 good → poor
    expect(at(4, 2)).toBe(1); // C009 new, good
    expect(at(2, 4)).toBe(1); // "42" gone, was good (70)
    expect(at(1, 4)).toBe(1); // C007 gone, was average
    // The mean over the three matched: now (80 + 50 + 10) / 3, earlier (20 + 60 + 90) / 3; engagement explains all of it.
    expect(movement?.mean.change).toBeCloseTo((80 + 50 + 10 - 20 - 60 - 90) / 3, 9);
    expect(movement?.mean.byFactor.find((f) => f.factorId === 'engagement')?.contribution).toBeCloseTo(movement?.mean.change ?? NaN, 9);
  });

  it('gives the earlier file’s headline figures for the tiles, under the same model and filter', async () => {
    const { handle, last, model } = await compared();
    await handle({ type: 'analyze', requestId: 2, model, demand: fullDemand() });
    const all = summaryOf(last()).earlier;
    // Earlier engagement 70, 20, 90, 60, 50: five scored, mean 58, median 60.
    expect(all?.aggregates.scored).toBe(5);
    expect((all?.aggregates.sum ?? NaN) / (all?.aggregates.scored ?? NaN)).toBeCloseTo(58, 9);
    expect(all?.aggregates.median).toBe(60);
    // Mean revenue then: (1 + 100 + 300 + 200 + 50) / 5.
    expect(all?.kpis.find((kpi) => kpi.id === 'revenue')?.value).toBeCloseTo(130.2, 9);
    // Filtered to one group, the earlier figures are that group's there (high revenue, long tenure by that file's medians: 0042, maybe C001).
    await handle({ type: 'analyze', requestId: 3, model, demand: fullDemand({ view: { ...DEFAULT_VIEW, group: 'trueFriends' }, start: 0, count: 10 }) });
    const friends = summaryOf(last()).earlier;
    expect(friends?.kpis.find((kpi) => kpi.id === 'revenue')?.value).toBeGreaterThanOrEqual(200);
  });

  it('moves customers between bands again when a weight changes, in the tables and in a listed cell', async () => {
    // A is engaged but unhappy now and was happy then; B the other way round. By engagement alone nobody moved; by satisfaction alone A fell and B rose.
    const engine = await loadedEngine('customer_id,engagement_score,csat\nA,100,1\nB,0,5\n', 'now.csv');
    await engine.handle({ type: 'compare', requestId: 1, file: new Blob(['customer_id,engagement_score,csat\nA,100,5\nB,0,1\n']), name: 'earlier.csv', model: engine.loaded.model });
    const weighted = (engagement: number, satisfaction: number) => ({
      ...engine.loaded.model,
      factors: engine.loaded.model.factors.map((factor) => ({ ...factor, weight: factor.id === 'engagement' ? engagement : factor.id === 'satisfaction' ? satisfaction : 0 })),
    });
    const bandCell = (from: number, to: number) => {
      const movement = summaryOf(engine.last()).movement;
      return movement?.bands.counts[from * 5 + to];
    };
    const listed = async (model: ReturnType<typeof weighted>, from: number, to: number) => {
      await engine.handle({ type: 'rows', requestId: 9, model, view: { ...DEFAULT_VIEW, movement: { table: 'band', from, to } }, start: 0, count: 10 });
      const rows = engine.last();
      if (rows?.type !== 'rows') throw new Error('expected rows');
      return rows.rows.map((row) => row.id);
    };
    const byEngagement = weighted(1, 0);
    await engine.handle({ type: 'analyze', requestId: 2, model: byEngagement, demand: fullDemand() });
    expect([bandCell(2, 2), bandCell(0, 0), bandCell(2, 0)]).toEqual([1, 1, 0]);
    expect(await listed(byEngagement, 2, 0)).toEqual([]);
    const bySatisfaction = weighted(0, 1);
    await engine.handle({ type: 'analyze', requestId: 3, model: bySatisfaction, demand: fullDemand() });
    expect([bandCell(2, 0), bandCell(0, 2), bandCell(2, 2)]).toEqual([1, 1, 0]); // A good → poor, B poor → good
    expect(await listed(bySatisfaction, 2, 0)).toEqual(['A']);
  });

  it('lists one movement cell in the table, and exports the earlier score, change, band and group', async () => {
    const { handle, last, model } = await compared();
    await handle({ type: 'analyze', requestId: 2, model, demand: fullDemand() });
    await handle({ type: 'rows', requestId: 3, model, view: { ...DEFAULT_VIEW, movement: { table: 'band', from: 2, to: 0 } }, start: 0, count: 10 });
    const rows = last();
    if (rows?.type !== 'rows') throw new Error('expected rows');
    expect(rows.rows.map((row) => row.id)).toEqual(['0042']);
    await handle({ type: 'export', requestId: 4, model, view: null });
    const exported = last();
    if (exported?.type !== 'exported') throw new Error('expected exported');
    const parsed = Papa.parse<Record<string, string>>((await exported.blob.text()).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    expect(parsed.data.map((row) => [row.customer_id, row.crs, row.previous_crs, row.crs_change, row.previous_band])).toEqual([
      ['C001', '80.0', '20.0', '60.0', 'poor'],
      ['C002', '50.0', '60.0', '-10.0', 'average'],
      ['0042', '10.0', '90.0', '-80.0', 'good'],
      ['C009', '90.0', '', '', ''],
    ]);
    expect(parsed.data[0].previous_group).not.toBe('');
  });

  it('explains a customer with their earlier score and the factor that moved them most', async () => {
    const { handle, last, model } = await compared();
    await handle({ type: 'customer', requestId: 5, model, row: 2 });
    const answer = last();
    if (answer?.type !== 'customer') throw new Error('expected customer');
    expect(answer.previous).toMatchObject({ score: 90, band: 2, mover: { factorId: 'engagement', change: -80 } });
  });

  it('says clearly why an earlier file could not be read, and keeps the current one', async () => {
    const engine = await loadedEngine(NOW, 'now.csv');
    await engine.handle({ type: 'compare', requestId: 1, file: new Blob([new Uint8Array([0, 1, 2, 0, 0, 0, 255, 254, 0, 0, 3])]), name: 'earlier.bin', model: engine.loaded.model });
    const answer = engine.last();
    expect(answer?.type === 'compared' && !answer.outcome.ok && answer.outcome.message).toMatch(/earlier\.bin/);
    await engine.handle({ type: 'analyze', requestId: 2, model: engine.loaded.model, demand: fullDemand() });
    expect(summaryOf(engine.last()).movement).toBeNull();
  });
});
