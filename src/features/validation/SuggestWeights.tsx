import { useAppStore } from '../../state/store';
import { formatAuc } from '../../core/display/format';
import type { HeldOut } from '../../core/validation/weightSearch';

/** "lowest–highest" of the defined fold AUCs, or a dash. */
function foldSpread(heldOut: HeldOut): string {
  const defined = heldOut.folds.filter((auc) => !Number.isNaN(auc));
  return defined.length === 0 ? '–' : `${formatAuc(Math.min(...defined))}–${formatAuc(Math.max(...defined))}`;
}

/**
 * "Suggest weights": the weights (and directions) the worker's search found for the best
 * held-out AUC of the CRS as shown, beside the current ones, with both AUCs held out and on
 * every customer. Offered only when it ranks held-out customers better.
 */
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
        {pending ? 'Searching…' : 'Suggest weights'}
      </button>
      {result && !result.ok ? <p className="warning">No suggestion: {result.problem}</p> : null}
      {result && result.ok ? (
        <div className="suggestion">
          <table className="data-table">
            <caption>
              Weights searched for the CRS that best ranks {outcome} on customers the search did not see ({result.rowCount.toLocaleString()} customers, 5 folds)
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
                .filter((factor) => Object.hasOwn(result.weights, factor.id))
                .map((factor) => (
                  <tr key={factor.id}>
                    <th scope="row">{factor.label}</th>
                    <td>{factor.weight}</td>
                    <td>
                      {result.weights[factor.id]}
                      {result.flipped.includes(factor.id) ? <span className="muted small"> ({result.isHigherBetter[factor.id] ? 'higher is better' : 'higher is worse'})</span> : null}
                      {Object.hasOwn(result.categoryPoints, factor.id) ? (
                        <span className="muted small">
                          {' '}
                          (points fitted to {outcome}:{' '}
                          {Object.entries(result.categoryPoints[factor.id])
                            .map(([category, points]) => `${category} ${points}`)
                            .join(', ')}
                          )
                        </span>
                      ) : null}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
          <table className="data-table">
            <caption>AUC of the CRS against {outcome}, as shown (one decimal)</caption>
            <thead>
              <tr>
                <th scope="col">Weights</th>
                <th scope="col">Held out (mean of 5 folds)</th>
                <th scope="col">Per fold</th>
                <th scope="col">All customers</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Current</th>
                <td>{formatAuc(result.currentHeldOut.mean)}</td>
                <td>{foldSpread(result.currentHeldOut)}</td>
                <td>{formatAuc(result.currentAuc)}</td>
              </tr>
              <tr>
                <th scope="row">Suggested</th>
                <td>{formatAuc(result.suggestedHeldOut.mean)}</td>
                <td>{foldSpread(result.suggestedHeldOut)}</td>
                <td>{formatAuc(result.suggestedAuc)}</td>
              </tr>
            </tbody>
          </table>
          {result.improves ? (
            <p className="muted small">Held out: each fold is scored with weights searched on the other four, so the gain is what to expect on customers like these that the search has not seen.</p>
          ) : (
            <p className="warning">
              No change suggested: your current weights rank customers the search did not see at least as well as anything it found (held out {formatAuc(result.currentHeldOut.mean)} against{' '}
              {formatAuc(result.suggestedHeldOut.mean)}).
            </p>
          )}
          <div className="suggest-actions">
            {result.improves ? (
              <button type="button" className="button primary" onClick={() => applyWeights(result.weights, result.isHigherBetter, result.categoryPoints)}>
                Apply suggested weights
              </button>
            ) : null}
            <button type="button" className="button" onClick={dismiss}>
              Dismiss
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
