import { withDemand, type ViewProps } from '../../state/demand';
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { AXIS_LABELS, type Axis } from '../../core/model/model';
import { axisPosition, axisValue, type ScatterAxis, type ScatterBins } from '../../core/groups/scatter';
import { gridGroups, groupCode, GROUP_LABELS, NO_GROUP, type Group } from '../../core/groups/segment';
import { formatCount, formatTick, formatValue } from '../../core/display/format';
import { useAppStore } from '../../state/store';
import { ChartExportButtons } from '../../ui/ChartExportButtons';
import { Panel } from '../../ui/Panel';
import { fileStem } from '../../core/export/csv';
import { GROUP_FILLS, NO_GROUP_FILL } from '../../ui/palette';

const TITLE = 'Profitability × loyalty';
const WIDTH = 480;
const HEIGHT = 300;
const PLOT = { left: 58, right: 10, top: 10, bottom: 40 };

/** An axis of the scatter and the pixels of its range's start and end. */
interface Scale extends ScatterAxis {
  from: number;
  to: number;
}

const toPixel = (scale: Scale, value: number) => scale.from + axisPosition(scale, value) * (scale.to - scale.from);
const toValue = (scale: Scale, pixel: number) => axisValue(scale, Math.min(1, Math.max(0, (pixel - scale.from) / (scale.to - scale.from))));

/**
 * The relationship groups as a binned scatter: loyalty across, profitability up, each
 * cell coloured by its main group and shaded by how many customers it holds. The two
 * split lines can be dragged, or moved by the sliders under the image.
 */
function RelationshipScatterBody({ view }: { view: ViewProps }) {
  const scatter = useAppStore((s) => s.analysis?.scatter ?? null);
  const axes = useAppStore((s) => s.analysis?.axes ?? null);
  const datasetName = useAppStore((s) => s.dataset?.name ?? 'customers');
  const showAlert = useAppStore((s) => s.showAlert);
  const focus = useAppStore((s) => s.tableView.group);
  const size = useAppStore((s) => s.analysis?.gridSize ?? 2);
  const container = useRef<HTMLDivElement>(null);
  // The panel stays in the page while it has nothing to draw: it is how the view sees it is on screen and asks for the scatter.
  if (!scatter || !axes || scatter.plotted === 0) {
    return (
      <Panel {...view} title={TITLE} id="scatter" className="scatter">
        <p className="muted">{view.isCatchingUp ? 'Drawing the scatter…' : 'Map a profitability and a loyalty column (Relationship groups) to see each customer on both axes.'}</p>
      </Panel>
    );
  }
  const groups = gridGroups(size);
  const splitsText = (axis: Axis) => (size === 2 ? formatValue(axes[axis].split) : `${formatValue(axes[axis].split)} and ${formatValue(axes[axis].upper)}`);
  const x: Scale = { ...scatter.x, from: PLOT.left, to: WIDTH - PLOT.right };
  const y: Scale = { ...scatter.y, from: HEIGHT - PLOT.bottom, to: PLOT.top };
  const scaleOf = (axis: Axis) => (axis === 'loyalty' ? x : y);
  const lines = linesOf(size);
  const scaleText = (axis: Scale) => `${formatValue(axis.min)} to ${formatValue(axis.max)}${axis.log ? ', log scale' : ''}`;
  const summary = `${formatCount(scatter.plotted)} customers by ${axes.loyalty.label} (across, ${scaleText(x)}) and ${axes.profitability.label} (up, ${scaleText(y)}); loyalty split at ${splitsText('loyalty')}, profitability at ${splitsText('profitability')}.`;
  return (
    <Panel
      {...view}
      title={TITLE}
      id="scatter"
      className="scatter"
      actions={
        <ChartExportButtons
          onError={showAlert}
          container={container}
          title={TITLE}
          subtitle={() => `${datasetName} · ${summary} Stronger colour: more customers in the cell.`}
          fileStem={`${fileStem(datasetName)}-relationship-scatter`}
          legend={groups.map((group) => ({ label: GROUP_LABELS[group], color: GROUP_FILLS[group] }))}
        />
      }
    >
      <figure className="chart scatter-chart">
        <div ref={container} className="scatter-canvas">
          <svg className="chart-svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={`Binned scatter of relationship groups. ${summary}`}>
            <Cells scatter={scatter} x={x} y={y} groups={groups} focus={focus === null ? null : groupCode(size, focus)} />
            <Axes x={x} y={y} loyalty={axes.loyalty.label ?? ''} profitability={axes.profitability.label ?? ''} />
            {lines.map((line) => (
              <SplitLine key={lineKey(line)} line={line} scale={scaleOf(line.axis)} value={axes[line.axis][line.which]} other={scaleOf(line.axis === 'loyalty' ? 'profitability' : 'loyalty')} />
            ))}
          </svg>
        </div>
        <div className="split-sliders">
          {lines.map((line) => (
            <SplitSlider key={lineKey(line)} line={line} size={size} scale={scaleOf(line.axis)} value={axes[line.axis][line.which]} />
          ))}
        </div>
        <figcaption className="legend">
          {groups.map((group) => (
            <span key={group} className="legend-item">
              <span className="swatch" style={{ background: GROUP_FILLS[group] }} aria-hidden="true" />
              {GROUP_LABELS[group]}
            </span>
          ))}
          <span className="legend-item muted small">
            Stronger colour = more customers.{scatter.x.clipped + scatter.y.clipped > 0 ? ' Values above the 99th percentile are drawn at the edge.' : ''} Drag a dashed line, or use the split sliders (arrow
            keys move a cell, Home goes back to the median), to move a split.
          </span>
        </figcaption>
      </figure>
    </Panel>
  );
}

