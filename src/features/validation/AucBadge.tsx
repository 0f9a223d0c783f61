import { formatAuc } from '../../core/format';
import { useAppStore } from '../../state/store';

/** The AUC of the current weights beside the sliders: every weight change shows whether the score got better at predicting the outcome. */
export function AucBadge() {
  const validation = useAppStore((s) => s.analysis?.validation ?? null);
  if (!validation || validation.problem) return null;
  return (
    <p className="auc-badge" role="group" aria-label={`AUC against ${validation.column}: ${formatAuc(validation.auc)}`}>
      <span className="muted">AUC vs {validation.column}</span> <strong>{formatAuc(validation.auc)}</strong>
    </p>
  );
}
