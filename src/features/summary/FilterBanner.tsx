import { RFM_SEGMENTS, RFM_SEGMENT_LABELS } from '../../core/rfm/rfmSpec';
import { GROUP_LABELS } from '../../core/groups/segment';
import { formatCount } from '../../core/display/format';
import { useAppStore } from '../../state/store';

/**
 * Says which customers the dashboard's figures cover when a filter is in force (an RFM
 * segment, a relationship group, or both), with a button to clear each.
 */
export function FilterBanner() {
  const filter = useAppStore((s) => s.analysis?.filter ?? null);
  const rowCount = useAppStore((s) => s.dataset?.rowCount ?? 0);
  const group = useAppStore((s) => s.tableView.group);
  const segment = useAppStore((s) => RFM_SEGMENTS.find((name) => name === s.tableView.rfmSegment) ?? null);
  const setTableView = useAppStore((s) => s.setTableView);
  if (!filter || (segment === null && group === null)) return null;
  const names = [segment ? `RFM segment ${RFM_SEGMENT_LABELS[segment]}` : null, group ? GROUP_LABELS[group] : null].filter((name) => name !== null).join(' · ');
  return (
    <div className="filter-banner" role="status" aria-label="Dashboard filter">
      <p>
        Showing <strong>{names}</strong>: {formatCount(filter.customers)} of {formatCount(rowCount)} customers.
        {segment && group ? ` The grid and distribution cover the segment's ${formatCount(filter.segmentCustomers)} customers across all groups.` : ''}
      </p>
      {segment ? (
        <button type="button" className="chip" onClick={() => setTableView({ rfmSegment: null })} aria-label={`Show all RFM segments (clear ${RFM_SEGMENT_LABELS[segment]})`}>
          {RFM_SEGMENT_LABELS[segment]} ✕
        </button>
      ) : null}
      {group ? (
        <button type="button" className="chip" onClick={() => setTableView({ group: null })} aria-label={`Show all groups (clear ${GROUP_LABELS[group]})`}>
          {GROUP_LABELS[group]} ✕
        </button>
      ) : null}
    </div>
  );
}
