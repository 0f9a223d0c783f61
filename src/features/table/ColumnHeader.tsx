import { flexRender, type Header } from '@tanstack/react-table';
import { clickedSort, sortKey, type CustomerRow } from '../../core/table';
import { useAppStore } from '../../state/store';

/** A column's header; a sortable one is a button that sorts by it, or flips the direction. */
export function ColumnHeader({ header }: { header: Header<CustomerRow, unknown> }) {
  const sortBy = useAppStore((s) => s.tableView.sortBy);
  const descending = useAppStore((s) => s.tableView.descending);
  const setTableView = useAppStore((s) => s.setTableView);
  const label = flexRender(header.column.columnDef.header, header.getContext());
  const sort = header.column.columnDef.meta?.sort;
  if (!sort) return <div role="columnheader">{label}</div>;
  const isSorted = sortKey(sortBy) === sortKey(sort.sortBy);
  return (
    <div role="columnheader" aria-sort={isSorted ? (descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort-header" onClick={() => setTableView(clickedSort({ sortBy, descending }, sort.sortBy, sort.isText))}>
        {label}
        <span aria-hidden="true">{isSorted ? (descending ? ' ↓' : ' ↑') : ''}</span>
      </button>
    </div>
  );
}
