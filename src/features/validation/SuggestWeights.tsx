import { useAppStore } from '../../state/store';
import { formatAuc } from '../../core/display/format';

/** "Suggest weights": a logistic fit of the outcome on the factors, its held-out AUC, and the weights beside the current ones. */
export function SuggestWeights() {
  const suggestion = useAppStore((s) => s.suggestion);
  const pending = useAppStore((s) => s.suggesting);
  const factors = useAppStore((s) => s.model.factors);
  const outcome = useAppStore((s) => s.model.outcome.column);
  const requestSuggestion = useAppStore((s) => s.requestSuggestion);
  const applyWeights = useAppStore((s) => s.applyWeights);
  const dismiss = useAppStore((s) => s.dismissSuggestion);
  const result = suggestion && suggestion.outcome === outcome ? suggestion.result : null;
  return (
    <div className="suggest">
      <button type="button" className="button" onClick={requestSuggestion} disabled={pending}>
        {pending ? 'Fitting…' : 'Suggest weights'}
      </button>
      {result && !result.ok ? <p className="warning">No suggestion: {result.problem}</p> : null}
      {result && result.ok ? (
        <div className="suggestion">
          <table className="data-table">
            <caption>
              Weights fitted to {outcome} (logistic regression on {result.rowCount.toLocaleString()} customers with every factor; held-out AUC {formatAuc(result.heldOutAuc)} over 5 folds)
            </caption>
            <thead>
              <tr>
                <th scope="col">Factor</th>
                <th scope="col">Current</th>
                <th scope="col">Suggested</th>
              </tr>
            </thead>
            <tbody>
              {factors
                .filter((factor) => factor.id in result.weights)
                .map((factor) => (
                  <tr key={factor.id}>
                    <th scope="row">{factor.label}</th>
                    <td>{factor.weight}</td>
                    <td>
                      {result.weights[factor.id]}
                      {result.dropped.includes(factor.id) ? <span className="muted small"> (goes against the outcome)</span> : null}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
          <p>
            CRS AUC now <strong>{formatAuc(result.currentAuc)}</strong>, with the suggested weights <strong>{formatAuc(result.suggestedAuc)}</strong>.
          </p>
          {result.suggestedAuc <= result.currentAuc ? (
            <p className="warning">
              Your current weights already rank these customers at least as well. The fit makes the outcome most likely on average, which is not the same as ranking it best: keep your weights unless you prefer
              the fitted ones for another reason.
            </p>
          ) : null}
          <div className="suggest-actions">
            <button type="button" className="button primary" onClick={() => applyWeights(result.weights)}>
              Apply suggested weights
            </button>
            <button type="button" className="button" onClick={dismiss}>
              Dismiss
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
