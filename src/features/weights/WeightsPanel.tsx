import { Panel } from '../../ui/Panel';
import { useAppStore } from '../../state/store';
import { selectFactorIds, selectTotalWeight } from '../../state/selectors';
import { WeightSlider } from './WeightSlider';

/** One slider per factor; the CRS re-scores live as they move. */
export function WeightsPanel() {
  const ids = useAppStore(selectFactorIds);
  const total = useAppStore(selectTotalWeight);
  const hasMapped = useAppStore((s) => s.model.factors.some((factor) => factor.column !== null));
  const resetWeights = useAppStore((s) => s.resetWeights);
  return (
    <Panel
      title="Weights"
      id="weights"
      actions={
        <button type="button" className="button small" onClick={resetWeights}>
          Reset weights
        </button>
      }
    >
      <p className="muted formula">CRS = Σ wᵢ·xᵢ ⁄ Σ wᵢ over the factors each customer has (each 0–100).</p>
      {ids.split('|').map((id) => (
        <WeightSlider key={id} factorId={id} />
      ))}
      {hasMapped && total === 0 ? <p className="warning">All mapped factors have weight 0: no customer can be scored. Raise a weight.</p> : null}
    </Panel>
  );
}
