import { useEffect } from 'react';
import type { Table } from '@tanstack/react-table';
import type { CustomerRow } from '../../core/table/table';
import { useAppStore } from '../../state/store';
import { BodyRow } from './BodyRow';
import { ColumnHeader } from './ColumnHeader';
import { cellKey, useGridFocus } from './useGridFocus';
import { useRowWindow } from './useRowWindow';

const ROW_HEIGHT = 34;
const COLUMN_WIDTHS: Record<string, string> = { id: '110px', name: '170px', crs: '70px', band: '100px', group: '120px' };
/** Rows drawn beyond the visible ones on each side. */
const OVERSCAN = 8;
/** Rows fetched beyond the drawn ones on each side, so scrolling rarely shows a gap. */
const MARGIN = 10;

/**
 * The scrolling part of the table, an ARIA grid: only the rows on screen exist in the DOM, and
 * the grid is one Tab stop whose arrows, Page, Home and End keys move a cell at a time.
 */
export function TableBody({ table, emptyMessage }: { table: Table<CustomerRow>; emptyMessage: string }) {
  const hasPage = useAppStore((s) => s.tablePage !== null);
  const total = useAppStore((s) => s.tablePage?.total ?? 0);
  const pageStart = useAppStore((s) => s.tablePage?.start ?? 0);
  const view = useAppStore((s) => s.tableView);
  const selectedRow = useAppStore((s) => s.selectedRow);
  const setTableRange = useAppStore((s) => s.setTableRange);
  const selectRow = useAppStore((s) => s.selectRow);
  const rows = table.getRowModel().rows;
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const rowWindow = useRowWindow(total, ROW_HEIGHT);
  const { scrollTo, first, last } = rowWindow;
  const customerAt = (index: number) => rows[index - pageStart];
  const grid = useGridFocus(total, headers.length, rowWindow, (index) => {
    const row = customerAt(index);
    if (row) selectRow(row.original.row);
  });
  const { toFirstRow } = grid;
  const drawnFirst = Math.max(0, first - OVERSCAN);
  const drawnLast = Math.min(total - 1, last + OVERSCAN);
  // The engine sends the rows drawn, and a margin.
  useEffect(() => {
    if (drawnLast < drawnFirst) return;
    const start = Math.max(0, drawnFirst - MARGIN);
    setTableRange(start, drawnLast + MARGIN - start + 1);
  }, [drawnFirst, drawnLast, setTableRange]);
  // A new order or filter asks for its first rows (setTableView resets the range): show them.
  useEffect(() => {
    scrollTo(0);
    toFirstRow();
  }, [view, scrollTo, toFirstRow]);
  const drawn = Array.from({ length: Math.max(0, drawnLast - drawnFirst + 1) }, (_, k) => drawnFirst + k);
  // The active row stays in the DOM out of view, so the grid keeps its Tab stop and its focus.
  const activeRow = grid.active.row;
  if (activeRow >= 0 && activeRow < drawnFirst) drawn.unshift(activeRow);
  if (activeRow > drawnLast) drawn.push(activeRow);
  // Fixed widths of the visible columns, so every virtual row lines up with the header.
  const columnIds = headers.map((header) => header.id);
  const width = headers.map((header) => COLUMN_WIDTHS[header.id] ?? '150px').join(' ');
  return (
    <div className="table-scroll" ref={rowWindow.scroller} role="grid" aria-label="Customer list" aria-rowcount={total + 1} onKeyDown={grid.onKeyDown} onFocus={grid.onFocus}>
      <div role="rowgroup" className="table-head" ref={rowWindow.head}>
        <div role="row" aria-rowindex={1} className="table-row" style={{ gridTemplateColumns: width }}>
          {headers.map((header, col) => (
            <ColumnHeader key={header.id} header={header} cell={cellKey(-1, col)} isTabStop={grid.active.row === -1 && grid.active.col === col} />
          ))}
        </div>
      </div>
      <div role="rowgroup" style={{ height: rowWindow.spacerPx, position: 'relative' }}>
        {hasPage && total === 0 ? (
          <div role="row" className="table-row table-empty">
            <div role="gridcell">{emptyMessage}</div>
          </div>
        ) : null}
        {drawn.map((index) => {
          const row = customerAt(index);
          const isOffscreen = index < drawnFirst || index > drawnLast;
          return (
            <BodyRow
              key={index}
              index={index}
              row={row}
              columnIds={columnIds}
              top={rowWindow.topOf(isOffscreen ? first : index)}
              heightPx={ROW_HEIGHT}
              gridTemplateColumns={width}
              activeCol={index === grid.active.row ? grid.active.col : null}
              isSelected={row !== undefined && row.original.row === selectedRow}
              isOffscreen={isOffscreen}
              onSelect={selectRow}
            />
          );
        })}
      </div>
    </div>
  );
}
