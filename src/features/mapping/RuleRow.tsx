import { useShallow } from 'zustand/react/shallow';
import type { Rule } from '../../core/model/model';
import { ruleColumns } from '../../core/model/modelEdits';
import { RULE_CONDITIONS, RULE_CONDITION_LABELS } from '../../core/scoring/rules';
import { useAppStore } from '../../state/store';
import { NumberField } from './NumberField';

function isCondition(value: string): value is Rule['when'] {
  return (RULE_CONDITIONS as readonly string[]).includes(value);
}

/** One rule: column, condition, value (for above / below), points, and a remove button. */
export function RuleRow({ ruleId, number }: { ruleId: string; number: number }) {
  const rule = useAppStore((s) => s.model.rules.find((r) => r.id === ruleId));
  const columns = useAppStore(useShallow((s) => ruleColumns(s.dataset?.columns ?? []).map((c) => c.name)));
  const updateRule = useAppStore((s) => s.updateRule);
  const removeRule = useAppStore((s) => s.removeRule);
  if (!rule) return null;
  const name = `Rule ${number}`;
  return (
    <li className="rule">
      <label>
        <span>{name} column</span>
        <select value={rule.column} onChange={(event) => updateRule(ruleId, { column: event.currentTarget.value })}>
          {columns.includes(rule.column) ? null : <option value={rule.column}>{rule.column} (not in this file)</option>}
          {columns.map((column) => (
            <option key={column} value={column}>
              {column}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{name} condition</span>
        <select
          value={rule.when}
          onChange={(event) => {
            const when = event.currentTarget.value;
            if (isCondition(when)) updateRule(ruleId, { when });
          }}
        >
          {RULE_CONDITIONS.map((when) => (
            <option key={when} value={when}>
              {RULE_CONDITION_LABELS[when]}
            </option>
          ))}
        </select>
      </label>
      {rule.when === 'above' || rule.when === 'below' ? <NumberField label={`${name} value`} value={rule.value} onChange={(value) => updateRule(ruleId, { value })} /> : null}
      <NumberField label={`${name} points`} value={rule.points} min={-100} max={100} isValid={(v) => v >= -100 && v <= 100} onChange={(points) => updateRule(ruleId, { points })} />
      <button type="button" className="button small" onClick={() => removeRule(ruleId)}>
        Remove rule {number}
      </button>
    </li>
  );
}
