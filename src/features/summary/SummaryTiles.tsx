import { BANDS, BAND_LABELS } from '../../core/model';
import { formatCount, formatScore, formatShare } from '../../core/format';
import { useAppStore } from '../../state/store';

function Tile({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="tile" role="group" aria-label={`${label}: ${value}`}>
      <p className="tile-label">{label}</p>
      <p className="tile-value">{value}</p>
      {detail ? <p className="tile-detail muted">{detail}</p> : null}
    </div>
  );
}

/** Headline numbers: customers, scored, mean CRS and the share in each band. */
export function SummaryTiles() {
  const aggregates = useAppStore((s) => s.analysis?.aggregates ?? null);
  const mean = useAppStore((s) => s.analysis?.mean ?? NaN);
  const rowCount = useAppStore((s) => s.dataset?.rowCount ?? 0);
  if (!aggregates) return null;
  return (
    <div className="tiles">
      <Tile label="Customers" value={formatCount(rowCount)} detail={aggregates.unscored > 0 ? `${formatCount(aggregates.unscored)} not scored` : 'all scored'} />
      <Tile label="Mean CRS" value={formatScore(mean)} detail="0–100" />
      {BANDS.map((band, i) => (
        <Tile key={band} label={BAND_LABELS[band]} value={formatShare(aggregates.bandCounts[i], aggregates.scored)} detail={`${formatCount(aggregates.bandCounts[i])} customers`} />
      ))}
    </div>
  );
}
