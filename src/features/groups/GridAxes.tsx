import { useShallow } from 'zustand/react/shallow';
import { AXIS_LABELS, PREDICTED_LABELS, PREDICTED_VALUES, SEED_CLTV_LABEL, type Axis, type AxisSource } from '../../core/model/model';
import { GRID_SIZES } from '../../core/groups/segment';
import { formatValue } from '../../core/display/format';
import { useAppStore } from '../../state/store';
import { TenureUnitPicker } from '../../ui/TenureUnitPicker';

/** A source as one select value: "column:<name>", "factor:<id>" or "predicted:<value>". */
function sourceValue(source: AxisSource, column: string | null): string {
  if (source.kind === 'seedCltv') return 'seedCltv:';
  if (source.kind === 'factor') return `factor:${source.factorId}`;
  if (source.kind === 'predicted') return `predicted:${source.value}`;
  return column === null ? '' : `column:${column}`;
}

function SplitInput({ axis, which, label }: { axis: Axis; which: 'split' | 'upper'; label: 'Medium from' | 'High from' }) {
  const value = useAppStore((s) => s.model.axes[axis][which]);
  const resolved = useAppStore((s) => s.analysis?.axes[axis][which] ?? NaN);
  const setAxisSplit = useAppStore((s) => s.setAxisSplit);
  const setAxisUpper = useAppStore((s) => s.setAxisUpper);
  const set = which === 'split' ? setAxisSplit : setAxisUpper;
  return (
    <label className="split-input">
      <span>{label}</span>
      <input
        aria-label={`${AXIS_LABELS[axis]}: ${label.toLowerCase()}`}
        type="number"
        step="any"
        value={value ?? ''}
        placeholder={Number.isFinite(resolved) ? formatValue(resolved) : ''}
        onChange={(event) => {
          const text = event.currentTarget.value;
          set(axis, text === '' || !Number.isFinite(Number(text)) ? null : Number(text));
        }}
      />
    </label>
  );
}

function AxisPicker({ axis }: { axis: Axis }) {
  const spec = useAppStore((s) => s.model.axes[axis]);
  const size = useAppStore((s) => s.model.gridSize);
  const unavailable = useAppStore((s) => s.analysis?.axes[axis].unavailable ?? null);
  const columns = useAppStore(useShallow((s) => (s.dataset?.columns ?? []).filter((c) => c.kind === 'number' || c.kind === 'date').map((c) => c.name)));
  const factors = useAppStore(useShallow((s) => s.model.factors.filter((f) => f.column !== null).map((f) => `${f.id}\u0000${f.label}`)));
  const hasLifetime = useAppStore((s) => s.model.lifetime !== null);
  const setAxisColumn = useAppStore((s) => s.setAxisColumn);
  const setAxisSource = useAppStore((s) => s.setAxisSource);
  const setTenureUnit = useAppStore((s) => s.setAxisTenureUnit);
  const isDate = useAppStore((s) => spec.column !== null && s.dataset?.columns.some((c) => c.name === spec.column && c.kind === 'date') === true);
  const name = AXIS_LABELS[axis];
  const onChange = (value: string) => {
    const [kind, ...rest] = value.split(':');
    const id = rest.join(':');
    if (kind === 'factor') setAxisSource(axis, { kind: 'factor', factorId: id });
    else if (kind === 'seedCltv') setAxisSource(axis, { kind: 'seedCltv' });
    else if (kind === 'predicted') setAxisSource(axis, { kind: 'predicted', value: PREDICTED_VALUES.find((v) => v === id) ?? 'pAlive' });
    else setAxisColumn(axis, kind === 'column' ? id : null);
  };
  return (
    <fieldset className="axis-picker">
      <legend>{axis === 'profitability' ? `${name} (up)` : `${name} (across)`}</legend>
      <label className="axis-source">
        <span>{name} axis</span>
        <select value={sourceValue(spec.source, spec.column)} onChange={(event) => onChange(event.currentTarget.value)}>
          <option value="">— none —</option>
          <optgroup label="Columns">
            {columns.map((column) => (
              <option key={column} value={`column:${column}`}>
                {column}
              </option>
            ))}
          </optgroup>
          <optgroup label="Factor points (0–100)">
            {factors.map((entry) => {
              const [id, label] = entry.split('\u0000');
              return (
                <option key={id} value={`factor:${id}`}>
                  {label}
                </option>
              );
            })}
          </optgroup>
          <optgroup label="Per-customer KPI">
            <option value="seedCltv:">{SEED_CLTV_LABEL}</option>
          </optgroup>
          <optgroup label={hasLifetime ? 'Lifetime value fit' : 'Lifetime value fit (fit it first)'}>
            {PREDICTED_VALUES.map((value) => (
              <option key={value} value={`predicted:${value}`} disabled={!hasLifetime}>
                {PREDICTED_LABELS[value]}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      {axis === 'loyalty' && isDate && spec.source.kind === 'column' ? <TenureUnitPicker label="Time as customer in" value={spec.tenureUnit ?? 'months'} onChange={(unit) => setTenureUnit(axis, unit)} /> : null}
      {size === 2 ? (
        <SplitInput axis={axis} which="split" label="High from" />
      ) : (
        <>
          <SplitInput axis={axis} which="split" label="Medium from" />
          <SplitInput axis={axis} which="upper" label="High from" />
        </>
      )}
      {unavailable && (spec.column !== null || spec.source.kind !== 'column') ? (
        <p className="muted small axis-problem" role="status">
          This axis cannot be read: {unavailable}.
        </p>
      ) : null}
    </fieldset>
  );
}

/** What the grid's axes split on, where, and into how many cells. Blank splits are the median (2×2) or the tertiles (3×3). */
export function GridAxes() {
  const size = useAppStore((s) => s.model.gridSize);
  const setGridSize = useAppStore((s) => s.setGridSize);
  return (
    <div className="grid-axes">
      <fieldset className="grid-size">
        <legend>Cells</legend>
        {GRID_SIZES.map((option) => (
          <label key={option}>
            <input type="radio" name="grid-size" value={option} checked={size === option} onChange={() => setGridSize(option)} />
            {`${option}×${option}`}
          </label>
        ))}
      </fieldset>
      <AxisPicker axis="profitability" />
      <AxisPicker axis="loyalty" />
      <p className="muted small grid-axes-note">Blank split: the {size === 2 ? 'median' : 'tertiles'} of the axis.</p>
    </div>
  );
}
