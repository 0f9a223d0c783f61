import { useMemo } from 'react';
import { withDemand, type ViewProps } from '../../state/demand';
import { BANDS, BAND_LABELS, BAND_PLAYBOOKS, type Band } from '../../core/model/model';
import { gridGroups, GROUP_LABELS, type Group } from '../../core/groups/segment';
import { scoreView } from '../../core/scoring/score';
import { formatCount, formatShare } from '../../core/display/format';
import { useAppStore } from '../../state/store';
import { Panel } from '../../ui/Panel';
import { goToTable } from '../../ui/goToTable';

/**
 * From score to action: each band's playbook, the at-risk customers, and every band ×
 * group cell, each one click from its list in the customer table (where "Export this
 * view" writes it as CSV).
 */
function ActionsPanelBody({ view }: { view: ViewProps }) {
  const aggregates = useAppStore((s) => s.analysis?.aggregates ?? null);
  const size = useAppStore((s) => s.analysis?.gridSize ?? 2);
  const hasGroups = useAppStore((s) => s.analysis !== null && s.analysis.axes.profitability.label !== null && s.analysis.axes.loyalty.label !== null);
  const atRisk = useAppStore((s) => s.analysis?.kpis.find((kpi) => kpi.id === 'atRisk') ?? null);
  const setTableView = useAppStore((s) => s.setTableView);
  const groups = gridGroups(size);
  const byGroup = useMemo(() => (aggregates ? groups.map((group, g) => ({ group, view: scoreView(aggregates, g) })) : []), [aggregates, groups]);
  if (!aggregates) return null;
  const all = scoreView(aggregates, null);
  const list = (band: Band | null, group: Group | null, isAtRisk = false) => {
    setTableView({ band, group, atRisk: isAtRisk, rfmSegment: null, search: '', movement: null });
    goToTable();
  };
  const riskCount = atRisk && Number.isFinite(atRisk.value) ? atRisk.value : null;
  return (
    <Panel {...view} title="From score to action" id="actions" className="actions">
      <table className="data-table band-playbooks">
        <caption>What to do with each band</caption>
        <thead>
          <tr>
            <th scope="col">Band</th>
            <th scope="col">Customers</th>
            <th scope="col">Playbook</th>
            <th scope="col">List</th>
          </tr>
        </thead>
        <tbody>
          {BANDS.map((band, b) => (
            <tr key={band}>
              <th scope="row">{BAND_LABELS[band]}</th>
              <td>
                {formatCount(all.bandCounts[b])} ({formatShare(all.bandCounts[b], all.scored)})
              </td>
              <td>{BAND_PLAYBOOKS[band]}</td>
              <td>
                <button type="button" className="button small" disabled={all.bandCounts[b] === 0} onClick={() => list(band, null)}>
                  List {formatCount(all.bandCounts[b])} {BAND_LABELS[band].toLowerCase()}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="at-risk-line">
        {riskCount === null ? (
          <span className="muted">At risk needs a profitability (revenue) column: map one to see who to save first.</span>
        ) : (
          <>
            <strong>At risk: {formatCount(riskCount)}</strong> customers in the poor band with revenue above the median. Save these first.{' '}
            <button type="button" className="button small primary" disabled={riskCount === 0} onClick={() => list('poor', null, true)}>
              List the at-risk customers
            </button>
          </>
        )}
      </p>
      {hasGroups ? (
        <table className="data-table band-groups">
          <caption>Customers by relationship group and band: a count lists them</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              {BANDS.map((band) => (
                <th key={band} scope="col">
                  {BAND_LABELS[band]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {byGroup.map(({ group, view: groupView }) => (
              <tr key={group}>
                <th scope="row">{GROUP_LABELS[group]}</th>
                {BANDS.map((band, b) => (
                  <td key={band}>
                    <button
                      type="button"
                      className="link-button"
                      disabled={groupView.bandCounts[b] === 0}
                      aria-label={`List the ${formatCount(groupView.bandCounts[b])} ${BAND_LABELS[band].toLowerCase()} ${GROUP_LABELS[group].toLowerCase()}`}
                      onClick={() => list(band, group)}
                    >
                      {formatCount(groupView.bandCounts[b])}
                    </button>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Panel>
  );
}

/** Asks for its parts only while on screen (src/state/demand.ts). */
export const ActionsPanel = withDemand(['scores', 'axes', 'kpis'], ActionsPanelBody);
