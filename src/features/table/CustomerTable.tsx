import { useMemo } from 'react';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useShallow } from 'zustand/react/shallow';
import { BANDS, BAND_LABELS } from '../../core/model';
import { GROUPS, GROUP_LABELS } from '../../core/segment';
import { formatCount } from '../../core/format';
import { sortFromKey, sortKey, type CustomerRow } from '../../core/table';
import { useAppStore } from '../../state/store';
import { Panel } from '../../ui/Panel';
import { customerColumns } from './columns';
import { TableBody } from './TableBody';

const EMPTY: CustomerRow[] = [];

/** Every customer, sorted and filtered in the engine, scrolled virtually. */
export function CustomerTable() {
  const factorIds = useAppStore(useShallow((s) => s.analysis?.factors.map((f) => f.factorId) ?? []));
  const labels = useAppStore(useShallow((s) => s.model.factors.map((f) => f.label)));
  const modelIds = useAppStore(useShallow((s) => s.model.factors.map((f) => f.id)));
  const total = useAppStore((s) => s.tablePage?.total ?? 0);
  const rows = useAppStore((s) => s.tablePage?.rows);
  const view = useAppStore((s) => s.tableView);
  const setTableView = useAppStore((s) => s.setTableView);
  const columns = useMemo<ColumnDef<CustomerRow>[]>(
    () => customerColumns(factorIds.map((id): [string, string] => [id, labels[modelIds.indexOf(id)] ?? id])),
    [factorIds, labels, modelIds],
  );
  // The engine sorts and filters; the table gets the page of rows on screen.
  const table = useReactTable<CustomerRow>({ data: rows ?? EMPTY, columns, getCoreRowModel: getCoreRowModel(), manualSorting: true, manualFiltering: true });
  return (
    <Panel title="Customers" id="customers" className="customers">
      <div className="table-controls">
        <label>
          <span>Sort customers</span>
          <select
            value={`${sortKey(view.sortBy)}|${view.descending ? 'desc' : 'asc'}`}
            onChange={(event) => {
              const [key, direction] = event.currentTarget.value.split('|');
              setTableView({ sortBy: sortFromKey(key) ?? 'crs', descending: direction === 'desc' });
            }}
          >
            <option value="crs|desc">CRS, highest first</option>
            <option value="crs|asc">CRS, lowest first</option>
            <option value="file|asc">File order</option>
          </select>
        </label>
        <label>
          <span>Filter by band</span>
          <select value={view.band ?? ''} onChange={(event) => setTableView({ band: BANDS.find((b) => b === event.currentTarget.value) ?? null })}>
            <option value="">All bands</option>
            {BANDS.map((band) => (
              <option key={band} value={band}>
                {BAND_LABELS[band]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Filter by group</span>
          <select value={view.group ?? ''} onChange={(event) => setTableView({ group: GROUPS.find((g) => g === event.currentTarget.value) ?? null })}>
            <option value="">All groups</option>
            {GROUPS.map((group) => (
              <option key={group} value={group}>
                {GROUP_LABELS[group]}
              </option>
            ))}
          </select>
        </label>
        <p className="muted small" aria-live="polite">
          {formatCount(total)} customers shown
        </p>
        {view.group ? (
          <button type="button" className="chip" onClick={() => setTableView({ group: null })} aria-label={`Clear filter: ${GROUP_LABELS[view.group]}`}>
            Filter: {GROUP_LABELS[view.group]} ✕
          </button>
        ) : null}
        {view.band ? (
          <button type="button" className="chip" onClick={() => setTableView({ band: null })} aria-label={`Clear filter: ${BAND_LABELS[view.band]}`}>
            Filter: {BAND_LABELS[view.band]} ✕
          </button>
        ) : null}
      </div>
      <TableBody table={table} />
    </Panel>
  );
}
