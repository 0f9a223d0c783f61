// @vitest-environment node
// Ids kept as bytes by the load (core/csv/idCells.ts) must read as the table reads the same
// cells (columnTexts: decoded, unquoted, trimmed), however the file quotes, pads or encodes
// them, in whatever chunks it arrives; and an id column read again must give the same bytes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { loadCsv, idCellsOf, type Dataset } from '../../../src/core/dataset/dataset';
import { bytesSource } from '../../../src/core/csv/source';
import { idText } from '../../../src/core/csv/idCells';
import { columnTexts } from '../../../src/core/table/table';
import { cp1252, utf8 } from '../fixtures';

async function loadWithIds(bytes: Uint8Array, chunkBytes = 1 << 20): Promise<Dataset> {
  const result = await loadCsv({ source: bytesSource(bytes) }, 'ids.csv', { chunkBytes, wantedColumns: () => [], idColumn: () => 'id' });
  if (!result.ok) throw new Error(`load failed: ${result.problem.kind}`);
  return result.dataset;
}
const idsOf = (dataset: Dataset) => {
  const cells = dataset.ids?.cells;
  if (!cells) throw new Error('no ids kept');
  return Array.from({ length: dataset.rowCount }, (_, r) => idText(cells, r));
};

describe('ids kept by the load', () => {
  it('reads quoted, padded, escaped, accented and missing ids as the table does', async () => {
    const text = 'name,id\nAda, C001 \nBo,"C002"\nCy,"  C003"\nDi,"C0""04"\nEd,José\nFy,\nGu\nHa,"a,b"\n';
    const dataset = await loadWithIds(utf8(text));
    expect(idsOf(dataset)).toEqual(['C001', 'C002', 'C003', 'C0"04', 'José', '', '', 'a,b']);
    expect(idsOf(dataset)).toEqual(columnTexts(dataset, 1));
  });

  it('reads a Windows-1252 file’s accented ids as text, so they meet the same ids in a UTF-8 file', async () => {
    const latin = await loadWithIds(cp1252('id,x\nJosé,1\nRenée,2\n'));
    const unicode = await loadWithIds(utf8('id,x\nJosé,1\nRenée,2\n'));
    expect(latin.ids?.cells.bytes).toEqual(unicode.ids?.cells.bytes);
    expect(idsOf(latin)).toEqual(['José', 'Renée']);
  });

  it('keeps any ids as columnTexts reads them, in any chunks, and reads the same bytes again', async () => {
    const cell = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(' C1 ', '"q"', 'a,b', 'x""y', 'Zoë', '\t7\t', ''));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, fc.integer()), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 64 }), async (rows, chunkBytes) => {
        const text = Papa.unparse({ fields: ['id', 'n'], data: rows.map(([id, n]) => [id.replace(/[\r\n]/g, ''), n]) });
        const dataset = await loadWithIds(utf8(`${text}\n`), chunkBytes);
        expect(idsOf(dataset)).toEqual(columnTexts(dataset, 0));
        const { ids, ...withoutIds } = dataset;
        expect(idCellsOf({ ...withoutIds, ids: null }, 0)).toEqual(ids?.cells);
      }),
      { numRuns: 300 },
    );
  });
});
