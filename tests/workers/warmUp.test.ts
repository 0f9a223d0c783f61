// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { warmUp, warmUpCsv } from '../../src/workers/warmUp';
import { loadedEngine } from './loadedEngine';

describe('the engine warm-up', () => {
  it('runs the real load path and weight changes on its synthetic file without failing (a failure would leave the first load cold)', async () => {
    await expect(warmUp(2000)).resolves.toBeUndefined();
  });

  it('its file is read as a CRM export would be: every row, and the scores, revenue, dates and churn mapped', async () => {
    const { loaded } = await loadedEngine(new TextDecoder().decode(warmUpCsv(500)), 'warm-up.csv');
    expect(loaded.summary.rowCount).toBe(500);
    const mapped = loaded.model.factors.filter((factor) => factor.column !== null).map((factor) => factor.column);
    expect(mapped).toEqual(expect.arrayContaining(['engagement_score', 'csat']));
    expect(loaded.model.axes.profitability.column).toBe('total_revenue');
    expect(loaded.model.outcome.column).toBe('churned');
  });
});
