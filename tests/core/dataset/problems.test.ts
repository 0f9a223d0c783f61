// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/dataset/dataset';
import { describeLoadProblem } from '../../../src/core/dataset/problems';

describe('describeLoadProblem', () => {
  it.each([
    [{ kind: 'empty-file' }, '"x.csv" is empty: there is nothing to score.'],
    [{ kind: 'binary' }, '"x.csv" is not a CSV or a spreadsheet: it looks like another binary file'],
    [{ kind: 'header-only', columns: 1 }, '"x.csv" has a header row with 1 column but no customer rows.'],
    [{ kind: 'header-only', columns: 18 }, '"x.csv" has a header row with 18 columns but no customer rows.'],
    [{ kind: 'too-large', bytes: 5 * 2 ** 30 }, '"x.csv" is 5.0 GB; CRS Studio reads files up to 4 GB'],
    [{ kind: 'read-failed', message: 'permission denied' }, '"x.csv" could not be read: permission denied'],
    [{ kind: 'spreadsheet', message: 'its sheet "Blank" is empty' }, '"x.csv" looks like a spreadsheet, but its sheet "Blank" is empty. Save it again'],
  ] as const)('%j → %j…', (problem, start) => {
    expect(describeLoadProblem(problem, 'x.csv').startsWith(start)).toBe(true);
  });

  it('names the file and the columns for a header-only CSV straight from parseCsv', () => {
    const result = parseCsv(new TextEncoder().encode('id;csat;nps\r\n'), 'kunder.csv');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(describeLoadProblem(result.problem, 'kunder.csv')).toBe('"kunder.csv" has a header row with 3 columns but no customer rows.');
  });
});
