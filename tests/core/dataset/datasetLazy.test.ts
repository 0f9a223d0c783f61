// @vitest-environment node
// The streaming, lazy load (loadCsv + ensureColumns in src/core/dataset/dataset.ts) against
// parseCsv on the whole buffer: the same dataset whatever the chunk size, whichever
// columns are parsed at load and whichever later.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ColumnNotScannedError, ensureColumns, loadCsv, parseCsv, rowCells, type Column, type Dataset, type LoadOptions, type LoadResult } from '../../../src/core/dataset/dataset';
import { bytesSource, type ByteSource } from '../../../src/core/csv/source';
import { forEachRowBlock, gatherRows } from '../../../src/core/dataset/rowBlocks';
import { cp1252, utf16, utf8 } from '../fixtures';

/** What a column holds, as plain data (NaN compares equal under toEqual). */
function cellsOf(column: Column) {
  return {
    name: column.name,
    kind: column.kind,
    dateOrder: column.dateOrder,
    values: column.values && Array.from(column.values),
    invalidRows: Array.from(column.invalidRows),
    missingCount: column.missingCount,
    categories: column.categories,
    codes: column.codes && Array.from(column.codes),
  };
}

/** Everything of a dataset but its columns' cells. */
function shapeOf(dataset: Dataset) {
  return {
    name: dataset.name,
    size: dataset.source.size,
    sourceEncoding: dataset.sourceEncoding,
    textEncoding: dataset.textEncoding,
    dialect: dataset.dialect,
    heads: dataset.columns.map((column) => [column.name, column.kind, column.dateOrder]),
    rowCount: dataset.rowCount,
    rowStarts: Array.from(dataset.rowStarts),
    rowEnds: Array.from(dataset.rowEnds),
    raggedRows: Array.from(dataset.raggedRows),
    raggedCounts: Array.from(dataset.raggedCounts),
    recoveredRows: Array.from(dataset.recoveredRows),
    notices: dataset.notices,
  };
}

/** A source that counts its reads. */
function countingSource(bytes: Uint8Array): ByteSource & { reads: number } {
  const source = { size: bytes.length, reads: 0, read: (start: number, end: number) => (source.reads++, bytes.subarray(start, end)) };
  return source;
}

function load(bytes: Uint8Array, options: LoadOptions & { isAsync?: boolean; streamPieces?: number[] } = {}): Promise<LoadResult> {
  const source = bytesSource(bytes);
  if (options.streamPieces) return loadCsv({ source, stream: () => streamOf(bytes, options.streamPieces ?? []) }, 'c.csv', options);
  // An asynchronous read hands back a copy, as blob.slice().arrayBuffer() does.
  return loadCsv(options.isAsync ? { source, readChunk: async (start, end) => bytes.slice(start, end) } : { source }, 'c.csv', options);
}

/** The bytes as a stream of copies, cut into pieces of the given sizes in turn (empty pieces included, as streams may give). */
function streamOf(bytes: Uint8Array, pieces: number[]): ReadableStream<Uint8Array> {
  let offset = 0;
  let k = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      const length = pieces.length === 0 ? bytes.length : pieces[k++ % pieces.length];
      controller.enqueue(bytes.slice(offset, offset + length));
      offset += length;
    },
  });
}

/** Checks the streamed, lazy load against parseCsv, then scans the rest and checks again. */
async function expectSameAsParseCsv(bytes: Uint8Array, chunkBytes: number, isWanted: (c: number) => boolean, isAsync: boolean, blockBytes?: number) {
  const reference = parseCsv(bytes, 'c.csv');
  const streamed = await load(bytes, { chunkBytes, isAsync, wantedColumns: (columns) => columns.filter((_, c) => isWanted(c)).map((column) => column.name) });
  expect(streamed.ok).toBe(reference.ok);
  if (!reference.ok || !streamed.ok) {
    expect(streamed).toEqual(reference);
    return;
  }
  const expected = reference.dataset;
  const dataset = streamed.dataset;
  expect(shapeOf(dataset)).toEqual(shapeOf(expected));
  dataset.columns.forEach((column, c) => {
    expect(column.isScanned).toBe(isWanted(c));
    if (column.isScanned) expect(cellsOf(column)).toEqual(cellsOf(expected.columns[c]));
    else expect(() => column.values).toThrow(ColumnNotScannedError);
  });
  const rest = dataset.columns.filter((column) => !column.isScanned).map((column) => column.name);
  expect(ensureColumns(dataset, rest, blockBytes)).toEqual(rest);
  expect(dataset.columns.map(cellsOf)).toEqual(expected.columns.map(cellsOf));
  expect(ensureColumns(dataset, rest)).toEqual([]);
  for (let r = 0; r < Math.min(dataset.rowCount, 5); r++) expect(rowCells(dataset, r)).toEqual(rowCells(expected, r));
}

