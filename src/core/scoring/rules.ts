// Lead-scoring rules: points added to the weighted score when a customer's column says
// yes / no / above / below a value ("churned last year: −20", "more than 5 logins: +10").
// The sum per customer is one Float64Array the scoring pass adds before clamping.
import { columnValues, type Dataset } from '../dataset/dataset';
import type { Rule } from '../model/model';
import { formatValue } from '../display/format';

export const RULE_CONDITIONS = ['yes', 'no', 'above', 'below'] as const satisfies readonly Rule['when'][];
export const RULE_CONDITION_LABELS: Record<Rule['when'], string> = {
  yes: 'is yes (1)',
  no: 'is no (0)',
  above: 'is above',
  below: 'is below',
};

/**
 * Whether a value meets the rule: yes is 1 (a yes/no column reads yes as 1), no is 0,
 * above is > value, below is < value. A missing value (NaN) meets no rule.
 */
export function ruleMatches(rule: Rule, value: number): boolean {
  switch (rule.when) {
    case 'yes':
      return value === 1;
    case 'no':
      return value === 0;
    case 'above':
      return value > rule.value;
    case 'below':
      return value < rule.value;
  }
}

/** The rules that can add points: finite points, and a numeric or yes/no column the file has. */
function usableRules(dataset: Dataset, rules: readonly Rule[]): { rule: Rule; values: Float64Array }[] {
  const usable: { rule: Rule; values: Float64Array }[] = [];
  for (const rule of rules) {
    if (!Number.isFinite(rule.points) || rule.points === 0) continue;
    if ((rule.when === 'above' || rule.when === 'below') && !Number.isFinite(rule.value)) continue;
    const values = columnValues(dataset, rule.column);
    if (values) usable.push({ rule, values });
  }
  return usable;
}

/**
 * Per customer, Σ points of the rules the customer meets (0 when none), or null when no
 * rule can add anything (no rules, or none on a column of this file), so the scoring
 * pass skips the add altogether.
 */
export function rulePoints(dataset: Dataset, rules: readonly Rule[]): Float64Array | null {
  const usable = usableRules(dataset, rules);
  if (usable.length === 0) return null;
  const out = new Float64Array(dataset.rowCount);
  for (const { rule, values } of usable) {
    const { points } = rule;
    for (let i = 0; i < out.length; i++) if (ruleMatches(rule, values[i])) out[i] += points;
  }
  return out;
}

/** The rules one customer meets, in model order, each with its label and points. */
export function matchedRules(dataset: Dataset, rules: readonly Rule[], row: number): { label: string; points: number }[] {
  return usableRules(dataset, rules)
    .filter(({ rule, values }) => ruleMatches(rule, values[row]))
    .map(({ rule }) => ({ label: describeRule(rule), points: rule.points }));
}

/** "churned is yes", "logins_30d is above 5". */
export function describeRule(rule: Rule): string {
  const condition = RULE_CONDITION_LABELS[rule.when].replace(/ \([01]\)$/, '');
  return rule.when === 'above' || rule.when === 'below' ? `${rule.column} ${condition} ${formatValue(rule.value)}` : `${rule.column} ${condition}`;
}
