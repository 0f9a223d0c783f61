import { flexRender, type Row } from '@tanstack/react-table';
import type { CustomerRow } from '../../core/table/table';
import { cellKey } from './useGridFocus';

interface BodyRowProps {
  /** The customer's place in the view, from 0. */
  index: number;
  /** The customer, or undefined while the engine is still sending the row. */
  row: Row<CustomerRow> | undefined;
  /** The visible columns' ids: a cell keeps its element (and the focus) when the row arrives. */
  columnIds: readonly string[];
  /** Where the row is drawn in the spacer. */
  top: number;
  heightPx: number;
  gridTemplateColumns: string;
  /** The column of the grid's active cell when it is in this row. */
  activeCol: number | null;
  isSelected: boolean;
  /** Out of view, kept only so the active cell stays the grid's Tab stop: not painted. */
  isOffscreen: boolean;
  onSelect: (customerRow: number) => void;
}

/** A customer's row of the grid: a click selects the customer. */
export function BodyRow({ index, row, columnIds, top, heightPx, gridTemplateColumns, activeCol, isSelected, isOffscreen, onSelect }: BodyRowProps) {
  const cellProps = (col: number) => ({ role: 'gridcell', 'data-cell': cellKey(index, col), tabIndex: col === activeCol ? 0 : -1 });
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={row ? isSelected : undefined}
      className={`table-row body${isSelected ? ' selected' : ''}${isOffscreen ? ' offscreen' : ''}`}
      style={{ gridTemplateColumns, transform: `translateY(${top}px)`, height: heightPx }}
      onClick={() => row && onSelect(row.original.row)}
    >
      {row
        ? row.getVisibleCells().map((cell, col) => (
            <div key={cell.column.id} {...cellProps(col)}>
              {flexRender(cell.column.columnDef.cell, cell.getContext())}
            </div>
          ))
        : columnIds.map((id, col) => (
            <div key={id} {...cellProps(col)} className="muted">
              …
            </div>
          ))}
    </div>
  );
}
