import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/store';

/** Which yes/no column the score is checked against, and whether a yes is good or bad. */
export function OutcomePicker() {
  const outcome = useAppStore((s) => s.model.outcome);
  const setOutcome = useAppStore((s) => s.setOutcome);
  const columns = useAppStore(useShallow((s) => (s.dataset?.columns ?? []).filter((c) => c.kind === 'flag' || (c.kind === 'number' && c.min >= 0 && c.max <= 1)).map((c) => c.name)));
  return (
    <div className="outcome-picker">
      <label>
        <span>Outcome column</span>
        <select value={outcome.column ?? ''} onChange={(event) => setOutcome({ ...outcome, column: event.currentTarget.value || null })}>
          <option value="">— none —</option>
          {columns.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>A yes in it is</span>
        <select value={outcome.isGood ? 'good' : 'bad'} onChange={(event) => setOutcome({ ...outcome, isGood: event.currentTarget.value === 'good' })}>
          <option value="bad">bad (churned, lost, cancelled)</option>
          <option value="good">good (renewed, won, converted)</option>
        </select>
      </label>
    </div>
  );
}
