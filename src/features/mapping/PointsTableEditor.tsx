import type { Shape } from '../../core/model/model';
import { stepsInOrder, stepsProblem, withStepAdded } from '../../core/model/modelEdits';
import { NumberField } from './NumberField';

type Steps = Extract<Shape, { kind: 'points' }>['steps'];

interface PointsTableEditorProps {
  label: string;
  steps: Steps;
  onChange: (steps: Steps) => void;
}

/** A points table: rows of "from" (raw value) and points (0–100); at least one row. */
export function PointsTableEditor({ label, steps, onChange }: PointsTableEditorProps) {
  const change = (k: number, step: Partial<Steps[number]>) => onChange(steps.map((s, j) => (j === k ? { ...s, ...step } : s)));
  const problem = stepsProblem(steps);
  return (
    <fieldset className="points-table">
      <legend>{label} points table</legend>
      {steps.map((step, k) => (
        <div className="points-step" key={k}>
          <NumberField label={`${label} step ${k + 1} from`} visibleLabel="from" value={step.from} onChange={(from) => change(k, { from })} onBlur={() => onChange(stepsInOrder(steps))} />
          <NumberField label={`${label} step ${k + 1} points`} visibleLabel="points" value={step.points} min={0} max={100} isValid={(v) => v >= 0 && v <= 100} onChange={(points) => change(k, { points })} />
          <button type="button" className="button small" disabled={steps.length <= 1} onClick={() => onChange(steps.filter((_, j) => j !== k))}>
            <span aria-hidden="true">×</span>
            <span className="visually-hidden">
              Remove {label} step {k + 1}
            </span>
          </button>
        </div>
      ))}
      <button type="button" className="button small" onClick={() => onChange(withStepAdded(steps))}>
        Add {label} step
      </button>
      {problem ? <p className="warning mapping-note">{problem}</p> : null}
    </fieldset>
  );
}
