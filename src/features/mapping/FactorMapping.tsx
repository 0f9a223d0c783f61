import { NORMALIZATIONS, NORMALIZATION_LABELS, type Normalization } from '../../core/model/model';
import { formatCount } from '../../core/display/format';
import { useAppStore } from '../../state/store';
import { ColumnSelect } from './ColumnSelect';
import { ShapeEditor } from './ShapeEditor';

function isNormalization(value: string): value is Normalization {
  return (NORMALIZATIONS as readonly string[]).includes(value);
}

/** One factor's column, normalisation, direction and shape, with what the engine made of it. */
export function FactorMapping({ factorId }: { factorId: string }) {
  const factor = useAppStore((s) => s.model.factors.find((f) => f.id === factorId));
  const resolution = useAppStore((s) => s.analysis?.factors.find((f) => f.factorId === factorId) ?? null);
  const setFactorColumn = useAppStore((s) => s.setFactorColumn);
  const setFactorNormalization = useAppStore((s) => s.setFactorNormalization);
  const setFactorDirection = useAppStore((s) => s.setFactorDirection);
  const removeFactor = useAppStore((s) => s.removeFactor);
  const isLast = useAppStore((s) => s.model.factors.length <= 1);
  if (!factor) return null;
  // Tables and steps read the raw value: normalisation does nothing for them, and a table sets its own direction.
  const usesNormalization = factor.shape.kind === 'linear' || factor.shape.kind === 'saturating';
  const usesDirection = usesNormalization || factor.shape.kind === 'threshold';
  return (
    <fieldset className="mapping-row">
      <legend>{factor.label}</legend>
      <ColumnSelect label={`${factor.label} column`} value={factor.column} onChange={(column) => setFactorColumn(factorId, column)} allowCategories allowDates />
      {usesNormalization ? (
        <label>
          <span>{factor.label} normalisation</span>
          <select
            value={factor.normalization}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (isNormalization(value)) setFactorNormalization(factorId, value);
            }}
          >
            {NORMALIZATIONS.map((n) => (
              <option key={n} value={n}>
                {NORMALIZATION_LABELS[n]}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {usesDirection ? (
        <label className="checkbox">
          <input type="checkbox" checked={!factor.isHigherBetter} onChange={(event) => setFactorDirection(factorId, !event.currentTarget.checked)} />
          <span>{factor.label}: higher is worse</span>
        </label>
      ) : null}
      <ShapeEditor factorId={factorId} label={factor.label} />
      <p className="muted mapping-note">
        {factor.column === null
          ? 'Not mapped: customers are scored on the other factors.'
          : resolution
            ? `${resolution.why !== null ? `Automatic: ${resolution.description} — ${resolution.why}` : resolution.description}${resolution.missing > 0 ? ` · ${formatCount(resolution.missing)} without a value` : ''}${resolution.clamped > 0 ? ` · ${formatCount(resolution.clamped)} clamped to 0–100` : ''}`
            : '…'}
      </p>
      <button type="button" className="button small" disabled={isLast} onClick={() => removeFactor(factorId)}>
        Remove {factor.label}
      </button>
    </fieldset>
  );
}
