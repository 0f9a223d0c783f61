export interface TileBreakdown {
  /** What the tile's value is broken down by, for the list's label: "By relationship group". */
  caption: string;
  items: { label: string; value: string }[];
}

interface TileProps {
  label: string;
  value: string;
  detail?: string;
  /** Hover text: the formula and its inputs. */
  title?: string;
  breakdown?: TileBreakdown | null;
  /** Its change since an earlier file compared with: "+1.2 pt since March.csv". */
  change?: string | null;
}

/** A labelled figure; with a breakdown, its value per segment as a small list under it. */
export function Tile({ label, value, detail, title, breakdown, change }: TileProps) {
  const hover = breakdown ? `${title ? `${title}\n` : ''}${breakdown.items.map((item) => `${item.label}: ${item.value}`).join('\n')}` : title;
  return (
    <div className="tile" role="group" aria-label={`${label}: ${value}${change ? `, ${change}` : ''}`} title={hover}>
      <p className="tile-label">{label}</p>
      <p className="tile-value">{value}</p>
      {change ? (
        <p className="tile-change small" title={change}>
          {change}
        </p>
      ) : null}
      {detail ? <p className="tile-detail muted">{detail}</p> : null}
      {breakdown ? (
        <dl className="tile-breakdown" aria-label={`${label} ${breakdown.caption.toLowerCase()}`}>
          {breakdown.items.map((item) => (
            <div key={item.label}>
              <dt>{item.label}</dt>
              <dd>{item.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
