// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { isSpreadsheetBytes, isSpreadsheetName, readSpreadsheet, serialToIso } from '../../../src/core/csv/spreadsheet';
import { parseCsv } from '../../../src/core/dataset/dataset';

/** A workbook as Excel would save it: typed cells, a date format on the date column, a currency format on revenue. */
function workbook(sheets: Record<string, unknown[][]>, bookType: 'xlsx' | 'xls' = 'xlsx'): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = XLSX.utils.aoa_to_sheet(rows, { cellDates: true });
    // Revenue shown as "$1,200.50" and dates as "3/14/25": the CSV must carry the values, not the display.
    for (const address of Object.keys(sheet)) {
      const cell = sheet[address] as XLSX.CellObject;
      if (address.startsWith('!') || cell.t !== 'n') continue;
      if (address.startsWith('B')) cell.z = '"$"#,##0.00';
    }
    XLSX.utils.book_append_sheet(book, sheet, name);
  }
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType, cellDates: false }) as ArrayBuffer);
}

const ACCOUNTS = [
  ['Account ID', 'Annual Revenue', 'Customer Since', 'Churned', 'Notes'],
  ['001A', 1200.5, new Date(Date.UTC(2021, 2, 14)), false, 'renewed, twice'],
  ['001B', 98000, new Date(Date.UTC(2019, 10, 2)), true, 'said "no"'],
  ['001C', null, new Date(Date.UTC(2026, 0, 5)), false, null],
];

describe('readSpreadsheet', () => {
  it("writes the first sheet as CSV from the cells' types: full numbers, ISO dates, yes/no, text quoted where needed", async () => {
    const read = await readSpreadsheet(workbook({ Accounts: ACCOUNTS, Other: [['x'], [1]] }));
    if (!read.ok) throw new Error(read.problem);
    expect(read.sheets).toEqual(['Accounts', 'Other']);
    expect(read.read).toBe('Accounts');
    expect(new TextDecoder().decode(read.csv)).toBe(
      ['Account ID,Annual Revenue,Customer Since,Churned,Notes', '001A,1200.5,2021-03-14,no,"renewed, twice"', '001B,98000,2019-11-02,yes,"said ""no"""', '001C,,2026-01-05,no,', ''].join('\n'),
    );
  });

  it('loads like its CSV: Annual Revenue a number, Customer Since a date, Churned yes/no, account ids text', async () => {
    const read = await readSpreadsheet(workbook({ Accounts: ACCOUNTS }));
    if (!read.ok) throw new Error(read.problem);
    const loaded = parseCsv(read.csv, 'accounts.xlsx');
    if (!loaded.ok) throw new Error(loaded.problem.kind);
    expect(loaded.dataset.columns.map((c) => [c.name, c.kind])).toEqual([
      ['Account ID', 'text'],
      ['Annual Revenue', 'number'],
      ['Customer Since', 'date'],
      ['Churned', 'flag'],
      ['Notes', 'text'],
    ]);
    expect(Array.from(loaded.dataset.columns[1].values ?? [])).toEqual([1200.5, 98000, NaN]);
  });

  it('reads the sheet asked for, and an old .xls workbook', async () => {
    const read = await readSpreadsheet(workbook({ Summary: [['Total'], [3]], Accounts: ACCOUNTS }, 'xls'), 'Accounts');
    if (!read.ok) throw new Error(read.problem);
    expect(read.read).toBe('Accounts');
    expect(new TextDecoder().decode(read.csv).split('\n')[1]).toBe('001A,1200.5,2021-03-14,no,"renewed, twice"');
  });

  it('says what is wrong with a file that only looks like a spreadsheet, or an empty sheet', async () => {
    const broken = await readSpreadsheet(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]));
    expect(broken.ok).toBe(false);
    const empty = await readSpreadsheet(workbook({ Blank: [] }));
    expect(empty).toEqual({ ok: false, problem: 'its sheet "Blank" is empty' });
  });
});

describe('isSpreadsheetName, isSpreadsheetBytes and serialToIso', () => {
  it('knows a workbook by its first bytes or its name', () => {
    expect(isSpreadsheetBytes(Uint8Array.from([0x50, 0x4b, 0x03, 0x04]))).toBe(true);
    expect(isSpreadsheetBytes(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0]))).toBe(true);
    expect(isSpreadsheetBytes(new TextEncoder().encode('id,score'))).toBe(false);
    expect(isSpreadsheetName('customers.csv')).toBe(false);
    expect(isSpreadsheetName('Contacts.XLSX')).toBe(true);
  });

  it('turns Excel serials into ISO dates in both date systems, with the time when there is one', () => {
    expect(serialToIso(45000, false)).toBe('2023-03-15');
    expect(serialToIso(45000.75, false)).toBe('2023-03-15 18:00:00');
    expect(serialToIso(45000 - 1462, true)).toBe('2023-03-15');
  });
});
