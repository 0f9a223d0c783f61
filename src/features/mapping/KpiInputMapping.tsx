import { KPI_INPUTS, KPI_INPUT_LABELS, type KpiInput } from '../../core/model/model';
import { useAppStore } from '../../state/store';
import { ColumnSelect } from './ColumnSelect';

/** Inputs read as yes/no (or rates): they may be mapped to yes/no columns. */
const FLAG_INPUTS: ReadonlySet<KpiInput> = new Set(['churn', 'renewal', 'conversion', 'upsell', 'fcr']);

/** Which column feeds each KPI tile; recognised by header on load, changeable here. */
export function KpiInputMapping() {
  const inputs = useAppStore((s) => s.model.kpiInputs);
  const setKpiInput = useAppStore((s) => s.setKpiInput);
  const mapped = KPI_INPUTS.filter((input) => inputs[input] !== null).length;
  return (
    <details className="kpi-mapping">
      <summary>
        KPI columns{' '}
        <span className="muted small">
          ({mapped} of {KPI_INPUTS.length} mapped; revenue is the profitability axis)
        </span>
      </summary>
      <div className="mapping-grid">
        {KPI_INPUTS.map((input) => (
          <ColumnSelect
            key={input}
            label={KPI_INPUT_LABELS[input]}
            value={inputs[input]}
            allowFlags={FLAG_INPUTS.has(input)}
            allowCategories={input === 'stage'}
            onChange={(column) => setKpiInput(input, column)}
          />
        ))}
      </div>
    </details>
  );
}
