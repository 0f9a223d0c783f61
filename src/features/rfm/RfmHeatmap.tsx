import { formatCount, formatValue } from '../../core/display/format';
import { heatmapShades } from '../../core/rfm/rfm';
import { useAppStore } from '../../state/store';
import { RfGrid } from './RfGrid';

/** R (rows, 5 = most recent on top) × F (columns) with the mean monetary value and customers per cell; the table is its own text alternative. */
export function RfmHeatmap() {
  const rfm = useAppStore((s) => s.analysis?.rfm ?? null);
  if (!rfm) return null;
  const shades = heatmapShades(rfm.cellMeanMonetary);
  return (
    <RfGrid
      className="rfm-heatmap"
      caption={`Mean ${rfm.columns.monetary ?? 'monetary value'} per R × F cell (customers in brackets); a stronger colour is higher`}
      renderCell={(_r, f, cell) => (
        <td key={f} style={{ background: `color-mix(in srgb, var(--heat) ${Math.round(shades[cell] * 70)}%, transparent)` }}>
          {formatValue(rfm.cellMeanMonetary[cell])} <span className="small">({formatCount(rfm.cellCounts[cell])})</span>
        </td>
      )}
    />
  );
}
