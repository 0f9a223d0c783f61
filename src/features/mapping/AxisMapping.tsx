import { AXIS_LABELS, type Axis } from '../../core/model/model';
import { formatValue } from '../../core/display/format';
import { useAppStore } from '../../state/store';
import { ColumnSelect } from './ColumnSelect';
import { TenureUnitPicker } from '../../ui/TenureUnitPicker';

const AXIS_HINTS: Record<Axis, string> = {
  profitability: 'revenue, CLTV, total charges',
  loyalty: 'tenure, months as customer, or a date such as customer since',
};

/** A relationship-grid axis: its column and split point (median unless set). */
export function AxisMapping({ axis }: { axis: Axis }) {
  const spec = useAppStore((s) => s.model.axes[axis]);
  const resolved = useAppStore((s) => s.analysis?.axes[axis] ?? null);
  const setAxisColumn = useAppStore((s) => s.setAxisColumn);
  const setAxisSplit = useAppStore((s) => s.setAxisSplit);
  const setTenureUnit = useAppStore((s) => s.setAxisTenureUnit);
  const isDate = useAppStore((s) => spec.column !== null && s.dataset?.columns.some((c) => c.name === spec.column && c.kind === 'date') === true);
  const size = useAppStore((s) => s.model.gridSize);
  const label = AXIS_LABELS[axis];
  const splitsElsewhere = spec.source.kind !== 'column';
  return (
    <fieldset className="mapping-row">
      <legend>{label} axis</legend>
      <ColumnSelect label={`${label} column`} value={spec.column} onChange={(column) => setAxisColumn(axis, column)} allowDates={axis === 'loyalty'} />
      {axis === 'loyalty' && isDate ? <TenureUnitPicker label="Time as customer in" value={spec.tenureUnit ?? 'months'} onChange={(unit) => setTenureUnit(axis, unit)} /> : null}
      <label>
        <span>
          {label} split ({size === 2 ? 'high' : 'medium'} from)
        </span>
        <input
          type="number"
          step="any"
          value={spec.split ?? ''}
          placeholder={resolved && Number.isFinite(resolved.split) ? `${size === 2 ? 'median' : 'tertile'} ${formatValue(resolved.split)}` : size === 2 ? 'median' : 'tertile'}
          onChange={(event) => {
            const text = event.currentTarget.value;
            setAxisSplit(axis, text === '' || !Number.isFinite(Number(text)) ? null : Number(text));
          }}
        />
      </label>
      <p className="muted mapping-note">
        {splitsElsewhere
          ? `The grid splits this axis on ${resolved?.label ?? 'another value'} (chosen under Relationship groups); this column feeds the revenue figures.`
          : spec.column === null
            ? `Map a column (${AXIS_HINTS[axis]}) to see relationship groups.`
            : resolved && Number.isFinite(resolved.split)
              ? size === 2
                ? `High ${label.toLowerCase()} from ${formatValue(resolved.split)}${resolved.isMedian ? ' (median)' : ''}`
                : `Medium from ${formatValue(resolved.split)}, high from ${formatValue(resolved.upper)}${resolved.isMedian ? ' (tertiles)' : ''}`
              : ''}
      </p>
    </fieldset>
  );
}
