import type { ColumnDef, RowData } from '@tanstack/react-table';
import type { ColumnKind } from '../../core/dataset/dataset';
import { BAND_LABELS } from '../../core/model/model';
import { GROUP_LABELS } from '../../core/groups/segment';
import { formatScore } from '../../core/display/format';
import type { CustomerRow, TableSort } from '../../core/table/table';

declare module '@tanstack/react-table' {
  // Unused here, but the type parameters must match TanStack's for the interfaces to merge.
  interface ColumnMeta<TData extends RowData, TValue> {
    /** What a click on the column's header sorts by; text sorts A first, the rest high first. */
    sort?: { sortBy: TableSort; isText: boolean };
  }
}

/** A column of the file, as the store's dataset summary describes it. */
export interface FileColumn {
  name: string;
  kind: ColumnKind;
}

const byColumn = (column: FileColumn | null) => (column ? { sortBy: { column: column.name }, isText: column.kind === 'text' } : undefined);

/**
 * Table columns: who, CRS, band, group, then each factor's 0–100 value and its points.
 * The id and name sort by their file column, CRS by score, a factor by its 0–100 value.
 */
export function customerColumns(factors: readonly (readonly [string, string])[], identity: { id: FileColumn | null; name: FileColumn | null }): ColumnDef<CustomerRow>[] {
  return [
    { id: 'id', header: 'Customer', cell: ({ row }) => row.original.id, meta: { sort: byColumn(identity.id) } },
    { id: 'name', header: 'Name', cell: ({ row }) => row.original.name, meta: { sort: byColumn(identity.name) } },
    { id: 'crs', header: 'CRS', enableHiding: false, cell: ({ row }) => formatScore(row.original.crs), meta: { sort: { sortBy: 'crs', isText: false } } },
    { id: 'band', header: 'Band', cell: ({ row }) => (row.original.band ? BAND_LABELS[row.original.band] : 'not scored') },
    { id: 'group', header: 'Group', cell: ({ row }) => (row.original.group ? GROUP_LABELS[row.original.group] : '–') },
    ...factors.map(([factorId, label], f): ColumnDef<CustomerRow> => ({
      id: `factor-${factorId}`,
      header: `${label} (points)`,
      cell: ({ row }) => {
        const factor = row.original.factors[f];
        return factor ? `${formatScore(factor.value)} (${formatScore(factor.points)})` : '–';
      },
      meta: { sort: { sortBy: { factor: factorId }, isText: false } },
    })),
  ];
}
