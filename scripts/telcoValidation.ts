// The validation figures BENCHMARKS.md records for issue 5: on the IBM Telco churn data
// (../shared/datasets), the AUC of a default-style model and of the weights "Suggest
// weights" fits, with the columns used. Run: npm run bench:telco
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze } from '../src/core/scoring/analysis';
import { parseCsv } from '../src/core/dataset/dataset';
import { defaultModel, type Model } from '../src/core/model/model';
import { suggestForModel, validate } from '../src/core/validation/outcome';
import { autoMap } from '../src/core/schema/mapping';

const file = resolve(import.meta.dirname, '../../shared/datasets/telco-customer-churn.csv');
const parsed = parseCsv(new Uint8Array(readFileSync(file)), 'telco-customer-churn.csv');
if (!parsed.ok) throw new Error(`cannot read ${file}: ${parsed.problem.kind}`);
const dataset = parsed.dataset;

// Default-style: the default weights (30/30/20/20) on the columns a user would map. Telco has
// no satisfaction or support score; its numeric columns are tenure, MonthlyCharges,
// TotalCharges and SeniorCitizen.
const base = autoMap(defaultModel(), dataset.columns);
const numeric: Model = {
  ...base,
  factors: [
    { ...base.factors[0], column: 'tenure' }, // Engagement: months as a customer
    { ...base.factors[1], label: 'Monthly charges (lower is better)', column: 'MonthlyCharges', isHigherBetter: false }, // Satisfaction stand-in: price pain
    { ...base.factors[2], column: 'TotalCharges' }, // Purchase history
    { ...base.factors[3], label: 'Not a senior citizen', column: 'SeniorCitizen', isHigherBetter: false }, // Support stand-in
  ],
  outcome: { column: 'Churn', isGood: false },
};
// The same, plus the contract: a text column, scored by a points-per-value table.
const withContract: Model = {
  ...numeric,
  factors: [
    ...numeric.factors,
    {
      id: 'contract',
      label: 'Contract',
      column: 'Contract',
      normalization: 'auto',
      isHigherBetter: true,
      weight: 20,
      shape: { kind: 'categories', points: { 'Month-to-month': 0, 'One year': 60, 'Two year': 100 } },
    },
  ],
};

for (const [title, model] of [
  ['Numeric columns only', numeric],
  ['With the contract as a categorical factor', withContract],
] as const) {
  const analysis = analyze(dataset, model);
  const validation = validate(dataset, analysis, model);
  const suggestion = suggestForModel(dataset, analysis, model);
  if (!validation || !suggestion.ok) throw new Error(suggestion.ok ? 'no validation' : suggestion.problem);
  console.log(`\n${title}. Telco churn, ${dataset.rowCount} customers, outcome Churn (a yes is bad), ${validation.known} known, ${validation.yes} churned.\n`);
  console.log('| factor | column | normalisation / shape | default weight | suggested weight |');
  console.log('|---|---|---|---|---|');
  model.factors.forEach((factor, f) => {
    console.log(
      `| ${factor.label} | ${factor.column}${factor.isHigherBetter ? '' : ' (higher is worse)'} | ${analysis.factors[f]?.description ?? '–'} | ${factor.weight} | ${suggestion.weights[factor.id] ?? '–'} |`,
    );
  });
  console.log(`\nAUC of the CRS, default weights: ${validation.auc.toFixed(3)}`);
  console.log(
    `AUC of the CRS, suggested weights: ${suggestion.suggestedAuc.toFixed(3)} (the fit itself: ${suggestion.inSampleAuc.toFixed(3)} in sample, ${suggestion.heldOutAuc.toFixed(3)} held out over 5 folds, on ${suggestion.rowCount} customers with every factor)`,
  );
}