// CSV text made of the pieces that make chunk ends hard: quoted delimiters, quotes and
// line breaks, "" escapes, text after a closing quote, spaces after one, stray quotes (never
// closed, closed by a later cell's quote, spanning lines), CR, LF and CRLF, blank lines,
// ragged rows, and numbers, flags, dates and categories to parse.
const CELLS = ['12', '-3.5', '1,234.5', '7', '', ' ', 'n/a', 'yes', 'no', 'Yes', '2024-01-31', '03/04/2023', '31/12/2022', 'One year', 'Month-to-month', ' plan A ', 'Åsa', 'x', 'abc'];
const cell = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...CELLS) },
  { weight: 2, arbitrary: fc.constantFrom('"a,b"', '"say ""hi"""', '"line\nbreak"', '"cr\r\nlf"', '""', '"One year"', '" 12 "') },
  { weight: 1, arbitrary: fc.constantFrom('"Acme" Inc', 'O"Brien', '"unclosed', '"Gold" ', '"7"\t', '5"', '"stray\nline', '"a""b') },
);
const lineBreak = fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\r\n\r\n');
const csvText = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.array(fc.tuple(fc.array(cell, { minLength: 1, maxLength: 8 }), lineBreak), { maxLength: 40 }), fc.constantFrom(',', ';'), fc.boolean(), fc.boolean())
  .map(([width, rows, delimiter, hasBom, hasFinalBreak]) => {
    const header = Array.from({ length: width }, (_, c) => (c === 2 ? '' : c === 3 ? 'c0' : `c${c}`)).join(delimiter);
    const body = rows.map(([cells, br], i) => cells.join(delimiter) + (i < rows.length - 1 || hasFinalBreak ? br : '')).join('');
    return `${hasBom ? '\ufeff' : ''}${header}\n${body}`;
  });

