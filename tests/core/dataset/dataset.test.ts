// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { columnIndex, detectKinds, loadCsv, MAX_CATEGORIES, MISSING_CODE, parseCsv, rowCells, uniqueHeaders } from '../../../src/core/dataset/dataset';
import { bytesSource } from '../../../src/core/csv/source';
import { PROBE_BYTES } from '../../../src/core/csv/decode';
import { column, concatBytes, cp1252, load, projectFile, utf16, utf8 } from '../fixtures';
import { parseFlagBytes } from '../../../src/core/csv/numbers';

describe('parseCsv refuses what it cannot load', () => {
  it.each([
    ['an empty file', new Uint8Array(0)],
    ['blank lines only', utf8('\n\r\n  \n')],
    ['a UTF-8 BOM only', Uint8Array.from([0xef, 0xbb, 0xbf])],
    ['a UTF-16LE BOM only', Uint8Array.from([0xff, 0xfe])],
  ])('%s → empty-file', (_label, bytes) => {
    expect(parseCsv(bytes, 'x.csv')).toEqual({ ok: false, problem: { kind: 'empty-file' } });
  });

  it.each([
    ['with a final line break', 'id,score,csat\n'],
    ['without a final line break', 'id,score,csat'],
    ['followed by blank lines', 'id,score,csat\r\n\r\n\r\n'],
  ])('a header only (%s) → header-only with its column count', (_label, text) => {
    expect(parseCsv(utf8(text), 'x.csv')).toEqual({ ok: false, problem: { kind: 'header-only', columns: 3 } });
  });

  it('an Excel workbook (.xlsx, a ZIP) dropped by mistake → binary', () => {
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0x62, 0xee, 0x9d, 0x68, 0x5e, 0x01, 0x00, 0x00, 0x90, 0x04, 0x00, 0x00]);
    expect(parseCsv(zip, 'customers.xlsx')).toEqual({ ok: false, problem: { kind: 'binary' } });
  });
});

describe('headers', () => {
  it('renames duplicate and empty headers and says so', () => {
    const dataset = load('id,score,score,,score, \n1,2,3,4,5,6\n');
    expect(dataset.columns.map((c) => c.name)).toEqual(['id', 'score', 'score (2)', 'Column 4', 'score (3)', 'Column 6']);
    expect(dataset.notices).toEqual([
      'Column name "score" appears more than once; column 3 is called "score (2)".',
      'Column 4 has no name; called it "Column 4".',
      'Column name "score" appears more than once; column 5 is called "score (3)".',
      'Column 6 has no name; called it "Column 6".',
    ]);
  });

  it.each([
    [
      ['a', 'a (2)', 'a'],
      ['a', 'a (2)', 'a (3)'],
    ],
    [
      [' name ', 'name'],
      ['name', 'name (2)'],
    ],
    [
      ['', 'Column 1'],
      ['Column 1', 'Column 1 (2)'],
    ],
    [
      ['x', 'y'],
      ['x', 'y'],
    ],
  ])('uniqueHeaders(%j) → %j', (header, names) => {
    expect(uniqueHeaders(header).names).toEqual(names);
  });

  it('does not put the BOM into the first header', () => {
    const dataset = load(utf8('\ufeffcustomer_id,score\nA,5\n'));
    expect(dataset.columns.map((c) => c.name)).toEqual(['customer_id', 'score']);
    expect(columnIndex(dataset, 'customer_id')).toBe(0);
  });

  it('takes the first non-empty line as the header, and unquotes it', () => {
    const dataset = load('\n\n"customer id","score, 0-100"\nA,5\n');
    expect(dataset.columns.map((c) => c.name)).toEqual(['customer id', 'score, 0-100']);
    expect(dataset.rowCount).toBe(1);
  });

  it('columnIndex finds a column by name, -1 when absent', () => {
    const dataset = load('a,b\n1,2\n');
    expect(columnIndex(dataset, 'b')).toBe(1);
    expect(columnIndex(dataset, 'c')).toBe(-1);
  });
});

