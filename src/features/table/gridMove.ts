/** A cell of the customer grid: row −1 is the header row, rows 0… the customers in the view's order. */
export interface GridCell {
  row: number;
  col: number;
}

export interface GridSize {
  /** Customers in the view. */
  rows: number;
  /** Visible columns. */
  cols: number;
  /** Customers a page key moves by: the rows wholly in view. */
  pageRows: number;
}

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));

/**
 * Where a key moves the active cell, as in the WAI-ARIA grid pattern, or null for a key the
 * grid leaves to the browser. Arrows move one cell; Page Up/Down a page of customers (never
 * into the header); Home/End to the row's first/last cell; Ctrl (or ⌘) + Home/End to the first
 * cell of the first customer and the last cell of the last one.
 */
export function gridMove(key: string, withCtrl: boolean, at: GridCell, size: GridSize): GridCell | null {
  const lastRow = size.rows - 1;
  const lastCol = size.cols - 1;
  const to = (row: number, col: number) => ({ row: clamp(row, -1, lastRow), col: clamp(col, 0, lastCol) });
  switch (key) {
    case 'ArrowDown':
      return to(at.row + 1, at.col);
    case 'ArrowUp':
      return to(at.row - 1, at.col);
    case 'ArrowRight':
      return to(at.row, at.col + 1);
    case 'ArrowLeft':
      return to(at.row, at.col - 1);
    case 'PageDown':
      return to(at.row + size.pageRows, at.col);
    case 'PageUp':
      return to(Math.max(at.row - size.pageRows, Math.min(at.row, 0)), at.col);
    case 'Home':
      return withCtrl ? to(0, 0) : to(at.row, 0);
    case 'End':
      return withCtrl ? to(lastRow, lastCol) : to(at.row, lastCol);
    default:
      return null;
  }
}
