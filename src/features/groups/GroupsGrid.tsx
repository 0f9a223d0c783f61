import { withDemand, type ViewProps } from '../../state/demand';
import { useEffect, useRef, useState } from 'react';
import { gridOrder, groupCode, groupDescription, GROUP_LABELS, GROUP_STRATEGIES, NO_GROUP_SLOT, type GridSize, type Group } from '../../core/groups/segment';
import { formatCount, formatScore, formatShare } from '../../core/display/format';
import { weightsSummary } from '../../core/model/model';
import { useAppStore, useAppStoreApi } from '../../state/store';
import { ChartExportButtons } from '../../ui/ChartExportButtons';
import { Panel } from '../../ui/Panel';
import { GroupsGridImage } from './GroupsGridImage';
import { fileStem } from '../../core/export/csv';
import { GridAxes } from './GridAxes';
import { axisSplitText } from './axisText';

function GroupCell({ group, size }: { group: Group; size: GridSize }) {
  const index = groupCode(size, group);
  const count = useAppStore((s) => s.analysis?.aggregates.groupCounts[index] ?? 0);
  // Shares of the customers the grid covers: an RFM segment's, when one is chosen.
  const total = useAppStore((s) => s.analysis?.filter?.segmentCustomers ?? s.dataset?.rowCount ?? 0);
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
        {groupDescription(size, group)} · mean CRS {scored > 0 ? formatScore(scoreSum / scored) : '–'}
      </p>
      <p className="group-strategy">{GROUP_STRATEGIES[group]}</p>
    </div>
  );
}

/** The relationship grid: profitability (up) × loyalty (across), 2×2 or 3×3, on the axes chosen above it. */
function GroupsGridBody({ view }: { view: ViewProps }) {
  const profitLabel = useAppStore((s) => s.analysis?.axes.profitability.label ?? null);
  const loyaltyLabel = useAppStore((s) => s.analysis?.axes.loyalty.label ?? null);
  const size = useAppStore((s) => s.analysis?.gridSize ?? 2);
  const ungrouped = useAppStore((s) => s.analysis?.aggregates.groupCounts[NO_GROUP_SLOT] ?? 0);
  const hasAnalysis = useAppStore((s) => s.analysis !== null);
  const datasetName = useAppStore((s) => s.dataset?.name ?? 'customers');
  const showAlert = useAppStore((s) => s.showAlert);
  const store = useAppStoreApi();
  const image = useRef<HTMLDivElement>(null);
  // The axis controls are folded when the grid can be drawn from the start, so it stays on the
  // first screen; once they had to be open (an axis to choose) they stay open while the user works.
  const [axesOpen, setAxesOpen] = useState<boolean | null>(null);
  const isMapped = profitLabel !== null && loyaltyLabel !== null;
  useEffect(() => {
    if (hasAnalysis && !isMapped && axesOpen === null) setAxesOpen(true);
  }, [hasAnalysis, isMapped, axesOpen]);
  if (!hasAnalysis) return null;
  const isAxesOpen = axesOpen ?? !isMapped;
  return (
    <Panel
      {...view}
      title="Relationship groups"
      id="groups"
      className="groups"
      actions={
        isMapped ? (
          <ChartExportButtons
            onError={showAlert}
            container={image}
            title="Relationship groups"
            subtitle={() => {
              const axes = store.getState().analysis?.axes;
              const splits = axes ? `profitability ${profitLabel} (${axisSplitText(axes.profitability, size)}) × loyalty ${loyaltyLabel} (${axisSplitText(axes.loyalty, size)})` : '';
              return `${datasetName} · ${size}×${size} · ${splits}. Weights: ${weightsSummary(store.getState().model)}.`;
            }}
            fileStem={`${fileStem(datasetName)}-relationship-groups`}
          />
        ) : null
      }
    >
      <details className="grid-axes-details" open={isAxesOpen} onToggle={(event) => setAxesOpen(event.currentTarget.open)}>
        <summary>
          Axes: {profitLabel ?? '—'} × {loyaltyLabel ?? '—'} · {size}×{size}
        </summary>
        <GridAxes />
      </details>
      {isMapped ? (
        <>
          <div className="groups-layout">
            <p className="axis-label y">
              Profitability <span className="muted">({profitLabel})</span> →
            </p>
            <div className={`groups-grid size-${size}`}>
              {gridOrder(size).map((group) => (
                <GroupCell key={group} group={group} size={size} />
              ))}
            </div>
            <p className="axis-label x">
              Loyalty <span className="muted">({loyaltyLabel})</span> →
            </p>
          </div>
          {ungrouped > 0 ? <p className="muted small">{formatCount(ungrouped)} customers lack a value on an axis and are in no group.</p> : null}
          <div ref={image} hidden>
            <GroupsGridImage profitLabel={profitLabel} loyaltyLabel={loyaltyLabel} />
          </div>
        </>
      ) : (
        <p className="muted">Map a profitability column (revenue, CLTV) and a loyalty column (tenure) under Column mapping, or choose what each axis splits on above, to see the relationship groups.</p>
      )}
    </Panel>
  );
}

/** Asks for its parts only while on screen (src/state/demand.ts). */
export const GroupsGrid = withDemand(['scores', 'axes', 'revenue'], GroupsGridBody);
