import type { ColumnDef } from '@tanstack/react-table';
import { BAND_LABELS } from '../../core/model';
import { GROUP_LABELS } from '../../core/segment';
import { formatScore } from '../../core/format';
import type { CustomerRow } from '../../core/table';

/** Table columns: who, CRS, band, group, then each factor's 0–100 value and its points. */
export function customerColumns(factors: readonly (readonly [string, string])[]): ColumnDef<CustomerRow>[] {
  return [
    { id: 'id', header: 'Customer', cell: ({ row }) => row.original.id },
    { id: 'name', header: 'Name', cell: ({ row }) => row.original.name },
    { id: 'crs', header: 'CRS', cell: ({ row }) => formatScore(row.original.crs) },
    { id: 'band', header: 'Band', cell: ({ row }) => (row.original.band ? BAND_LABELS[row.original.band] : 'not scored') },
    { id: 'group', header: 'Group', cell: ({ row }) => (row.original.group ? GROUP_LABELS[row.original.group] : '–') },
    ...factors.map(
      ([factorId, label], f): ColumnDef<CustomerRow> => ({
        id: `factor-${factorId}`,
        header: `${label} (points)`,
        cell: ({ row }) => {
          const factor = row.original.factors[f];
          return factor ? `${formatScore(factor.value)} (${formatScore(factor.points)})` : '–';
        },
      }),
    ),
  ];
}