describe("loadCsv gives parseCsv's dataset", () => {
  it('property: any chunk size, any columns parsed at load, the rest by ensureColumns (in small blocks)', async () => {
    await fc.assert(
      fc.asyncProperty(
        csvText,
        fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 41, max: 5000 })),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 300 }),
        async (text, chunkBytes, wanted, isAsync, blockBytes) => {
          await expectSameAsParseCsv(utf8(text), chunkBytes, (c) => wanted[c % wanted.length], isAsync, blockBytes);
        },
      ),
      { seed: 42, numRuns: 1000 },
    );
  });

  it('property: read as a stream cut anywhere, the same dataset as parseCsv', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 5000 }), async (text, pieces, chunkBytes) => {
        const bytes = utf8(text);
        const reference = parseCsv(bytes, 'c.csv');
        const streamed = await load(bytes, { chunkBytes, streamPieces: pieces.some((p) => p > 0) ? pieces : [1] });
        expect(streamed.ok).toBe(reference.ok);
        if (!reference.ok || !streamed.ok) return void expect(streamed).toEqual(reference);
        expect(shapeOf(streamed.dataset)).toEqual(shapeOf(reference.dataset));
        streamed.dataset.columns.forEach((column, c) => expect(cellsOf(column)).toEqual(cellsOf(reference.dataset.columns[c])));
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('a stream that ends before the file size says so instead of loading part of the file', async () => {
    const bytes = utf8('id,v\n1,2\n3,4\n');
    const short: ByteSource = { size: bytes.length + 10, read: (start, end) => bytes.subarray(start, end) };
    await expect(loadCsv({ source: short, stream: () => streamOf(bytes, [4]) }, 'c.csv')).rejects.toThrow(/read 13 bytes of 23\); load the file again/);
  });

  it('property: on random bytes, the same dataset or the same refusal', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.array(fc.constantFrom(...utf8('a1,;"\n\r .-'), 0xe5, 0xc3, 0xa5, 0x00), { maxLength: 300 }).map((b) => Uint8Array.from(b)),
    );
    await fc.assert(
      fc.asyncProperty(bytes, fc.integer({ min: 1, max: 64 }), fc.boolean(), async (input, chunkBytes, isAsync) => {
        await expectSameAsParseCsv(input, chunkBytes, (c) => c % 2 === 0, isAsync, 16);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it.each([
    ['Windows-1252', cp1252('kund;belopp;stad\nÅsa;1 234,50;Umeå\nJosé;€12,5;Malmö\n')],
    ['UTF-16LE with a BOM', utf16('id,csat,plan\n1,5,Basic\n2,4,"Pro, yearly"\n', 'le', true)],
    ['BOM-less UTF-16BE', utf16('id,csat,plan\n1,5,Basic\n2,4,Pro\n', 'be', false)],
    ['an unclosed quote in the header', utf8('a,"b\n1,2\n3,4\n')],
    ['a stray quote in a row', utf8('id,name,n\n1,"Ann,5\n2,Bob,6\n3,"Cy, Jr",7\n4,"multi\nline",8\n')],
    ['a stray quote opening the last cell of the file', utf8('id,name,n\n1,Ann,5\n2,Bob,"6')],
    ['a stray quote closed cleanly lines later, in a row of the wrong width', utf8('id,name,n\n1,"Ann,5\n2,3"\n3,Cy,7\n')],
    ['an empty file', utf8('  \n\n')],
    ['a header only', utf8('a,b,c\r\n')],
  ])('%s', async (_label, bytes) => {
    for (const chunkBytes of [1, 2, 3, 7, 64]) await expectSameAsParseCsv(bytes, chunkBytes, (c) => c !== 1, true, 8);
  });

  it('a header row longer than the first bytes read (1 MB) is read whole', async () => {
    const names = Array.from({ length: 300 }, (_, c) => `${'h'.repeat(4000)}${c}`);
    const text = `${names.join(',')}\n${names.map((_, c) => c % 10).join(',')}\n`;
    await expectSameAsParseCsv(utf8(text), 1 << 20, (c) => c % 7 === 0, false, 1 << 20);
  });

  it('a file of more rows than the first row suggests (its arrays grow), in 64 kB chunks', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `${i},${i % 7 === 0 ? '"a\nb"' : 'x'},${(i * 37) % 101},${i % 2 ? 'yes' : 'no'}`).join('\n');
    await expectSameAsParseCsv(utf8(`id,note,score,flag\n${'y'.repeat(400)},z,1,no\n${rows}\n`), 1 << 16, (c) => c >= 2, true, 1 << 14);
  });

  it('reports progress as rows are scanned, rising to the end of the file, and waits for each chunk', async () => {
    const rows = Array.from({ length: 140_000 }, (_, i) => `${i},${i % 97}`).join('\n');
    const fractions: number[] = [];
    const waits: boolean[] = [];
    const result = await load(utf8(`id,v\n${rows}\n`), { chunkBytes: 1 << 18, isAsync: true, onProgress: (f) => fractions.push(f), onReadWait: (w) => waits.push(w) });
    expect(result.ok && result.dataset.rowCount).toBe(140_000);
    expect(fractions).toHaveLength(2);
    expect(fractions[1]).toBeGreaterThan(fractions[0]);
    expect(fractions[1]).toBeLessThanOrEqual(1);
    // The first 1 MiB (read for the plan, then scanned as it is, not read again), then the
    // remaining 225,879 bytes in one chunk: two waits, each begun and ended.
    expect(waits).toEqual([true, false, true, false]);
  });

  it('refuses a file over 4 GB before reading it', async () => {
    const huge: ByteSource = {
      size: 2 ** 32,
      read: () => {
        throw new Error('not read');
      },
    };
    expect(await loadCsv({ source: huge }, 'big.csv')).toEqual({ ok: false, problem: { kind: 'too-large', bytes: 2 ** 32 } });
  });
});

