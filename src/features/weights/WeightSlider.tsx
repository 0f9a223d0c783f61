import { formatShare } from '../../core/display/format';
import { useAppStore } from '../../state/store';
import { selectTotalWeight } from '../../state/selectors';

/** One factor's weight: a 0–100 slider and its live share of the total. */
export function WeightSlider({ factorId }: { factorId: string }) {
  const factor = useAppStore((s) => s.model.factors.find((f) => f.id === factorId));
  const total = useAppStore(selectTotalWeight);
  const setWeight = useAppStore((s) => s.setWeight);
  if (!factor) return null;
  const isMapped = factor.column !== null;
  const inputId = `weight-${factorId}`;
  return (
    <div className={`weight ${isMapped ? '' : 'unmapped'}`}>
      <div className="weight-head">
        <label htmlFor={inputId}>{factor.label} weight</label>
        <span className="weight-share" aria-hidden="true">
          {isMapped ? formatShare(Math.max(0, factor.weight), total) : 'not mapped'}
        </span>
      </div>
      <input
        id={inputId}
        type="range"
        min={0}
        max={100}
        step={1}
        value={factor.weight}
        aria-valuetext={`${factor.weight} (${isMapped ? formatShare(factor.weight, total) : 'not mapped'})`}
        onChange={(event) => setWeight(factorId, Number(event.currentTarget.value))}
      />
      <p className="weight-column muted">{isMapped ? factor.column : 'Map a column below to use it'}</p>
    </div>
  );
}
