import { formatCount, formatShare, formatValue } from '../../core/display/format';
import type { MovementCounts } from '../../workers/comparison';
import { ScrollBox } from '../../ui/ScrollBox';

interface MovementTableProps {
  /** "Band movement" or "Group movement": the table's accessible name (its caption). */
  caption: string;
  from: readonly string[];
  to: readonly string[];
  table: MovementCounts;
  /** Lists a cell's customers in the customer table. */
  onList: (from: number, to: number) => void;
  /** Exports the customers gone since from one earlier row (they are in the earlier file only, not in the table). */
  onExportGone: (from: number) => void;
}

/**
 * Earlier category (rows) × current category (columns), with new and gone: each cell's
 * customers, their share of the row, and their revenue; a cell with customers lists them
 * (the gone, in the earlier file only, are exported from it).
 * A row or column with nobody in it (no unscored customer, say) is left out.
 */
export function MovementTable({ caption, from, to, table, onList, onExportGone }: MovementTableProps) {
  const size = to.length;
  const at = (i: number, j: number) => table.counts[i * size + j];
  const rowTotal = (i: number) => to.reduce((sum, _, j) => sum + at(i, j), 0);
  const columnTotal = (j: number) => from.reduce((sum, _, i) => sum + at(i, j), 0);
  const rows = from.map((_, i) => i).filter((i) => rowTotal(i) > 0);
  const columns = to.map((_, j) => j).filter((j) => columnTotal(j) > 0);
  const goneColumn = size - 1;
  return (
    <ScrollBox className="table-wrap" label={caption}>
      <table className="data-table movement-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Earlier ↓ · now →</th>
            {columns.map((j) => (
              <th key={j} scope="col">
                {to[j]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={i}>
              <th scope="row">{from[i]}</th>
              {columns.map((j) => {
                const count = at(i, j);
                const share = formatShare(count, rowTotal(i));
                const revenue = table.revenue ? table.revenue[i * size + j] : null;
                const isStay = from[i] === to[j];
                const what = isStay ? `still ${to[j]}` : `from ${from[i]} to ${to[j]}`;
                // The button is the count; its name says what it lists (the visible count is part of it).
                return (
                  <td key={j} className={isStay ? 'movement-stay' : undefined}>
                    {count > 0 && j !== goneColumn ? (
                      <button type="button" className="movement-cell" onClick={() => onList(i, j)}>
                        <span className="visually-hidden">List the </span>
                        <span className="movement-count">{formatCount(count)}</span>
                        <span className="visually-hidden"> customers {what}</span>
                      </button>
                    ) : count > 0 ? (
                      <button type="button" className="movement-cell" onClick={() => onExportGone(i)} title="Export them from the earlier file (CSV)">
                        <span className="visually-hidden">Export the </span>
                        <span className="movement-count">{formatCount(count)}</span>
                        <span className="visually-hidden"> customers gone since, who were {from[i]} (CSV)</span>
                      </button>
                    ) : (
                      <span className="movement-count-plain">{formatCount(count)}</span>
                    )}
                    <span className="muted small"> {share}</span>
                    {revenue !== null && count > 0 ? <span className="muted small movement-revenue">{formatValue(revenue)}</span> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
