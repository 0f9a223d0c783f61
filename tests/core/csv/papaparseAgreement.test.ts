// @vitest-environment node
// The scanner (src/core/csv/scan.ts, and rowStream.ts as the load feeds it in chunks)
// against papaparse, the reference it is property-tested against: random tables written
// with random but valid RFC 4180 quoting read cell for cell as papaparse reads them, and
// no row of such a table is taken for a stray quote (the recovery of scanRows).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { fieldText, readRows, RowFields, type ScanRules } from '../../../src/core/csv/scan';
import { ChunkedRowScanner } from '../../../src/core/csv/rowStream';
import { utf8 } from '../fixtures';

const decoder = new TextDecoder();

/** Pieces of cell text: delimiters, quotes, every line break, spaces and tabs, multi-byte UTF-8. */
const PIECES = ['a', 'Z', '0', '7', '.', '-', ' ', '  ', '\t', ',', ';', '|', '"', '""', '\n', '\r\n', '\r', 'å', '€', '😀'];
const DELIMITERS = [',', ';', '\t', '|'] as const;
const NEWLINES = ['\n', '\r\n', '\r'] as const;

/**
 * How a cell is written: quoted only when it must be, always quoted, or quoted with spaces
 * (or tabs) after the closing quote. The last is outside RFC 4180 but papaparse reads it as
 * the quoted content, as the scanner does; not at the very end of the input, where papaparse
 * keeps the quote and the spaces as text.
 */
const QUOTINGS = ['when-needed', 'always', 'padded'] as const;
type Quoting = (typeof QUOTINGS)[number];

interface Cell {
  text: string;
  quoting: Quoting;
  padding: string;
}

interface Table {
  rows: Cell[][];
  delimiter: (typeof DELIMITERS)[number];
  newline: (typeof NEWLINES)[number];
  hasFinalNewline: boolean;
}

const cellArb = (allowEmpty: boolean): fc.Arbitrary<Cell> =>
  fc.record({
    text: fc
      .array(fc.constantFrom(...PIECES), { maxLength: 8 })
      .map((pieces) => pieces.join(''))
      // A table one column wide with an empty cell would have an empty line, which both readers skip.
      .filter((text) => allowEmpty || text !== ''),
    quoting: fc.constantFrom(...QUOTINGS),
    padding: fc.constantFrom(' ', '  ', '\t', ' \t'),
  });

/** A rectangular table (RFC 4180: every row as wide as the header), the header first. */
const tableArb: fc.Arbitrary<Table> = fc.integer({ min: 1, max: 6 }).chain((width) =>
  fc.record({
    rows: fc.array(fc.array(cellArb(width > 1), { minLength: width, maxLength: width }), { minLength: 1, maxLength: 12 }),
    delimiter: fc.constantFrom(...DELIMITERS),
    newline: fc.constantFrom(...NEWLINES),
    hasFinalNewline: fc.boolean(),
  }),
);

function writeCell(cell: Cell, delimiter: string, isLastOfInput: boolean): string {
  const mustQuote = /["\r\n]/.test(cell.text) || cell.text.includes(delimiter);
  if (cell.quoting === 'when-needed' && !mustQuote) return cell.text;
  const quoted = `"${cell.text.replaceAll('"', '""')}"`;
  if (cell.quoting !== 'padded' || isLastOfInput) return quoted;
  // A tab is padding only where it is not the delimiter.
  return quoted + (delimiter === '\t' ? cell.padding.replaceAll('\t', ' ') : cell.padding);
}

function writeTable(table: Table): string {
  const { rows, delimiter, newline, hasFinalNewline } = table;
  const lines = rows.map((row, r) => row.map((cell, c) => writeCell(cell, delimiter, !hasFinalNewline && r === rows.length - 1 && c === row.length - 1)).join(delimiter));
  return lines.join(newline) + (hasFinalNewline ? newline : '');
}

/** The rows as the load reads them: chunks of the given sizes in turn through ChunkedRowScanner, each row decoded, with whether it was recovered. */
function readInChunks(bytes: Uint8Array, delimiter: number, headerCells: number, sizes: readonly number[]): { rows: string[][]; recovered: number } {
  const rows: string[][] = [];
  let recovered = 0;
  const scanner = new ChunkedRowScanner(delimiter, headerCells, new RowFields(4), (buf, _base, _start, _end, fields) => {
    rows.push(Array.from({ length: fields.count }, (_, k) => fieldText(buf, fields.starts[k], fields.ends[k], fields.kinds[k], decoder)));
    if (fields.isRecovered) recovered++;
  });
  for (let offset = 0, k = 0; offset < bytes.length; k++) {
    const end = Math.min(bytes.length, offset + sizes[k % sizes.length]);
    // A copy, as a streamed chunk is not kept after it is scanned.
    scanner.push(bytes.slice(offset, end), offset, end === bytes.length);
    offset = end;
  }
  return { rows, recovered };
}

describe('the scanner agrees with papaparse on RFC 4180 tables', () => {
  it('property: random tables with random quoting read cell for cell as papaparse reads them, whole or in chunks of any size, no row taken for a stray quote', () => {
    fc.assert(
      fc.property(tableArb, fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 4 }), (table, chunkSizes) => {
        const text = writeTable(table);
        const bytes = utf8(text);
        const delimiter = table.delimiter.charCodeAt(0);
        const width = table.rows[0].length;
        const written = table.rows.map((row) => row.map((cell) => cell.text));
        const papa = Papa.parse<string[]>(text, { delimiter: table.delimiter, newline: table.newline, quoteChar: '"', skipEmptyLines: true });
        expect(papa.errors).toEqual([]);
        expect(papa.data).toEqual(written);

        const rules: ScanRules = { headerCells: width, isInputEnd: true };
        expect(readRows(bytes, 0, bytes.length, delimiter, decoder, Infinity, rules)).toEqual(papa.data);
        const streamed = readInChunks(bytes, delimiter, width, chunkSizes);
        expect(streamed.rows).toEqual(papa.data);
        expect(streamed.recovered).toBe(0);
      }),
      { seed: 16, numRuns: 1500 },
    );
  });
});
