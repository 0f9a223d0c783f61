import { RFM_SEGMENTS, RFM_SEGMENT_LABELS } from '../../core/rfm';
import { useAppStore } from '../../state/store';

const SCORES = [1, 2, 3, 4, 5] as const;

/** The R×F → segment map as a 5×5 table with a select per cell; collapsed until opened. */
export function SegmentMapEditor() {
  const segmentMap = useAppStore((s) => s.model.rfm.segmentMap);
  const setRfmCellSegment = useAppStore((s) => s.setRfmCellSegment);
  return (
    <details className="rfm-map">
      <summary>Segment map (R × F)</summary>
      <div className="table-wrap">
        <table>
          <caption>Segment of each recency (R) and frequency (F) score pair</caption>
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
                    <td key={f}>
                      <select aria-label={`Segment for R${r} F${f}`} value={segmentMap[cell]} onChange={(event) => setRfmCellSegment(cell, RFM_SEGMENTS.find((s) => s === event.currentTarget.value) ?? segmentMap[cell])}>
                        {RFM_SEGMENTS.map((segment) => (
                          <option key={segment} value={segment}>
                            {RFM_SEGMENT_LABELS[segment]}
                          </option>
                        ))}
                      </select>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
