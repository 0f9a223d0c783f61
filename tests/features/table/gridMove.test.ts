// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { gridMove } from '../../../src/features/table/gridMove';

// 1,000,000 customers, 7 columns, 9 rows in view; the active cell is customer 500, column 3.
const SIZE = { rows: 1_000_000, cols: 7, pageRows: 9 };
const AT = { row: 500, col: 3 };

describe('gridMove', () => {
  it.each([
    ['ArrowDown', false, AT, { row: 501, col: 3 }],
    ['ArrowUp', false, AT, { row: 499, col: 3 }],
    ['ArrowRight', false, AT, { row: 500, col: 4 }],
    ['ArrowLeft', false, AT, { row: 500, col: 2 }],
    ['PageDown', false, AT, { row: 509, col: 3 }],
    ['PageUp', false, AT, { row: 491, col: 3 }],
    ['Home', false, AT, { row: 500, col: 0 }],
    ['End', false, AT, { row: 500, col: 6 }],
    ['Home', true, AT, { row: 0, col: 0 }],
    ['End', true, AT, { row: 999_999, col: 6 }],
    // The edges hold: the header row is row −1, above the first customer.
    ['ArrowUp', false, { row: 0, col: 3 }, { row: -1, col: 3 }],
    ['ArrowUp', false, { row: -1, col: 3 }, { row: -1, col: 3 }],
    ['ArrowDown', false, { row: -1, col: 3 }, { row: 0, col: 3 }],
    ['ArrowDown', false, { row: 999_999, col: 3 }, { row: 999_999, col: 3 }],
    ['ArrowRight', false, { row: 500, col: 6 }, { row: 500, col: 6 }],
    ['ArrowLeft', false, { row: 500, col: 0 }, { row: 500, col: 0 }],
    ['PageUp', false, { row: 4, col: 3 }, { row: 0, col: 3 }], // a page up stops at the first customer…
    ['PageUp', false, { row: -1, col: 3 }, { row: -1, col: 3 }], // …and the header stays put
    ['PageDown', false, { row: 999_995, col: 3 }, { row: 999_999, col: 3 }],
  ])('%s (Ctrl %s) from %o goes to %o', (key, withCtrl, at, expected) => {
    expect(gridMove(key, withCtrl, at, SIZE)).toEqual(expected);
  });

  it('stays in the header when there is no customer', () => {
    const empty = { rows: 0, cols: 7, pageRows: 9 };
    expect(gridMove('ArrowDown', false, { row: -1, col: 2 }, empty)).toEqual({ row: -1, col: 2 });
    expect(gridMove('End', true, { row: -1, col: 2 }, empty)).toEqual({ row: -1, col: 6 });
  });

  it('leaves every other key to the browser', () => {
    expect(gridMove('Tab', false, AT, SIZE)).toBeNull();
    expect(gridMove('Enter', false, AT, SIZE)).toBeNull();
    expect(gridMove('a', true, AT, SIZE)).toBeNull();
  });
});
