import { useMemo } from 'react';
import { flowGeometry } from '../../core/movement/flowGeometry';
import { flowCaption, flowFigures, flowSummary } from '../../core/movement/flowSummary';
import { ChartExportButtons } from '../../ui/ChartExportButtons';
import { useWidth } from '../../ui/useWidth';
import { FlowChartSvg } from './FlowChartSvg';

export interface FlowNode {
  key: string;
  label: string;
  color: string;
}

export interface FlowChartProps {
  /** Chart title, used by export buttons and the text alternative: e.g. "Band movement flow". */
  title: string;
  /** Left column: the earlier snapshot's categories, last one usually { key: 'new', label: 'New' }. */
  from: readonly FlowNode[];
  /** Right column: the current categories, last one usually { key: 'gone', label: 'Gone' }. */
  to: readonly FlowNode[];
  /** Customers moving from from[i] to to[j] at counts[i * to.length + j]. */
  counts: ArrayLike<number>;
  /** File stem for exports, e.g. "customers-band-flow". */
  fileStem: string;
  onError: (message: string) => void;
}

/**
 * How customers moved between two snapshots' categories (bands or relationship groups) as a
 * flow chart: earlier categories left, current ones right, ribbons as wide as the customers
 * who went from one to the other. PNG and SVG export; the text alternative names the totals
 * and the largest moves.
 */
export function FlowChart({ title, from, to, counts, fileStem, onError }: FlowChartProps) {
  const { ref: container, width } = useWidth<HTMLDivElement>(640);
  const geometry = useMemo(() => flowGeometry(from, to, counts, width), [from, to, counts, width]);
  const summary = useMemo(() => flowSummary(title, from, to, counts), [title, from, to, counts]);
  const caption = useMemo(() => flowCaption(from, to, flowFigures(from, to, counts)), [from, to, counts]);
  const fromColors = useMemo(() => from.map((node) => node.color), [from]);
  const toColors = useMemo(() => to.map((node) => node.color), [to]);
  return (
    <figure className="chart flow-chart">
      <div className="flow-actions">
        <ChartExportButtons container={container} title={title} subtitle={() => summary} fileStem={fileStem} onError={onError} />
      </div>
      <div ref={container} className="flow-canvas" role="img" aria-label={summary}>
        <FlowChartSvg geometry={geometry} fromColors={fromColors} toColors={toColors} />
      </div>
      <figcaption className="legend muted">
        {caption.map((part) => (
          <span key={part}>{part}</span>
        ))}
        <span className="flow-note">Ribbons are as wide as their customers, in the earlier category’s colour; faint ones stayed.</span>
      </figcaption>
    </figure>
  );
}
