// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowCells } from '../../../src/core/dataset/dataset';
import { foldAscii, queryBytes, searchMask } from '../../../src/core/table/search';
import { cp1252, load } from '../fixtures';

const matching = (mask: Uint8Array): number[] => Array.from(mask.keys()).filter((r) => mask[r] === 1);

describe('searchMask', () => {
  const customers = load('id,name,email,note\nA1,Ada Lovelace,ada@example.com,"Smith, Jo"\nB2,Bo,bo@example.com,"say ""hi"""\nC3,Émile,emile@example.com,"ab",cd\n');

  it.each([
    ['a name, in any case', 'ADA', [0]],
    ['any cell, the email too', 'bo@EX', [1]],
    ['a delimiter inside a quoted cell', 'smith, jo', [0]],
    ['"" inside quotes, read as one quote', 'say "hi"', [1]],
    ['the same bytes in every row', 'example.com', [0, 1, 2]],
    ['nothing', 'zzz', []],
    ['non-ASCII letters exactly', 'Émile', [2]],
    ['ASCII letters next to them in any case', 'éMILE', []],
  ])('finds %s', (_what, query, rows) => {
    expect(matching(searchMask(customers, query))).toEqual(rows);
  });

  it.each([
    ['the end of one cell and the start of the next', 'lovelace,ada'],
    ['two cells without the delimiter', 'B2Bo'],
    ['the quote closing a cell', 'Jo"'],
    ['the quote opening a cell', '"smith'],
  ])('does not match across %s', (_what, query) => {
    expect(matching(searchMask(customers, query))).toEqual([]);
  });

  it('matches every row for the empty query, and only rows it is told to look at', () => {
    expect(matching(searchMask(customers, ''))).toEqual([0, 1, 2]);
    expect(matching(searchMask(customers, 'example', Uint8Array.of(1, 0, 1)))).toEqual([0, 2]);
  });

  it('searches a Windows-1252 file in its own bytes', () => {
    const dataset = load(cp1252('id,name,price\n1,José,5 €\n2,Jose,7 EUR\n'));
    expect(dataset.textEncoding).toBe('windows-1252');
    expect(matching(searchMask(dataset, 'JOSÉ'))).toEqual([]); // É is not folded to é
    expect(matching(searchMask(dataset, 'josé'))).toEqual([0]);
    expect(matching(searchMask(dataset, '€'))).toEqual([0]);
    expect(matching(searchMask(dataset, '日本'))).toEqual([]); // not writable in Windows-1252
    expect(queryBytes('日本', 'windows-1252')).toBeNull();
  });

  it('property: a row matches exactly when one of its decoded cells contains the query', () => {
    const cell = fc.array(fc.constantFrom('a', 'A', 'b', ',', '"', ' ', 'é', 'É', '\n'), { maxLength: 6 }).map((chars) => chars.join(''));
    const quoted = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 20 }), fc.array(fc.constantFrom('a', 'B', ',', '"', 'é', ' '), { minLength: 1, maxLength: 3 }), (rows, queryChars) => {
        const query = queryChars.join('');
        const dataset = load(`id,x,y\n${rows.map(([x, y], i) => `${i},${quoted(x)},${quoted(y)}`).join('\n')}\n`);
        const expected = rows.flatMap((_, r) => (rowCells(dataset, r).some((text) => foldAscii(text).includes(foldAscii(query))) ? [r] : []));
        expect(matching(searchMask(dataset, query))).toEqual(expected);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
