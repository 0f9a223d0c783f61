import { BANDS, BAND_LABELS, PREDICTED_LABELS } from '../../core/model/model';
import { gridGroups, GROUP_LABELS } from '../../core/groups/segment';
import { formatScore, formatShare, formatSignedScore, formatValue } from '../../core/display/format';
import { clampedFrom, pointsToNextBand } from '../../core/table/table';
import { describeStability } from '../../core/whatIf/sensitivity';
import { useAppStore } from '../../state/store';
import { Panel } from '../../ui/Panel';

/** Why a customer has their CRS: each factor's raw value, 0–100 value, weight and points, then the rules met. */
export function CustomerExplanation() {
  const customer = useAppStore((s) => s.selectedCustomer);
  const model = useAppStore((s) => s.model);
  const selectRow = useAppStore((s) => s.selectRow);
  const stability = useAppStore((s) => s.selectedStability);
  const previous = useAppStore((s) => s.selectedPrevious);
  const earlierName = useAppStore((s) => (s.earlier?.status === 'ready' ? s.earlier.name : null));
  const gridSize = useAppStore((s) => s.analysis?.gridSize ?? 2);
  const previousGroup = previous ? gridGroups(gridSize)[previous.group] : undefined;
  if (!customer) {
    return (
      <Panel title="Score explanation" id="explanation" className="explanation">
        <p className="muted">Choose a customer in the table (click, or Enter on a focused row) to see how their score is made.</p>
      </Panel>
    );
  }
  const labelOf = (factorId: string) => model.factors.find((f) => f.id === factorId)?.label ?? factorId;
  const next = pointsToNextBand(customer, model);
  const clampedTotal = clampedFrom(customer);
  return (
    <Panel
      title={`Score explanation: ${customer.name || customer.id}`}
      id="explanation"
      className="explanation"
      actions={
        <button type="button" className="button small" onClick={() => selectRow(null)}>
          Close explanation
        </button>
      }
    >
      <p className="explain-score">
        CRS <strong>{formatScore(customer.crs)}</strong> · {customer.band ? BAND_LABELS[customer.band] : 'not scored'}
        {customer.group ? ` · ${GROUP_LABELS[customer.group]}` : ''}{' '}
        <span className="muted">
          ({customer.id}, row {customer.row + 2} of the file)
        </span>
      </p>
      {earlierName ? (
        <p className="explain-previous">
          {previous ? (
            <>
              In {earlierName}: CRS {formatScore(previous.score)} · {BANDS[previous.band] ? BAND_LABELS[BANDS[previous.band]] : 'not scored'}
              {previousGroup ? ` · ${GROUP_LABELS[previousGroup]}` : ''}; change {formatSignedScore(customer.crs - previous.score)}
              {previous.mover ? `, most from ${labelOf(previous.mover.factorId)} (${formatSignedScore(previous.mover.change)} points)` : ''}.
            </>
          ) : (
            `Not in ${earlierName} (new, or an id that could not be matched).`
          )}
        </p>
      ) : null}
      <ul className="explain-factors">
        {customer.factors.map((factor) => (
          <li key={factor.factorId} aria-label={`${labelOf(factor.factorId)}: ${formatScore(factor.points)} points`}>
            <span className="explain-name">{labelOf(factor.factorId)}</span>
            <span className="explain-bar" aria-hidden="true">
              <span style={{ width: `${Number.isFinite(factor.points) ? factor.points : 0}%` }} />
            </span>
            <span className="explain-points">{Number.isFinite(factor.points) ? `+${formatScore(factor.points)}` : 'no value'}</span>
            <span className="muted small explain-detail">
              {factor.column} = {factor.raw.trim() === '' ? '(blank)' : factor.raw} → {formatScore(factor.value)} / 100 · weight {factor.weight}
            </span>
          </li>
        ))}
        {customer.rules.map((rule, k) => (
          <li key={`rule-${k}`} className="explain-rule" aria-label={`Rule ${rule.label}: ${formatSignedScore(rule.points)} points`}>
            <span className="explain-name">Rule: {rule.label}</span>
            <span aria-hidden="true" />
            <span className="explain-points">{formatSignedScore(rule.points)}</span>
          </li>
        ))}
      </ul>
      {stability ? <p className="small explain-stability">{describeStability(stability)}</p> : null}
      {customer.derived && customer.derived.length > 0 ? (
        <dl className="explain-derived" aria-label="Value of the customer">
          {customer.derived.map((entry) => (
            <div key={entry.label}>
              <dt>{entry.label}</dt>
              <dd>{entry.label === PREDICTED_LABELS.pAlive ? formatShare(entry.value, 1) : formatValue(entry.value)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {clampedTotal !== null ? <p className="muted small">Factors and rules add up to {formatScore(clampedTotal)}; the CRS is clamped to 0–100.</p> : null}
      {next ? (
        <p className="small">
          To reach <strong>{BAND_LABELS[next.band].toLowerCase()}</strong> (+{formatScore(next.needed)} points):{' '}
          {next.byFactor.filter((f) => f.to !== null).length === 0
            ? 'no single factor can get there alone.'
            : next.byFactor
                .filter((f) => f.to !== null)
                .map((f) => `raise ${labelOf(f.factorId)} to ${formatScore(f.to ?? NaN)}`)
                .join(', or ')}
        </p>
      ) : null}
    </Panel>
  );
}
