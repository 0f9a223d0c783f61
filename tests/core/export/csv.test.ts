// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { analyze } from '../../../src/core/scoring/analysis';
import { parseNumber } from '../../../src/core/csv/numbers';
import { rowCells as rowCellsOf, type Dataset } from '../../../src/core/dataset/dataset';
import { exportScoredCsv, formatDerived, formatScore, RECOVERED_ROW_ISSUE, scoredFileName } from '../../../src/core/export/csv';
import { exportCell } from '../../../src/core/export/cell';
import { RFM_COLUMNS } from '../../../src/core/export/outputColumns';
import { bandOf, defaultModel, type Model } from '../../../src/core/model/model';
import { autoMap } from '../../../src/core/schema/mapping';
import { withFactorAdded } from '../../../src/core/model/modelEdits';
import { scoreRfm, type RfmScores } from '../../../src/core/rfm/rfm';
import { defaultRfm } from '../../../src/core/rfm/rfmSpec';
import { concatBytes, cp1252, load, modelWith, projectFile } from '../fixtures';

const SCORE_HEADER = ['crs', 'crs_band', 'relationship_group', 'crs_issues'];

/** Exports, checks the BOM, and reads the result back with papaparse. */
function exportAndRead(dataset: Dataset, model: Model): { rows: string[][]; parts: Uint8Array[] } {
  const parts = exportScoredCsv(dataset, analyze(dataset, model), model);
  const bytes = concatBytes(parts);
  expect(Array.from(bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(3));
  expect(text.endsWith('\r\n')).toBe(true);
  const parsed = Papa.parse<string[]>(text, { delimiter: dataset.dialect.delimiter, newline: '\r\n', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { rows: parsed.data, parts };
}

describe('exportScoredCsv with an added factor, a shape and a rule', () => {
  // Engagement as-is (weight 30); logins added as a factor (weight 10) with a threshold at
  // 10 logins; churned = yes costs 50 points.
  const CSV = 'id,engagement_score,logins,churned\nA,80,12,no\nB,40,,yes\nC,,3,no\n';

  it('exports the scores with rules and shapes applied, naming the added factor in issues', () => {
    const m = withFactorAdded(modelWith({ engagement: 'engagement_score' }), 'logins');
    m.factors[4].shape = { kind: 'threshold', at: 10 };
    m.factors[0].normalization = 'as-is';
    m.rules = [{ id: 'r', column: 'churned', when: 'yes', value: 0, points: -50 }];
    const { rows } = exportAndRead(load(CSV), m);
    expect(rows.slice(1).map((row) => row.slice(4))).toEqual([
      ['85.0', 'good', '', ''], // (30·80 + 10·100) / 40
      ['0.0', 'poor', '', 'scored without logins (no value)'], // 40 − 50, clamped
      ['0.0', 'poor', '', 'scored without Engagement (no value)'], // 3 logins < 10 → 0
    ]);
  });
});

describe('exportScoredCsv round trip', () => {
  // Engagement is a 0–100 score used as-is (forced, so -5 is clamped); csat a 1–5 scale.
  // Profitability revenue (median 500), loyalty tenure (median 18).
  const CSV = [
    'customer_id,company,note,engagement_score,csat,revenue,tenure_months',
    'C1,"Berg, Holm & Co","first line\nsecond line",80,5,1000,36',
    'C2,=SUM(A1),plain,60,3,200,6',
    'C3,Umeå AB,"say ""hi""",-5,4,600,24',
    'C4,Short Ltd,n/a',
    'C5,Long AB,x,50,2,300,12,extra1,"extra, 2"',
    'C6,Empty Co,none,,,400,48',
    'C7,Text in number,-,70,abc,800,3',
    '',
  ].join('\n');

  function model(): Model {
    const m = modelWith({ engagement: 'engagement_score', satisfaction: 'csat' }, { profitability: 'revenue', loyalty: 'tenure_months' });
    m.factors[0].normalization = 'as-is';
    return m;
  }

  it('writes every input row in order, every cell as read, then crs, band, group and issues', () => {
    const { rows } = exportAndRead(load(CSV), model());
    expect(rows).toEqual([
      ['customer_id', 'company', 'note', 'engagement_score', 'csat', 'revenue', 'tenure_months', ...SCORE_HEADER],
      // (30·80 + 30·100) / 60 = 90
      ['C1', 'Berg, Holm & Co', 'first line\nsecond line', '80', '5', '1000', '36', '90.0', 'good', 'true friends', ''],
      // A formula-like text cell is neutralised with an apostrophe. (30·60 + 30·50) / 60 = 55
      ['C2', "'=SUM(A1)", 'plain', '60', '3', '200', '6', '55.0', 'average', 'strangers', ''],
      // -5 is a number: written unchanged, clamped to 0 for the score. (0 + 30·75) / 60 = 37.5
      ['C3', 'Umeå AB', 'say "hi"', '-5', '4', '600', '24', '37.5', 'poor', 'true friends', 'Engagement: -5 is outside 0–100; clamped'],
      ['C4', 'Short Ltd', 'n/a', '', '', '', '', '', '', '', 'row has 3 of 7 cells; padded with empty cells; not scored: no value for Engagement, Satisfaction'],
      ['C5', 'Long AB', 'x', '50', '2', '300', '12', '37.5', 'poor', 'strangers', 'row has 9 cells, header has 7; extra cells: extra1 | extra, 2'],
      ['C6', 'Empty Co', 'none', '', '', '400', '48', '', '', 'barnacles', 'not scored: no value for Engagement, Satisfaction'],
      ['C7', 'Text in number', '-', '70', 'abc', '800', '3', '70.0', 'good', 'butterflies', 'Satisfaction: "abc" is not a number; scored without Satisfaction (no value)'],
    ]);
  });

  it('a file with no mapped factor says so on every row', () => {
    const { rows } = exportAndRead(load('id,x\nA,1\nB,2\n'), modelWith({}));
    expect(rows.slice(1)).toEqual([
      ['A', '1', '', '', '', 'not scored: no factor is mapped'],
      ['B', '2', '', '', '', 'not scored: no factor is mapped'],
    ]);
  });

  it('a customer whose only weighted factor is blank is unscored for that blank, not for weights (issue 16)', () => {
    const m = modelWith({ engagement: 'engagement_score', satisfaction: 'csat' });
    m.factors[1].weight = 0;
    const { rows } = exportAndRead(load('id,engagement_score,csat\nA,,4\nB,50,3\n'), m);
    expect(rows[1]).toEqual(['A', '', '4', '', '', '', 'not scored: no value for Engagement (the factors it has weigh 0)']);
    expect(rows[2].slice(3, 5)).toEqual(['50.0', 'average']);
  });

  it('when every factor weighs 0, that is the reason', () => {
    const m = modelWith({ engagement: 'engagement_score', satisfaction: 'csat' });
    m.factors[0].weight = 0;
    m.factors[1].weight = 0;
    const { rows } = exportAndRead(load('id,engagement_score,csat\nA,20,4\n'), m);
    expect(rows[1][6]).toBe('not scored: its factors all have weight 0');
  });

  it('a Swedish ; file with decimal commas keeps ; and writes the CRS with a decimal comma', () => {
    const dataset = load('kund;nöjdhet;omsättning\nÅsa;4;1 234,50\nBo;2;99,5\n');
    const { rows } = exportAndRead(dataset, modelWith({ satisfaction: 'nöjdhet' }));
    expect(rows).toEqual([
      ['kund', 'nöjdhet', 'omsättning', ...SCORE_HEADER],
      ['Åsa', '4', '1 234,50', '75,0', 'good', '', ''],
      ['Bo', '2', '99,5', '25,0', 'poor', '', ''],
    ]);
  });

  it('a Windows-1252 input comes out as UTF-8 with the same text', () => {
    const dataset = load(cp1252('kund;stad;nöjdhet\nÅsa;Umeå;5\nÖrjan;Västerås;1\n'));
    expect(dataset.textEncoding).toBe('windows-1252');
    const { rows } = exportAndRead(dataset, modelWith({ satisfaction: 'nöjdhet' }));
    expect(rows.map((row) => row.slice(0, 5))).toEqual([
      ['kund', 'stad', 'nöjdhet', 'crs', 'crs_band'],
      ['Åsa', 'Umeå', '5', '100,0', 'good'],
      ['Örjan', 'Västerås', '1', '0,0', 'poor'],
    ]);
  });

  it('a UTF-16 input comes out as UTF-8 with the same cells', () => {
    const text = 'id\tname\tcsat\r\nA\tÅsa\t5\r\nB\t"Berg\tHolm"\t3\r\n';
    const units = '\ufeff' + text;
    const bytes = new Uint8Array(units.length * 2);
    for (let i = 0; i < units.length; i++) {
      bytes[2 * i] = units.charCodeAt(i) & 0xff;
      bytes[2 * i + 1] = units.charCodeAt(i) >> 8;
    }
    const { rows } = exportAndRead(load(bytes), modelWith({ satisfaction: 'csat' }));
    expect(rows.map((row) => row.slice(0, 4))).toEqual([
      ['id', 'name', 'csat', 'crs'],
      ['A', 'Åsa', '5', '100.0'],
      ['B', 'Berg\tHolm', '3', '50.0'],
    ]);
  });

  it('keeps a U+FEFF that starts a cell, in a row copied as it is and in one rebuilt (an extra cell)', () => {
    const dataset = load('\ufeffid,name,csat\nA,\ufeffAnn,5,extra\nB,\ufeffBo,3\n');
    const { rows } = exportAndRead(dataset, modelWith({ satisfaction: 'csat' }));
    expect(rows.map((row) => row.slice(0, 3))).toEqual([
      ['id', 'name', 'csat'],
      ['A', '\ufeffAnn', '5'],
      ['B', '\ufeffBo', '3'],
    ]);
  });

  it('neutralises formula-like header names too', () => {
    const { rows } = exportAndRead(load('id,=cmd,csat\nA,x,5\n'), modelWith({ satisfaction: 'csat' }));
    expect(rows[0].slice(0, 3)).toEqual(['id', "'=cmd", 'csat']);
  });

  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+46 70 123 45 67', "'+46 70 123 45 67"],
    ['@SUM(1)', "'@SUM(1)"],
    ['-5', '-5'],
    ['+5', '+5'],
    ['-', '-'],
    ['-1,234.5', '-1,234.5'],
  ])('a text cell %j is exported as %j', (cell, exported) => {
    const dataset = load(`id,note,csat\nA,"${cell.replaceAll('"', '""')}",5\n`);
    const { rows } = exportAndRead(dataset, modelWith({ satisfaction: 'csat' }));
    expect(rows[1][1]).toBe(exported);
  });

  // Bug: a row whose last field opens a quote that never closes (a truncated export) is
  // copied byte for byte, so the unclosed quote swallows the appended crs columns and the
  // row's score is lost: the note cell reads 'Customer said: great,70.0,good,,\r\n'.
  // The load reads that quote as a character of the cell (a stray quote) and flags the row.
  it('a truncated last row with an unclosed quote still gets its score columns, and is flagged', () => {
    const dataset = load('id,engagement_score,note\nC1,50,ok\nC2,70,"Customer said: great');
    expect(dataset.rowCount).toBe(2);
    const m = modelWith({ engagement: 'engagement_score' });
    const parts = exportScoredCsv(dataset, analyze(dataset, m), m);
    const text = new TextDecoder().decode(concatBytes(parts)).replace(/^\ufeff/, '');
    const rows = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n', skipEmptyLines: true }).data;
    expect(rows[2]).toEqual(['C2', '70', '"Customer said: great', '70.0', 'good', '', RECOVERED_ROW_ISSUE]);
  });

  it('a stray quote on row 10 of 1,000: 1,000 rows exported, that row flagged in crs_issues with its cells as read', () => {
    const lines = ['id,name,engagement_score'];
    for (let k = 1; k <= 1000; k++) lines.push(`C${k},${k === 10 ? '"Ann Lee' : `Name ${k}`},${k % 101}`);
    const dataset = load(`${lines.join('\n')}\n`);
    const { rows } = exportAndRead(dataset, modelWith({ engagement: 'engagement_score' }));
    expect(rows.length).toBe(1001);
    expect(rows[10].slice(0, 3)).toEqual(['C10', '"Ann Lee', '10']);
    expect(rows[10][6]).toBe(RECOVERED_ROW_ISSUE);
    expect(rows[11].slice(0, 3)).toEqual(['C11', 'Name 11', '11']);
    expect(rows.slice(1).filter((row) => row[6] !== '').length).toBe(1);
  });

  it('a cell with spaces after its closing quote is written as the app read it, unpadded', () => {
    const dataset = load('id,tier,engagement_score\nC1,"Gold" ,50\nC2,Gold,70\n');
    const { rows } = exportAndRead(dataset, modelWith({ engagement: 'engagement_score' }));
    expect(rows.slice(1).map((row) => row.slice(0, 3))).toEqual([
      ['C1', 'Gold', '50'],
      ['C2', 'Gold', '70'],
    ]);
  });

  // Same cause: a cell with text after its closing quote ("Acme" Inc) is read by the app as
  // the raw text '"Acme" Inc' but copied verbatim, and an RFC 4180 reader (papaparse) then
  // runs that quote on to the end of the file.
  it('a malformed quote inside a cell is written so that a CSV reader gets the cell as the app read it', () => {
    const dataset = load('id,company,engagement_score\nC1,"Acme" Inc,50\nC2,Plain,70\n');
    expect(rowCellsOf(dataset, 0)).toEqual(['C1', '"Acme" Inc', '50']);
    const m = modelWith({ engagement: 'engagement_score' });
    const text = new TextDecoder().decode(concatBytes(exportScoredCsv(dataset, analyze(dataset, m), m))).replace(/^\ufeff/, '');
    const rows = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n', skipEmptyLines: true }).data;
    expect(rows.slice(1).map((row) => row.slice(0, 3))).toEqual([
      ['C1', '"Acme" Inc', '50'],
      ['C2', 'Plain', '70'],
    ]);
  });

  it('the bundled sample round-trips: 5000 rows, every original cell equal, a score on each', () => {
    const bytes = projectFile('public/sample-customers.csv');
    const dataset = load(bytes);
    const m = autoMap(defaultModel(), dataset.columns);
    const { rows } = exportAndRead(dataset, m);
    const original = Papa.parse<string[]>(new TextDecoder().decode(bytes), { skipEmptyLines: true }).data;
    expect(rows.length).toBe(original.length);
    expect(rows[0]).toEqual([...original[0], ...SCORE_HEADER]);
    const groups = new Set(['', 'strangers', 'butterflies', 'barnacles', 'true friends']);
    for (let r = 1; r < rows.length; r++) {
      expect(rows[r].slice(0, 18)).toEqual(original[r]);
      const [crs, band, group] = rows[r].slice(18);
      expect(crs).toMatch(/^\d{1,3}\.\d$/);
      expect(Number(crs)).toBeLessThanOrEqual(100);
      expect(band).toBe(bandOf(Number(crs), m.bands));
      expect(groups.has(group)).toBe(true);
    }
  });
});

describe('large exports', () => {
  it('splits into several Blob parts that concatenate to every row', () => {
    const n = 60_000;
    const lines = ['id,name,csat'];
    for (let i = 0; i < n; i++) lines.push(`C${i},Customer number ${i} with a longer name for size,${(i % 5) + 1}`);
    const dataset = load(lines.join('\n') + '\n');
    const m = modelWith({ satisfaction: 'csat' });
    const parts = exportScoredCsv(dataset, analyze(dataset, m), m);
    expect(parts.length).toBeGreaterThan(1);
    const text = new TextDecoder().decode(concatBytes(parts)).slice(1);
    const rows = text.split('\r\n');
    expect(rows.length).toBe(n + 2); // header, n rows, '' after the final CRLF
    expect(rows[1]).toBe('C0,Customer number 0 with a longer name for size,1,0.0,poor,,');
    expect(rows[n - 1]).toBe(`C${n - 2},Customer number ${n - 2} with a longer name for size,4,75.0,good,,`);
    expect(rows[n]).toBe(`C${n - 1},Customer number ${n - 1} with a longer name for size,5,100.0,good,,`);
  });
});

describe('cell helpers', () => {
  it.each([
    [72, false, '72.0'],
    [33.333333, false, '33.3'],
    [66.666666, true, '66,7'],
    [39.96, false, '40.0'],
    [100, false, '100.0'],
    [0, true, '0,0'],
    [NaN, false, ''],
  ])('formatScore(%d, comma %s) → %j', (score, comma, text) => {
    expect(formatScore(score, comma)).toBe(text);
  });

  it.each([
    ['customers.csv', 'customers-scored.csv'],
    ['export.2026-11.CSV', 'export.2026-11-scored.csv'],
    ['crm export', 'crm export-scored.csv'],
    ['.csv', 'customers-scored.csv'],
    ['data.tsv', 'data-scored.csv'],
  ])('scoredFileName(%j) → %j', (input, output) => {
    expect(scoredFileName(input)).toBe(output);
  });
});

// ---------------------------------------------------------------- property --

const TEXT_UNITS = ['a', 'Z', 'å', '€', ' ', '"', '\n', '\r\n', '=', '-', '+', '@', '1', '.'];

function writeCell(text: string, delimiter: string): string {
  return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replaceAll('"', '""')}"` : text;
}

