import { formatCount, formatScore, formatShare, formatValue } from '../../core/display/format';
import { RFM_SEGMENT_LABELS } from '../../core/rfm/rfmSpec';
import { useAppStore } from '../../state/store';
import { ScrollBox } from '../../ui/ScrollBox';

/** Customers, orders, revenue, order value, mean CRS and churn per RFM segment; a button filters the table to one. */
export function RfmSegmentTable() {
  const rfm = useAppStore((s) => s.analysis?.rfm ?? null);
  const filtered = useAppStore((s) => s.tableView.rfmSegment ?? null);
  const setTableView = useAppStore((s) => s.setTableView);
  if (!rfm) return null;
  // Wider than a phone: the table scrolls inside its own box, the page does not.
  return (
    <ScrollBox className="table-wrap" label="Customers per RFM segment">
      <table className="data-table rfm-segments">
        <caption>
          Customers per RFM segment ({formatCount(rfm.scored)} scored{rfm.unscored > 0 ? `, ${formatCount(rfm.unscored)} without a recency or frequency value` : ''})
        </caption>
        <thead>
          <tr>
            <th scope="col">Segment</th>
            <th scope="col">Customers</th>
            <th scope="col">Share</th>
            <th scope="col">Orders</th>
            <th scope="col">Revenue</th>
            <th scope="col">Avg order value</th>
            <th scope="col">Mean CRS</th>
            <th scope="col">{rfm.churnColumn ? `Churn (${rfm.churnColumn})` : 'Churn'}</th>
            <th scope="col">Table</th>
          </tr>
        </thead>
        <tbody>
          {rfm.segments.map((row) => (
            <tr key={row.segment}>
              <th scope="row">{RFM_SEGMENT_LABELS[row.segment]}</th>
              <td>{formatCount(row.customers)}</td>
              <td>{formatShare(row.customers, rfm.scored)}</td>
              <td>{formatValue(row.orders)}</td>
              <td>{formatValue(row.revenue)}</td>
              <td>{formatValue(row.averageOrderValue)}</td>
              <td>{formatScore(row.meanCrs)}</td>
              <td>{formatShare(row.churnRate, 1)}</td>
              <td>
                <button
                  type="button"
                  className="button small"
                  aria-pressed={filtered === row.segment}
                  aria-label={`Filter the dashboard to ${RFM_SEGMENT_LABELS[row.segment]}`}
                  onClick={() => setTableView({ rfmSegment: filtered === row.segment ? null : row.segment })}
                >
                  {filtered === row.segment ? 'Filtered' : 'Filter'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
