import { formatBytes, formatCount } from '../../core/display/format';
import { useAppStore } from '../../state/store';

/** role="status": the customer count and how the file was read. */
export function StatusLine() {
  const dataset = useAppStore((s) => s.dataset);
  // Over the whole file, whatever filter the dashboard is under.
  const scored = useAppStore((s) => s.analysis?.filter?.allScored ?? s.analysis?.aggregates.scored ?? null);
  const restoredFrom = useAppStore((s) => s.restoredFrom);
  if (!dataset) {
    return (
      <p role="status" className="status muted">
        No data loaded. Nothing you load leaves this browser.
      </p>
    );
  }
  const delimiterName = dataset.delimiter === '\t' ? 'tab' : `"${dataset.delimiter}"`;
  return (
    <p role="status" className="status">
      <strong>{formatCount(dataset.rowCount)} customers</strong>
      {scored !== null ? <span> · {formatCount(scored)} scored</span> : null}
      {restoredFrom !== null ? <span> · Restored {restoredFrom} from this browser</span> : null}
      <span className="muted">
        {' '}
        · {dataset.name}
        {dataset.sheets ? ` (sheet "${dataset.sheets.read}"` : ' ('}
        {dataset.sheets ? ', ' : ''}
        {formatBytes(dataset.sizeBytes)}, {dataset.sheets ? 'spreadsheet' : `${dataset.encoding.toUpperCase()}, ${delimiterName}-separated, decimal ${dataset.decimal}`})
        {dataset.header.line > 1 ? ` · header on line ${dataset.header.line}` : ''}
      </span>
    </p>
  );
}
