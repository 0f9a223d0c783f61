import { formatIsoDay, parseIsoDay } from '../../core/csv/dates';
import { NumberField } from './NumberField';

interface DecayEditorProps {
  label: string;
  halfLifeDays: number;
  /** ISO date YYYY-MM-DD, or null for the column's latest date. */
  asOf: string | null;
  /** The column's latest date as a day number (NaN when unknown), shown beside an empty "As of". */
  latestDay: number;
  onChange: (shape: { kind: 'decay'; halfLifeDays: number; asOf: string | null }) => void;
}

/** Recency of a date column: its half-life in days and the day ages are counted to. */
export function DecayEditor({ label, halfLifeDays, asOf, latestDay, onChange }: DecayEditorProps) {
  const latest = Number.isFinite(latestDay) ? formatIsoDay(latestDay) : null;
  return (
    <fieldset className="points-table">
      <legend>{label} recency</legend>
      <NumberField
        label={`${label}: half-life (days)`}
        visibleLabel="Half-life (days)"
        value={halfLifeDays}
        min={0}
        isValid={(v) => v > 0}
        onChange={(days) => onChange({ kind: 'decay', halfLifeDays: days, asOf })}
      />
      <label>
        <span aria-hidden>As of</span>
        <input
          type="date"
          aria-label={`${label}: as of`}
          value={asOf ?? ''}
          onChange={(event) => {
            const text = event.currentTarget.value;
            // A blank field means the latest date in the file; a partial date waits.
            if (text === '') onChange({ kind: 'decay', halfLifeDays, asOf: null });
            else if (!Number.isNaN(parseIsoDay(text))) onChange({ kind: 'decay', halfLifeDays, asOf: text });
          }}
        />
      </label>
      <p className="muted mapping-note">
        100 points on the day, 50 one half-life earlier, 25 two half-lives earlier. {asOf === null ? `Counted to the latest date in the file${latest ? ` (${latest})` : ''}.` : null}
      </p>
    </fieldset>
  );
}
