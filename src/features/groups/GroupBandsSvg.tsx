import { linearScale } from '../../core/display/scale';
import { BANDS } from '../../core/model/model';
import { BAND_FILLS } from '../../ui/palette';

const MARGIN = { top: 4, right: 24, bottom: 26, left: 100 };
const X_TICKS = [0, 25, 50, 75, 100];
const GAP = 8;

export interface GroupBandsRow {
  name: string;
  /** Share of the group's scored customers in each band, in %, BANDS order. */
  shares: readonly [number, number, number];
}

/**
 * Each relationship group's band mix as a 100 % stacked bar, as plain SVG: a weight change
 * redraws a dozen rectangles. The text alternative is the panel's (GroupBands).
 */
export function GroupBandsSvg({ rows, width, height }: { rows: readonly GroupBandsRow[]; width: number; height: number }) {
  const plotRight = Math.max(MARGIN.left + 1, width - MARGIN.right);
  const plotBottom = height - MARGIN.bottom;
  const x = linearScale(0, 100, MARGIN.left, plotRight);
  const band = (plotBottom - MARGIN.top) / Math.max(1, rows.length);
  const barHeight = Math.max(1, band - GAP);
  return (
    <svg className="chart-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      {X_TICKS.map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={MARGIN.top} y2={plotBottom} stroke="var(--grid)" />
          <text x={x(tick)} y={plotBottom + 18} textAnchor="middle" fontSize={12} fill="var(--muted)">
            {tick} %
          </text>
        </g>
      ))}
      {rows.map((row, r) => {
        const top = MARGIN.top + r * band + GAP / 2;
        let from = 0;
        return (
          <g key={row.name}>
            <text x={MARGIN.left - 8} y={top + barHeight / 2} dy="0.32em" textAnchor="end" fontSize={12} fill="var(--muted)">
              {row.name}
            </text>
            {BANDS.map((name, b) => {
              const left = x(from);
              from += row.shares[b];
              return <rect key={name} className="band-bar" x={left} y={top} width={Math.max(0, x(from) - left)} height={barHeight} fill={BAND_FILLS[b]} />;
            })}
          </g>
        );
      })}
    </svg>
  );
}
