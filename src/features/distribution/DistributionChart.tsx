import { withDemand, type ViewProps } from '../../state/demand';
import { useMemo } from 'react';
import { BANDS, BAND_LABELS, weightsSummary } from '../../core/model/model';
import { scoreView, type ScoreView } from '../../core/scoring/score';
import { GROUP_LABELS, groupCode } from '../../core/groups/segment';
import { formatCount, formatScore, formatShare } from '../../core/display/format';
import { useAppStore, useAppStoreApi } from '../../state/store';
import { Panel } from '../../ui/Panel';
import { ChartExportButtons } from '../../ui/ChartExportButtons';
import { fileStem } from '../../core/export/csv';
import { BAND_FILLS } from '../../ui/palette';
import { useWidth } from '../../ui/useWidth';
import { HistogramSvg } from './HistogramSvg';

const BAND_COLORS = ['var(--poor)', 'var(--average)', 'var(--good)'] as const;

/** "Poor: 120 (12.0 %), …" for a view, for the text alternative. */
function bandText(view: ScoreView): string {
  return BANDS.map((band, i) => `${BAND_LABELS[band]}: ${formatCount(view.bandCounts[i])} (${formatShare(view.bandCounts[i], view.scored)})`).join(', ');
}

/** What changed from the pinned distribution to now, in words. */
function compareText(before: ScoreView, now: ScoreView, weights: string): string {
  const delta = now.mean - before.mean;
  const bands = BANDS.map((band, i) => `${BAND_LABELS[band]} ${formatCount(before.bandCounts[i])} → ${formatCount(now.bandCounts[i])}`).join(', ');
  return `Compared with the pinned weights (${weights}): mean ${formatScore(before.mean)} → ${formatScore(now.mean)} (${delta >= 0 ? '+' : '−'}${formatScore(Math.abs(delta))}); ${bands}.`;
}

/** The histogram's height in pixels (.chart-canvas). */
const HEIGHT = 290;

/**
 * CRS histogram coloured by band, with a text summary and table for screen readers. Drawn
 * as plain SVG (HistogramSvg), three stepped areas: a weight change at 1M re-rendered
 * recharts' store, selectors and effects for ~20 ms; now it redraws three paths.
 */
function DistributionChartBody({ view: panelView }: { view: ViewProps }) {
  const aggregates = useAppStore((s) => s.analysis?.aggregates ?? null);
  const bands = useAppStore((s) => s.model.bands);
  const group = useAppStore((s) => s.tableView.group);
  const compare = useAppStore((s) => s.compare);
  const pinCompare = useAppStore((s) => s.pinCompare);
  const datasetName = useAppStore((s) => s.dataset?.name ?? 'customers');
  const showAlert = useAppStore((s) => s.showAlert);
  const store = useAppStoreApi();
  const { ref: container, width } = useWidth<HTMLDivElement>(640);
  const gridSize = useAppStore((s) => s.analysis?.gridSize ?? 2);
  const code = group === null ? -1 : groupCode(gridSize, group);
  const groupIndex = code < 0 ? null : code;
  const view = useMemo(() => (aggregates ? scoreView(aggregates, groupIndex) : null), [aggregates, groupIndex]);
  const before = useMemo(() => (compare ? scoreView(compare.aggregates, groupIndex) : null), [compare, groupIndex]);
  if (!view) return null;
  const who = group ? `${GROUP_LABELS[group]}: ` : '';
  const summary = `${who}${formatCount(view.scored)} scored customers, mean CRS ${formatScore(view.mean)}, median ${formatScore(view.median)}. ${bandText(view)}.`;
  const comparison = before && compare ? compareText(before, view, compare.weights) : null;
  const stem = `${fileStem(datasetName)}-crs-distribution`;
  return (
    <Panel
      {...panelView}
      title={group ? `CRS distribution: ${GROUP_LABELS[group]}` : 'CRS distribution'}
      id="distribution"
      className="distribution"
      actions={
        <>
          <button
            type="button"
            className="button small"
            aria-pressed={compare !== null}
            onClick={() => pinCompare(compare === null)}
            title="Pin this distribution and compare what later weight changes do to it"
          >
            Compare
          </button>
          {compare ? (
            <button type="button" className="button small" onClick={() => pinCompare(true)}>
              Pin current
            </button>
          ) : null}
          <ChartExportButtons
            onError={showAlert}
            container={container}
            title={group ? `CRS distribution: ${GROUP_LABELS[group]}` : 'CRS distribution'}
            subtitle={() => `${datasetName} · ${summary} Weights: ${weightsSummary(store.getState().model)}.`}
            fileStem={stem}
            legend={[
              ...BANDS.map((band, i) => ({ label: `${BAND_LABELS[band]} ${formatCount(view.bandCounts[i])}`, color: BAND_FILLS[i] })),
              ...(before ? [{ label: 'Pinned (dashed)', color: '#555555' }] : []),
            ]}
          />
        </>
      }
    >
      <figure className="chart" aria-describedby="distribution-summary">
        <div ref={container} className="chart-canvas" role="img" aria-label={`Histogram of CRS. ${summary}${comparison ? ` ${comparison}` : ''}`}>
          <HistogramSvg histogram={view.histogram} before={before?.histogram ?? null} bands={bands} width={width} height={HEIGHT} />
        </div>
        <figcaption id="distribution-summary" className="legend">
          {BANDS.map((band, i) => (
            <span key={band} className="legend-item">
              <span className="swatch" style={{ background: BAND_COLORS[i] }} aria-hidden="true" />
              {BAND_LABELS[band]} {formatCount(view.bandCounts[i])} ({formatShare(view.bandCounts[i], view.scored)})
            </span>
          ))}
          <span className="legend-item muted">
            Mean {formatScore(view.mean)} · median {formatScore(view.median)}
          </span>
          {comparison ? <span className="legend-item compare-note">{comparison}</span> : null}
        </figcaption>
      </figure>
      <table className="visually-hidden">
        <caption>Customers per CRS band{group ? ` (${GROUP_LABELS[group]})` : ''}</caption>
        <thead>
          <tr>
            <th scope="col">Band</th>
            <th scope="col">CRS range</th>
            <th scope="col">Customers</th>
          </tr>
        </thead>
        <tbody>
          {BANDS.map((band, i) => (
            <tr key={band}>
              <th scope="row">{BAND_LABELS[band]}</th>
              <td>{i === 0 ? `below ${bands.averageFrom}` : i === 1 ? `${bands.averageFrom} to ${bands.goodFrom}` : `${bands.goodFrom} and above`}</td>
              <td>{formatCount(view.bandCounts[i])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

/** Asks for its parts only while on screen (src/state/demand.ts). */
export const DistributionChart = withDemand(['scores'], DistributionChartBody);
