import { RFM_SEGMENTS, RFM_SEGMENT_LABELS } from '../../core/rfm/rfmSpec';
import { useAppStore } from '../../state/store';
import { RfGrid } from './RfGrid';

/** The R×F → segment map as a 5×5 table with a select per cell; collapsed until opened. */
export function SegmentMapEditor() {
  const segmentMap = useAppStore((s) => s.model.rfm.segmentMap);
  const setRfmCellSegment = useAppStore((s) => s.setRfmCellSegment);
  return (
    <details className="rfm-map">
      <summary>Segment map (R × F)</summary>
      <RfGrid
        caption="Segment of each recency (R) and frequency (F) score pair"
        renderCell={(r, f, cell) => (
          <td key={f}>
            <select aria-label={`Segment for R${r} F${f}`} value={segmentMap[cell]} onChange={(event) => setRfmCellSegment(cell, RFM_SEGMENTS.find((s) => s === event.currentTarget.value) ?? segmentMap[cell])}>
              {RFM_SEGMENTS.map((segment) => (
                <option key={segment} value={segment}>
                  {RFM_SEGMENT_LABELS[segment]}
                </option>
              ))}
            </select>
          </td>
        )}
      />
    </details>
  );
}