describe('rows and cells', () => {
  it('lists ragged rows with their cell counts; missing cells of short rows are missing values', () => {
    const dataset = load('id,a,b\nC1,1,2\nC2,3\nC3,4,5,6\nC4,7,8\n');
    expect(dataset.rowCount).toBe(4);
    expect(Array.from(dataset.raggedRows)).toEqual([1, 2]);
    expect(Array.from(dataset.raggedCounts)).toEqual([2, 4]);
    expect(Array.from(column(dataset, 'b').values!)).toEqual([2, NaN, 5, 8]);
    expect(column(dataset, 'b').missingCount).toBe(1);
    expect(rowCells(dataset, 2)).toEqual(['C3', '4', '5', '6']);
  });

  it('rowCells returns the cells as written: quoted delimiters, "" quotes and line breaks', () => {
    const dataset = load('id,name,note,score\nC1,"Berg, Holm & Co","say ""hi""",4\nC2,Plain,"two\nlines",5\r\nC3,,,\n');
    expect(rowCells(dataset, 0)).toEqual(['C1', 'Berg, Holm & Co', 'say "hi"', '4']);
    expect(rowCells(dataset, 1)).toEqual(['C2', 'Plain', 'two\nlines', '5']);
    expect(rowCells(dataset, 2)).toEqual(['C3', '', '', '']);
    expect(dataset.rowCount).toBe(3);
  });

  it('skips blank lines between rows', () => {
    const dataset = load('id,v\n\nA,1\n\r\n\nB,2\n\n');
    expect(dataset.rowCount).toBe(2);
    expect(Array.from(column(dataset, 'v').values!)).toEqual([1, 2]);
  });

  it('reads a lone-CR (old Mac Excel) file', () => {
    const dataset = load('id,v\rA,1\rB,2\r');
    expect(dataset.rowCount).toBe(2);
    expect(rowCells(dataset, 1)).toEqual(['B', '2']);
  });
});

describe('a stray quote', () => {
  /** n customers (id, name, spend, tier), the name of customer `stray` (from 1) given a quote it never closes, or `strayCell` in its place. */
  function customersWithStray(n: number, stray: number, strayCell = '"Ann Lee'): string {
    const lines = ['id,name,spend,tier'];
    for (let k = 1; k <= n; k++) lines.push(k === stray ? `C${k},${strayCell},${k * 10},Gold` : `C${k},Name ${k},${k * 10},Gold`);
    return `${lines.join('\n')}\n`;
  }

  it('one unclosed quote on row 10 of 1,000 costs that row only: 1,000 customers, the row flagged and named', () => {
    const dataset = load(customersWithStray(1000, 10));
    expect(dataset.rowCount).toBe(1000);
    expect(Array.from(dataset.recoveredRows)).toEqual([9]);
    expect(dataset.raggedRows.length).toBe(0);
    expect(rowCells(dataset, 9)).toEqual(['C10', '"Ann Lee', '100', 'Gold']);
    expect(rowCells(dataset, 10)).toEqual(['C11', 'Name 11', '110', 'Gold']);
    expect(Array.from(column(dataset, 'spend').values ?? [])).toEqual(Array.from({ length: 1000 }, (_, r) => (r + 1) * 10));
    expect(dataset.notices).toEqual([
      'Customer row 10 has a quote (") that opens a cell and runs past the end of its line (row 10 reads: C10, "Ann Lee, 100, Gold). The quote was read as part of the cell, so the rows after it are still customers; the row is flagged in crs_issues. Check that cell in the file.',
    ]);
  });

  it('a quote opening the last cell of a row, which left the row its width, is found and named too', () => {
    const text = customersWithStray(1000, 0).replace('C10,Name 10,100,Gold', 'C10,Name 10,100,"Gold');
    const dataset = load(text);
    expect(dataset.rowCount).toBe(1000);
    expect(Array.from(dataset.recoveredRows)).toEqual([9]);
    expect(rowCells(dataset, 9)).toEqual(['C10', 'Name 10', '100', '"Gold']);
    expect(dataset.notices[0]).toMatch(/^Customer row 10 has a quote/);
  });

  it('names the first five rows and counts the rest', () => {
    const text = customersWithStray(100, 0).replace(/^(C(?:3|7|20|21|40|41|60)),Name/gm, '$1,"Name');
    const dataset = load(text);
    expect(dataset.rowCount).toBe(100);
    expect(Array.from(dataset.recoveredRows)).toEqual([2, 6, 19, 20, 39, 40, 59]);
    expect(dataset.notices).toEqual([
      '7 customer rows have a quote (") that opens a cell and runs past the end of its line (rows 3, 7, 20, 21, 40 and 2 more; row 3 reads: C3, "Name 3, 30, Gold). Each quote was read as part of its cell, so the rows after it are still customers; the rows are flagged in crs_issues. Check those cells in the file.',
    ]);
  });

  it("multi-line notes of the header's width read as before, with no notice", () => {
    const dataset = load('id,note,spend\nC1,"line 1\nline 2",10\nC2,"say ""hi""\r\nbye",20\nC3,plain,30\n');
    expect(dataset.rowCount).toBe(3);
    expect(dataset.recoveredRows.length).toBe(0);
    expect(dataset.notices).toEqual([]);
    expect(rowCells(dataset, 0)).toEqual(['C1', 'line 1\nline 2', '10']);
    expect(rowCells(dataset, 1)).toEqual(['C2', 'say "hi"\r\nbye', '20']);
  });

  it('a stray quote in a number cell leaves the column numeric; that cell is flagged as not a number', () => {
    const dataset = load(customersWithStray(50, 0).replace('C5,Name 5,50,', 'C5,Name 5,"50,'));
    expect(dataset.rowCount).toBe(50);
    const spend = column(dataset, 'spend');
    expect(spend.kind).toBe('number');
    expect(Array.from(spend.invalidRows)).toEqual([4]);
  });
});

