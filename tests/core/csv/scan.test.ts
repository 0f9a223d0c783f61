// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { decodeText, FIELD_ESCAPED, FIELD_PLAIN, FIELD_QUOTED, FIELD_RAW, FIELD_UNCLOSED, fieldText, readRows, RowFields, scanRows, WHOLE_INPUT, type ScanRules } from '../../../src/core/csv/scan';
import { textDecoder } from '../../../src/core/csv/decode';
import { utf8 } from '../fixtures';

const decoder = new TextDecoder();

function rows(text: string, delimiter = ','): string[][] {
  const bytes = utf8(text);
  return readRows(bytes, 0, bytes.length, delimiter.charCodeAt(0), decoder);
}

/** Field kinds of the first row. */
function kinds(text: string): number[] {
  const bytes = utf8(text);
  let out: number[] = [];
  scanRows(bytes, 0, bytes.length, 0x2c, (_s, _e, fields) => {
    out = Array.from(fields.kinds.subarray(0, fields.count));
    return false;
  });
  return out;
}

describe('readRows examples', () => {
  it.each([
    [
      'plain rows',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CRLF line breaks',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'lone CR line breaks (old Mac Excel)',
      'a,b\r1,2\r3,4',
      [
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
      ],
    ],
    ['mixed line breaks', 'a\n1\r\n2\r3', [['a'], ['1'], ['2'], ['3']]],
    [
      'no final line break',
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'empty lines skipped',
      '\n\na,b\n\n\r\n1,2\n\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'empty cells kept',
      ',\n,x,\n',
      [
        ['', ''],
        ['', 'x', ''],
      ],
    ],
    [
      'a quoted delimiter',
      'name,n\n"Berg, Holm & Co",3\n',
      [
        ['name', 'n'],
        ['Berg, Holm & Co', '3'],
      ],
    ],
    [
      'a quoted line break',
      'a,b\n"line 1\nline 2",x\n',
      [
        ['a', 'b'],
        ['line 1\nline 2', 'x'],
      ],
    ],
    ['a quoted CRLF', 'a\r\n"x\r\ny"\r\n', [['a'], ['x\r\ny']]],
    ['doubled quotes unescaped', '"The ""Blue"" Bakery",1\n', [['The "Blue" Bakery', '1']]],
    ['a quoted empty cell', '"",x\n', [['', 'x']]],
    ['a cell of one quote character', '"""",x\n', [['"', 'x']]],
    [
      'a quote never closed is a character of its cell, and the next line is the next row',
      'a,"b\nc,d\n',
      [
        ['a', '"b'],
        ['c', 'd'],
      ],
    ],
    ['text after a closing quote is kept as written', '"Acme" Inc,2\n', [['"Acme" Inc', '2']]],
    ['a quote inside an unquoted cell is literal', 'O"Brien,2\n', [['O"Brien', '2']]],
    ['spaces are kept', ' a , b \n', [[' a ', ' b ']]],
    [
      'UTF-8 text',
      'kund,stad\nÅsa,Umeå\n',
      [
        ['kund', 'stad'],
        ['Åsa', 'Umeå'],
      ],
    ],
  ])('%s', (_label, text, expected) => {
    expect(rows(text)).toEqual(expected);
  });

  it.each([
    [
      ';',
      'a;b\n1,5;2\n',
      [
        ['a', 'b'],
        ['1,5', '2'],
      ],
    ],
    [
      '\t',
      'a\tb\n1,5\t"x\ty"\n',
      [
        ['a', 'b'],
        ['1,5', 'x\ty'],
      ],
    ],
    [
      '|',
      'a|b\n1|"x|y"\n',
      [
        ['a', 'b'],
        ['1', 'x|y'],
      ],
    ],
  ])('reads with delimiter %j', (delimiter, text, expected) => {
    expect(rows(text, delimiter)).toEqual(expected);
  });

  it('reads a row wider than the initial field capacity', () => {
    const cells = Array.from({ length: 300 }, (_, i) => `c${i}`);
    expect(rows(`${cells.join(',')}\n1,2\n`)).toEqual([cells, ['1', '2']]);
  });

  it('stops after maxRows rows', () => {
    expect(rows('a\nb\nc\nd\n').length).toBe(4);
    const bytes = utf8('a\nb\nc\nd\n');
    expect(readRows(bytes, 0, bytes.length, 0x2c, decoder, 2)).toEqual([['a'], ['b']]);
  });

  it('reads only the given byte range', () => {
    const bytes = utf8('h1,h2\nx,y\nz,w\n');
    expect(readRows(bytes, 6, 9, 0x2c, decoder)).toEqual([['x', 'y']]);
  });
});

