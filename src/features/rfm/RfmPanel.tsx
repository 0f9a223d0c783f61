import { withDemand, type ViewProps } from '../../state/demand';
import { useAppStore } from '../../state/store';
import { Panel } from '../../ui/Panel';
import { RfmColumns } from './RfmColumns';
import { RfmCutInputs } from './RfmCutInputs';
import { RfmHeatmap } from './RfmHeatmap';
import { RfmSegmentTable } from './RfmSegmentTable';
import { SegmentMapEditor } from './SegmentMapEditor';

/** RFM segmentation: columns, cut points, figures per segment, the R×F heatmap and the editable segment map. */
function RfmPanelBody({ view }: { view: ViewProps }) {
  const hasRfm = useAppStore((s) => (s.analysis?.rfm ?? null) !== null);
  const addRfmFactors = useAppStore((s) => s.addRfmFactors);
  return (
    <Panel
      {...view}
      title="RFM segments"
      id="rfm"
      className="rfm"
      actions={
        hasRfm ? (
          <button
            type="button"
            className="button small"
            onClick={addRfmFactors}
            title="Points tables with the cut points in use: score 1 → 0 points … 5 → 100. A recency date column is left out. Click again after changing cut points."
          >
            Add R, F, M scores as factors
          </button>
        ) : null
      }
    >
      <RfmColumns />
      {hasRfm ? (
        <>
          <RfmCutInputs />
          <RfmSegmentTable />
          <RfmHeatmap />
          <SegmentMapEditor />
        </>
      ) : view.isCatchingUp ? (
        <p className="muted">Segmenting…</p>
      ) : (
        <p className="muted">Choose a recency column (days since the last purchase, or its date) and a frequency column (orders) to segment customers by RFM.</p>
      )}
    </Panel>
  );
}

/** Asks for its parts only while on screen (src/state/demand.ts). */
export const RfmPanel = withDemand(['rfm'], RfmPanelBody);
