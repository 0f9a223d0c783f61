import { formatAuc } from '../../core/display/format';
import { useAppStore } from '../../state/store';

/** The AUC of the current weights beside the sliders: every weight change shows whether the score got better at predicting the outcome. */
export function AucBadge() {
  const auc = useAppStore((s) => s.analysis?.auc ?? null);
  if (!auc || auc.problem) return null;
  return (
    <p className="auc-badge" role="group" aria-label={`AUC against ${auc.column}: ${formatAuc(auc.auc)}`}>
      <span className="muted">AUC vs {auc.column}</span> <strong>{formatAuc(auc.auc)}</strong>
    </p>
  );
}
