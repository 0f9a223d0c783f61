import { flexRender, type Header } from '@tanstack/react-table';
import { clickedSort, sortKey, type CustomerRow } from '../../core/table/table';
import { useAppStore } from '../../state/store';

/**
 * A column's header; a sortable one is a button that sorts by it, or flips the direction.
 * `cell` marks what takes the grid's focus (the button, or the header), a Tab stop when active.
 */
export function ColumnHeader({ header, cell, isTabStop }: { header: Header<CustomerRow, unknown>; cell: string; isTabStop: boolean }) {
  const sortBy = useAppStore((s) => s.tableView.sortBy);
  const descending = useAppStore((s) => s.tableView.descending);
  const setTableView = useAppStore((s) => s.setTableView);
  const label = flexRender(header.column.columnDef.header, header.getContext());
  const sort = header.column.columnDef.meta?.sort;
  const tabIndex = isTabStop ? 0 : -1;
  if (!sort)
    return (
      <div role="columnheader" data-cell={cell} tabIndex={tabIndex}>
        {label}
      </div>
    );
  const isSorted = sortKey(sortBy) === sortKey(sort.sortBy);
  return (
    <div role="columnheader" aria-sort={isSorted ? (descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort-header" data-cell={cell} tabIndex={tabIndex} onClick={() => setTableView(clickedSort({ sortBy, descending }, sort.sortBy, sort.isText))}>
        {label}
        <span aria-hidden="true">{isSorted ? (descending ? ' ↓' : ' ↑') : ''}</span>
      </button>
    </div>
  );
}
