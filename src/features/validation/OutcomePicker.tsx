import { useShallow } from 'zustand/react/shallow';
import { useDemand } from '../../state/demand';
import { useAppStore } from '../../state/store';
import { ColumnPicker } from '../../ui/ColumnPicker';

/** What the picker asks for while on screen: every column read, so 0/1 number columns show their range. */
const COLUMNS_PART = ['columns'] as const;

/** Which yes/no column the score is checked against, and whether a yes is good or bad. */
export function OutcomePicker() {
  const { ref } = useDemand(COLUMNS_PART);
  const outcome = useAppStore((s) => s.model.outcome);
  const setOutcome = useAppStore((s) => s.setOutcome);
  const columns = useAppStore(useShallow((s) => (s.dataset?.columns ?? []).filter((c) => c.kind === 'flag' || (c.kind === 'number' && c.min >= 0 && c.max <= 1)).map((c) => c.name)));
  return (
    <div className="outcome-picker" ref={ref}>
      <ColumnPicker label="Outcome column" value={outcome.column} columns={columns} onChange={(column) => setOutcome({ ...outcome, column })} />
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
