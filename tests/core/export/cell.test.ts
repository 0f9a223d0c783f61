import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { exportCell, type CellFormat } from '../../../src/core/export/cell';
import { parseNumber } from '../../../src/core/csv/numbers';

const COMMA: CellFormat = { delimiter: ',', decimal: 'point' };
const SEMICOLON: CellFormat = { delimiter: ';', decimal: 'comma' };
const TAB: CellFormat = { delimiter: '\t', decimal: 'point' };

describe('exportCell', () => {
  it.each([
    // Formulas get an apostrophe (OWASP: = + - @ tab CR).
    ['=SUM(A1)', COMMA, "'=SUM(A1)"],
    ['+46 70 123 45 67', COMMA, "'+46 70 123 45 67"],
    ['@SUM(1)', COMMA, "'@SUM(1)"],
    ['-2+3', COMMA, "'-2+3"],
    ['\tx', COMMA, "'\tx"],
    ['\rx', COMMA, `"'\rx"`],
    ['\tx', TAB, `"'\tx"`],
    // A factor label a model file sets, at the start of an issue text.
    ['=1&T(")', COMMA, `"'=1&T("")"`],
    // Numbers stay numbers, in the file's decimal style; a lone - is the "no value" mark.
    ['-4', COMMA, '-4'],
    ['-0.5', COMMA, '-0.5'],
    ['+5', COMMA, '+5'],
    ['-1e3', COMMA, '-1e3'],
    ['-0,5', SEMICOLON, '-0,5'],
    ['-1 234,50', SEMICOLON, '-1 234,50'],
    ['-', COMMA, '-'],
    // Either locale's delimiter is quoted in text, so the other locale does not split it.
    ['x;=1+1', COMMA, '"x;=1+1"'],
    ['x,=1+1', SEMICOLON, '"x,=1+1"'],
    ['a,b', TAB, '"a,b"'],
    ['a;b', TAB, '"a;b"'],
    ['Berg, Holm & Co', SEMICOLON, '"Berg, Holm & Co"'],
    // …but not in a number, where digits follow it.
    ['1 234,50', SEMICOLON, '1 234,50'],
    ['12,5', TAB, '"12,5"'],
    // RFC 4180: the delimiter, a quote, a line break.
    ['1,234.5', COMMA, '"1,234.5"'],
    ['say "hi"', COMMA, '"say ""hi"""'],
    ['two\nlines', SEMICOLON, '"two\nlines"'],
    ['cr\ronly', COMMA, '"cr\ronly"'],
    ['plain', COMMA, 'plain'],
    ['', COMMA, ''],
  ])('exportCell(%j) in a %j file → %j', (text, format, out) => {
    expect(exportCell(text, format)).toBe(out);
  });

  it('takes the caller’s word that a cell is a number (a score it formatted) and parses nothing', () => {
    expect(exportCell('75,0', SEMICOLON, true)).toBe('75,0');
    expect(exportCell('-12.5', COMMA, true)).toBe('-12.5');
    // …and that a header name is not one: -5 as a column name is text.
    expect(exportCell('-5', COMMA, false)).toBe("'-5");
  });

  // Text built from the characters that matter: formula starts, both delimiters, quotes, line breaks, digits.
  const UNITS = ['=', '+', '-', '@', '\t', '\r', '\n', ',', ';', '"', '1', '0', '.', ' ', 'a', 'x(', ')'];
  const text = fc.array(fc.constantFrom(...UNITS), { maxLength: 8 }).map((units) => units.join(''));
  const format = fc.constantFrom(COMMA, SEMICOLON, TAB, { delimiter: ',', decimal: 'comma' } as CellFormat, { delimiter: '|', decimal: 'point' } as CellFormat);
  const isNumber = (cell: string, f: CellFormat): boolean => !Number.isNaN(parseNumber(cell, f.decimal));

  it('property: read back as a CSV field, the cell is the text, or the text after an apostrophe when it would start a formula', () => {
    fc.assert(
      fc.property(text, format, (t, f) => {
        const written = exportCell(t, f);
        const parsed = Papa.parse<string[]>(`${written}${f.delimiter}end`, { delimiter: f.delimiter, newline: '\r\n' });
        expect(parsed.data[0]).toEqual([/^[=+\-@\t\r]/.test(t) && t !== '-' && !isNumber(t, f) ? `'${t}` : t, 'end']);
      }),
      { seed: 616, numRuns: 2000 },
    );
  });

  it('property: a written cell starts with = + - @ tab or CR only when it is a number or a lone "-"', () => {
    fc.assert(
      fc.property(text, format, (t, f) => {
        const written = exportCell(t, f);
        if (/^[=+\-@\t\r]/.test(written)) expect(written === '-' || isNumber(written, f)).toBe(true);
      }),
      { seed: 1661, numRuns: 2000 },
    );
  });

  it('property: a cell holding a , or ; is quoted unless it is a number, so no locale splits it', () => {
    fc.assert(
      fc.property(text, format, (t, f) => {
        const written = exportCell(t, f);
        if (/[,;]/.test(t) && !isNumber(t, f)) expect(written.startsWith('"') && written.endsWith('"')).toBe(true);
      }),
      { seed: 6116, numRuns: 2000 },
    );
  });
});
