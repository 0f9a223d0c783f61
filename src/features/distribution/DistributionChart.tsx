import { withDemand, type ViewProps } from '../../state/demand';
import { useMemo, useRef } from 'react';
import { Area, ComposedChart, CartesianGrid, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { NameType, ValueType } from 'recharts/types/component/DefaultTooltipContent';
import { BANDS, BAND_LABELS, weightsSummary } from '../../core/model/model';
import { histogramBars, scoreView, type HistogramBar, type ScoreView } from '../../core/scoring/score';
import { GROUP_LABELS, groupCode } from '../../core/groups/segment';
import { formatCount, formatScore, formatShare } from '../../core/display/format';
import { useAppStore, useAppStoreApi } from '../../state/store';
import { Panel } from '../../ui/Panel';
import { ChartExportButtons } from '../../ui/ChartExportButtons';
import { fileStem } from '../../core/export/csv';
import { BAND_FILLS } from '../../ui/palette';

const BAND_COLORS = ['var(--poor)', 'var(--average)', 'var(--good)'] as const;

/**
 * Hover text for one bin. Our own content, not recharts' default: that one carries
 * role="status", and the page keeps a single status (the customer count).
 */
function BinTooltip({ active, payload }: TooltipContentProps<ValueType, NameType>) {
  const bar = active ? payload?.[0]?.payload : undefined;
  if (!isChartBar(bar)) return null;
  return (
    <div className="chart-tooltip">
      CRS {bar.from}–{bar.from + 1}: <strong>{formatCount(bar.count)}</strong> customers
      {bar.before !== undefined ? ` (pinned: ${formatCount(bar.before)})` : ''}
    </div>
  );
}

type ChartBar = HistogramBar & { before?: number };

function isChartBar(value: unknown): value is ChartBar {
  return typeof value === 'object' && value !== null && 'from' in value && 'count' in value;
}

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

/**
 * CRS histogram coloured by band, with a text summary and table for screen readers. Drawn
 * as three stepped areas (one path per band) rather than 100 bars: a weight change then
 * re-renders three paths, not a hundred rectangles (50 ms → a few ms per update).
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
  const container = useRef<HTMLDivElement>(null);
  const gridSize = useAppStore((s) => s.analysis?.gridSize ?? 2);
  const code = group === null ? -1 : groupCode(gridSize, group);
  const groupIndex = code < 0 ? null : code;
  const view = useMemo(() => (aggregates ? scoreView(aggregates, groupIndex) : null), [aggregates, groupIndex]);
  const before = useMemo(() => (compare ? scoreView(compare.aggregates, groupIndex) : null), [compare, groupIndex]);
  const bars = useMemo((): ChartBar[] => {
    if (!view) return [];
    const drawn = histogramBars(view.histogram, bands);
    return before ? drawn.map((bar) => ({ ...bar, before: before.histogram[Math.min(bar.from, before.histogram.length - 1)] })) : drawn;
  }, [view, before, bands]);
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
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={bars} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
              <CartesianGrid vertical={false} stroke="var(--grid)" />
              <XAxis dataKey="from" type="number" domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} tick={{ fill: 'var(--muted)', fontSize: 12 }} stroke="var(--grid)" />
              <YAxis allowDecimals={false} tick={{ fill: 'var(--muted)', fontSize: 12 }} stroke="var(--grid)" width={48} tickFormatter={(v: number) => formatCount(v)} />
              <Tooltip cursor={{ fill: 'var(--hover)' }} content={BinTooltip} isAnimationActive={false} />
              {BANDS.map((band, i) => (
                <Area key={band} dataKey={band} type="stepAfter" stroke="none" fill={BAND_FILLS[i]} fillOpacity={0.95} isAnimationActive={false} activeDot={false} />
              ))}
              {before ? <Line dataKey="before" type="stepAfter" stroke="var(--text)" strokeWidth={1.5} strokeDasharray="5 3" dot={false} activeDot={false} isAnimationActive={false} /> : null}
              <ReferenceLine x={bands.averageFrom} stroke="var(--muted)" strokeDasharray="4 3" />
              <ReferenceLine x={bands.goodFrom} stroke="var(--muted)" strokeDasharray="4 3" />
            </ComposedChart>
          </ResponsiveContainer>
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
