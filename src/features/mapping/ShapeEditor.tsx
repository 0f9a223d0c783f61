import { SHAPE_KINDS, SHAPE_LABELS, type Shape } from '../../core/model';
import { defaultShape } from '../../core/modelEdits';
import { useAppStore } from '../../state/store';
import { NumberField } from './NumberField';
import { PointsTableEditor } from './PointsTableEditor';

function isShapeKind(value: string): value is Shape['kind'] {
  return (SHAPE_KINDS as readonly string[]).includes(value);
}

/** How a factor's value becomes points: the shape, and its parameters as labelled inputs. */
export function ShapeEditor({ factorId, label }: { factorId: string; label: string }) {
  const shape = useAppStore((s) => s.model.factors.find((f) => f.id === factorId)?.shape);
  const column = useAppStore((s) => {
    const name = s.model.factors.find((f) => f.id === factorId)?.column;
    return s.dataset?.columns.find((c) => c.name === name) ?? null;
  });
  const setFactorShape = useAppStore((s) => s.setFactorShape);
  if (!shape) return null;
  const set = (next: Shape) => setFactorShape(factorId, next);
  return (
    <>
      <label>
        <span>{label} shape</span>
        <select
          value={shape.kind}
          onChange={(event) => {
            const kind = event.currentTarget.value;
            if (isShapeKind(kind)) set(defaultShape(kind, column?.min ?? NaN, column?.max ?? NaN));
          }}
        >
          {SHAPE_KINDS.map((kind) => (
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