describe('scanRows', () => {
  it('reports each row range without its line break, and where it stopped', () => {
    const bytes = utf8('a,b\r\n"x\ny",2\n\nlast');
    const seen: [number, number, number][] = [];
    const stop = scanRows(bytes, 0, bytes.length, 0x2c, (start, end, fields) => {
      seen.push([start, end, fields.count]);
    });
    expect(seen).toEqual([
      [0, 3, 2],
      [5, 12, 2],
      [14, 18, 1],
    ]);
    expect(stop).toBe(bytes.length);
  });

  it('returns the offset just after the row a visitor stopped at', () => {
    const bytes = utf8('head,er\r\nrow,1\n');
    expect(scanRows(bytes, 0, bytes.length, 0x2c, () => false)).toBe(9);
  });

  it.each([
    ['a,b', [FIELD_PLAIN, FIELD_PLAIN]],
    ['"a",b', [FIELD_QUOTED, FIELD_PLAIN]],
    ['"a""b",c', [FIELD_ESCAPED, FIELD_PLAIN]],
    ['"a"b,c', [FIELD_RAW, FIELD_PLAIN]],
    ['"unclosed', [FIELD_RAW]],
  ])('field kinds of %j', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('reuses and grows a RowFields it is given', () => {
    const fields = new RowFields(2);
    const bytes = utf8('a,b,c,d,e\n');
    scanRows(bytes, 0, bytes.length, 0x2c, () => undefined, fields);
    expect(fields.count).toBe(5);
    expect(fields.starts.length).toBeGreaterThanOrEqual(5);
  });
});

/** Each row's cells and whether the scanner recovered it from a stray quote, read with the header's width. */
function readWithWidth(text: string, rules: ScanRules, delimiter = ','): { cells: string[]; isRecovered: boolean }[] {
  const bytes = utf8(text);
  const out: { cells: string[]; isRecovered: boolean }[] = [];
  scanRows(
    bytes,
    0,
    bytes.length,
    delimiter.charCodeAt(0),
    (_s, _e, fields) => {
      const cells = Array.from({ length: fields.count }, (_, k) => fieldText(bytes, fields.starts[k], fields.ends[k], fields.kinds[k], decoder));
      out.push({ cells, isRecovered: fields.isRecovered });
    },
    undefined,
    rules,
  );
  return out;
}

const row = (...cells: string[]) => ({ cells, isRecovered: false });
const recovered = (...cells: string[]) => ({ cells, isRecovered: true });

describe('a stray quote costs its row, not the rest of the file', () => {
  const threeCells: ScanRules = { headerCells: 3, isInputEnd: true };

  it.each([
    ['a quote that never closes', '1,"Ann,5\n2,Bob,6\n3,Cy,7\n', [recovered('1', '"Ann', '5'), row('2', 'Bob', '6'), row('3', 'Cy', '7')]],
    ['a quote that never closes, CRLF', '1,"Ann,5\r\n2,Bob,6\r\n', [recovered('1', '"Ann', '5'), row('2', 'Bob', '6')]],
    ['a quote that never closes, lone CR', '1,"Ann,5\r2,Bob,6\r', [recovered('1', '"Ann', '5'), row('2', 'Bob', '6')]],
    ['a quote opening the last cell', '1,5,"Ann\n2,6,Bob\n', [recovered('1', '5', '"Ann'), row('2', '6', 'Bob')]],
    ['a quote opening the last cell of the file', '1,5,Ann\n2,6,"Bob', [row('1', '5', 'Ann'), recovered('2', '6', '"Bob')]],
    ['a quote that pairs with the opening quote of a later quoted cell', '1,"Ann,5\n2,"Bob, Jr",6\n', [recovered('1', '"Ann', '5'), row('2', 'Bob, Jr', '6')]],
    ['a quote that closes cleanly on a later line, in a row of the wrong width', '1,"Ann,5\n2,3"\n3,Cy,7\n', [recovered('1', '"Ann', '5'), row('2', '3"'), row('3', 'Cy', '7')]],
    ['stray quotes on two rows in a row', '1,"Ann,5\n2,"Bob,6\n3,Cy,7\n', [recovered('1', '"Ann', '5'), recovered('2', '"Bob', '6'), row('3', 'Cy', '7')]],
    ['a stray quote after a quoted cell that closes on its line', '"x, y","Ann,5\n2,b,c\n', [recovered('x, y', '"Ann', '5'), row('2', 'b', 'c')]],
    ['"" after a stray quote stays as written', '1,"Ann ""A"" Lee,5\n2,b,c\n', [recovered('1', '"Ann ""A"" Lee', '5'), row('2', 'b', 'c')]],
    ['a multi-line note of the right width is kept', '1,"line 1\nline 2",5\n2,x,6\n', [row('1', 'line 1\nline 2', '5'), row('2', 'x', '6')]],
    ['a multi-line note with CRLF and "" is kept', '1,"say ""hi""\r\nbye",5\r\n', [row('1', 'say "hi"\r\nbye', '5')]],
    ['a multi-line note in a row of the wrong width is read line by line', '1,"a\nb"\n2,x,6\n', [recovered('1', '"a'), row('b"'), row('2', 'x', '6')]],
    ['a multi-line cell followed by text after its quote is read line by line', '1,"a\nb"c,5\n', [recovered('1', '"a'), row('b"c', '5')]],
  ])('%s', (_label, text, expected) => {
    expect(readWithWidth(text, threeCells)).toEqual(expected);
  });

  it('without a header width (the header row itself), a quoted line break that closes cleanly is kept whatever the row width', () => {
    expect(readWithWidth('1,"a\nb"\n', WHOLE_INPUT)).toEqual([row('1', 'a\nb')]);
    expect(readWithWidth('1,"a\nb\n', WHOLE_INPUT)).toEqual([recovered('1', '"a'), row('b')]);
  });

  it('a row is judged only once it is whole: one that reaches the end of a chunk is left as the bytes give it', () => {
    const bytes = utf8('1,"Ann,5\n2,Bob');
    const rows: [number, number, number[]][] = [];
    scanRows(bytes, 0, bytes.length, 0x2c, (start, end, fields) => void rows.push([start, end, Array.from(fields.kinds.subarray(0, fields.count))]), undefined, { headerCells: 3, isInputEnd: false });
    expect(rows).toEqual([[0, bytes.length, [FIELD_PLAIN, FIELD_UNCLOSED]]]);
  });

  it('reading a recovered row alone gives the same cells (rowCells and the export read rows so)', () => {
    const bytes = utf8('1,"Ann,5\n2,Bob,6\n');
    const ranges: [number, number][] = [];
    scanRows(bytes, 0, bytes.length, 0x2c, (start, end) => void ranges.push([start, end]), undefined, threeCells);
    expect(ranges[0]).toEqual([0, 8]);
    expect(readRows(bytes, 0, 8, 0x2c, decoder)).toEqual([['1', '"Ann', '5']]);
  });
});

describe('spaces after a closing quote', () => {
  it.each([
    ['a space before the delimiter', '"B" ,2\n', [['B', '2']]],
    [
      'spaces and tabs before the line end',
      'x,"Gold" \t \r\ny,Gold\n',
      [
        ['x', 'Gold'],
        ['y', 'Gold'],
      ],
    ],
    ['a space before the end of the input', '"Gold" ', [['Gold']]],
    ['a number cell', '"1,234.5"  ,7\n', [['1,234.5', '7']]],
    ['"" inside', '"say ""hi"""  ,x\n', [['say "hi"', 'x']]],
    ['text after the spaces keeps the cell as written', '"Acme" Inc,2\n', [['"Acme" Inc', '2']]],
    ['spaces before an opening quote make the quote literal', ' "B",2\n', [[' "B"', '2']]],
  ])('%s', (_label, text, expected) => {
    expect(rows(text)).toEqual(expected);
  });

  it('a tab delimiter is not taken for padding', () => {
    expect(rows('"B"\t"C" \t"D"\n', '\t')).toEqual([['B', 'C', 'D']]);
  });

  it('the padded cell is quoted content (FIELD_QUOTED), so numbers and categories read it as the unpadded cell', () => {
    expect(kinds('"B" ,2')).toEqual([FIELD_QUOTED, FIELD_PLAIN]);
  });
});

describe('fieldText', () => {
  it.each([
    ['plain', 'ab""c', FIELD_PLAIN, 'ab""c'],
    ['quoted', 'a,b', FIELD_QUOTED, 'a,b'],
    ['escaped', 'say ""hi""', FIELD_ESCAPED, 'say "hi"'],
    ['escaped, only quotes', '""""', FIELD_ESCAPED, '""'],
    ['raw', '"a"b', FIELD_RAW, '"a"b'],
  ])('%s', (_label, content, kind, expected) => {
    const bytes = utf8(content);
    expect(fieldText(bytes, 0, bytes.length, kind, decoder)).toBe(expected);
  });

  it('decodes Windows-1252 bytes with a Windows-1252 decoder', () => {
    const bytes = Uint8Array.from([0x55, 0x6d, 0x65, 0xe5]);
    expect(fieldText(bytes, 0, 4, FIELD_PLAIN, new TextDecoder('windows-1252'))).toBe('Umeå');
  });
});

// ---------------------------------------------------------------- property --

const ALPHABET = ['a', 'b', 'Z', '0', '7', '.', ' ', ',', ';', '\t', '|', '"', '\n', '\r\n', '\r', 'å', '€'];
const DELIMITERS = [',', ';', '\t', '|'] as const;
const NEWLINES = ['\n', '\r\n'] as const;

interface Cell {
  text: string;
  alwaysQuoted: boolean;
}

const cellArb: fc.Arbitrary<Cell> = fc.record({
  text: fc.array(fc.constantFrom(...ALPHABET), { maxLength: 6 }).map((parts) => parts.join('')),
  alwaysQuoted: fc.boolean(),
});
// A one-cell row holding '' is an empty line, which both readers skip: not generated.
const rowArb = fc.array(cellArb, { minLength: 1, maxLength: 7 }).filter((row) => row.length > 1 || row[0].text !== '');

const csvArb = fc.record({
  rows: fc.array(rowArb, { minLength: 1, maxLength: 15 }),
  delimiter: fc.constantFrom(...DELIMITERS),
  newline: fc.constantFrom(...NEWLINES),
  trailingNewline: fc.boolean(),
});

function writeCell(cell: Cell, delimiter: string): string {
  const needsQuotes = /["\r\n]/.test(cell.text) || cell.text.includes(delimiter);
  return needsQuotes || cell.alwaysQuoted ? `"${cell.text.replaceAll('"', '""')}"` : cell.text;
}

function writeCsv(csv: { rows: Cell[][]; delimiter: string; newline: string; trailingNewline: boolean }): string {
  const text = csv.rows.map((row) => row.map((cell) => writeCell(cell, csv.delimiter)).join(csv.delimiter)).join(csv.newline);
  return csv.trailingNewline ? text + csv.newline : text;
}

describe('readRows matches papaparse', () => {
  it('property: random RFC 4180 CSVs read cell for cell as papaparse reads them', () => {
    fc.assert(
      fc.property(csvArb, (csv) => {
        const text = writeCsv(csv);
        const bytes = utf8(text);
        const ours = readRows(bytes, 0, bytes.length, csv.delimiter.charCodeAt(0), new TextDecoder());
        const papa = Papa.parse<string[]>(text, { delimiter: csv.delimiter, newline: csv.newline, skipEmptyLines: true });
        expect(ours).toEqual(papa.data);
        // And both are the cells that were written.
        expect(ours).toEqual(csv.rows.map((row) => row.map((cell) => cell.text)));
      }),
      { seed: 42, numRuns: 600 },
    );
  });

  it('property: re-reading a reported row range gives back that row (what rowCells relies on)', () => {
    fc.assert(
      fc.property(csvArb, (csv) => {
        const bytes = utf8(writeCsv(csv));
        const delimiter = csv.delimiter.charCodeAt(0);
        const all = readRows(bytes, 0, bytes.length, delimiter, decoder);
        const ranges: [number, number][] = [];
        scanRows(bytes, 0, bytes.length, delimiter, (start, end) => {
          ranges.push([start, end]);
        });
        expect(ranges.length).toBe(all.length);
        ranges.forEach(([start, end], r) => {
          expect(readRows(bytes, start, end, delimiter, decoder)).toEqual([all[r]]);
        });
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('property: never throws on random bytes; every row has at least one cell and ranges advance', () => {
    const bytesArb = fc.array(fc.constantFrom(0x2c, 0x22, 0x0a, 0x0d, 0x61, 0x20, 0xc3, 0xa5, 0x00, 0xff), { maxLength: 200 }).map((b) => Uint8Array.from(b));
    fc.assert(
      fc.property(bytesArb, (bytes) => {
        let previousEnd = -1;
        const stop = scanRows(bytes, 0, bytes.length, 0x2c, (start, end, fields) => {
          expect(fields.count).toBeGreaterThanOrEqual(1);
          expect(start).toBeGreaterThan(previousEnd);
          expect(end).toBeGreaterThanOrEqual(start);
          expect(end).toBeLessThanOrEqual(bytes.length);
          for (let k = 0; k < fields.count; k++) {
            expect(fields.starts[k]).toBeGreaterThanOrEqual(start);
            expect(fields.ends[k]).toBeLessThanOrEqual(bytes.length);
            expect(fields.ends[k]).toBeGreaterThanOrEqual(fields.starts[k]);
          }
          previousEnd = end;
        });
        expect(stop).toBe(bytes.length);
        expect(() => readRows(bytes, 0, bytes.length, 0x2c, decoder)).not.toThrow();
      }),
      { seed: 42, numRuns: 1000 },
    );
  });
});

describe('decodeText', () => {
  // Short ASCII cells skip the TextDecoder; every cell must still read as the decoder reads it.
  const decoders = { 'utf-8': textDecoder('utf-8'), 'windows-1252': textDecoder('windows-1252') };
  for (const [encoding, decoder] of Object.entries(decoders)) {
    it(`reads any bytes as the ${encoding} decoder does: ASCII, accented, multi-byte, long, with a BOM inside`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(), fc.nat(), (bytes, a, b) => {
          const start = bytes.length === 0 ? 0 : a % bytes.length;
          const end = start + (bytes.length === 0 ? 0 : b % (bytes.length - start + 1));
          expect(decodeText(bytes, start, end, decoder)).toBe(decoder.decode(bytes.subarray(start, end)));
        }),
        { numRuns: 2000 },
      );
    });
  }

  it('keeps a UTF-8 id, an accented name and a Windows-1252 é as their decoders give them', () => {
    const utf8 = new TextEncoder().encode('C0042,José,名前');
    expect(decodeText(utf8, 0, 5, decoders['utf-8'])).toBe('C0042');
    expect(decodeText(utf8, 6, 11, decoders['utf-8'])).toBe('José');
    expect(decodeText(utf8, 12, utf8.length, decoders['utf-8'])).toBe('名前');
    expect(decodeText(Uint8Array.from([0x4a, 0x6f, 0x73, 0xe9]), 0, 4, decoders['windows-1252'])).toBe('José');
  });
});
