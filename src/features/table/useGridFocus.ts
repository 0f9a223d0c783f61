import { useCallback, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { gridMove, type GridCell } from './gridMove';
import type { useRowWindow } from './useRowWindow';

/** The focusable part of a cell: `data-cell="row:col"` marks it (row −1 is the header row). */
export const cellKey = (row: number, col: number) => `${row}:${col}`;

/** Scrolls the scroller sideways the least that shows the cell (rows scroll by the row window). */
function showSideways(scroller: HTMLElement, cell: HTMLElement) {
  const view = scroller.getBoundingClientRect();
  const box = cell.getBoundingClientRect();
  if (box.left < view.left) scroller.scrollLeft -= view.left - box.left;
  else if (box.right > view.left + scroller.clientWidth) scroller.scrollLeft += box.right - (view.left + scroller.clientWidth);
}

/**
 * The customer grid's roving tabindex (the WAI-ARIA grid pattern): one active cell is the
 * grid's only Tab stop; the keys of gridMove move it, scrolling its row into view, and Enter
 * or Space on a customer's cell calls `onEnter` with the row's place in the view.
 */
export function useGridFocus(total: number, cols: number, rowWindow: ReturnType<typeof useRowWindow>, onEnter: (index: number) => void) {
  const [wanted, setWanted] = useState<GridCell>({ row: 0, col: 0 });
  const isFocusPending = useRef(false);
  // A shorter list or fewer columns hold the active cell at their end; no customer, in the header.
  const active = { row: Math.min(wanted.row, total - 1), col: Math.max(0, Math.min(wanted.col, cols - 1)) };
  const { scroller, showRow } = rowWindow;
  useLayoutEffect(() => {
    if (!isFocusPending.current || !scroller.current) return;
    isFocusPending.current = false;
    const cell = scroller.current.querySelector<HTMLElement>(`[data-cell="${cellKey(active.row, active.col)}"]`);
    if (!cell) return;
    cell.focus({ preventScroll: true });
    showSideways(scroller.current, cell);
  });
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.altKey) return;
    if ((event.key === 'Enter' || event.key === ' ') && active.row >= 0) {
      event.preventDefault();
      onEnter(active.row);
      return;
    }
    const next = gridMove(event.key, event.ctrlKey || event.metaKey, active, { rows: total, cols, pageRows: rowWindow.pageRows });
    if (!next) return;
    event.preventDefault();
    setWanted(next);
    isFocusPending.current = true;
    if (next.row >= 0) showRow(next.row);
  };
  // A click or a Tab makes the focused cell the active one. A Tab back to a row scrolled out
  // of view shows it; a click's row is in view, and must not move before the click ends.
  const onFocus = (event: FocusEvent<HTMLElement>) => {
    const [row, col] = (event.target.closest('[data-cell]')?.getAttribute('data-cell') ?? '').split(':').map(Number);
    if (!Number.isInteger(row) || !Number.isInteger(col)) return;
    if (row !== active.row || col !== active.col) setWanted({ row, col });
    if (row >= 0 && (row < rowWindow.first || row > rowWindow.last)) showRow(row);
  };
  /** A new order or filter starts at its first customer (a header keeps its focus). */
  const toFirstRow = useCallback(() => setWanted((cell) => (cell.row < 0 ? cell : { row: 0, col: cell.col })), []);
  return { active, onKeyDown, onFocus, toFirstRow };
}
