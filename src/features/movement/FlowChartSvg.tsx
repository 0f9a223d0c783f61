import type { FlowGeometry, FlowLabel } from '../../core/movement/flowGeometry';

/** Ribbon opacity: moves stand out over the wider, fainter stays. */
const MOVE_OPACITY = 0.55;
const STAY_OPACITY = 0.25;

interface FlowChartSvgProps {
  geometry: FlowGeometry;
  /** Literal hex colours (they survive export), one per node of each side. */
  fromColors: readonly string[];
  toColors: readonly string[];
}

function Label({ label, x, anchor }: { label: FlowLabel; x: number; anchor: 'start' | 'end' }) {
  return (
    <text x={x} textAnchor={anchor} fontSize={12}>
      {label.lines.map((line, k) => (
        <tspan key={k} x={x} y={line.y} dy="0.32em">
          {line.text ? <tspan fill="var(--text)">{line.text}</tspan> : null}
          {line.count ? (
            <tspan fill="var(--muted)" dx={line.text ? '0.35em' : undefined}>
              {line.count}
            </tspan>
          ) : null}
        </tspan>
      ))}
    </text>
  );
}

/**
 * Two columns of node bars (earlier categories left, current right) joined by ribbons as
 * wide as the customers who moved, in the source's colour, as plain SVG. The text
 * alternative is the figure's (FlowChart).
 */
export function FlowChartSvg({ geometry: g, fromColors, toColors }: FlowChartSvgProps) {
  if (g.isEmpty) {
    return (
      <svg className="chart-svg" width={g.width} height={g.height} viewBox={`0 0 ${g.width} ${g.height}`}>
        <text x={g.width / 2} y={g.height / 2} dy="0.32em" textAnchor="middle" fontSize={12} fill="var(--muted)">
          No customers in either snapshot
        </text>
      </svg>
    );
  }
  return (
    <svg className="chart-svg" width={g.width} height={g.height} viewBox={`0 0 ${g.width} ${g.height}`}>
      <text x={g.leftX + g.nodeWidth} y={g.headingY} textAnchor="end" fontSize={11} fontWeight={600} fill="var(--muted)">
        Earlier
      </text>
      <text x={g.rightX} y={g.headingY} fontSize={11} fontWeight={600} fill="var(--muted)">
        Current
      </text>
      {g.ribbons.map((ribbon) => (
        <path key={`${ribbon.source}-${ribbon.target}`} d={ribbon.path} fill={fromColors[ribbon.source]} fillOpacity={ribbon.isStay ? STAY_OPACITY : MOVE_OPACITY}>
          <title>{ribbon.title}</title>
        </path>
      ))}
      {g.layout.from.map((box, i) => (box.total > 0 ? <rect key={`from-${i}`} x={g.leftX} y={g.top + box.y0} width={g.nodeWidth} height={Math.max(1, box.y1 - box.y0)} fill={fromColors[i]} /> : null))}
      {g.layout.to.map((box, j) => (box.total > 0 ? <rect key={`to-${j}`} x={g.rightX} y={g.top + box.y0} width={g.nodeWidth} height={Math.max(1, box.y1 - box.y0)} fill={toColors[j]} /> : null))}
      {g.fromLabels.map((label) => (
        <Label key={`from-${label.node}`} label={label} x={g.fromLabelX} anchor="end" />
      ))}
      {g.toLabels.map((label) => (
        <Label key={`to-${label.node}`} label={label} x={g.toLabelX} anchor="start" />
      ))}
    </svg>
  );
}
