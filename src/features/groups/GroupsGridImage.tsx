import { gridOrder, groupCode, groupDescription, GROUP_LABELS, GROUP_STRATEGIES } from '../../core/groups/segment';
import { formatCount, formatScore, formatShare } from '../../core/display/format';
import { useAppStore } from '../../state/store';
import { GROUP_FILLS } from '../../ui/palette';
import { wrapText } from '../../ui/chartExport';

/** Cell sizes per grid: the 3×3 cells are narrower, so their strategy wraps into more lines. */
const LAYOUTS = {
  2: { width: 292, height: 168, gap: 12, left: 44, top: 8, wrap: 46 },
  3: { width: 236, height: 176, gap: 10, left: 44, top: 8, wrap: 36 },
} as const;

/**
 * The grid (2×2 or 3×3) drawn as an SVG of its own, for PNG and SVG export (the on-screen grid is
 * HTML). Not shown: it lives in a hidden container the export buttons read.
 */
export function GroupsGridImage({ profitLabel, loyaltyLabel }: { profitLabel: string; loyaltyLabel: string }) {
  const aggregates = useAppStore((s) => s.analysis?.aggregates ?? null);
  const size = useAppStore((s) => s.analysis?.gridSize ?? 2);
  const CELL = LAYOUTS[size];
  const WIDTH = CELL.left + size * CELL.width + (size - 1) * CELL.gap + 12;
  const HEIGHT = CELL.top + size * CELL.height + (size - 1) * CELL.gap + 32;
  const middle = (extent: number, start: number) => start + (size * extent + (size - 1) * CELL.gap) / 2;
  const revenue = useAppStore((s) => s.analysis?.revenue ?? null);
  const total = useAppStore((s) => s.analysis?.filter?.segmentCustomers ?? s.dataset?.rowCount ?? 0);
  if (!aggregates) return null;
  return (
    <svg className="chart-svg" xmlns="http://www.w3.org/2000/svg" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} fontFamily="system-ui, 'DejaVu Sans', Arial, sans-serif">
      <text transform={`translate(16 ${middle(CELL.height, CELL.top)}) rotate(-90)`} textAnchor="middle" fontSize="12" fontWeight="600" fill="var(--muted)">
        Profitability ({profitLabel}) →
      </text>
      <text x={middle(CELL.width, CELL.left)} y={HEIGHT - 8} textAnchor="middle" fontSize="12" fontWeight="600" fill="var(--muted)">
        Loyalty ({loyaltyLabel}) →
      </text>
      {gridOrder(size).map((group, k) => {
        const g = groupCode(size, group);
        const x = CELL.left + (k % size) * (CELL.width + CELL.gap);
        const y = CELL.top + Math.floor(k / size) * (CELL.height + CELL.gap);
        const count = aggregates.groupCounts[g];
        const scored = aggregates.groupScored[g];
        const facts = `${formatShare(count, total)} of customers${revenue ? ` · ${formatShare(revenue.byGroup[g], revenue.total)} of revenue` : ''}`;
        const meanCrs = `mean CRS ${scored > 0 ? formatScore(aggregates.groupScoreSums[g] / scored) : '–'}`;
        return (
          <g key={group}>
            <rect x={x} y={y} width={CELL.width} height={CELL.height} rx={8} fill="none" stroke="var(--border)" />
            <rect x={x} y={y} width={5} height={CELL.height} rx={2} fill={GROUP_FILLS[group]} />
            <text x={x + 16} y={y + 24} fontSize="14" fontWeight="650" fill="var(--text)">
              {GROUP_LABELS[group]}
            </text>
            <text x={x + 16} y={y + 52} fontSize="22" fontWeight="700" fill="var(--text)">
              {formatCount(count)}
            </text>
            <text x={x + 16} y={y + 74} fontSize="11" fill="var(--text)">
              {facts}
            </text>
            <text x={x + 16} y={y + 92} fontSize="11" fill="var(--muted)">
              {groupDescription(size, group)} · {meanCrs}
            </text>
            <text x={x + 16} y={y + 114} fontSize="11" fill="var(--text)">
              {wrapText(GROUP_STRATEGIES[group], CELL.wrap).map((line, n) => (
                <tspan key={n} x={x + 16} dy={n === 0 ? 0 : 14}>
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
