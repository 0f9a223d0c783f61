import type { Table } from '@tanstack/react-table';
import { useAppStore } from '../../state/store';
import { sortFromKey, sortKey, type CustomerRow } from '../../core/table/table';

interface Choice {
  value: string;
  label: string;
}

const EMPTY: readonly { name: string; kind: string }[] = [];

/** CRS either way, file order, and every numeric column of the file either way. */
function sortChoices(columns: readonly { name: string; kind: string }[]): Choice[] {
  const choices: Choice[] = [
    { value: 'crs|desc', label: 'CRS, highest first' },
    { value: 'crs|asc', label: 'CRS, lowest first' },
    { value: 'file|asc', label: 'File order' },
  ];
  for (const column of columns) {
    if (column.kind === 'text') continue;
    const key = sortKey({ column: column.name });
    choices.push({ value: `${key}|desc`, label: `${column.name}, highest first` }, { value: `${key}|asc`, label: `${column.name}, lowest first` });
  }
  return choices;
}

/** The "Sort customers" select; a sort chosen by a column header shows as one more choice. */
export function SortSelect({ table }: { table: Table<CustomerRow> }) {
  const columns = useAppStore((s) => s.dataset?.columns ?? EMPTY);
  const sortBy = useAppStore((s) => s.tableView.sortBy);
  const descending = useAppStore((s) => s.tableView.descending);
  const setTableView = useAppStore((s) => s.setTableView);
  const value = `${sortKey(sortBy)}|${descending ? 'desc' : 'asc'}`;
  const choices = sortChoices(columns);
  if (!choices.some((choice) => choice.value === value)) {
    const header = table.getAllLeafColumns().find((column) => column.columnDef.meta?.sort && sortKey(column.columnDef.meta.sort.sortBy) === sortKey(sortBy));
    const isText = header?.columnDef.meta?.sort?.isText ?? false;
    const name = typeof header?.columnDef.header === 'string' ? header.columnDef.header : sortKey(sortBy);
    choices.push({ value, label: `${name}, ${isText ? (descending ? 'Z first' : 'A first') : descending ? 'highest first' : 'lowest first'}` });
  }
  return (
    <label>
      <span>Sort customers</span>
      <select
        value={value}
        onChange={(event) => {
          const [key, direction] = event.currentTarget.value.split('|');
          setTableView({ sortBy: sortFromKey(key) ?? 'crs', descending: direction === 'desc' });
        }}
      >
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}
