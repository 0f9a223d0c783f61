import { useShallow } from 'zustand/react/shallow';
import { formatCount, formatScore, formatValue } from '../../core/format';
import type { Kpi } from '../../core/kpis';
import { useAppStore } from '../../state/store';

const EMPTY: Kpi[] = [];

function formatKpi(kpi: Kpi): string {
  switch (kpi.unit) {
    case 'percent':
      return `${formatScore(kpi.value)} %`;
    case 'points':
      return formatScore(kpi.value);
    case 'money':
      return formatValue(kpi.value);
    case 'count':
      return formatCount(kpi.value);
  }
}

/** The KPIs the data allows, each with its formula; the others say which column they need. */
export function KpiTiles() {
  const kpis = useAppStore(useShallow((s) => s.analysis?.kpis ?? EMPTY));
  const shown = kpis.filter((kpi) => Number.isFinite(kpi.value));
  const hidden = kpis.filter((kpi) => !Number.isFinite(kpi.value));
  if (kpis.length === 0) return null;
  return (
    <div className="kpis">
      <div className="tiles kpi-tiles">
        {shown.map((kpi) => (
          <div key={kpi.id} className="tile" role="group" aria-label={`${kpi.label}: ${formatKpi(kpi)}`} title={`${kpi.label} = ${kpi.formula} (${kpi.column})`}>
            <p className="tile-label">{kpi.label}</p>
            <p className="tile-value">{formatKpi(kpi)}</p>
            <p className="tile-detail muted">from {kpi.column}</p>
          </div>
        ))}
      </div>
      {hidden.length > 0 ? (
        <p className="muted small kpi-missing">
          Not shown: {hidden.map((kpi) => `${kpi.label} (needs ${kpi.needs})`).join('; ')}.
        </p>
      ) : null}
    </div>
  );
}
