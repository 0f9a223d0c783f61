import { formatCount, formatValue } from '../../core/format';
import { heatmapShades } from '../../core/rfm';
import { useAppStore } from '../../state/store';

const SCORES = [1, 2, 3, 4, 5] as const;

/** R (rows, 5 = most recent on top) × F (columns) with the mean monetary value and customers per cell; the table is its own text alternative. */
export function RfmHeatmap() {
  const rfm = useAppStore((s) => s.analysis?.rfm ?? null);
  if (!rfm) return null;
  const shades = heatmapShades(rfm.cellMeanMonetary);
  return (
    <div className="table-wrap">
      <table className="rfm-heatmap">
        <caption>Mean {rfm.columns.monetary ?? 'monetary value'} per R × F cell (customers in brackets); a stronger colour is higher</caption>
        <thead>
          <tr>
            <th scope="col">R \ F</th>
            {SCORES.map((f) => (
              <th key={f} scope="col">
                F{f}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...SCORES].reverse().map((r) => (
            <tr key={r}>
              <th scope="row">R{r}</th>
              {SCORES.map((f) => {
                const cell = (r - 1) * 5 + (f - 1);
                return (
                  <td key={f} style={{ background: `color-mix(in srgb, var(--accent) ${Math.round(shades[cell] * 70)}%, transparent)` }}>
                    {formatValue(rfm.cellMeanMonetary[cell])} <span className="small">({formatCount(rfm.cellCounts[cell])})</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
