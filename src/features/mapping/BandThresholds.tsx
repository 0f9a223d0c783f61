import { bandProblem } from '../../core/model/model';
import { useAppStore } from '../../state/store';
import { useState } from 'react';

/** Band thresholds: poor below "average from", good from "good from". Invalid input is explained, not applied. */
export function BandThresholds() {
  const bands = useAppStore((s) => s.model.bands);
  const setBands = useAppStore((s) => s.setBands);
  const [draft, setDraft] = useState({ averageFrom: String(bands.averageFrom), goodFrom: String(bands.goodFrom) });
  const candidate = { averageFrom: Number(draft.averageFrom), goodFrom: Number(draft.goodFrom) };
  const problem = draft.averageFrom.trim() === '' || draft.goodFrom.trim() === '' ? 'Enter both thresholds.' : bandProblem(candidate);

  const update = (key: 'averageFrom' | 'goodFrom', text: string) => {
    const next = { ...draft, [key]: text };
    setDraft(next);
    const parsed = { averageFrom: Number(next.averageFrom), goodFrom: Number(next.goodFrom) };
    if (next.averageFrom.trim() !== '' && next.goodFrom.trim() !== '' && bandProblem(parsed) === null) setBands(parsed);
  };

  return (
    <fieldset className="mapping-row bands">
      <legend>Bands</legend>
      <label>
        <span>Average from</span>
        <input type="number" min={0} max={100} step={1} value={draft.averageFrom} onChange={(event) => update('averageFrom', event.currentTarget.value)} />
      </label>
      <label>
        <span>Good from</span>
        <input type="number" min={0} max={100} step={1} value={draft.goodFrom} onChange={(event) => update('goodFrom', event.currentTarget.value)} />
      </label>
      <p className={problem ? 'warning' : 'muted mapping-note'}>{problem ?? `Poor < ${bands.averageFrom} ≤ average < ${bands.goodFrom} ≤ good`}</p>
    </fieldset>
  );
}
