import { useMemo, useRef } from 'react';
import { Area, AreaChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { NameType, ValueType } from 'recharts/types/component/DefaultTooltipContent';
import { BANDS, BAND_LABELS, weightsSummary } from '../../core/model';
import { histogramBars, type HistogramBar } from '../../core/score';
import { formatCount, formatScore, formatShare } from '../../core/format';
import { useAppStore, useAppStoreApi } from '../../state/store';
import { Panel } from '../../ui/Panel';
import { ChartExportButtons } from './ChartExportButtons';

const BAND_COLORS = ['var(--poor)', 'var(--average)', 'var(--good)'] as const;
const BAND_FILLS = ['#d64545', '#e0a526', '#2f9e6b'] as const;

/**
 * Hover text for one bin. Our own content, not recharts' default: that one carries
 * role="status", and the page keeps a single status (the customer count).
 */
function BinTooltip({ active, payload }: TooltipContentProps<ValueType, NameType>) {
  const bar = active ? payload?.[0]?.payload : undefined;
  if (!isHistogramBar(bar)) return null;
  return (
    <div className="chart-tooltip">
      CRS {bar.from}–{bar.from + 1}: <strong>{formatCount(bar.count)}</strong> customers
    </div>
  );
}

function isHistogramBar(value: unknown): value is HistogramBar {
  return typeof value === 'object' && value !== null && 'from' in value && 'count' in value;
}

/**
 * CRS histogram coloured by band, with a text summary and table for screen readers. Drawn
 * as three stepped areas (one path per band) rather than 100 bars: a weight change then
 * re-renders three paths, not a hundred rectangles (50 ms → a few ms per update).
 */
export function DistributionChart() {
  const aggregates = useAppStore((s) => s.analysis?.aggregates ?? null);
  const mean = useAppStore((s) => s.analysis?.mean ?? NaN);
  const bands = useAppStore((s) => s.model.bands);
  const datasetName = useAppStore((s) => s.dataset?.name ?? 'customers');
  const store = useAppStoreApi();
  const container = useRef<HTMLDivElement>(null);
  const bars = useMemo(() => (aggregates ? histogramBars(aggregates.histogram, bands) : []), [aggregates, bands]);
  if (!aggregates) return null;
  const scored = aggregates.scored;
  const summary = `${formatCount(scored)} scored customers, mean CRS ${formatScore(mean)}. ${BANDS.map((band, i) => `${BAND_LABELS[band]}: ${formatCount(aggregates.bandCounts[i])} (${formatShare(aggregates.bandCounts[i], scored)})`).join(', ')}.`;
  const stem = `${datasetName.replace(/\.[^.]+$/, '')}-crs-distribution`;
  return (
    <Panel
      title="CRS distribution"
      id="distribution"
      className="distribution"
      actions={<ChartExportButtons container={container} title="CRS distribution" subtitle={() => `${datasetName} · ${summary} Weights: ${weightsSummary(store.getState().model)}.`} fileStem={stem} />}
    >
      <figure className="chart" aria-describedby="distribution-summary">
        <div ref={container} className="chart-canvas" role="img" aria-label={`Histogram of CRS. ${summary}`}>
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={bars} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
              <CartesianGrid vertical={false} stroke="var(--grid)" />
              <XAxis dataKey="from" type="number" domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} tick={{ fill: 'var(--muted)', fontSize: 12 }} stroke="var(--grid)" />
              <YAxis allowDecimals={false} tick={{ fill: 'var(--muted)', fontSize: 12 }} stroke="var(--grid)" width={48} tickFormatter={(v: number) => formatCount(v)} />
              <Tooltip cursor={{ fill: 'var(--hover)' }} content={BinTooltip} isAnimationActive={false} />
              {BANDS.map((band, i) => (
                <Area key={band} dataKey={band} type="stepAfter" stroke="none" fill={BAND_FILLS[i]} fillOpacity={0.95} isAnimationActive={false} activeDot={false} />
              ))}
              <ReferenceLine x={bands.averageFrom} stroke="var(--muted)" strokeDasharray="4 3" />
              <ReferenceLine x={bands.goodFrom} stroke="var(--muted)" strokeDasharray="4 3" />
            </AreaChart>
          </ResponsiveContainer>
        </div>
        <figcaption id="distribution-summary" className="legend">
          {BANDS.map((band, i) => (
            <span key={band} className="legend-item">
              <span className="swatch" style={{ background: BAND_COLORS[i] }} aria-hidden="true" />
              {BAND_LABELS[band]} {formatCount(aggregates.bandCounts[i])} ({formatShare(aggregates.bandCounts[i], scored)})
            </span>
          ))}
          <span className="legend-item muted">Mean {formatScore(mean)}</span>
        </figcaption>
      </figure>
      <table className="visually-hidden">
        <caption>Customers per CRS band</caption>
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
              <td>{formatCount(aggregates.bandCounts[i])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