describe('export property', () => {
  it('property: for random well-formed CSVs, export → parse gives back every original cell, row for row', () => {
    const text = fc.array(fc.constantFrom(...TEXT_UNITS), { maxLength: 6 }).map((units) => units.join(''));
    const score = fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 4, arbitrary: fc.integer({ min: 0, max: 100 }).map(String) });
    const rowArb = fc.tuple(text, score, text);
    const csvArb = fc.record({
      delimiter: fc.constantFrom(',', ';'),
      newline: fc.constantFrom('\n', '\r\n'),
      first: fc.integer({ min: 0, max: 100 }),
      rows: fc.array(rowArb, { minLength: 1, maxLength: 25 }),
    });
    fc.assert(
      fc.property(csvArb, ({ delimiter, newline, first, rows }) => {
        // Row 0 always has a score, so the column is numeric.
        const cells = rows.map(([name, value, note], i) => [name, i === 0 ? String(first) : value, note]);
        const csv = ['name', 'engagement_score', 'note'].join(delimiter) + newline + cells.map((row) => row.map((c) => writeCell(c, delimiter)).join(delimiter)).join(newline) + newline;
        const dataset = load(csv);
        expect(dataset.dialect.delimiter).toBe(delimiter);
        const m = modelWith({ engagement: 'engagement_score' });
        m.factors[0].normalization = 'as-is'; // so the CRS is the cell's own value
        const { rows: out } = exportAndRead(dataset, m);
        const point = dataset.dialect.decimal === 'comma' && delimiter !== ',' ? ',' : '.';
        expect(out.length).toBe(cells.length + 1);
        expect(out[0]).toEqual(['name', 'engagement_score', 'note', ...SCORE_HEADER]);
        const expectedCell = (c: string) => (/^[=+\-@\t\r]/.test(c) && c !== '-' && Number.isNaN(parseNumber(c, dataset.dialect.decimal)) ? `'${c}` : c);
        cells.forEach((row, r) => {
          expect(out[r + 1].slice(0, 3)).toEqual(row.map(expectedCell));
          const scored = row[1] !== '';
          expect(out[r + 1][3] !== '').toBe(scored);
          if (scored) expect(out[r + 1][3]).toBe(`${row[1]}${point}0`);
        });
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('exportScoredCsv of a view', () => {
  it('writes only the rows asked for, in that order, each with its scores', () => {
    const dataset = load('id,engagement_score\nA,10\nB,90\nC,50\n');
    const model = autoMap(defaultModel(), dataset.columns);
    const analysis = analyze(dataset, model);
    const text = new TextDecoder().decode(concatBytes(exportScoredCsv(dataset, analysis, model, Uint32Array.from([1, 2])))).replace(/^\uFEFF/, '');
    expect(text.split('\r\n')).toEqual(['id,engagement_score,crs,crs_band,relationship_group,crs_issues', 'B,90,90.0,good,,', 'C,50,50.0,average,,', '']);
  });

  it('names the view export apart from the full one', () => {
    expect(scoredFileName('customers.csv', 'view')).toBe('customers-view.csv');
  });
});

describe('exportScoredCsv with RFM', () => {
  // Recency known for 9 customers: sorted 1 2 3 5 8 13 21 34 55, quintile cuts at positions
  // ⌊k·9/5⌋ = 1, 3, 5, 7 → 2, 5, 13, 34; score 5 − (cuts ≤ days). Orders 1..10: cuts 3, 5, 7, 9,
  // score 1 + (cuts ≤ orders). Revenue known for 9: sorted 10 20 30 40 50 100 200 300 500,
  // cuts 20, 40, 100, 300. Segments from the standard R×F map.
  const CSV = ['id,days,orders,revenue', 'A,1,10,500', 'B,2,9,', 'C,3,8,300', 'D,5,7,200', 'E,8,1,100', 'F,13,2,50', 'G,21,3,40', 'H,34,4,30', 'I,55,5,20', 'J,,6,10', ''].join('\n');

  function rfmModel(): Model {
    const model = modelWith({});
    model.rfm = { ...defaultRfm(), recency: 'days', frequency: 'orders', monetary: 'revenue' };
    return model;
  }

  function exportWithRfm(rows: Uint32Array | null = null): { dataset: Dataset; lines: string[][]; rfm: RfmScores } {
    const dataset = load(CSV);
    const model = rfmModel();
    const rfm = scoreRfm(dataset, model.rfm);
    if (!rfm) throw new Error('RFM should be scored');
    const text = new TextDecoder().decode(concatBytes(exportScoredCsv(dataset, analyze(dataset, model), model, rows, rfm))).replace(/^\uFEFF/, '');
    const parsed = Papa.parse<string[]>(text, { newline: '\r\n', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    return { dataset, lines: parsed.data, rfm };
  }

  it('appends rfm_r, rfm_f, rfm_m and rfm_segment after the score columns, empty where a value is missing', () => {
    const { lines, rfm } = exportWithRfm();
    expect(rfm.cuts).toEqual({ r: [2, 5, 13, 34], f: [3, 5, 7, 9], m: [20, 40, 100, 300] });
    expect(lines[0]).toEqual(['id', 'days', 'orders', 'revenue', ...SCORE_HEADER, 'rfm_r', 'rfm_f', 'rfm_m', 'rfm_segment']);
    expect(lines.slice(1).map((line) => [...line.slice(0, 4), ...line.slice(8)])).toEqual([
      ['A', '1', '10', '500', '5', '5', '5', 'champions'],
      ['B', '2', '9', '', '4', '5', '', 'loyal'], // no revenue: no M, the segment needs R and F only
      ['C', '3', '8', '300', '4', '4', '5', 'loyal'],
      ['D', '5', '7', '200', '3', '4', '4', 'loyal'],
      ['E', '8', '1', '100', '3', '1', '4', 'about to sleep'],
      ['F', '13', '2', '50', '2', '1', '3', 'hibernating'],
      ['G', '21', '3', '40', '2', '2', '3', 'hibernating'],
      ['H', '34', '4', '30', '1', '2', '2', 'lost'],
      ['I', '55', '5', '20', '1', '3', '2', 'at risk'],
      ['J', '', '6', '10', '', '3', '1', ''], // no recency: no R, so no segment
    ]);
  });

  it('gives each row of a view its own RFM cells', () => {
    const { lines } = exportWithRfm(Uint32Array.from([9, 0]));
    expect(lines.map((line) => line[0])).toEqual(['id', 'J', 'A']);
    expect(lines.slice(1).map((line) => line.slice(8))).toEqual([
      ['', '3', '1', ''],
      ['5', '5', '5', 'champions'],
    ]);
  });

  it('leaves rfm_m empty on every row when no monetary column is mapped', () => {
    const dataset = load(CSV);
    const model = rfmModel();
    model.rfm.monetary = null;
    const text = new TextDecoder().decode(concatBytes(exportScoredCsv(dataset, analyze(dataset, model), model, null, scoreRfm(dataset, model.rfm)))).replace(/^\uFEFF/, '');
    const lines = text.split('\r\n');
    expect(lines[0].endsWith(RFM_COLUMNS.join(','))).toBe(true);
    expect(lines[1]).toBe('A,1,10,500,,,,not scored: no factor is mapped,5,5,,champions');
  });

  it('writes no RFM columns without RFM scores: the header and rows stay as before', () => {
    const dataset = load(CSV);
    const model = rfmModel();
    const analysis = analyze(dataset, model);
    const without = concatBytes(exportScoredCsv(dataset, analysis, model));
    expect(concatBytes(exportScoredCsv(dataset, analysis, model, null, null))).toEqual(without);
    const header = new TextDecoder()
      .decode(without)
      .replace(/^\uFEFF/, '')
      .split('\r\n')[0];
    expect(header).toBe(['id', 'days', 'orders', 'revenue', ...SCORE_HEADER].join(','));
  });
});

describe('derived columns', () => {
  it('format up to six decimals, no exponent, the file’s decimal comma, and empty when missing', () => {
    expect(formatDerived(1234.5, false)).toBe('1234.5');
    expect(formatDerived(0.1234567, false)).toBe('0.123457');
    expect(formatDerived(2e-7, false)).toBe('0');
    expect(formatDerived(1e21, false)).toBe('1000000000000000000000');
    expect(formatDerived(10, true)).toBe('10');
    expect(formatDerived(0.5, true)).toBe('0,5');
    expect(formatDerived(NaN, false)).toBe('');
    expect(formatDerived(Infinity, false)).toBe('');
  });
});

describe('exportScoredCsv of a file that already has score columns', () => {
  it('writes its own columns as crs_2, crs_band_2 beside the file’s crs and crs_band, which keep their cells', () => {
    const dataset = load('id,crs,crs_band,engagement_score\nA,12.5,poor,80\nB,99.0,good,30\n');
    const m = modelWith({ engagement: 'engagement_score' });
    m.factors[0].normalization = 'as-is';
    const { rows } = exportAndRead(dataset, m);
    expect(rows).toEqual([
      ['id', 'crs', 'crs_band', 'engagement_score', 'crs_2', 'crs_band_2', 'relationship_group', 'crs_issues'],
      ['A', '12.5', 'poor', '80', '80.0', 'good', '', ''],
      ['B', '99.0', 'good', '30', '30.0', 'poor', '', ''],
    ]);
  });

  it('a scored export (with RFM and a derived column) scored again repeats no name, and crs_2 holds the same scores', () => {
    const sample = load(projectFile('public/sample-customers.csv'));
    const model = { ...autoMap(defaultModel(), sample.columns), rfm: { ...defaultRfm(), recency: 'days_since_last_purchase', frequency: 'orders_12m', monetary: 'total_revenue' } };
    const exportWith = (dataset: Dataset): string[][] => {
      const analysis = analyze(dataset, model);
      const derived = [{ name: 'cltv_seed' as const, label: 'CLTV', values: new Float64Array(dataset.rowCount).fill(1.5) }];
      const text = new TextDecoder().decode(concatBytes(exportScoredCsv(dataset, analysis, model, null, scoreRfm(dataset, model.rfm), derived))).replace(/^\uFEFF/, '');
      return Papa.parse<string[]>(text, { newline: '\r\n', skipEmptyLines: true }).data;
    };
    const first = exportWith(sample);
    const second = exportWith(load(new TextEncoder().encode(first.map((row) => row.map((cell) => writeCell(cell, ','))).join('\r\n'))));
    const header = second[0];
    expect(new Set(header).size).toBe(header.length);
    expect(header.slice(first[0].length)).toEqual(['crs_2', 'crs_band_2', 'relationship_group_2', 'crs_issues_2', 'rfm_r_2', 'rfm_f_2', 'rfm_m_2', 'rfm_segment_2', 'cltv_seed_2']);
    // The file's columns come back as they were, the old scores among them; the new ones are the same model's.
    for (let r = 1; r < first.length; r++) expect(second[r].slice(0, first[0].length)).toEqual(first[r]);
    const column = (name: string): string[] => second.slice(1).map((row) => row[header.indexOf(name)]);
    expect(column('crs_2')).toEqual(column('crs'));
    expect(column('crs_band_2')).toEqual(column('crs_band'));
    expect(column('rfm_segment_2')).toEqual(column('rfm_segment'));
  });
});

describe('exportScoredCsv against formula injection (every cell through exportCell)', () => {
  /** The export as text lines (BOM removed) and as cells read back with papaparse. */
  function exportLines(dataset: Dataset, model: Model): { lines: string[]; rows: string[][] } {
    const text = new TextDecoder().decode(concatBytes(exportScoredCsv(dataset, analyze(dataset, model), model))).replace(/^\uFEFF/, '');
    const parsed = Papa.parse<string[]>(text, { delimiter: dataset.dialect.delimiter, newline: '\r\n', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    return { lines: text.split('\r\n'), rows: parsed.data };
  }

  // Before, crs_issues was only quoted: a label =1&T(") (a model file or share link sets it)
  // and a cell that is not a number made an issue text that a spreadsheet runs as a formula.
  const CRAFTED = ['id,engagement_score', 'A,abc', ...Array.from({ length: 9 }, (_, i) => `C${i},${10 * i}`)].join('\n');

  it.each([
    ['=1&T(")', `'=1&T("): "abc" is not a number; not scored: no value for =1&T(")`],
    ['@SUM(1)', `'@SUM(1): "abc" is not a number; not scored: no value for @SUM(1)`],
    ['+1', `'+1: "abc" is not a number; not scored: no value for +1`],
    ['-1+1', `'-1+1: "abc" is not a number; not scored: no value for -1+1`],
    ['\tx', `'\tx: "abc" is not a number; not scored: no value for \tx`],
  ])('neutralises an issue text that starts with the factor label %j', (label, issues) => {
    const m = modelWith({ engagement: 'engagement_score' });
    m.factors[0].label = label;
    const { rows } = exportLines(load(CRAFTED), m);
    expect(rows[1]).toEqual(['A', 'abc', '', '', '', issues]);
    expect(rows[2][5]).toBe('');
  });

  // Before, a comma file's x;=1+1 was copied unquoted, and a ; locale's spreadsheet split it into the formula =1+1.
  it('quotes a text cell holding the other locale’s delimiter, in a comma file and in a ; file', () => {
    const comma = exportLines(load('id,note,engagement_score\nA,x;=1+1,50\nB,plain,60\n'), modelWith({ engagement: 'engagement_score' }));
    expect(comma.lines[1]).toBe('A,"x;=1+1",50,50.0,average,,');
    expect(comma.lines[2]).toBe('B,plain,60,60.0,average,,');
    const semicolon = exportLines(load('id;note;engagement_score\nA;x,=1+1;50\nB;plain;60,5\n'), modelWith({ engagement: 'engagement_score' }));
    expect(semicolon.lines[1]).toBe('A;"x,=1+1";50;50,0;average;;');
    expect(semicolon.lines[2]).toBe('B;plain;60,5;60,5;average;;');
  });

  it('keeps negative numbers numbers: -4, -0.5 and -0,5 are copied as they are, not neutralised or quoted', () => {
    const m = modelWith({ engagement: 'engagement_score' });
    const comma = exportLines(load('id,delta,engagement_score,note\nA,-4,50,-0.5\nB,-0.5,60,-\n'), m);
    expect(comma.lines.slice(1, 3)).toEqual(['A,-4,50,-0.5,50.0,average,,', 'B,-0.5,60,-,60.0,average,,']);
    const semicolon = load('id;delta;engagement_score\nA;-0,5;50\nB;-1 234,50;60\n');
    expect(semicolon.columns[1].kind).toBe('number');
    expect(exportLines(semicolon, m).lines.slice(1, 3)).toEqual(['A;-0,5;50;50,0;average;;', 'B;-1 234,50;60;60,0;average;;']);
  });

  // Cells built from what matters: formula starts, both delimiters, quotes, line breaks, digits, text.
  const UNITS = ['=', '+', '-', '@', '\t', '\r', '\n', ',', ';', '"', '1', '5', '.', ' ', 'a', 'x('];
  const cellArb = fc.array(fc.constantFrom(...UNITS), { maxLength: 6 }).map((units) => units.join(''));
  const labelArb = fc.constantFrom('Engagement', '=1&T(")', '@x', '+1', '-a', '\tt', 'a;=1');

  it('property: no exported cell, read back with papaparse, starts with = + - @ tab or CR unless it is a number or a lone "-"', () => {
    const caseArb = fc.record({
      delimiter: fc.constantFrom(',', ';', '\t'),
      label: labelArb,
      rows: fc.array(fc.tuple(cellArb, fc.oneof(fc.integer({ min: -5, max: 120 }).map(String), cellArb), cellArb), { minLength: 1, maxLength: 20 }),
    });
    fc.assert(
      fc.property(caseArb, ({ delimiter, label, rows }) => {
        const cells = rows.map(([name, score, note], i) => [name, i === 0 ? '50' : score, note]);
        const csv = ['name', 'engagement_score', 'note'].join(delimiter) + '\n' + cells.map((row) => row.map((c) => writeCell(c, delimiter)).join(delimiter)).join('\n') + '\n';
        const dataset = load(csv);
        const m = modelWith({ engagement: 'engagement_score' });
        m.factors[0].label = label;
        const { rows: out } = exportLines(dataset, m);
        for (const row of out) {
          for (const cell of row) {
            if (/^[=+\-@\t\r]/.test(cell)) expect(cell === '-' || !Number.isNaN(parseNumber(cell, dataset.dialect.decimal)), JSON.stringify(cell)).toBe(true);
          }
        }
      }),
      { seed: 1606, numRuns: 300 },
    );
  });

  // The rows copied byte for byte must be the ones exportCell would leave as they are: the
  // file cells of every line, copied or rebuilt, in file order or a view's, are exportCell's.
  it('property: every line’s file cells are exportCell’s, whether the row was copied or rebuilt, in file order or a shuffled view', () => {
    const plainUnits = UNITS.filter((unit) => unit !== '\r'); // so that a line is split at CRLF only
    const textArb = fc.array(fc.constantFrom(...plainUnits), { maxLength: 6 }).map((units) => units.join(''));
    const caseArb = fc.record({
      delimiter: fc.constantFrom(',', ';', '\t'),
      rows: fc.array(fc.tuple(textArb, fc.oneof(fc.integer({ min: -5, max: 120 }).map(String), fc.constantFrom('-0,5', '1 234,5', '-0.5', '12,5')), textArb), { minLength: 1, maxLength: 20 }),
      keys: fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
    });
    fc.assert(
      fc.property(caseArb, ({ delimiter, rows, keys }) => {
        const csv = ['name', 'engagement_score', 'note'].join(delimiter) + '\n' + rows.map((row) => row.map((c) => writeCell(c, delimiter)).join(delimiter)).join('\n') + '\n';
        const dataset = load(csv);
        fc.pre(dataset.dialect.delimiter === delimiter && dataset.rowCount === rows.length);
        const format = { delimiter, decimal: dataset.dialect.decimal };
        const expected = Array.from(
          { length: dataset.rowCount },
          (_, r) =>
            rowCellsOf(dataset, r)
              .map((cell) => exportCell(cell, format))
              .join(delimiter) + delimiter,
        );
        const m = modelWith({ engagement: 'engagement_score' });
        const analysis = analyze(dataset, m);
        const linesOf = (view: Uint32Array | null): string[] =>
          new TextDecoder()
            .decode(concatBytes(exportScoredCsv(dataset, analysis, m, view)))
            .replace(/^\uFEFF/, '')
            .split('\r\n')
            .slice(1, -1);
        linesOf(null).forEach((line, r) => expect(line.startsWith(expected[r]), `row ${r}: ${JSON.stringify(line)}`).toBe(true));
        const view = Uint32Array.from(Array.from({ length: dataset.rowCount }, (_, r) => r).sort((a, b) => keys[a] - keys[b] || b - a));
        linesOf(view).forEach((line, k) => expect(line.startsWith(expected[view[k]]), `view row ${k}: ${JSON.stringify(line)}`).toBe(true));
      }),
      { seed: 6016, numRuns: 300 },
    );
  });
});
