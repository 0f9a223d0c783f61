import { useState } from 'react';
import { formatValue } from '../../core/display/format';
import { parseCuts } from '../../core/rfm/rfm';
import { RFM_DIMENSIONS, RFM_DIMENSION_LABELS, type RfmDimension } from '../../core/rfm/rfmSpec';
import { useAppStore } from '../../state/store';

/** Cut points per dimension: blank for quintiles, or four ascending thresholds. */
export function RfmCutInputs() {
  return (
    <fieldset className="rfm-cuts">
      <legend>Cut points (four per dimension; blank = quintiles, tied values scored as the lowest quintile they span; a value equal to a cut scores in the higher bucket)</legend>
      {RFM_DIMENSIONS.map((dimension) => (
        <CutInput key={dimension} dimension={dimension} />
      ))}
    </fieldset>
  );
}

function CutInput({ dimension }: { dimension: RfmDimension }) {
  const userCuts = useAppStore((s) => s.model.rfm.cuts[dimension]);
  const inUse = useAppStore((s) => s.analysis?.rfm?.cuts[dimension] ?? null);
  const setRfmCuts = useAppStore((s) => s.setRfmCuts);
  const [text, setText] = useState(userCuts ? userCuts.join(', ') : '');
  const [problem, setProblem] = useState<string | null>(null);
  const commit = () => {
    const parsed = parseCuts(text);
    setProblem(parsed.ok ? null : parsed.problem);
    if (parsed.ok) setRfmCuts(dimension, parsed.cuts);
  };
  const label = `${RFM_DIMENSION_LABELS[dimension]} cut points`;
  return (
    <label>
      <span>{label}</span>
      <input
        type="text"
        inputMode="decimal"
        value={text}
        placeholder={inUse && inUse.length > 0 ? `quintiles: ${inUse.map((cut) => formatValue(cut)).join(', ')}` : 'quintiles'}
        aria-invalid={problem !== null}
        onChange={(event) => setText(event.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
        }}
      />
      {problem ? <span className="warning small">{problem}</span> : null}
    </label>
  );
}
