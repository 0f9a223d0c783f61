import { GROUPS, GROUP_DESCRIPTIONS, GROUP_LABELS, GROUP_STRATEGIES, type Group } from '../../core/segment';
import { useRef } from 'react';
import { formatCount, formatScore, formatShare, formatValue } from '../../core/format';
import { weightsSummary } from '../../core/model';
import { useAppStore, useAppStoreApi } from '../../state/store';
import { ChartExportButtons } from '../../ui/ChartExportButtons';
import { Panel } from '../../ui/Panel';
import { GroupsGridImage } from './GroupsGridImage';
import { fileStem } from '../../core/export/csv';
import { GRID_ORDER } from './gridOrder';


function GroupCell({ group }: { group: Group }) {
  const index = GROUPS.indexOf(group);
  const count = useAppStore((s) => s.analysis?.aggregates.groupCounts[index] ?? 0);
  const total = useAppStore((s) => s.dataset?.rowCount ?? 0);
  const scoreSum = useAppStore((s) => s.analysis?.aggregates.groupScoreSums[index] ?? 0);
  const scored = useAppStore((s) => s.analysis?.aggregates.groupScored[index] ?? 0);
  const label = `${GROUP_LABELS[group]}: ${formatCount(count)} customers`;
  const revenue = useAppStore((s) => s.analysis?.revenue?.byGroup[index] ?? NaN);
  const revenueTotal = useAppStore((s) => s.analysis?.revenue?.total ?? NaN);
  const isFiltered = useAppStore((s) => s.tableView.group === group);
  const setTableView = useAppStore((s) => s.setTableView);
  return (
    <div className={`group-cell group-${group} ${isFiltered ? 'filtered' : ''}`} role="group" aria-label={label}>
      <div className="group-head">
        <p className="group-name">{GROUP_LABELS[group]}</p>
        <button type="button" className="group-filter" aria-pressed={isFiltered} aria-label={`Filter the dashboard to ${GROUP_LABELS[group]}`} onClick={() => setTableView({ group: isFiltered ? null : group })}>
          {isFiltered ? 'Filtered' : 'Filter'}
        </button>
      </div>
      <p className="group-count">{formatCount(count)}</p>
      <p className="small">
        {formatShare(count, total)} of customers{Number.isFinite(revenue) ? ` · ${formatShare(revenue, revenueTotal)} of revenue` : ''}
      </p>
      <p className="muted small">
        {GROUP_DESCRIPTIONS[group]} · mean CRS {scored > 0 ? formatScore(scoreSum / scored) : '–'}
      </p>
      <p className="group-strategy">{GROUP_STRATEGIES[group]}</p>
    </div>
  );
}

/** The 2×2 relationship grid: profitability (y) × loyalty (x). */
export function GroupsGrid() {
  const profitColumn = useAppStore((s) => s.analysis?.axes.profitability.column ?? null);
  const loyaltyColumn = useAppStore((s) => s.analysis?.axes.loyalty.column ?? null);
  const ungrouped = useAppStore((s) => s.analysis?.aggregates.groupCounts[GROUPS.length] ?? 0);
  const hasAnalysis = useAppStore((s) => s.analysis !== null);
  const datasetName = useAppStore((s) => s.dataset?.name ?? 'customers');
  const store = useAppStoreApi();
  const image = useRef<HTMLDivElement>(null);
  if (!hasAnalysis) return null;
  const isMapped = profitColumn !== null && loyaltyColumn !== null;
  return (
    <Panel
      title="Relationship groups"
      id="groups"
      className="groups"
      actions={
        isMapped ? (
          <ChartExportButtons
            container={image}
            title="Relationship groups"
            subtitle={() => {
              const { axes } = store.getState().model;
              const split = (value: number | null) => (value === null ? 'median' : formatValue(value));
              return `${datasetName} · profitability ${profitColumn} (high from ${split(axes.profitability.split)}) × loyalty ${loyaltyColumn} (long from ${split(axes.loyalty.split)}). Weights: ${weightsSummary(store.getState().model)}.`;
            }}
            fileStem={`${fileStem(datasetName)}-relationship-groups`}
          />
        ) : null
      }
    >
      {isMapped ? (
        <>
          <div className="groups-layout">
            <p className="axis-label y">
              Profitability <span className="muted">({profitColumn})</span> →
            </p>
            <div className="groups-grid">
              {GRID_ORDER.map((group) => (
                <GroupCell key={group} group={group} />
              ))}
            </div>
            <p className="axis-label x">
              Loyalty <span className="muted">({loyaltyColumn})</span> →
            </p>
          </div>
          {ungrouped > 0 ? <p className="muted small">{formatCount(ungrouped)} customers lack a value on an axis and are in no group.</p> : null}
          <div ref={image} hidden>
            <GroupsGridImage profitColumn={profitColumn} loyaltyColumn={loyaltyColumn} />
          </div>
        </>
      ) : (
        <p className="muted">Map a profitability column (revenue, CLTV) and a loyalty column (tenure) under Column mapping to see the four relationship groups.</p>
      )}
    </Panel>
  );
}