/** The cells, shaded by count; with a group filter on, the other groups' cells fade. */
function Cells({ scatter, x, y, groups, focus }: { scatter: ScatterBins; x: Scale; y: Scale; groups: readonly Group[]; focus: number | null }) {
  const { bins, counts, dominant } = scatter;
  const cellWidth = (x.to - x.from) / bins;
  const cellHeight = (y.from - y.to) / bins;
  let max = 0;
  for (const count of counts) if (count > max) max = count;
  const cells = [];
  for (let row = 0; row < bins; row++) {
    for (let col = 0; col < bins; col++) {
      const count = counts[row * bins + col];
      if (count === 0) continue;
      const group = dominant[row * bins + col];
      cells.push(
        <rect
          key={row * bins + col}
          x={x.from + col * cellWidth}
          y={y.from - (row + 1) * cellHeight}
          width={cellWidth + 0.5}
          height={cellHeight + 0.5}
          fill={group === NO_GROUP || group >= groups.length ? NO_GROUP_FILL : GROUP_FILLS[groups[group]]}
          fillOpacity={(0.2 + (0.8 * Math.log1p(count)) / Math.log1p(max)) * (focus === null || focus === group ? 1 : 0.2)}
        />,
      );
    }
  }
  return <g aria-hidden="true">{cells}</g>;
}

function Axes({ x, y, loyalty, profitability }: { x: Scale; y: Scale; loyalty: string; profitability: string }) {
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <g aria-hidden="true" fontSize="11" fill="var(--muted)">
      <line x1={x.from} x2={x.to} y1={y.from} y2={y.from} stroke="var(--grid)" />
      <line x1={x.from} x2={x.from} y1={y.from} y2={y.to} stroke="var(--grid)" />
      {ticks.map((t) => {
        const vx = axisValue(x, t);
        const vy = axisValue(y, t);
        return (
          <g key={t}>
            <text x={toPixel(x, vx)} y={y.from + 14} textAnchor="middle">
              {formatTick(vx)}
            </text>
            <text x={x.from - 6} y={toPixel(y, vy) + 4} textAnchor="end">
              {formatTick(vy)}
            </text>
          </g>
        );
      })}
      <text x={(x.from + x.to) / 2} y={HEIGHT - 6} textAnchor="middle" fontWeight="600">
        Loyalty: {loyalty}
        {x.log ? ' (log)' : ''} →
      </text>
      <text transform={`translate(12 ${(y.from + y.to) / 2}) rotate(-90)`} textAnchor="middle" fontWeight="600">
        Profitability: {profitability}
        {y.log ? ' (log)' : ''} →
      </text>
    </g>
  );
}

/** The split lines of the scatter: 2 in a 2×2 grid, 4 in a 3×3 one. */
interface LineSpec {
  axis: Axis;
  which: 'split' | 'upper';
}

const lineKey = (line: LineSpec) => `${line.axis}-${line.which}`;
const lineName = (line: LineSpec, size: 2 | 3) => (size === 2 ? `${AXIS_LABELS[line.axis]} split` : `${AXIS_LABELS[line.axis]} ${line.which === 'split' ? 'lower' : 'upper'} split`);
const linesOf = (size: 2 | 3): LineSpec[] =>
  size === 2
    ? [
        { axis: 'loyalty', which: 'split' },
        { axis: 'profitability', which: 'split' },
      ]
    : [
        { axis: 'loyalty', which: 'split' },
        { axis: 'loyalty', which: 'upper' },
        { axis: 'profitability', which: 'split' },
        { axis: 'profitability', which: 'upper' },
      ];

