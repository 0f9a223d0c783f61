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
import { shapeForColumn } from '../src/core/model/modelEdits';

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

// The issue-15 case: tenure, Contract and TechSupport mapped beside TotalCharges, as a user
// would pick them (category columns get the app's default points per value).
const mapped = (factor: Model['factors'][number], column: string) => ({ ...factor, column, shape: shapeForColumn(factor.shape, dataset.columns.find((c) => c.name === column)?.categories ?? undefined) });
const issue15: Model = {
  ...base,
  factors: [mapped(base.factors[0], 'tenure'), mapped(base.factors[1], 'Contract'), mapped(base.factors[2], 'TotalCharges'), mapped(base.factors[3], 'TechSupport')],
  outcome: { column: 'Churn', isGood: false },
};

const heldOut = (h: { mean: number; folds: number[] }) => `${h.mean.toFixed(3)} (folds ${h.folds.map((a) => a.toFixed(3)).join(', ')})`;
for (const [title, model] of [
  ['Numeric columns only', numeric],
  ['With the contract as a categorical factor', withContract],
  ['Tenure, Contract, TotalCharges, TechSupport (issue 15)', issue15],
] as const) {
  const analysis = analyze(dataset, model);
  const validation = validate(dataset, analysis, model);
  const started = performance.now();
  const suggestion = suggestForModel(dataset, analysis, model);
  const searchMs = performance.now() - started;
  if (!validation || !suggestion.ok) throw new Error(suggestion.ok ? 'no validation' : suggestion.problem);
  console.log(`\n${title}. Telco churn, ${dataset.rowCount} customers, outcome Churn (a yes is bad), ${validation.known} known, ${validation.yes} churned.\n`);
  console.log('| factor | column | normalisation / shape | current weight | suggested weight |');
  console.log('|---|---|---|---|---|');
  model.factors.forEach((factor, f) => {
    const fitted = suggestion.categoryPoints[factor.id];
    const flipped = `${suggestion.flipped.includes(factor.id) ? ' (direction switched)' : ''}${
      fitted
        ? ` (points fitted: ${Object.entries(fitted)
            .map(([category, points]) => `${category} → ${points}`)
            .join(', ')})`
        : ''
    }`;
    console.log(
      `| ${factor.label} | ${factor.column}${factor.isHigherBetter ? '' : ' (higher is worse)'} | ${analysis.factors[f]?.description ?? '–'} | ${factor.weight} | ${suggestion.weights[factor.id] ?? '–'}${flipped} |`,
    );
  });
  console.log(`\nAUC of the CRS shown, all ${suggestion.rowCount} customers: current ${suggestion.currentAuc.toFixed(3)}, suggested ${suggestion.suggestedAuc.toFixed(3)}`);
  console.log(`Held out over 5 folds: current ${heldOut(suggestion.currentHeldOut)}; search ${heldOut(suggestion.suggestedHeldOut)}`);
  console.log(`Offered: ${suggestion.improves ? 'yes' : 'no (the current weights rank held-out customers at least as well)'}; search took ${searchMs.toFixed(0)} ms`);
}
