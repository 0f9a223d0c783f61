// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentOffset, MAX_SPACER_PX, maxScrollTop, rowsInView, scrollScale, scrollTopOf, scrollTopShowing } from '../../../src/core/table/scrollScale';

const ROW = 34;
const VIEW = 326; // the customer table: 360 px less its 34 px header row and border

describe('scrollScale', () => {
  it('is the identity up to the cap: 5,000 rows scroll as they are laid out', () => {
    const scale = scrollScale(5_000 * ROW, VIEW);
    expect(scale).toEqual({ contentPx: 170_000, viewportPx: VIEW, spacerPx: 170_000, ratio: 1 });
    expect(contentOffset(scale, 12_345)).toBe(12_345);
    expect(scrollTopOf(scale, 12_345)).toBe(12_345);
    expect(rowsInView(scale, 12_345, ROW, 5_000)).toEqual({ first: 363, last: 372 }); // 12,345 / 34 = 363.1; (12,345 + 326) / 34 = 372.7
    expect(maxScrollTop(scale)).toBe(170_000 - VIEW);
    expect(rowsInView(scale, maxScrollTop(scale), ROW, 5_000).last).toBe(4_999);
  });

  it('caps the spacer for a million rows and maps the scroll range onto the whole content', () => {
    const scale = scrollScale(1_000_000 * ROW, VIEW);
    expect(scale.spacerPx).toBe(MAX_SPACER_PX);
    // (34,000,000 − 326) / (10,000,000 − 326) = 3.400078: a scroll px moves a tenth of a row.
    expect(scale.ratio).toBeCloseTo(3.400078, 6);
    expect(rowsInView(scale, 0, ROW, 1_000_000)).toEqual({ first: 0, last: 9 });
    const bottom = maxScrollTop(scale);
    expect(bottom).toBe(MAX_SPACER_PX - VIEW);
    expect(contentOffset(scale, bottom)).toBe(34_000_000 - VIEW);
    expect(rowsInView(scale, bottom, ROW, 1_000_000)).toEqual({ first: 999_990, last: 999_999 });
    // Half way down the scroll range is half way down the list, give or take a view.
    const middle = rowsInView(scale, bottom / 2, ROW, 1_000_000);
    expect(middle.first).toBeGreaterThan(499_990);
    expect(middle.last).toBeLessThan(500_010);
  });

  it('scrolls a row into view by the least movement, and the last row to the bottom exactly', () => {
    const small = scrollScale(5_000 * ROW, VIEW);
    expect(scrollTopShowing(small, 0, 5, ROW)).toBe(0); // already in view
    expect(scrollTopShowing(small, 0, 10, ROW)).toBe(11 * ROW - VIEW); // row 10 at the bottom
    expect(scrollTopShowing(small, 1_000, 3, ROW)).toBe(3 * ROW); // row 3 at the top
    const large = scrollScale(1_000_000 * ROW, VIEW);
    expect(scrollTopShowing(large, 0, 999_999, ROW)).toBe(maxScrollTop(large));
    expect(scrollTopShowing(large, maxScrollTop(large), 0, ROW)).toBe(0);
  });

  it('has no rows to show for an empty list', () => {
    expect(rowsInView(scrollScale(0, VIEW), 0, ROW, 0)).toEqual({ first: 0, last: -1 });
  });
});

describe('scrollScale properties', () => {
  const rowCounts = fc.integer({ min: 1, max: 20_000_000 });
  const viewports = fc.integer({ min: 2 * ROW, max: 2_000 });
  const fraction = fc.double({ min: 0, max: 1, noNaN: true });

  it('never moves the content up as the scroll position goes down', () => {
    fc.assert(
      fc.property(rowCounts, viewports, fraction, fraction, (rows, viewport, a, b) => {
        const scale = scrollScale(rows * ROW, viewport);
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(contentOffset(scale, low * maxScrollTop(scale))).toBeLessThanOrEqual(contentOffset(scale, high * maxScrollTop(scale)));
      }),
    );
  });

  it('shows the first row at the top of the scroll range and the last at the bottom, in a spacer a browser can lay out', () => {
    fc.assert(
      fc.property(rowCounts, viewports, (rows, viewport) => {
        const scale = scrollScale(rows * ROW, viewport);
        expect(scale.spacerPx).toBeLessThanOrEqual(MAX_SPACER_PX);
        expect(rowsInView(scale, 0, ROW, rows).first).toBe(0);
        expect(rowsInView(scale, maxScrollTop(scale), ROW, rows).last).toBe(rows - 1);
      }),
    );
  });

  it('is the identity up to the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Math.floor(MAX_SPACER_PX / ROW) }), viewports, fraction, (rows, viewport, at) => {
        const scale = scrollScale(rows * ROW, viewport);
        const scrollTop = Math.round(at * maxScrollTop(scale));
        expect(scale.spacerPx).toBe(rows * ROW);
        expect(contentOffset(scale, scrollTop)).toBe(scrollTop);
        expect(scrollTopOf(scale, scrollTop)).toBe(scrollTop);
      }),
    );
  });

  it('brings any row wholly into view from any scroll position, in whole px', () => {
    fc.assert(
      fc.property(rowCounts, viewports, fraction, fraction, (rows, viewport, from, to) => {
        const scale = scrollScale(rows * ROW, viewport);
        fc.pre(viewport >= ROW + scale.ratio);
        const index = Math.min(rows - 1, Math.floor(to * rows));
        const scrollTop = scrollTopShowing(scale, Math.round(from * maxScrollTop(scale)), index, ROW);
        expect(Number.isInteger(scrollTop) || scrollTop === maxScrollTop(scale)).toBe(true);
        const offset = contentOffset(scale, scrollTop);
        expect(offset).toBeLessThanOrEqual(index * ROW);
        expect(offset + viewport).toBeGreaterThanOrEqual((index + 1) * ROW);
      }),
    );
  });

  it('maps a content offset back to the scroll position it came from', () => {
    fc.assert(
      fc.property(rowCounts, viewports, fraction, (rows, viewport, at) => {
        const scale = scrollScale(rows * ROW, viewport);
        const scrollTop = at * maxScrollTop(scale);
        expect(scrollTopOf(scale, contentOffset(scale, scrollTop))).toBeCloseTo(scrollTop, 6);
      }),
    );
  });
});
