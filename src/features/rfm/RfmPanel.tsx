import { useAppStore } from '../../state/store';
import { Panel } from '../../ui/Panel';
import { RfmColumns } from './RfmColumns';
import { RfmCutInputs } from './RfmCutInputs';
import { RfmHeatmap } from './RfmHeatmap';
import { RfmSegmentTable } from './RfmSegmentTable';
import { SegmentMapEditor } from './SegmentMapEditor';

/** RFM segmentation: columns, cut points, figures per segment, the R×F heatmap and the editable segment map. */
export function RfmPanel() {
  const hasRfm = useAppStore((s) => (s.analysis?.rfm ?? null) !== null);
  return (
    <Panel title="RFM segments" id="rfm" className="rfm">
      <RfmColumns />
      {hasRfm ? (
        <>
          <RfmCutInputs />
          <RfmSegmentTable />
          <RfmHeatmap />
          <SegmentMapEditor />
        </>
      ) : (
        <p className="muted">Choose a recency column (days since the last purchase, or its date) and a frequency column (orders) to segment customers by RFM.</p>
      )}
    </Panel>
  );
}
