import { BANDS, BAND_LABELS } from '../../core/model/model';
import { gridGroups, groupCode } from '../../core/groups/segment';
import { scoreView } from '../../core/scoring/score';
import { formatCount, formatScore, formatShare } from '../../core/display/format';
import { useAppStore } from '../../state/store';
import { Tile, type TileBreakdown } from '../../ui/Tile';
import { segmentLabels } from './segments';
import { useSince } from './since';

/** Headline numbers: customers, mean and median CRS, and the share in each band; per group or band on request. */
export function SummaryTiles() {
  const aggregates = useAppStore((s) => s.analysis?.aggregates ?? null);
  const by = useAppStore((s) => s.breakdownBy);
  const gridSize = useAppStore((s) => s.analysis?.gridSize ?? 2);
  const group = useAppStore((s) => s.tableView.group);
  const { earlier, since } = useSince();
  if (!aggregates) return null;
  // With a group filter on, the headline figures are that group's (as the distribution is).
  const code = group === null ? -1 : groupCode(gridSize, group);
  const all = scoreView(aggregates, code < 0 ? null : code);
  // Compared with an earlier file: the same figures there (same model, same filter), for each tile's change.
  const then = earlier ? scoreView(earlier.aggregates, code < 0 ? null : code) : null;
  const sharePercent = (view: typeof all, b: number) => (view.scored > 0 ? (100 * view.bandCounts[b]) / view.scored : NaN);
  const groups = gridGroups(gridSize).map((_, g) => scoreView(aggregates, g));
  const labels = by ? segmentLabels(by, gridSize) : [];
  const perGroup = (caption: string, value: (g: number) => string): TileBreakdown | null => (by === 'group' ? { caption, items: labels.map((label, g) => ({ label, value: value(g) })) } : null);
  const customers: TileBreakdown | null =
    by === 'group'
      ? { caption: 'By relationship group', items: labels.map((label, g) => ({ label, value: formatCount(aggregates.groupCounts[g]) })) }
      : by === 'band'
        ? { caption: 'By band', items: labels.map((label, b) => ({ label, value: formatCount(aggregates.bandCounts[b]) })) }
        : null;
  return (
    <>
      <Tile
        label="Customers"
        value={formatCount(all.scored + all.unscored)}
        detail={all.unscored > 0 ? `${formatCount(all.scored)} scored, ${formatCount(all.unscored)} not` : 'all scored'}
        breakdown={customers}
        change={since(all.scored + all.unscored, then ? then.scored + then.unscored : undefined, 'count')}
      />
      <Tile
        label="Mean CRS"
        value={formatScore(all.mean)}
        detail="0–100"
        title="Mean of the scores shown (one decimal), 0–100"
        change={since(all.mean, then?.mean, 'points')}
        breakdown={perGroup('By relationship group', (g) => formatScore(groups[g].mean))}
      />
      <Tile
        label="Median CRS"
        value={formatScore(all.median)}
        detail="the middle score"
        title="Median of the scores shown (one decimal), 0–100"
        change={since(all.median, then?.median, 'points')}
        breakdown={perGroup('By relationship group', (g) => formatScore(groups[g].median))}
      />
      {BANDS.map((band, b) => (
        <Tile
          key={band}
          label={BAND_LABELS[band]}
          value={formatShare(all.bandCounts[b], all.scored)}
          detail={`${formatCount(all.bandCounts[b])} customers`}
          change={since(sharePercent(all, b), then ? sharePercent(then, b) : undefined, 'percent')}
          breakdown={perGroup('By relationship group', (g) => formatShare(groups[g].bandCounts[b], groups[g].scored))}
        />
      ))}
    </>
  );
}
