import { withDemand, type ViewProps } from '../../state/demand';
import { useMemo } from 'react';
import { BANDS, BAND_LABELS, weightsSummary } from '../../core/model/model';
import { scoreView } from '../../core/scoring/score';
import { gridGroups, GROUP_LABELS } from '../../core/groups/segment';
import { formatCount, formatScore, formatShare } from '../../core/display/format';
import { useAppStore, useAppStoreApi } from '../../state/store';
import { ChartExportButtons } from '../../ui/ChartExportButtons';
import { Panel } from '../../ui/Panel';
import { fileStem } from '../../core/export/csv';
import { BAND_FILLS } from '../../ui/palette';
import { useWidth } from '../../ui/useWidth';
import { GroupBandsSvg } from './GroupBandsSvg';

const TITLE = 'CRS by relationship group';
/** The chart's height in pixels (.small-chart .chart-canvas). */
const HEIGHT = 220;

/** Each group's band mix as 100 % stacked bars (plain SVG, GroupBandsSvg), with its mean CRS: which groups hold the poor scores. */
function GroupBandsBody({ view }: { view: ViewProps }) {
  const aggregates = useAppStore((s) => s.analysis?.aggregates ?? null);
  const isMapped = useAppStore((s) => s.analysis !== null && s.analysis.axes.profitability.label !== null && s.analysis.axes.loyalty.label !== null);
  const size = useAppStore((s) => s.analysis?.gridSize ?? 2);
  const focus = useAppStore((s) => s.tableView.group);
  const datasetName = useAppStore((s) => s.dataset?.name ?? 'customers');
  const showAlert = useAppStore((s) => s.showAlert);
  const store = useAppStoreApi();
  const { ref: container, width } = useWidth<HTMLDivElement>(480);
  const rows = useMemo(
    () =>
      aggregates
        ? gridGroups(size).map((group, g) => {
            const view = scoreView(aggregates, g);
            const share = (b: number) => (view.scored > 0 ? (view.bandCounts[b] / view.scored) * 100 : 0);
            return { group, name: GROUP_LABELS[group], view, shares: [share(0), share(1), share(2)] as const };
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
          <GroupBandsSvg rows={rows} width={width} height={HEIGHT} />
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
