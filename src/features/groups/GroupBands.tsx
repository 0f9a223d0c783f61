import { withDemand, type ViewProps } from '../../state/demand';
import { useMemo, useRef } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { BANDS, BAND_LABELS, weightsSummary } from '../../core/model/model';
import { scoreView } from '../../core/scoring/score';
import { gridGroups, GROUP_LABELS } from '../../core/groups/segment';
import { formatCount, formatScore, formatShare } from '../../core/display/format';
import { useAppStore, useAppStoreApi } from '../../state/store';
import { ChartExportButtons } from '../../ui/ChartExportButtons';
import { Panel } from '../../ui/Panel';
import { fileStem } from '../../core/export/csv';
import { BAND_FILLS } from '../../ui/palette';

const TITLE = 'CRS by relationship group';

/** Each group's band mix as 100 % stacked bars, with its mean CRS: which groups hold the poor scores. */
function GroupBandsBody({ view }: { view: ViewProps }) {
  const aggregates = useAppStore((s) => s.analysis?.aggregates ?? null);
  const isMapped = useAppStore((s) => s.analysis !== null && s.analysis.axes.profitability.label !== null && s.analysis.axes.loyalty.label !== null);
  const size = useAppStore((s) => s.analysis?.gridSize ?? 2);
  const focus = useAppStore((s) => s.tableView.group);
  const datasetName = useAppStore((s) => s.dataset?.name ?? 'customers');
  const showAlert = useAppStore((s) => s.showAlert);
  const store = useAppStoreApi();
  const container = useRef<HTMLDivElement>(null);
  const rows = useMemo(
    () =>
      aggregates
        ? gridGroups(size).map((group, g) => {
            const view = scoreView(aggregates, g);
            const share = (b: number) => (view.scored > 0 ? (view.bandCounts[b] / view.scored) * 100 : 0);
            return { group, name: GROUP_LABELS[group], view, poor: share(0), average: share(1), good: share(2) };
          })
        : [],
    [aggregates, size],
  );
  if (!aggregates || !isMapped) return null;
  const summary = rows
    .map((row) => `${row.name}: mean ${formatScore(row.view.mean)}, ${BANDS.map((band, b) => `${BAND_LABELS[band].toLowerCase()} ${formatShare(row.view.bandCounts[b], row.view.scored)}`).join(', ')}`)
    .join('; ');
  return (
    <Panel
      {...view}
      title={TITLE}
      id="group-bands"
      className="group-bands"
      actions={
        <ChartExportButtons
          onError={showAlert}
          container={container}
          title={TITLE}
          subtitle={() => `${datasetName} · ${summary}. Weights: ${weightsSummary(store.getState().model)}.`}
          fileStem={`${fileStem(datasetName)}-crs-by-group`}
          legend={BANDS.map((band, b) => ({ label: BAND_LABELS[band], color: BAND_FILLS[b] }))}
        />
      }
    >
      <figure className="chart small-chart">
        <div ref={container} className="chart-canvas" role="img" aria-label={`Share of each band per relationship group. ${summary}.`}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 12, bottom: 4, left: 8 }} barCategoryGap={8}>
              <CartesianGrid horizontal={false} stroke="var(--grid)" />
              <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} unit=" %" tick={{ fill: 'var(--muted)', fontSize: 12 }} stroke="var(--grid)" />
              <YAxis type="category" dataKey="name" width={92} tick={{ fill: 'var(--muted)', fontSize: 12 }} stroke="var(--grid)" />
              {BANDS.map((band, b) => (
                <Bar key={band} dataKey={band} stackId="bands" fill={BAND_FILLS[b]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
        <figcaption className="legend">
          {rows.map((row) => (
            <span key={row.group} className={`legend-item ${focus !== null && focus !== row.group ? 'muted' : ''}`}>
              {row.name}: mean {formatScore(row.view.mean)} ({formatCount(row.view.scored)})
            </span>
          ))}
        </figcaption>
      </figure>
    </Panel>
  );
}

/** Asks for its parts only while on screen (src/state/demand.ts). */
export const GroupBands = withDemand(['scores', 'axes'], GroupBandsBody);