describe('spaces after a closing quote', () => {
  it('are dropped: a number stays a number and "Gold" is the category Gold', () => {
    const dataset = load('id,spend,tier\nC1,"10" ,"Gold" \nC2,20,Gold\nC3,"1,234.5"\t,Silver\n');
    expect(column(dataset, 'spend').kind).toBe('number');
    expect(Array.from(column(dataset, 'spend').values ?? [])).toEqual([10, 20, 1234.5]);
    expect(column(dataset, 'tier').categories).toEqual(['Gold', 'Silver']);
    expect(Array.from(column(dataset, 'tier').codes ?? [])).toEqual([0, 0, 1]);
    expect(rowCells(dataset, 0)).toEqual(['C1', '10', 'Gold']);
  });
});

describe('numeric columns', () => {
  it('blanks and n/a-style tokens are missing (NaN), counted, and not invalid', () => {
    const dataset = load('id,csat\nA,4\nB,\nC,n/a\nD,N/A\nE,-\nF,5\nG,null\nH,  \n');
    const csat = column(dataset, 'csat');
    expect(csat.kind).toBe('number');
    expect(Array.from(csat.values!)).toEqual([4, NaN, NaN, NaN, NaN, 5, NaN, NaN]);
    expect(csat.missingCount).toBe(6);
    expect(Array.from(csat.invalidRows)).toEqual([]);
  });

  it('an unparsable cell in a numeric column is NaN and listed in invalidRows, not as missing', () => {
    const values = ['10', '20', '30', '40', '50', '60', '70', '80', '90', 'abc', '100', ''];
    const dataset = load(`id,orders\n${values.map((v, i) => `C${i},${v}`).join('\n')}\n`);
    const orders = column(dataset, 'orders');
    expect(orders.kind).toBe('number');
    expect(orders.values![9]).toBeNaN();
    expect(orders.values![10]).toBe(100);
    expect(Array.from(orders.invalidRows)).toEqual([9]);
    expect(orders.missingCount).toBe(1);
    expect(rowCells(dataset, 9)).toEqual(['C9', 'abc']);
  });

  it('a column is text when fewer than 70 % of its filled cells are numbers', () => {
    const dataset = load('id,code\nA,1\nB,x\nC,y\nD,4\nE,5\n');
    expect(column(dataset, 'code').kind).toBe('text');
    expect(column(dataset, 'code').values).toBeNull();
    expect(column(dataset, 'id').kind).toBe('text');
  });

  it('a column with no filled cell is text', () => {
    expect(column(load('id,empty\nA,\nB,n/a\n'), 'empty').kind).toBe('text');
  });

  it.each([
    // 7 of 10 filled cells parse: 70 %, numeric; 6 of 9: 67 %, text.
    [[['1'], ['2'], ['x'], ['4'], ['5'], ['y'], ['7'], ['8'], ['z'], ['10']], 'number'],
    [[['1'], ['2'], ['x'], ['4'], ['5'], ['y'], ['7'], ['z'], ['9']], 'text'],
    [[['1'], [''], ['n/a']], 'number'],
    [[[''], ['-']], 'text'],
  ] as const)('detectKinds(%j) → %s', (rows, kind) => {
    const bytes = new TextEncoder().encode(rows.map((row) => row.join(',')).join('\n'));
    expect(detectKinds(bytes, 0, bytes.length, 0x2c, 1, 'point')).toEqual([kind]);
  });

  it('reads thousands separators and decimal points in a comma file', () => {
    const dataset = load('id,revenue\nA,"1,234.50"\nB,99.9\nC,"12,000"\n');
    expect(dataset.dialect).toEqual({ delimiter: ',', decimal: 'point' });
    expect(Array.from(column(dataset, 'revenue').values!)).toEqual([1234.5, 99.9, 12000]);
  });

  it('reports progress as rows are scanned, rising to the end of the file', () => {
    const rows = Array.from({ length: 140_000 }, (_, i) => `${i},${i % 97}`).join('\n');
    const fractions: number[] = [];
    const result = parseCsv(utf8(`id,v\n${rows}\n`), 'big.csv', (f) => fractions.push(f));
    expect(result.ok && result.dataset.rowCount).toBe(140_000);
    expect(fractions.length).toBe(2);
    expect(fractions[0]).toBeGreaterThan(0);
    expect(fractions[1]).toBeGreaterThan(fractions[0]);
    expect(fractions[1]).toBeLessThanOrEqual(1);
  });
});

