import { formatCount } from '../../core/display/format';
import { useAppStore } from '../../state/store';
import type { DatasetSummary } from '../../workers/protocol';

/** What was odd in the file; nothing was dropped, and each row's details go to crs_issues. */
function noticesOf(dataset: DatasetSummary): string[] {
  const notes = [...dataset.notices];
  if (dataset.raggedRows > 0) {
    notes.push(`${formatCount(dataset.raggedRows)} row${dataset.raggedRows === 1 ? ' has' : 's have'} a different number of cells than the header: short rows are padded, extra cells kept in crs_issues.`);
  }
  for (const column of dataset.columns) {
    if (column.invalid > 0) {
      notes.push(`"${column.name}": ${formatCount(column.invalid)} cell${column.invalid === 1 ? ' is' : 's are'} not a number; those customers are scored without it (see crs_issues).`);
    }
  }
  return notes;
}

export function DataNotices() {
  const dataset = useAppStore((s) => s.dataset);
  if (!dataset) return null;
  const notes = noticesOf(dataset);
  if (notes.length === 0) return null;
  return (
    <details className="notices">
      <summary>
        {notes.length} note{notes.length === 1 ? '' : 's'} about this file
      </summary>
      <ul>
        {notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </details>
  );
}
