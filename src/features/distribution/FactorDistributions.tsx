import { withDemand, type ViewProps } from '../../state/demand';
import { useShallow } from 'zustand/react/shallow';
import { formatCount, formatScore } from '../../core/display/format';
import { useAppStore } from '../../state/store';
import { Panel } from '../../ui/Panel';
import type { FactorSummary } from '../../workers/protocol';

const EMPTY: FactorSummary[] = [];
const WIDTH = 200;
const HEIGHT = 64;

/** One small histogram per factor of its 0–100 value after normalisation: what each factor feeds the score. */
function FactorDistributionsBody({ view }: { view: ViewProps }) {
  const factors = useAppStore(useShallow((s) => s.analysis?.factors ?? EMPTY));
  const labels = useAppStore(useShallow((s) => s.model.factors.map((factor) => `${factor.id}\u0000${factor.label}`)));
  // The panel stays in the page while it has nothing to draw: it is how the view sees it is on screen and asks for the factors.
  if (factors.length === 0) {
    return (
      <Panel {...view} title="Factors after normalisation" id="factor-distributions" className="factor-distributions">
        <p className="muted">{view.isCatchingUp ? 'Drawing the factors…' : 'No factor is mapped to a column yet (Column mapping).'}</p>
      </Panel>
    );
  }
  const labelOf = (id: string) => labels.find((entry) => entry.startsWith(`${id}\u0000`))?.split('\u0000')[1] ?? id;
  return (
    <Panel {...view} title="Factors after normalisation" id="factor-distributions" className="factor-distributions">
      <div className="factor-grid">
        {factors.map((factor) => (
          <FactorHistogram key={factor.factorId} factor={factor} label={labelOf(factor.factorId)} />
        ))}
      </div>
      <p className="muted small">Each factor's 0–100 value over all customers, in 5-point bins; the score is their weighted mean.</p>
    </Panel>
  );
}

function FactorHistogram({ factor, label }: { factor: FactorSummary; label: string }) {
  const counts = Array.from(factor.histogram);
  const max = Math.max(1, ...counts);
  const total = counts.reduce((a, b) => a + b, 0);
  const width = WIDTH / counts.length;
  const low = counts.slice(0, 8).reduce((a, b) => a + b, 0); // below 40
  const high = counts.slice(14).reduce((a, b) => a + b, 0); // 70 and above
  const summary = `${label} (${factor.column}, ${factor.description}): mean ${formatScore(factor.mean)} of 100 over ${formatCount(total)} customers; ${formatCount(low)} below 40, ${formatCount(high)} at 70 or above${factor.missing > 0 ? `; ${formatCount(factor.missing)} missing` : ''}.`;
  return (
    <figure className="factor-histogram">
      <figcaption>
        <strong>{label}</strong> <span className="muted small">{factor.column}</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT + 14}`} width="100%" role="img" aria-label={summary}>
        {counts.map((count, bin) => {
          const height = (count / max) * HEIGHT;
          return <rect key={bin} x={bin * width + 0.5} y={HEIGHT - height} width={width - 1} height={height} fill="var(--accent)" fillOpacity={0.75} />;
        })}
        <line x1={0} x2={WIDTH} y1={HEIGHT + 0.5} y2={HEIGHT + 0.5} stroke="var(--grid)" />
        {Number.isFinite(factor.mean) ? <line x1={(factor.mean / 100) * WIDTH} x2={(factor.mean / 100) * WIDTH} y1={0} y2={HEIGHT} stroke="var(--text)" strokeDasharray="3 2" /> : null}
        <text x={0} y={HEIGHT + 12} fontSize="10" fill="var(--muted)">
          0
        </text>
        <text x={WIDTH} y={HEIGHT + 12} fontSize="10" fill="var(--muted)" textAnchor="end">
          100
        </text>
      </svg>
      <p className="muted small">
        mean {formatScore(factor.mean)}
        {factor.missing > 0 ? ` · ${formatCount(factor.missing)} missing` : ''}
      </p>
    </figure>
  );
}

/** Asks for its parts only while on screen (src/state/demand.ts). */
export const FactorDistributions = withDemand(['factors'], FactorDistributionsBody);
