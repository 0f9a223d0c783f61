import { useAppStore } from '../../state/store';
import { selectRuleIds } from '../../state/selectors';
import { RuleRow } from './RuleRow';

/** Lead-scoring rules: points added to the weighted score when a column says yes, no, above or below. */
export function RulesEditor() {
  const ids = useAppStore(selectRuleIds);
  const canAdd = useAppStore((s) => (s.dataset?.columns ?? []).some((c) => c.kind === 'number' || c.kind === 'flag'));
  const addRule = useAppStore((s) => s.addRule);
  return (
    <fieldset className="mapping-row rules">
      <legend>Rules</legend>
      <p className="muted mapping-note">Points (−100 to 100) added to the weighted score of each customer a rule matches; the CRS stays within 0–100. Rules alone do not score a customer.</p>
      {ids === '' ? null : (
        <ol className="rule-list">
          {ids.split('|').map((id, k) => (
            <RuleRow key={id} ruleId={id} number={k + 1} />
          ))}
        </ol>
      )}
      <button type="button" className="button small" disabled={!canAdd} onClick={addRule}>
        Add rule
      </button>
    </fieldset>
  );
}
