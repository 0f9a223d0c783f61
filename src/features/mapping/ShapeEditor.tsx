import { NUMERIC_SHAPE_KINDS, SHAPE_LABELS, type Shape } from '../../core/model/model';
import { defaultCategoryPoints, defaultShape } from '../../core/model/modelEdits';
import { useAppStore } from '../../state/store';
import { CategoryPointsEditor } from './CategoryPointsEditor';
import { DecayEditor } from './DecayEditor';
import { NumberField } from './NumberField';
import { PointsTableEditor } from './PointsTableEditor';

function isNumericShapeKind(value: string): value is (typeof NUMERIC_SHAPE_KINDS)[number] {
  return (NUMERIC_SHAPE_KINDS as readonly string[]).includes(value);
}

/**
 * How a factor's value becomes points: the shape, and its parameters as labelled inputs.
 * A categorical column is scored by points per value only, a date column by recency only;
 * a shape that does not fit the column (from an imported model) is said, since the engine
 * leaves such a factor out.
 */
export function ShapeEditor({ factorId, label }: { factorId: string; label: string }) {
  const shape = useAppStore((s) => s.model.factors.find((f) => f.id === factorId)?.shape);
  const column = useAppStore((s) => {
    const name = s.model.factors.find((f) => f.id === factorId)?.column;
    return s.dataset?.columns.find((c) => c.name === name) ?? null;
  });
  const setFactorShape = useAppStore((s) => s.setFactorShape);
  if (!shape) return null;
  const set = (next: Shape) => setFactorShape(factorId, next);
  const categories = column?.categories;
  if (column?.kind === 'date') {
    if (shape.kind === 'decay') return <DecayEditor label={label} halfLifeDays={shape.halfLifeDays} asOf={shape.asOf} latestDay={column.max} onChange={set} />;
    return (
      <p className="warning mapping-note">
        {column.name} holds dates: it is scored by recency.{' '}
        <button type="button" className="button small" onClick={() => set(defaultShape('decay', NaN, NaN))}>
          Score {label} by recency
        </button>
      </p>
    );
  }
  if (categories) {
    if (shape.kind === 'categories') return <CategoryPointsEditor label={label} categories={categories} points={shape.points} onChange={(points) => set({ kind: 'categories', points })} />;
    return (
      <p className="warning mapping-note">
        {column.name} holds text values: it is scored by points per value.{' '}
        <button type="button" className="button small" onClick={() => set(defaultCategoryPoints(categories))}>
          Score {label} by points per value
        </button>
      </p>
    );
  }
  return (
    <>
      <label>
        <span>{label} shape</span>
        <select
          value={shape.kind}
          onChange={(event) => {
            const kind = event.currentTarget.value;
            if (isNumericShapeKind(kind)) set(defaultShape(kind, column?.min ?? NaN, column?.max ?? NaN));
          }}
        >
          {shape.kind === 'categories' ? <option value="categories">{SHAPE_LABELS.categories} (needs a text column)</option> : null}
          {shape.kind === 'decay' ? <option value="decay">{SHAPE_LABELS.decay} (needs a date column)</option> : null}
          {NUMERIC_SHAPE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {SHAPE_LABELS[kind]}
            </option>
          ))}
        </select>
      </label>
      {shape.kind === 'saturating' ? (
        <NumberField label={`${label}: half the gain at`} value={shape.halfAt} min={0} max={100} isValid={(v) => v > 0 && v <= 100} onChange={(halfAt) => set({ kind: 'saturating', halfAt })} />
      ) : null}
      {shape.kind === 'threshold' ? <NumberField label={`${label}: step at`} value={shape.at} onChange={(at) => set({ kind: 'threshold', at })} /> : null}
      {shape.kind === 'points' ? <PointsTableEditor label={label} steps={shape.steps} onChange={(steps) => set({ kind: 'points', steps })} /> : null}
    </>
  );
}
