import { useAppStore } from '../../state/store';
import { useShallow } from 'zustand/react/shallow';
import { formatKpiValue } from '../../core/display/format';
import { useSince } from './since';
import type { Kpi } from '../../core/kpis/kpis';
import { Tile } from '../../ui/Tile';
import { segmentLabels } from './segments';

const EMPTY: Kpi[] = [];

/** The KPIs the data allows, each with its formula (and its value per segment when asked). */
export function KpiTiles() {
  const kpis = useAppStore(useShallow((s) => s.analysis?.kpis ?? EMPTY));
  const breakdown = useAppStore((s) => s.breakdown);
  const shown = kpis.filter((kpi) => Number.isFinite(kpi.value));
  const gridSize = useAppStore((s) => s.analysis?.gridSize ?? 2);
  const labels = breakdown ? segmentLabels(breakdown.by, gridSize) : [];
  // Compared with an earlier file: each tile's change since, under the same model and filter.
  const { earlier, since } = useSince();
  const changeOf = (kpi: Kpi) => since(kpi.value, earlier?.kpis.find((entry) => entry.id === kpi.id)?.value, kpi.unit);
  return (
    <>
      {shown.map((kpi) => {
        const values = breakdown?.values[kpi.id];
        return (
          <Tile
            key={kpi.id}
            label={kpi.label}
            value={formatKpiValue(kpi.value, kpi.unit)}
            detail={`from ${kpi.column}`}
            change={changeOf(kpi)}
            title={`${kpi.label} = ${kpi.formula} (${kpi.column})`}
            breakdown={
              breakdown && values ? { caption: breakdown.by === 'group' ? 'By relationship group' : 'By band', items: labels.map((label, s) => ({ label, value: formatKpiValue(values[s], kpi.unit) })) } : null
            }
          />
        );
      })}
    </>
  );
}

/** The KPIs the data does not allow, each with the column that would enable it. */
export function MissingKpis() {
  const kpis = useAppStore(useShallow((s) => s.analysis?.kpis ?? EMPTY));
  const hidden = kpis.filter((kpi) => !Number.isFinite(kpi.value));
  if (hidden.length === 0) return null;
  return (
    <details className="kpi-missing muted small">
      <summary>
        {hidden.length} more KPI{hidden.length === 1 ? '' : 's'} need columns this file lacks or that are not mapped
      </summary>
      <ul>
        {hidden.map((kpi) => (
          <li key={kpi.id}>
            {kpi.label}: needs {kpi.needs}
          </li>
        ))}
      </ul>
    </details>
  );
}
