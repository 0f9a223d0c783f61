import { useState, type PointerEvent } from 'react';
import { BANDS, type BandThresholds } from '../../core/model/model';
import { countTicks, linearScale, stepAreaPath, stepLinePath } from '../../core/display/scale';
import { formatCount } from '../../core/display/format';
import { bandBinStarts } from '../../core/scoring/score';
import { BAND_FILLS } from '../../ui/palette';

const MARGIN = { top: 8, right: 12, bottom: 26, left: 52 };
const X_TICKS = [0, 20, 40, 60, 80, 100];

interface HistogramSvgProps {
  /** Customers per one-point bin of the CRS, 0..99 (bin 99 also holds 100). */
  histogram: Uint32Array;
  /** The pinned distribution, drawn as a dashed line over the current one; null when nothing is pinned. */
  before: Uint32Array | null;
  bands: BandThresholds;
  width: number;
  height: number;
}

/**
 * The CRS histogram as plain SVG: one stepped area per band in the band's colour, the
 * band thresholds as dashed lines, count gridlines and axes, and a hover note per bin. A
 * weight change redraws three paths and the ticks, nothing else. The text alternative and
 * the table for screen readers are the panel's (DistributionChart).
 */
export function HistogramSvg({ histogram, before, bands, width, height }: HistogramSvgProps) {
  const [hover, setHover] = useState<number | null>(null);
  const bins = histogram.length;
  let max = 0;
  for (let b = 0; b < bins; b++) max = Math.max(max, histogram[b], before?.[b] ?? 0);
  const ticks = countTicks(max);
  const plotRight = Math.max(MARGIN.left + 1, width - MARGIN.right);
  const plotBottom = height - MARGIN.bottom;
  const x = linearScale(0, bins, MARGIN.left, plotRight);
  const y = linearScale(0, ticks[ticks.length - 1], plotBottom, MARGIN.top);
  const starts = bandBinStarts(bins, bands);
  const onMove = (event: PointerEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const bin = Math.floor(((event.clientX - box.left - MARGIN.left) / (plotRight - MARGIN.left)) * bins);
    setHover(bin >= 0 && bin < bins ? bin : null);
  };
  return (
    <div className="svg-chart">
      <svg className="chart-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} onPointerMove={onMove} onPointerLeave={() => setHover(null)} aria-hidden="true">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={plotRight} y1={y(tick)} y2={y(tick)} stroke="var(--grid)" />
            <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" fontSize={12} fill="var(--muted)">
              {formatCount(tick)}
            </text>
          </g>
        ))}
        {hover !== null ? <rect x={x(hover)} y={MARGIN.top} width={x(hover + 1) - x(hover)} height={plotBottom - MARGIN.top} fill="var(--hover)" /> : null}
        {BANDS.map((band, i) => (
          <path key={band} className="band-area" d={stepAreaPath(histogram, starts[i], starts[i + 1], x, y)} fill={BAND_FILLS[i]} fillOpacity={0.95} />
        ))}
        {before ? <path className="pinned-line" d={stepLinePath(before, x, y)} fill="none" stroke="var(--text)" strokeWidth={1.5} strokeDasharray="5 3" /> : null}
        {[bands.averageFrom, bands.goodFrom].map((at, k) => (
          <line key={k} x1={x(at)} x2={x(at)} y1={MARGIN.top} y2={plotBottom} stroke="var(--muted)" strokeDasharray="4 3" />
        ))}
        <line x1={MARGIN.left} x2={plotRight} y1={plotBottom} y2={plotBottom} stroke="var(--grid)" />
        {X_TICKS.map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={plotBottom} y2={plotBottom + 5} stroke="var(--grid)" />
            <text x={x(tick)} y={plotBottom + 18} textAnchor="middle" fontSize={12} fill="var(--muted)">
              {tick}
            </text>
          </g>
        ))}
      </svg>
      {hover !== null ? (
        <div className="chart-tooltip svg-chart-tooltip" style={{ left: Math.min(x(hover + 1) + 8, width - 190), top: MARGIN.top }}>
          CRS {hover}–{hover + 1}: <strong>{formatCount(histogram[hover])}</strong> customers
          {before ? ` (pinned: ${formatCount(before[hover])})` : ''}
        </div>
      ) : null}
    </div>
  );
}
