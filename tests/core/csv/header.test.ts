import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findHeaderRow, rowPreview } from '../../../src/core/csv/header';
import { parseCsv } from '../../../src/core/dataset/dataset';

const load = (text: string, headerIndex?: number) => {
  const result = parseCsv(new TextEncoder().encode(text), 'report.csv', undefined, headerIndex);
  if (!result.ok) throw new Error(result.problem.kind);
  return result.dataset;
};

const ACCOUNTS = ['Account ID,Annual Revenue,Customer Since,CSAT__c,NPS__c,Open Cases', 'A1,1000,2020-01-01,80,9,0', 'A2,500,2025-02-01,60,7,3', 'A3,50,2026-01-05,90,10,1'];

describe('findHeaderRow', () => {
  it('passes over a title, a date line and a label padded with delimiters', () => {
    const rows = [['Accounts report'], ['Generated 12/1/2026 9:00 AM'], ['Owner: Jane', '', '', '', '', ''], ...ACCOUNTS.map((line) => line.split(','))];
    expect(findHeaderRow(rows)).toBe(3);
  });

  it('is the first row of an ordinary file, of a one-column file, and of a file whose header is all there is', () => {
    expect(findHeaderRow(ACCOUNTS.map((line) => line.split(',')))).toBe(0);
    expect(findHeaderRow([['name'], ['Ann'], ['Bob']])).toBe(0);
    expect(findHeaderRow([['id', 'score']])).toBe(0);
    expect(findHeaderRow([])).toBe(0);
  });

  it('keeps the first row when what follows the titles is numbers, not names', () => {
    expect(findHeaderRow([['Report'], ['1', '2', '3', '4'], ['5', '6', '7', '8']])).toBe(0);
  });

  it('property: with no title above, the first row of a header-then-data table is the header', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 1000 }), (columns, rowCount, seed) => {
        const header = Array.from({ length: columns }, (_, c) => `column ${c}`);
        const data = Array.from({ length: rowCount }, (_, r) => Array.from({ length: columns }, (_, c) => ((r * 7 + c + seed) % 3 === 0 ? `name ${r}` : String(r * c + seed))));
        return findHeaderRow([header, ...data]) === 0;
      }),
    );
  });
});

describe('a CSV with a report title above the header', () => {
  it('finds the header, scores the customers below it, and says which line it took and what it skipped', () => {
    const dataset = load(['Accounts report', 'Generated 12/1/2026, 9:00 AM', '', ...ACCOUNTS].join('\n') + '\n');
    expect(dataset.columns.map((c) => c.name)).toEqual(['Account ID', 'Annual Revenue', 'Customer Since', 'CSAT__c', 'NPS__c', 'Open Cases']);
    expect(dataset.rowCount).toBe(3);
    expect(dataset.header).toMatchObject({ index: 2, line: 4 });
    expect(dataset.notices[0]).toMatch(/^The header is on line 4 \("Account ID, Annual Revenue, Customer Si…"\): the 3 lines above it .* were skipped/);
    // The picker offers the first rows by their line in the file (line 3 is blank).
    expect(dataset.header.candidates.map((c) => c.line)).toEqual([1, 2, 4, 5, 6, 7]);
  });

  it('reads another row as the header when asked: the title again, as the user chose', () => {
    const dataset = load(['Accounts report', ...ACCOUNTS].join('\n') + '\n', 0);
    expect(dataset.columns.map((c) => c.name)).toEqual(['Accounts report']);
    expect(dataset.header).toMatchObject({ index: 0, line: 1 });
  });

  it('CRLF line breaks count lines the same way', () => {
    const dataset = load(['Accounts report', '', ...ACCOUNTS].join('\r\n') + '\r\n');
    expect(dataset.header).toMatchObject({ index: 1, line: 3 });
    expect(dataset.rowCount).toBe(3);
  });
});

describe('rowPreview', () => {
  it('joins the filled cells and cuts a long row', () => {
    expect(rowPreview(['a', '', 'b'])).toBe('a, b');
    expect(rowPreview(['x'.repeat(100)], 10)).toBe('xxxxxxxxx…');
  });
});