/** Steps of a split slider: the axis' range in thousandths; an arrow moves one of the 40 cells. */
const SLIDER_STEPS = 1000;
const CELL_STEPS = SLIDER_STEPS / 40;

/** Sets a split line's value, and holds a dragged or dropped value until the engine's answer. */
function useSplit(line: LineSpec, value: number) {
  const setSplit = useAppStore((s) => s.setAxisSplit);
  const setUpper = useAppStore((s) => s.setAxisUpper);
  const setAxisSplit = line.which === 'split' ? setSplit : setUpper;
  const [draft, setDraft] = useState<number | null>(null);
  // A dropped line stays where it was dropped until the engine's answer moves `value` off the old split.
  const [dropped, setDropped] = useState<{ at: number; from: number } | null>(null);
  // Once the answer has come the drop is forgotten, so a later return to the old split (Home) shows it.
  if (dropped !== null && dropped.from !== value) setDropped(null);
  const shown = draft ?? (dropped !== null && dropped.from === value ? dropped.at : value);
  const drop = (at: number) => {
    const rounded = Number(at.toPrecision(6));
    setDropped({ at: rounded, from: value });
    setAxisSplit(line.axis, rounded);
  };
  const reset = () => {
    setDropped(null);
    setAxisSplit(line.axis, null);
  };
  return { shown, draft, setDraft, drop, reset };
}

/** A dashed split line in the image, dragged with a pointer; the keyboard moves it by its slider below the image. */
function SplitLine({ line, scale, value, other }: { line: LineSpec; scale: Scale; value: number; other: Scale }) {
  const { shown, draft, setDraft, drop } = useSplit(line, value);
  const pixel = toPixel(scale, shown);
  // No split to draw (an axis not read yet): a line at NaN would be an invalid SVG attribute.
  if (!Number.isFinite(pixel)) return null;
  const isVertical = line.axis === 'loyalty';
  const fromEvent = (event: PointerEvent<SVGGElement>): number | null => {
    const svg = event.currentTarget.ownerSVGElement;
    const matrix = svg?.getScreenCTM()?.inverse();
    if (!svg || !matrix) return null;
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix);
    return Math.min(scale.max, Math.max(scale.min, toValue(scale, isVertical ? point.x : point.y)));
  };
  const coords = isVertical ? { x1: pixel, x2: pixel, y1: other.from, y2: other.to } : { x1: other.from, x2: other.to, y1: pixel, y2: pixel };
  return (
    <g
      className="split-line"
      data-line={lineKey(line)}
      style={{ cursor: isVertical ? 'ew-resize' : 'ns-resize' }}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        setDraft(fromEvent(event));
      }}
      onPointerMove={(event) => {
        if (draft !== null) setDraft(fromEvent(event));
      }}
      onPointerUp={() => {
        if (draft !== null) drop(draft);
        setDraft(null);
      }}
    >
      <line {...coords} stroke="transparent" strokeWidth={14} />
      <line {...coords} stroke="var(--text)" strokeWidth={1.5} strokeDasharray="6 4" />
    </g>
  );
}

/**
 * A split line's keyboard control, outside the image (a control inside an image is hidden from
 * screen readers): a native slider over the axis' drawn range, whose arrows move one cell of
 * the scatter and whose Home key goes back to the default split (the median).
 */
function SplitSlider({ line, size, scale, value }: { line: LineSpec; size: 2 | 3; scale: Scale; value: number }) {
  const { shown, drop, reset } = useSplit(line, value);
  if (!Number.isFinite(toPixel(scale, shown))) return null;
  const position = Math.round(axisPosition(scale, shown) * SLIDER_STEPS);
  const toSplit = (steps: number) => axisValue(scale, Math.min(1, Math.max(0, steps / SLIDER_STEPS)));
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const delta = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[event.key];
    if (event.key === 'Home') reset();
    else if (delta !== undefined) drop(toSplit(position + delta * CELL_STEPS));
    else return;
    event.preventDefault();
  };
  const text = formatValue(shown);
  return (
    <label className="split-slider">
      <span>{lineName(line, size)}</span>
      <input
        type="range"
        min={0}
        max={SLIDER_STEPS}
        step={1}
        value={position}
        data-line={lineKey(line)}
        aria-valuetext={text}
        onKeyDown={onKeyDown}
        onChange={(event) => drop(toSplit(Number(event.currentTarget.value)))}
      />
      <output aria-hidden="true">{text}</output>
    </label>
  );
}

/** Asks for its parts only while on screen (src/state/demand.ts). */
export const RelationshipScatter = withDemand(['scatter', 'axes'], RelationshipScatterBody);
