import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ValidationPanel } from '../../../src/features/validation/ValidationPanel';
import { AucBadge } from '../../../src/features/validation/AucBadge';
import { analyze } from '../../../src/core/scoring/analysis';
import { defaultModel } from '../../../src/core/model/model';
import { validate, type ValidationSummary } from '../../../src/core/validation/outcome';
import { autoMap } from '../../../src/core/schema/mapping';
import { parseCsv } from '../../../src/core/dataset/dataset';
import { analysisSummary, datasetSummary, renderWithStore } from '../renderWithStore';
import type { AppStore } from '../../../src/state/store';

/** Six customers; the two lowest scorers churned. */
function summary(): ValidationSummary {
  const parsed = parseCsv(new TextEncoder().encode('id,engagement_score,churned\nA,90,no\nB,80,no\nC,20,yes\nD,10,yes\nE,70,no\nF,60,yes\n'), 'c.csv');
  if (!parsed.ok) throw new Error(parsed.problem.kind);
  const model = autoMap(defaultModel(), parsed.dataset.columns);
  const validation = validate(parsed.dataset, analyze(parsed.dataset, model), model);
  if (!validation) throw new Error('no validation');
  return validation;
}

function arrange(store: AppStore) {
  const dataset = datasetSummary(['engagement_score'], 6);
  dataset.columns.push({ name: 'churned', kind: 'flag', isScanned: true, missing: 0, invalid: 0, min: 0, max: 1 });
  const model = defaultModel();
  model.factors[0].column = 'engagement_score';
  model.outcome = { column: 'churned', isGood: false };
  store.setState({ dataset, model, analysis: { ...analysisSummary([0, 0, 0, 0, 6], [2, 2, 2]), validation: summary(), auc: { column: 'churned', auc: summary().auc, problem: null } } });
}

describe('ValidationPanel', () => {
  it('shows the AUC in words, the ROC curve described, gains by decile and the churn rate per band', () => {
    renderWithStore(<ValidationPanel />, arrange);
    // Stayers 90, 80, 70 vs churners 60, 20, 10: every pair ordered → AUC 1.
    expect(screen.getByText(/^AUC/)).toHaveTextContent('AUC 1.000 — very strong.');
    expect(screen.getByRole('img', { name: /^ROC curve/ })).toHaveAccessibleName('ROC curve of the CRS against churned: area under it 1.000.');
    const gains = screen.getByRole('table', { name: 'churned (yes) by CRS decile, lowest CRS first' });
    expect(within(gains).getAllByRole('row')).toHaveLength(11);
    const bands = screen.getByRole('table', { name: 'churned (yes) by band' });
    expect(within(bands).getByRole('row', { name: /^Poor/ })).toHaveTextContent('Poor2100.0%'); // 20 and 10 are poor, both churned
  });

  it('changing the outcome column or its meaning updates the model', async () => {
    const { store } = renderWithStore(<ValidationPanel />, arrange);
    await userEvent.selectOptions(screen.getByLabelText('A yes in it is'), 'good (renewed, won, converted)');
    expect(store.getState().model.outcome).toEqual({ column: 'churned', isGood: true });
    await userEvent.selectOptions(screen.getByLabelText('Outcome column'), '— none —');
    expect(store.getState().model.outcome.column).toBeNull();
  });

  const heldOut = (mean: number) => ({ mean, folds: [mean - 0.02, mean, mean + 0.01, mean, mean + 0.01] });
  it('asks for a suggestion, shows it beside the current weights with both AUCs held out, and applies it', async () => {
    const { store } = renderWithStore(<ValidationPanel />, arrange);
    await userEvent.click(screen.getByRole('button', { name: 'Suggest weights' }));
    expect(store.getState().suggestRequest).toBe(1);
    expect(screen.getByRole('button', { name: 'Searching…' })).toBeDisabled();
    act(() =>
      store.getState().setSuggestion({
        ok: true,
        weights: { engagement: 80, satisfaction: 20 },
        isHigherBetter: { engagement: true, satisfaction: false },
        flipped: ['satisfaction'],
        categoryPoints: {},
        currentAuc: 0.8,
        suggestedAuc: 0.85,
        currentHeldOut: heldOut(0.79),
        suggestedHeldOut: heldOut(0.84),
        improves: true,
        rowCount: 6,
      }),
    );
    const table = screen.getByRole('table', { name: /^Weights searched for the CRS that best ranks churned/ });
    expect(within(table).getByRole('row', { name: /Engagement/ })).toHaveTextContent('Engagement3080');
    expect(within(table).getByRole('row', { name: /Satisfaction/ })).toHaveTextContent('Satisfaction3020 (higher is worse)');
    const aucs = screen.getByRole('table', { name: /^AUC of the CRS against churned/ });
    expect(within(aucs).getByRole('row', { name: /^Current/ })).toHaveTextContent('Current0.7900.770–0.8000.800');
    expect(within(aucs).getByRole('row', { name: /^Suggested/ })).toHaveTextContent('Suggested0.8400.820–0.8500.850');
    await userEvent.click(screen.getByRole('button', { name: 'Apply suggested weights' }));
    expect(store.getState().model.factors[0].weight).toBe(80);
    expect(store.getState().model.factors[1]).toMatchObject({ weight: 20, isHigherBetter: false });
  });

  it('offers nothing to apply when the current weights rank held-out customers at least as well, and says so', () => {
    renderWithStore(<ValidationPanel />, (s) => {
      arrange(s);
      s.getState().requestSuggestion();
      s.getState().setSuggestion({
        ok: true,
        weights: { engagement: 100 },
        isHigherBetter: { engagement: true },
        flipped: [],
        categoryPoints: {},
        currentAuc: 0.81,
        suggestedAuc: 0.81,
        currentHeldOut: heldOut(0.8),
        suggestedHeldOut: heldOut(0.79),
        improves: false,
        rowCount: 6,
      });
    });
    expect(screen.getByText(/^No change suggested/)).toHaveTextContent('held out 0.800 against 0.790');
    expect(screen.queryByRole('button', { name: 'Apply suggested weights' })).toBeNull();
  });

  it('says why there is no suggestion', () => {
    renderWithStore(<ValidationPanel />, (s) => {
      arrange(s);
      s.getState().requestSuggestion();
      s.getState().setSuggestion({ ok: false, problem: 'Every customer with every factor has the same outcome.' });
    });
    expect(screen.getByText('No suggestion: Every customer with every factor has the same outcome.')).toBeInTheDocument();
  });

  it('invites the user to choose an outcome when there is none', () => {
    renderWithStore(<ValidationPanel />, (s) => s.setState({ dataset: datasetSummary(['x'], 1), analysis: analysisSummary([0, 0, 0, 0, 1]) }));
    expect(screen.getByText(/Choose a yes\/no outcome column/)).toBeInTheDocument();
  });
});

describe('AucBadge', () => {
  it('puts the AUC beside the sliders', () => {
    renderWithStore(<AucBadge />, arrange);
    expect(screen.getByRole('group', { name: 'AUC against churned: 1.000' })).toBeInTheDocument();
  });
});

describe('ValidationPanel during a load', () => {
  it('says the check is on its way while the first dashboard leaves it out', () => {
    renderWithStore(<ValidationPanel />, (s) => s.setState({ dataset: datasetSummary(['churned'], 10), analysis: { ...analysisSummary([0, 0, 0, 0, 10]) }, stale: { rfm: true, validation: true } }));
    expect(screen.getByText('Checking the score against the outcome…')).toBeInTheDocument();
  });
});
