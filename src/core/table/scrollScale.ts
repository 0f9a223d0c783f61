/**
 * Scaled virtual scroll: a list taller than a browser lets an element be (33,554,428 px in
 * Chromium, about 17.9M in Firefox) scrolls in a spacer capped at MAX_SPACER_PX, and the
 * scroll position maps proportionally onto the content, so the top of the scroll range shows
 * the first row, the bottom the last and the middle the middle. Up to the cap the map is the
 * identity. Offsets are in px from the top of the content (row i starts at i × row height).
 */

/** Far under every browser's cap, browser zoom included; 294,117 rows of 34 px fit unscaled. */
export const MAX_SPACER_PX = 10_000_000;

export interface ScrollScale {
  /** The whole content's height: rows × row height. */
  contentPx: number;
  /** The visible height the rows scroll in. */
  viewportPx: number;
  /** The height the scrolling spacer is given: the content's, or the cap. */
  spacerPx: number;
  /** Content px per scroll px: 1 up to the cap. */
  ratio: number;
}

export function scrollScale(contentPx: number, viewportPx: number, capPx = MAX_SPACER_PX): ScrollScale {
  const viewport = Math.max(0, viewportPx);
  if (contentPx <= capPx || capPx <= viewport) return { contentPx, viewportPx: viewport, spacerPx: contentPx, ratio: 1 };
  // The bottom of the scroll range (spacer − viewport) is the bottom of the content (content − viewport).
  return { contentPx, viewportPx: viewport, spacerPx: capPx, ratio: (contentPx - viewport) / (capPx - viewport) };
}

/** The largest scroll position: the spacer's bottom at the viewport's. */
export const maxScrollTop = (scale: ScrollScale): number => Math.max(0, scale.spacerPx - scale.viewportPx);

const maxOffset = (scale: ScrollScale): number => Math.max(0, scale.contentPx - scale.viewportPx);

/** The content offset at the top of the view at a scroll position; the bottom is the content's bottom exactly. */
export function contentOffset(scale: ScrollScale, scrollTop: number): number {
  if (scrollTop <= 0) return 0;
  if (scrollTop >= maxScrollTop(scale)) return maxOffset(scale);
  return Math.min(maxOffset(scale), scrollTop * scale.ratio);
}

/** The scroll position that puts content offset `offset` at the top of the view (the inverse of contentOffset). */
export function scrollTopOf(scale: ScrollScale, offset: number): number {
  if (offset >= maxOffset(scale)) return maxScrollTop(scale);
  return Math.min(maxScrollTop(scale), Math.max(0, offset / scale.ratio));
}

/** The first and last rows (inclusive) any part of which is in view at a scroll position; last < first when there are none. */
export function rowsInView(scale: ScrollScale, scrollTop: number, rowPx: number, total: number): { first: number; last: number } {
  if (total <= 0) return { first: 0, last: -1 };
  const offset = contentOffset(scale, scrollTop);
  const first = Math.min(total - 1, Math.floor(offset / rowPx));
  const last = Math.min(total - 1, Math.max(first, Math.ceil((offset + scale.viewportPx) / rowPx) - 1));
  return { first, last };
}

/**
 * The whole-px scroll position nearest `scrollTop` at which row `index` is wholly in view
 * (when the viewport is at least a row plus one scroll px of content tall): the current one
 * when it already is, else the row at the top of the view when it is above, at the bottom
 * when it is below. Whole px, because a browser may round a fractional scrollTop.
 */
export function scrollTopShowing(scale: ScrollScale, scrollTop: number, index: number, rowPx: number): number {
  const offset = contentOffset(scale, scrollTop);
  const top = index * rowPx;
  const bottom = top + rowPx;
  const max = maxScrollTop(scale);
  if (top < offset) {
    let next = Math.floor(top / scale.ratio);
    if (next * scale.ratio > top) next--; // rounding error in the division
    return Math.min(max, Math.max(0, next));
  }
  if (bottom > offset + scale.viewportPx) {
    if (bottom >= scale.contentPx) return max;
    let next = Math.ceil((bottom - scale.viewportPx) / scale.ratio);
    if (next * scale.ratio < bottom - scale.viewportPx) next++;
    return Math.min(max, Math.max(0, next));
  }
  return scrollTop;
}
