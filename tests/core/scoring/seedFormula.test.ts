// @vitest-environment node
// Issue 15, item 1: the seed's own calculator, reproduced on its own file with nothing
// touched, and a score column that keeps its method when one cell is out of range.
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { parseCsv } from '../../../src/core/dataset/dataset';
import { analyze } from '../../../src/core/scoring/analysis';
import { defaultModel } from '../../../src/core/model/model';
import { autoMap } from '../../../src/core/schema/mapping';
import { exportScoredCsv } from '../../../src/core/export/csv';

function load(csv: string) {
  const result = parseCsv(new TextEncoder().encode(csv), 'seed.csv');
  if (!result.ok) throw new Error(result.problem.kind);
  const model = autoMap(defaultModel(), result.dataset.columns);
  return { dataset: result.dataset, model, analysis: analyze(result.dataset, model) };
}

describe("the seed's calculator", () => {
  // Customer 1 is the seed's worked example: 85, 75, 65, 55 → 0.3·85 + 0.3·75 + 0.2·65 + 0.2·55 = 72.0.
  const rows = [
    [85, 75, 65, 55],
    [1, 100, 1, 100],
    [100, 1, 100, 1],
    [42, 17, 93, 60],
    [70, 70, 70, 70],
    [12, 88, 34, 56],
  ];
  const csv = ['Customer ID,Engagement Score,Satisfaction Score,Purchase History,Support Quality', ...rows.map((row, i) => `C${i + 1},${row.join(',')}`)].join('\n');

  it('scores its four 1–100 columns exactly 0.3E + 0.3S + 0.2P + 0.2Q, with no mapping touched', () => {
    const { model, analysis } = load(csv);
    expect(model.factors.map((factor) => [factor.id, factor.column, factor.weight])).toEqual([
      ['engagement', 'Engagement Score', 30],
      ['satisfaction', 'Satisfaction Score', 30],
      ['purchase', 'Purchase History', 20],
      ['support', 'Support Quality', 20],
    ]);
    rows.forEach(([e, s, p, q], i) => expect(analysis.scores[i]).toBeCloseTo(0.3 * e + 0.3 * s + 0.2 * p + 0.2 * q, 9));
    expect(analysis.scores[0]).toBeCloseTo(72, 9);
  });

  it('says in one line per factor what Automatic chose and why', () => {
    const { analysis } = load(csv);
    expect(analysis.factors.map((factor) => `${factor.description} (${factor.why})`)).toEqual([
      'used as-is (0–100) (named like a score, values on 0–100)',
      'used as-is (0–100) (named like a score, values on 0–100)',
      'used as-is (0–100) (values on a 0–100 scale)',
      'used as-is (0–100) (values on a 0–100 scale)',
    ]);
  });
});

describe('one bad cell in a score column', () => {
  const csv = ['id,engagement_score', ...[55, 62, 140, 71, 48, 90, 33, 67, 80, 59].map((v, i) => `${i + 1},${v}`)].join('\n');

  it('keeps the column as-is for everyone else, clamps the cell and flags it in crs_issues', () => {
    const { dataset, model, analysis } = load(csv);
    expect(analysis.factors[0].resolved).toEqual({ method: 'as-is' });
    expect(analysis.scores[0]).toBeCloseTo(55, 9);
    expect(analysis.scores[2]).toBe(100);
    const exported = Papa.parse<Record<string, string>>(new TextDecoder().decode(new Uint8Array(exportScoredCsv(dataset, analysis, model).flatMap((part) => [...part]))), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(exported[2].crs_issues).toBe('Engagement: 140 is outside 0–100; clamped');
    expect(exported.filter((row) => row.crs_issues !== '')).toHaveLength(1);
  });
});
