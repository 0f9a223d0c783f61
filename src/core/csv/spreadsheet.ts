// Spreadsheets (.xlsx, .xlsm, .xls, .ods) — what HubSpot and Salesforce offer first — read
// through SheetJS (@e965/xlsx, the SheetJS 0.20.3 build on npm; the npm "xlsx" 0.18 has known
// vulnerabilities on untrusted files) and written out as CSV bytes, which the CSV load then
// reads like any file: one reader for every format, so every rule (kinds, missing values,
// flags, crs_issues, the export) holds for spreadsheets too. The library is imported only
// when a spreadsheet arrives, so loading a CSV costs nothing extra.
//
// Cells are taken by type, not as displayed: a number is written in full (not "1.2K" or
// "$1,200.00"), a date cell as an ISO date (with the time when it has one), text as is.
import type { WorkSheet } from '@e965/xlsx';

/** A spreadsheet by its name: .xlsx, .xlsm, .xls, .ods. */
export function isSpreadsheetName(name: string): boolean {
  return /\.(xlsx|xlsm|xls|ods)$/i.test(name);
}

/** A spreadsheet by its first bytes: a ZIP (xlsx, xlsm, ods) or an OLE2 compound file (xls). */
export function isSpreadsheetBytes(head: Uint8Array): boolean {
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const ole2 = head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  return zip || ole2;
}

export type SheetRead = { ok: true; csv: Uint8Array; sheets: string[]; read: string } | { ok: false; problem: string };

/** Days from 1899-12-30 (Excel's day 0 in the 1900 system) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25569;
/** The 1904 date system (old Mac workbooks) counts from 1904-01-01: 1,462 days later. */
const DATE_1904_OFFSET = 1462;

/** A date cell's serial as ISO text: the date, and the time to the second when it is not midnight. */
export function serialToIso(serial: number, is1904: boolean): string {
  const days = serial + (is1904 ? DATE_1904_OFFSET : 0) - EXCEL_EPOCH_DAYS;
  const ms = Math.round((days * 86_400_000) / 1000) * 1000;
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** A CSV field: quoted when it holds a comma, a quote or a line break (quotes doubled). */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

interface Cell {
  t: string;
  v?: unknown;
  w?: string;
  z?: string | number;
}

/**
 * The chosen sheet (when `sheet` is absent or not in the workbook, the first that is a table:
 * two columns or more, a header and a row; else the first) as UTF-8 CSV,
 * with the workbook's sheet names. Empty trailing cells of a row are kept up to the sheet's
 * width, so every row has the header's cell count; fully empty rows are dropped (as the CSV
 * load skips blank lines).
 */
export async function readSpreadsheet(bytes: Uint8Array, sheet?: string): Promise<SheetRead> {
  const XLSX = await import('@e965/xlsx');
  let workbook: ReturnType<typeof XLSX.read>;
  try {
    workbook = XLSX.read(bytes, { type: 'array', dense: true, cellDates: false, cellNF: true, cellFormula: false, cellHTML: false, cellText: false });
  } catch (error) {
    return { ok: false, problem: `it could not be read as a spreadsheet (${error instanceof Error ? error.message : String(error)})` };
  }
  const sheets = workbook.SheetNames;
  if (sheets.length === 0) return { ok: false, problem: 'the workbook has no sheets' };
  const is1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  const written = new Map<string, string[]>();
  const linesOf = (name: string): string[] => {
    let lines = written.get(name);
    if (lines === undefined) written.set(name, (lines = sheetLines(workbook.Sheets[name], is1904, XLSX)));
    return lines;
  };
  const isTable = (lines: string[]) => lines.length >= 2 && lines[0].includes(',');
  // The sheet asked for; else the first that is a table — two columns or more, a header and a row — so a report's cover sheet is passed over.
  const read = sheet !== undefined && sheets.includes(sheet) ? sheet : (sheets.find((name) => isTable(linesOf(name))) ?? sheets[0]);
  const lines = linesOf(read);
  if (lines.length === 0) return { ok: false, problem: `its sheet "${read}" is empty` };
  return { ok: true, csv: new TextEncoder().encode(lines.join('\n') + '\n'), sheets, read };
}

type Library = typeof import('@e965/xlsx');

/** A sheet's rows as CSV lines, each as wide as the sheet; rows with no value left out. */
function sheetLines(worksheet: WorkSheet, is1904: boolean, XLSX: Library): string[] {
  const range = worksheet['!ref'] ? XLSX.utils.decode_range(worksheet['!ref']) : null;
  if (!range) return [];
  const rows = (worksheet as unknown as { '!data'?: (Cell | undefined)[][] })['!data'] ?? [];
  const lines: string[] = [];
  const width = range.e.c + 1;
  for (let r = range.s.r; r <= range.e.r; r++) {
    const row = rows[r] ?? [];
    const cells = new Array<string>(width).fill('');
    let any = false;
    for (let c = 0; c < width; c++) {
      const cell = row[c];
      if (!cell || cell.v === undefined || cell.v === null) continue;
      const text = cellText(cell, is1904, XLSX.SSF);
      if (text !== '') any = true;
      cells[c] = field(text);
    }
    if (any) lines.push(cells.join(','));
  }
  return lines;
}

/** A cell's value by its type: numbers in full, date-formatted numbers as ISO dates, booleans as yes/no, errors blank. */
function cellText(cell: Cell, is1904: boolean, ssf: { is_date: (format: string | number) => boolean }): string {
  switch (cell.t) {
    case 'n': {
      const value = cell.v as number;
      if (!Number.isFinite(value)) return '';
      const format = cell.z;
      return format !== undefined && ssf.is_date(format) ? serialToIso(value, is1904) : String(value);
    }
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v);
    case 'b':
      return cell.v ? 'yes' : 'no';
    case 'e':
      return '';
    default:
      return String(cell.v);
  }
}