describe('ensureColumns', () => {
  const text = `id,plan,score\n${Array.from({ length: 2000 }, (_, i) => `C${i},${['Basic', 'Pro', ''][i % 3]},${i % 50}`).join('\n')}\n`;

  it('reads the source in blocks, not once per row', async () => {
    const source = countingSource(utf8(text));
    const result = await loadCsv({ source }, 'c.csv', { wantedColumns: () => ['id'] });
    if (!result.ok) throw new Error('expected a load');
    source.reads = 0;
    expect(ensureColumns(result.dataset, ['plan', 'score', 'absent', null], 4096)).toEqual(['plan', 'score']);
    expect(source.reads).toBe(Math.ceil(source.size / 4096));
    expect(result.dataset.columns[1].categories).toEqual(['Basic', 'Pro']);
  });

  it('fails loudly when the file no longer holds the rows the load found', async () => {
    const bytes = utf8(text);
    const result = await load(bytes, { wantedColumns: () => [] });
    if (!result.ok) throw new Error('expected a load');
    // The same bytes but for line breaks where commas were: more rows than the load found.
    const changed = { ...result.dataset, source: bytesSource(utf8(text.replaceAll(',B', '\nB'))) };
    expect(() => ensureColumns(changed, ['score'])).toThrow(/not where the load found them/);
  });
});

describe('forEachRowBlock and gatherRows', () => {
  const lines = Array.from({ length: 300 }, (_, i) => `${i},${'x'.repeat(i % 17)}`);
  const bytes = utf8(`a,b\r\n${lines.join('\r\n\n')}\n`);
  const dataset = parseCsv(bytes, 'c.csv');
  if (!dataset.ok) throw new Error('expected a load');
  const { rowStarts, rowEnds } = dataset.dataset;

  it('property: visits the rows asked for once each, in order, whole, one read per block of at most blockBytes (or one row)', () => {
    fc.assert(
      fc.property(fc.option(fc.array(fc.boolean(), { minLength: 300, maxLength: 300 })), fc.integer({ min: 1, max: 2000 }), (marks, blockBytes) => {
        const wanted = marks && Uint8Array.from(marks, Number);
        const seen: number[] = [];
        const source = countingSource(bytes);
        forEachRowBlock(
          { ...dataset.dataset, source },
          (block, base, first, end) => {
            expect(block.length).toBe(rowEnds[end - 1] - base);
            expect(end - first === 1 || block.length <= blockBytes).toBe(true);
            for (let r = first; r < end; r++) {
              if (wanted && wanted[r] === 0) continue;
              seen.push(r);
              expect(new TextDecoder().decode(block.subarray(rowStarts[r] - base, rowEnds[r] - base))).toBe(lines[r]);
            }
          },
          wanted,
          blockBytes,
        );
        expect(seen).toEqual(lines.map((_, r) => r).filter((r) => !wanted || wanted[r] === 1));
        expect(source.reads).toBeLessThanOrEqual(seen.length);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('property: gathers any rows, in blocks of any size, each whole where `at` says', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 299 }), { maxLength: 300 }), fc.integer({ min: 1, max: 2000 }), (picked, blockBytes) => {
        const rows = Uint32Array.from(picked);
        const { bytes: gathered, at } = gatherRows(dataset.dataset, rows, blockBytes);
        const read = Array.from(rows, (r) => new TextDecoder().decode(gathered.subarray(at[r], at[r] + rowEnds[r] - rowStarts[r])));
        expect(read).toEqual(picked.map((r) => lines[r]));
        // Runs of consecutive rows are copied with what lies between them, and nothing else.
        expect(gathered.length).toBeLessThanOrEqual(bytes.length);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
