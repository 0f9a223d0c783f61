// @vitest-environment node
// The 'sql' request with an earlier table: the movement columns come only with a file compared.
import { describe, expect, it } from 'vitest';
import { loadedEngine } from './loadedEngine';

const NOW = 'customer_id,engagement_score,total_revenue,tenure_months\nC001,80,100,24\nC002,50,200,3\n';
const EARLIER = 'account,engagement_score,total_revenue\nC001,20,100\nC002,60,200\n';

async function sqlText(engine: Awaited<ReturnType<typeof loadedEngine>>, previousTable?: string): Promise<string> {
  await engine.handle({ type: 'sql', requestId: 9, model: engine.loaded.model, dialect: 'duckdb', ...(previousTable === undefined ? {} : { previousTable }) });
  const answer = engine.last();
  if (answer?.type !== 'sql') throw new Error(`expected sql, got ${answer?.type}`);
  return answer.text;
}

describe('engine: the warehouse SQL with an earlier table', () => {
  it('joins the earlier table on the id columns the comparison matches on, and only when one is named', async () => {
    const engine = await loadedEngine(NOW, 'now.csv');
    const plain = await sqlText(engine);
    // No file compared: an earlier table name changes nothing.
    expect(await sqlText(engine, 'crm.march')).toBe(plain);
    await engine.handle({ type: 'compare', requestId: 1, file: new Blob([EARLIER]), name: 'march.csv', model: engine.loaded.model });
    expect(await sqlText(engine)).toBe(plain);
    expect(await sqlText(engine, '  ')).toBe(plain);
    const joined = await sqlText(engine, ' crm.march ');
    expect(joined).toContain('FROM "crm"."march" AS t');
    expect(joined).toContain('-- "customer_id" here and "account" there');
    expect(joined).toMatch(/AS previous_crs,\n.* AS crs_change,\n.* AS previous_band,\n.* AS previous_group\n/);
  });
});