describe('categorical text columns', () => {
  const M = MISSING_CODE;

  it('codes each row by its value: categories sorted, quoted and padded values merged, missing cells coded missing', () => {
    const csv = 'id,Contract,score\n1,Two year,5\n2,Month-to-month,6\n3,"One year",7\n4,,8\n5, One year ,9\n6,n/a,1\n7,"Two year"\n8\n';
    const contract = column(load(csv), 'Contract');
    expect(contract.kind).toBe('text');
    expect(contract.categories).toEqual(['Month-to-month', 'One year', 'Two year']);
    expect(Array.from(contract.codes!)).toEqual([2, 0, 1, M, 1, M, 2, M]);
  });

  it('keeps a quoted value with a delimiter and "" quotes as one category', () => {
    const plan = column(load('id,plan\n1,"Pro, annual"\n2,"Say ""hi"""\n3,"Pro, annual"\n'), 'plan');
    expect(plan.categories).toEqual(['Pro, annual', 'Say "hi"']);
    expect(Array.from(plan.codes!)).toEqual([0, 1, 0]);
  });

  it(`a column with more than ${MAX_CATEGORIES} distinct values is free text, not categorical; numbers and flags are not either`, () => {
    const rows = Array.from({ length: MAX_CATEGORIES + 1 }, (_, i) => `${i},note ${i},${i % 2 ? 'yes' : 'no'},x${i % MAX_CATEGORIES}`);
    const dataset = load(`id,note,active,code\n${rows.join('\n')}\n`);
    expect(column(dataset, 'note').categories).toBeNull();
    expect(column(dataset, 'note').codes).toBeNull();
    expect(column(dataset, 'code').categories).toHaveLength(MAX_CATEGORIES);
    expect(column(dataset, 'id').categories).toBeNull();
    expect(column(dataset, 'active').kind).toBe('flag');
    expect(column(dataset, 'active').categories).toBeNull();
  });

  it('a text column with only missing cells is not categorical', () => {
    expect(column(load('id,x\nA,\nB,n/a\n'), 'x').categories).toBeNull();
  });

  it(`${MAX_CATEGORIES} values each written four ways (plain, quoted, padded, padded and quoted) are ${MAX_CATEGORIES} categories`, () => {
    // 200 byte forms: more than the coder's first byte-form table holds, so it grows.
    const forms = (k: number) => [`v${k}`, `"v${k}"`, ` v${k}  `, `" v${k}"`];
    const cells = Array.from({ length: MAX_CATEGORIES }, (_, k) => forms(k)).flat();
    const tag = column(load(`id,tag\n${cells.map((cell, i) => `${i},${cell}`).join('\n')}\n`), 'tag');
    const sorted = Array.from({ length: MAX_CATEGORIES }, (_, k) => `v${k}`).sort();
    expect(tag.categories).toEqual(sorted);
    expect(Array.from(tag.codes!)).toEqual(cells.map((_, i) => sorted.indexOf(`v${Math.floor(i / 4)}`)));
  });

  it('property: codes match each cell decoded and trimmed (byte forms looked up by hash, never by text)', () => {
    const word = fc.constantFrom('a', 'b', 'ab', 'ba', 'aa', 'Å', 'n/a', '', ' ', 'x,y', 'say "hi"', 'One year', 'One yeat');
    const cell = fc.tuple(word, fc.constantFrom('', ' ', '  '), fc.constantFrom('', ' '), fc.boolean()).map(([w, before, after, quoted]) => {
      const padded = `${before}${w}${after}`;
      return quoted || /[",]/.test(w) ? `"${padded.replaceAll('"', '""')}"` : padded;
    });
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 80 }), (cells) => {
        const dataset = load(`id,tag\n${cells.map((c, i) => `${i},${c}`).join('\n')}\n`);
        const tag = column(dataset, 'tag');
        const texts = Array.from({ length: dataset.rowCount }, (_, r) => (rowCells(dataset, r)[1] ?? '').trim());
        const present = texts.filter((t) => t !== '' && t.toLowerCase() !== 'n/a');
        if (tag.kind !== 'text' || present.length === 0) return;
        const categories = [...new Set(present)].sort();
        expect(tag.categories).toEqual(categories);
        expect(Array.from(tag.codes!)).toEqual(texts.map((t) => (t === '' || t.toLowerCase() === 'n/a' ? MISSING_CODE : categories.indexOf(t))));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('encodings', () => {
  const SWEDISH = 'kund;omsättning;nöjdhet\nÅsa;1 234,50;4\nÖrjan;12,5;5\n';

  function expectSwedish(dataset: ReturnType<typeof load>) {
    expect(dataset.dialect).toEqual({ delimiter: ';', decimal: 'comma' });
    expect(dataset.columns.map((c) => [c.name, c.kind])).toEqual([
      ['kund', 'text'],
      ['omsättning', 'number'],
      ['nöjdhet', 'number'],
    ]);
    expect(Array.from(column(dataset, 'omsättning').values!)).toEqual([1234.5, 12.5]);
    expect(Array.from(column(dataset, 'nöjdhet').values!)).toEqual([4, 5]);
    expect(rowCells(dataset, 0)).toEqual(['Åsa', '1 234,50', '4']);
    expect(rowCells(dataset, 1)).toEqual(['Örjan', '12,5', '5']);
  }

  it('reads a Swedish UTF-8 file with ; and decimal commas', () => {
    const dataset = load(utf8(SWEDISH));
    expectSwedish(dataset);
    expect(dataset.textEncoding).toBe('utf-8');
    expect(dataset.notices).toEqual([]);
  });

  it('reads the same file saved by Excel as Windows-1252', () => {
    const dataset = load(cp1252(SWEDISH));
    expectSwedish(dataset);
    expect(dataset.sourceEncoding).toBe('windows-1252');
    expect(dataset.textEncoding).toBe('windows-1252');
    expect(dataset.notices).toEqual(['Read as Windows-1252 (the file is not valid UTF-8).']);
  });

  it('reads a Windows-1252 NBSP (0xA0) thousands separator', () => {
    const dataset = load(cp1252('kund;omsättning\nÅsa;1\u00a0234,50\nBo;99,5\n'));
    expect(Array.from(column(dataset, 'omsättning').values!)).toEqual([1234.5, 99.5]);
  });

  // Bug: parseNumberBytes only knows the UTF-8 bytes of £ and €, but a Windows-1252 file is
  // scanned as raw bytes (£ = 0xA3, € = 0x80). detectKinds parses the *decoded* sample and
  // calls the column numeric, then scanData parses the raw bytes and every amount becomes
  // NaN and "invalid".
  it('reads £ amounts in a Windows-1252 file (a UK Excel export) as numbers', () => {
    const bytes = cp1252('customer;revenue\nA;£3.50\nB;£12.00\nC;4\n');
    expect(bytes).toContain(0xa3);
    const revenue = column(load(bytes), 'revenue');
    expect(revenue.kind).toBe('number');
    expect(Array.from(revenue.invalidRows)).toEqual([]);
    expect(Array.from(revenue.values!)).toEqual([3.5, 12, 4]);
  });

  it.each(['le', 'be'] as const)('reads UTF-16%s with a BOM to the same columns, transcoded to UTF-8', (order) => {
    const dataset = load(utf16(SWEDISH, order, true));
    expectSwedish(dataset);
    expect(dataset.sourceEncoding).toBe(order === 'le' ? 'utf-16le' : 'utf-16be');
    expect(dataset.textEncoding).toBe('utf-8');
    expect(dataset.notices).toEqual([`Read as UTF-16${order.toUpperCase()}: converted to UTF-8 first (slower path).`]);
  });

  // U+FEFF inside the file is text (a zero width no-break space); only the BOM at its very start is not.
  it.each([
    ['UTF-8 with a BOM', utf8('\ufeffid,name,city\n1,\ufeffAnn,"\ufeffUmeå"\n2,Bo,Lund\n')],
    ['UTF-8 without one', utf8('id,name,city\n1,\ufeffAnn,"\ufeffUmeå"\n2,Bo,Lund\n')],
    ['UTF-16LE with a BOM', utf16('id,name,city\n1,\ufeffAnn,"\ufeffUmeå"\n2,Bo,Lund\n', 'le', true)],
  ])('keeps a U+FEFF that starts a cell (%s)', (_, bytes) => {
    const dataset = load(bytes);
    expect(dataset.columns.map((c) => c.name)).toEqual(['id', 'name', 'city']);
    expect(rowCells(dataset, 0)).toEqual(['1', '\ufeffAnn', '\ufeffUmeå']);
    expect(rowCells(dataset, 1)).toEqual(['2', 'Bo', 'Lund']);
  });

  it('reads BOM-less UTF-16LE (Excel "Unicode text")', () => {
    const dataset = load(utf16(SWEDISH.replaceAll(';', '\t'), 'le', false));
    expect(dataset.dialect.delimiter).toBe('\t');
    expect(Array.from(column(dataset, 'omsättning').values!)).toEqual([1234.5, 12.5]);
  });
});

describe('Windows-1252 rows after the first MB of a UTF-8 file', () => {
  // 50,000 customers in UTF-8 (1.3 MB: the encoding is decided on the first MB), but for
  // rows 45,001 to 45,003 and the last, saved as Windows-1252 (pasted in from another export).
  const inCp1252 = new Set([45_000, 45_001, 45_002, 49_999]);
  const rows = Array.from({ length: 50_000 }, (_, i) => (inCp1252.has(i) ? cp1252(`${i + 1},Jörg Müller,Västerås,${i % 100}\n`) : utf8(`${i + 1},Åsa Öberg,Umeå,${i % 100}\n`)));
  const bytes = concatBytes([utf8('id,name,city,score\n'), ...rows]);
  const notice =
    '4 customer rows are not valid UTF-8 (rows 45,001, 45,002, 45,003 and 50,000; row 45,001 reads: 45001, J\ufffdrg M\ufffdller, V\ufffdster\ufffds, 0). The file begins as UTF-8 and was read as UTF-8, so their characters that are not show as "\ufffd"; the rows are kept. Part of the file is probably in another encoding (such as Windows-1252): save the whole file as CSV UTF-8 and load it again.';

  it('keeps every row, shows the bytes that are not UTF-8 as "\ufffd", and names the rows in a notice', () => {
    expect(concatBytes(rows.slice(0, 45_000)).length).toBeGreaterThan(PROBE_BYTES);
    const dataset = load(bytes);
    expect(dataset.textEncoding).toBe('utf-8');
    expect(dataset.rowCount).toBe(50_000);
    expect(rowCells(dataset, 44_999)).toEqual(['45000', 'Åsa Öberg', 'Umeå', '99']);
    expect(rowCells(dataset, 45_000)).toEqual(['45001', 'J\ufffdrg M\ufffdller', 'V\ufffdster\ufffds', '0']);
    expect(column(dataset, 'score').values?.[45_002]).toBe(2);
    expect(dataset.notices).toEqual([notice]);
  });

  it('the streaming load names the same rows, whatever chunks cut the file', async () => {
    for (const chunkBytes of [1_001, 64 * 1024]) {
      const result = await loadCsv({ source: bytesSource(bytes) }, 'c.csv', { chunkBytes });
      if (!result.ok) throw new Error(result.problem.kind);
      expect(result.dataset.notices).toEqual([notice]);
    }
  });

  it('one row, named alone', () => {
    const dataset = load(concatBytes([utf8('id,name,city,score\n'), ...rows.slice(0, 45_000), cp1252('45001,Jörg,Umeå,0\n'), ...rows.slice(45_003, 45_010)]));
    expect(dataset.notices).toEqual([
      'Customer row 45,001 is not valid UTF-8 (row 45,001 reads: 45001, J\ufffdrg, Ume\ufffd, 0). The file begins as UTF-8 and was read as UTF-8, so the characters of that row that are not show as "\ufffd"; the row is kept. Check it in the file, or save the file as CSV UTF-8 and load it again.',
    ]);
  });

  it('a file in UTF-8 throughout, read in chunks that cut its two-byte characters, has no notice', async () => {
    const utf8Only = concatBytes([utf8('id,name,city,score\n'), ...Array.from({ length: 50_000 }, (_, i) => utf8(`${i + 1},Åsa Öberg,Umeå,${i % 100}\n`))]);
    const result = await loadCsv({ source: bytesSource(utf8Only) }, 'c.csv', { chunkBytes: 1_001 });
    if (!result.ok) throw new Error(result.problem.kind);
    expect(result.dataset.notices).toEqual([]);
  });
});

describe('real files', () => {
  const NUMERIC = ['tenure_months', 'engagement_score', 'csat', 'nps', 'orders_12m', 'total_revenue', 'avg_order_value', 'days_since_last_purchase', 'support_tickets', 'support_rating'];

  it('the bundled sample has 5000 customers and 18 columns, numbers detected, cells as papaparse reads them', () => {
    const bytes = projectFile('public/sample-customers.csv');
    const dataset = load(bytes, 'sample-customers.csv');
    expect(dataset.rowCount).toBe(5000);
    expect(dataset.columns.length).toBe(18);
    expect(dataset.dialect).toEqual({ delimiter: ',', decimal: 'point' });
    expect(dataset.columns.filter((c) => c.kind === 'number').map((c) => c.name)).toEqual(NUMERIC);
    expect(dataset.raggedRows.length).toBe(0);

    const papa = Papa.parse<string[]>(new TextDecoder().decode(bytes), { skipEmptyLines: true }).data;
    expect(dataset.columns.map((c) => c.name)).toEqual(papa[0]);
    for (let r = 0; r < dataset.rowCount; r++) expect(rowCells(dataset, r)).toEqual(papa[r + 1]);
    dataset.columns.forEach((c, k) => {
      if (c.kind !== 'number') return;
      const expected = papa.slice(1).map((row) => (row[k] === '' ? NaN : Number(row[k])));
      expect(Array.from(c.values!), c.name).toEqual(expected);
      expect(c.missingCount, c.name).toBe(expected.filter(Number.isNaN).length);
      expect(c.invalidRows.length, c.name).toBe(0);
    });
    expect(column(dataset, 'support_rating').missingCount).toBe(515);
    expect(rowCells(dataset, 0)[1]).toBe('Björn Müller');
  });

  it('the Telco churn file: 7043 customers, TotalCharges numeric with 11 blank (one space) cells missing', () => {
    const dataset = load(projectFile('../shared/datasets/telco-customer-churn.csv'), 'telco.csv');
    expect(dataset.rowCount).toBe(7043);
    expect(dataset.columns.length).toBe(21);
    const total = column(dataset, 'TotalCharges');
    expect(total.kind).toBe('number');
    expect(total.missingCount).toBe(11);
    expect(total.invalidRows.length).toBe(0);
    expect(column(dataset, 'tenure').kind).toBe('number');
    expect(column(dataset, 'MonthlyCharges').values![0]).toBe(29.85);
    // Yes/No columns are flags: 1/0 per customer. SOURCES.md: 1,869 churned.
    const churn = column(dataset, 'Churn');
    expect(churn.kind).toBe('flag');
    expect(churn.values!.reduce((sum, v) => sum + v, 0)).toBe(1869);
    expect(column(dataset, 'Partner').kind).toBe('flag');
    expect(column(dataset, 'Contract').kind).toBe('text');
  });

  it.each([
    ['yes', 1],
    [' No ', 0],
    ['TRUE', 1],
    ['false', 0],
    ['Y', 1],
    ['nej', 0],
    ['maybe', NaN],
    ['', NaN],
  ])('parseFlagBytes(%j) = %d', (cell, expected) => {
    const bytes = new TextEncoder().encode(cell);
    expect(parseFlagBytes(bytes, 0, bytes.length)).toBe(expected);
  });
});

describe('parseCsv properties', () => {
  it('property: never throws on random bytes', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.array(fc.constantFrom(...utf8('a1,;"\n\r .-'), 0xe5, 0xc3, 0xa5, 0x00), { maxLength: 300 }).map((b) => Uint8Array.from(b)),
    );
    fc.assert(
      fc.property(bytes, (input) => {
        const result = parseCsv(input, 'x.csv');
        if (result.ok) {
          const { dataset } = result;
          expect(dataset.rowCount).toBeGreaterThan(0);
          for (const c of dataset.columns) if (c.values) expect(c.values.length).toBe(dataset.rowCount);
          for (let r = 0; r < dataset.rowCount; r++) expect(Array.isArray(rowCells(dataset, r))).toBe(true);
        } else {
          expect(['empty-file', 'binary', 'header-only']).toContain(result.problem.kind);
        }
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('property: a numeric column written with random integers and decimals reads back exactly', () => {
    const value = fc.oneof(
      fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((d) => d.toFixed(2)),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 60 }), fc.constantFrom(',', ';'), (values, delimiter) => {
        const comma = delimiter === ';';
        const text = `id${delimiter}amount\n${values.map((v, i) => `C${i}${delimiter}${comma ? v.replace('.', ',') : v}`).join('\n')}\n`;
        const dataset = load(text);
        const amount = column(dataset, 'amount');
        expect(amount.kind).toBe('number');
        expect(Array.from(amount.values!)).toEqual(values.map(Number));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('date columns', () => {
  const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

  it('reads ISO dates as days since 1970-01-01 UTC, a time of day as a fraction; blank is missing, an unparsable cell invalid', () => {
    const rows = ['id,last_login', 'A,2026-11-01', 'B,2026-10-02T12:00:00Z', 'C,', 'D,n/a'];
    for (let i = 0; i < 20; i++) rows.push(`R${i},2026-01-${String(i + 1).padStart(2, '0')}`);
    rows.push('X,2026-02-30');
    const dataset = load(rows.join('\n') + '\n');
    const last = column(dataset, 'last_login');
    expect(last.kind).toBe('date');
    expect(last.values?.[0]).toBe(day(2026, 11, 1));
    expect(last.values?.[1]).toBe(day(2026, 10, 2) + 0.5);
    expect(last.values?.[2]).toBeNaN();
    expect(last.missingCount).toBe(2);
    expect(Array.from(last.invalidRows)).toEqual([24]);
    expect(last.values?.[24]).toBeNaN();
    expect(last.categories).toBeNull();
  });

  it.each([
    ['a day over 12 makes the column day first', 'id,d\nA,25/12/2026\nB,03/04/2026\n', 'dmy', [day(2026, 12, 25), day(2026, 4, 3)], []],
    ['a second field over 12 makes it month first', 'id,d\nA,12/25/2026\nB,03/04/2026\n', 'mdy', [day(2026, 12, 25), day(2026, 3, 4)], []],
    ['neither, in a decimal-point file: month first', 'id,d,x\nA,03/04/2026,1.5\nB,05/06/2026,2.5\n', 'mdy', [day(2026, 3, 4), day(2026, 5, 6)], []],
    ['neither, in a decimal-comma file: day first', 'id;d;x\nA;03.04.2026;1,5\nB;05.06.2026;2,5\n', 'dmy', [day(2026, 4, 3), day(2026, 6, 5)], []],
    ['both, in a decimal-point file: month first, the day-first cell invalid', 'id,d\nA,25/12/2026\nB,12/25/2026\nC,03/04/2026\n', 'mdy', [NaN, day(2026, 12, 25), day(2026, 3, 4)], [0]],
  ])('%s', (_label, text, order, values, invalidRows) => {
    const d = column(load(text), 'd');
    expect(d.kind).toBe('date');
    expect(d.dateOrder).toBe(order);
    expect(Array.from(d.values ?? [])).toEqual(values);
    expect(Array.from(d.invalidRows)).toEqual(invalidRows);
  });

  it.each([
    // 19 of 20 filled cells are dates: 95 %, a date column; 18 of 20: 90 %, text.
    [19, 'date'],
    [18, 'text'],
  ] as const)('%i dates in 20 filled cells → %s', (dates, kind) => {
    const rows = ['id,d'];
    for (let i = 0; i < 20; i++) rows.push(i < dates ? `R${i},2026-01-${String(i + 1).padStart(2, '0')}` : `R${i},soon`);
    rows.push('Z,');
    expect(column(load(rows.join('\n')), 'd').kind).toBe(kind);
  });

  it('numbers and yes/no stay numbers and flags', () => {
    const dataset = load('id,n,f,d\nA,20260312,yes,2026/03/12\nB,20260313,no,2026/03/13\n');
    expect(dataset.columns.map((c) => c.kind)).toEqual(['text', 'number', 'flag', 'date']);
    expect(column(dataset, 'n').dateOrder).toBeNull();
  });
});

describe('wide files (issue 16)', () => {
  // 20,000 columns named with 14 characters: the header alone passes the 256 KB sample.
  const columns = 20_000;
  const header = Array.from({ length: columns }, (_, c) => `measure_${String(c).padStart(6, '0')}`).join(',');
  const rows = Array.from({ length: 12 }, (_, r) => Array.from({ length: columns }, (_, c) => String((r * 7 + c) % 100)).join(','));
  const text = `${header}\n${rows.join('\n')}\n`;

  it('reads the column kinds from rows after a header wider than the sample: numbers stay numbers', () => {
    expect(header.length).toBeGreaterThan(256 * 1024);
    const dataset = load(text);
    expect(dataset.columns).toHaveLength(columns);
    expect(dataset.columns.every((column) => column.kind === 'number')).toBe(true);
    expect(dataset.columns[19_999].values?.[11]).toBe((11 * 7 + 19_999) % 100);
  });

  it('the streaming load, in small chunks, reads the same kinds', async () => {
    const bytes = utf8(text);
    const result = await loadCsv({ source: bytesSource(bytes) }, 'wide.csv', { chunkBytes: 64 * 1024 });
    if (!result.ok) throw new Error(result.problem.kind);
    expect(result.dataset.columns.every((column) => column.kind === 'number')).toBe(true);
    expect(result.dataset.rowCount).toBe(12);
  });
});
