import { withDemand, type ViewProps } from '../../state/demand';
import { useMemo } from 'react';
import { functionalUpdate, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useShallow } from 'zustand/react/shallow';
import { BANDS, BAND_LABELS } from '../../core/model/model';
import { gridGroups, GROUP_LABELS } from '../../core/groups/segment';
import { formatCount } from '../../core/display/format';
import { identityColumns, type CustomerRow } from '../../core/table/table';
import { useAppStore } from '../../state/store';
import { Panel } from '../../ui/Panel';
import { ColumnChooser } from './ColumnChooser';
import { customerColumns } from './columns';
import { SortSelect } from './SortSelect';
import { TableBody } from './TableBody';
import { TableSearch } from './TableSearch';
import { ViewChips } from './ViewChips';

const EMPTY: CustomerRow[] = [];

/** Every customer, sorted, searched and filtered in the engine, scrolled virtually. */
function CustomerTableBody({ view }: { view: ViewProps }) {
  const factorIds = useAppStore(useShallow((s) => s.analysis?.factors.map((f) => f.factorId) ?? []));
  const labels = useAppStore(useShallow((s) => s.model.factors.map((f) => f.label)));
  const modelIds = useAppStore(useShallow((s) => s.model.factors.map((f) => f.id)));
  const fileColumns = useAppStore((s) => s.dataset?.columns);
  const requestExport = useAppStore((s) => s.requestExport);
  const exporting = useAppStore((s) => s.exporting);
  const total = useAppStore((s) => s.tablePage?.total ?? 0);
  const rows = useAppStore((s) => s.tablePage?.rows);
  const band = useAppStore((s) => s.tableView.band);
  const group = useAppStore((s) => s.tableView.group);
  const groups = gridGroups(useAppStore((s) => s.analysis?.gridSize ?? 2));
  const search = useAppStore((s) => s.tableView.search.trim());
  const columnVisibility = useAppStore((s) => s.columnVisibility);
  const setTableView = useAppStore((s) => s.setTableView);
  const setColumnVisibility = useAppStore((s) => s.setColumnVisibility);
  const columns = useMemo<ColumnDef<CustomerRow>[]>(() => {
    const identity = identityColumns({ columns: fileColumns ?? [] });
    return customerColumns(
      factorIds.map((id): [string, string] => [id, labels[modelIds.indexOf(id)] ?? id]),
      { id: fileColumns?.[identity.id] ?? null, name: fileColumns?.[identity.name] ?? null },
    );
  }, [factorIds, labels, modelIds, fileColumns]);
  // The engine sorts and filters; the table gets the page of rows on screen.
  const table = useReactTable<CustomerRow>({
    data: rows ?? EMPTY,
    columns,
    state: { columnVisibility },
    onColumnVisibilityChange: (updater) => setColumnVisibility(functionalUpdate(updater, columnVisibility)),
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualFiltering: true,
  });
  return (
    <Panel {...view} title="Customers" id="customers" className="customers" actions={<ColumnChooser table={table} />}>
      <div className="table-controls">
        <TableSearch />
        <SortSelect table={table} />
        <label>
          <span>Filter by band</span>
          <select value={band ?? ''} onChange={(event) => setTableView({ band: BANDS.find((b) => b === event.currentTarget.value) ?? null })}>
            <option value="">All bands</option>
            {BANDS.map((b) => (
              <option key={b} value={b}>
                {BAND_LABELS[b]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Filter by group</span>
          <select value={group ?? ''} onChange={(event) => setTableView({ group: groups.find((g) => g === event.currentTarget.value) ?? null })}>
            <option value="">All groups</option>
            {groups.map((g) => (
              <option key={g} value={g}>
                {GROUP_LABELS[g]}
              </option>
            ))}
          </select>
        </label>
        <p className="muted small" aria-live="polite">
          {formatCount(total)} customers shown
        </p>
        <button
          type="button"
          className="button small"
          onClick={() => requestExport('view')}
          disabled={exporting || total === 0}
          title="Only the customers shown, in this order, with every column and the scores"
        >
          Export this view (CSV)
        </button>
        <ViewChips />
      </div>
      <TableBody table={table} emptyMessage={search !== '' ? `No customer matches “${search}”.` : 'No customer matches these filters.'} />
    </Panel>
  );
}

/** Asks for its parts only while on screen (src/state/demand.ts). */
export const CustomerTable = withDemand(['table', 'factors'], CustomerTableBody);
