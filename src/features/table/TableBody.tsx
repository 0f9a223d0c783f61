import { useEffect, useRef } from 'react';
import { flexRender, type Table } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { CustomerRow } from '../../core/table';
import { useAppStore } from '../../state/store';
import { ColumnHeader } from './ColumnHeader';

const ROW_HEIGHT = 34;
const COLUMN_WIDTHS: Record<string, string> = { id: '110px', name: '170px', crs: '70px', band: '100px', group: '120px' };
/** Rows fetched beyond the visible ones on each side, so scrolling rarely shows a gap. */
const MARGIN = 10;

/** The scrolling part of the table: only the rows on screen exist in the DOM. */
export function TableBody({ table, emptyMessage }: { table: Table<CustomerRow>; emptyMessage: string }) {
  const hasPage = useAppStore((s) => s.tablePage !== null);
  const total = useAppStore((s) => s.tablePage?.total ?? 0);
  const pageStart = useAppStore((s) => s.tablePage?.start ?? 0);
  const view = useAppStore((s) => s.tableView);
  const selectedRow = useAppStore((s) => s.selectedRow);
  const setTableRange = useAppStore((s) => s.setTableRange);
  const selectRow = useAppStore((s) => s.selectRow);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    onChange: (instance) => {
      const items = instance.getVirtualItems();
      if (items.length === 0) return;
      const start = Math.max(0, items[0].index - MARGIN);
      setTableRange(start, items[items.length - 1].index + MARGIN - start + 1);
    },
  });
  // A new order or filter asks for its first rows (setTableView resets the range): show them.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [view]);
  const rows = table.getRowModel().rows;
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  // Fixed widths of the visible columns, so every virtual row lines up with the header.
  const width = headers.map((header) => COLUMN_WIDTHS[header.id] ?? '150px').join(' ');
  return (
    <div className="table-scroll" ref={scroller} role="table" aria-label="Customer list" aria-rowcount={total + 1}>
      <div role="rowgroup" className="table-head">
        <div role="row" aria-rowindex={1} className="table-row" style={{ gridTemplateColumns: width }}>
          {headers.map((header) => (
            <ColumnHeader key={header.id} header={header} />
          ))}
        </div>
      </div>
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {hasPage && total === 0 ? (
          <div role="row" className="table-row table-empty">
            <div role="cell">{emptyMessage}</div>
          </div>
        ) : null}
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index - pageStart];
          return (
            <div
              role="row"
              key={item.key}
              aria-rowindex={item.index + 2}
              aria-selected={row ? row.original.row === selectedRow : undefined}
              tabIndex={row ? 0 : -1}
              className={`table-row body ${row && row.original.row === selectedRow ? 'selected' : ''}`}
              style={{ gridTemplateColumns: width, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              onClick={() => row && selectRow(row.original.row)}
              onKeyDown={(event) => {
                if (row && (event.key === 'Enter' || event.key === ' ')) {
                  event.preventDefault();
                  selectRow(row.original.row);
                }
              }}
            >
              {row
                ? row.getVisibleCells().map((cell) => (
                    <div role="cell" key={cell.id}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </div>
                  ))
                : headers.map((header) => (
                    <div role="cell" key={header.id} className="muted">
                      …
                    </div>
                  ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
