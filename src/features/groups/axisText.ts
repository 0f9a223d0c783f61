import type { AxisSplit } from '../../core/scoring/analysis';
import { formatValue } from '../../core/display/format';
import type { GridSize } from '../../core/groups/segment';

/** "high from 1,200 (median)", or "medium from 0.4, high from 0.8 (tertiles)". */
export function axisSplitText(axis: AxisSplit, size: GridSize): string {
  if (size === 2) return `high from ${formatValue(axis.split)}${axis.isMedian ? ' (median)' : ''}`;
  return `medium from ${formatValue(axis.split)}, high from ${formatValue(axis.upper)}${axis.isMedian ? ' (tertiles)' : ''}`;
}
