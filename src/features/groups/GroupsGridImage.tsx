import { GROUPS, GROUP_DESCRIPTIONS, GROUP_LABELS, GROUP_STRATEGIES } from '../../core/segment';
import { formatCount, formatScore, formatShare } from '../../core/format';
import { useAppStore } from '../../state/store';
import { GROUP_FILLS } from '../../ui/palette';
import { wrapText } from '../../ui/chartExport';
import { GRID_ORDER } from './gridOrder';

const WIDTH = 640;
const HEIGHT = 400;
const CELL = { width: 292, height: 168, gap: 12, left: 44, top: 8 };

/**
 * The 2×2 grid drawn as an SVG of its own, for PNG and SVG export (the on-screen grid is
 * HTML). Not shown: it lives in a hidden container the export buttons read.
 */
export function GroupsGridImage({ profitColumn, loyaltyColumn }: { profitColumn: string; loyaltyColumn: string }) {
  const aggregates = useAppStore((s) => s.analysis?.aggregates ?? null);
  const revenue = useAppStore((s) => s.analysis?.revenue ?? null);
  const total = useAppStore((s) => s.dataset?.rowCount ?? 0);
  if (!aggregates) return null;
  return (
    <svg className="chart-svg" xmlns="http://www.w3.org/2000/svg" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} fontFamily="system-ui, 'DejaVu Sans', Arial, sans-serif">
      <text transform={`translate(16 ${CELL.top + CELL.height + CELL.gap / 2}) rotate(-90)`} textAnchor="middle" fontSize="12" fontWeight="600" fill="var(--muted)">
        Profitability ({profitColumn}) →
      </text>
      <text x={CELL.left + CELL.width + CELL.gap / 2} y={HEIGHT - 8} textAnchor="middle" fontSize="12" fontWeight="600" fill="var(--muted)">
        Loyalty ({loyaltyColumn}) →
      </text>
      {GRID_ORDER.map((group, k) => {
        const g = GROUPS.indexOf(group);
        const x = CELL.left + (k % 2) * (CELL.width + CELL.gap);
        const y = CELL.top + Math.floor(k / 2) * (CELL.height + CELL.gap);
        const count = aggregates.groupCounts[g];
        const scored = aggregates.groupScored[g];
        const facts = `${formatShare(count, total)} of customers${revenue ? ` · ${formatShare(revenue.byGroup[g], revenue.total)} of revenue` : ''}`;
        const meanCrs = `mean CRS ${scored > 0 ? formatScore(aggregates.groupScoreSums[g] / scored) : '–'}`;
        return (
          <g key={group}>
            <rect x={x} y={y} width={CELL.width} height={CELL.height} rx={8} fill="none" stroke="var(--border)" />
            <rect x={x} y={y} width={5} height={CELL.height} rx={2} fill={GROUP_FILLS[g]} />
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
              {GROUP_DESCRIPTIONS[group]} · {meanCrs}
            </text>
            <text x={x + 16} y={y + 114} fontSize="11" fill="var(--text)">
              {wrapText(GROUP_STRATEGIES[group], 46).map((line, n) => (
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
