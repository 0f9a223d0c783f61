import { tornadoBars, WEIGHT_STEP, type Tornado } from '../../core/whatIf/sensitivity';

const WIDTH = 480;
const ROW = 26;
const LABEL = 130;
const HALF = (WIDTH - LABEL) / 2;

/** Band changes per factor as a tornado: −10 points to the left of the axis, +10 to the right (plain SVG). */
export function TornadoChart({ tornado, labelOf }: { tornado: Tornado; labelOf: (factorId: string) => string }) {
  const bars = tornadoBars(tornado);
  const height = bars.length * ROW + 20;
  const axis = LABEL + HALF;
  return (
    <svg
      className="tornado"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-label={`Customers changing band when each weight moves ${WEIGHT_STEP} points down (left) or up (right); the table below lists every figure.`}
    >
      {bars.map((bar, k) => (
        <g key={bar.factorId} transform={`translate(0, ${k * ROW})`}>
          <text x={LABEL - 8} y={ROW / 2 + 4} textAnchor="end" className="tornado-label">
            {labelOf(bar.factorId)}
          </text>
          <rect x={axis - bar.down * HALF} y={4} width={bar.down * HALF} height={ROW - 8} className="tornado-down" />
          <rect x={axis} y={4} width={bar.up * HALF} height={ROW - 8} className="tornado-up" />
        </g>
      ))}
      <line x1={axis} x2={axis} y1={0} y2={bars.length * ROW} className="tornado-axis" />
      <text x={axis - 6} y={height - 4} textAnchor="end" className="tornado-label">
        −{WEIGHT_STEP} points
      </text>
      <text x={axis + 6} y={height - 4} className="tornado-label">
        +{WEIGHT_STEP} points
      </text>
    </svg>
  );
}
