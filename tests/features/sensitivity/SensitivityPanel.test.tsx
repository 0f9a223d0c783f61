import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SensitivityPanel } from '../../../src/features/sensitivity/SensitivityPanel';
import { CustomerExplanation } from '../../../src/features/explain/CustomerExplanation';
import type { SensitivitySummary, WeightMove } from '../../../src/core/whatIf/sensitivity';
import { datasetSummary, renderWithStore } from '../renderWithStore';

const move = (weight: number, bandChanges: number, meanChange: number): WeightMove => ({ weight, bandChanges, groupChanges: 0, meanChange, aucChange: NaN });

const summary: SensitivitySummary = {
  tornado: {
    factors: [
      { factorId: 'engagement', weight: 30, down: move(20, 120, -1.5), up: move(40, 95, 1.2) },
      { factorId: 'satisfaction', weight: 0, down: move(0, 0, 0), up: move(10, 40, 0.4) },
    ],
    groupsIgnoreWeights: true,
    auc: NaN,
  },
  stability: { draws: 20, spread: 0.2, spearman: new Float64Array(20).fill(0.98), meanSpearman: 0.984, minSpearman: 0.962 },
};

describe('SensitivityPanel', () => {
  it('asks the engine on the button, then shows the tornado, its table and the Spearman summary', async () => {
    const { store } = renderWithStore(<SensitivityPanel />);
    await userEvent.click(screen.getByRole('button', { name: 'Analyse sensitivity' }));
    expect(store.getState().sensitivityRequest?.model).toBe(store.getState().model);
    expect(screen.getByRole('button', { name: 'Analysing…' })).toBeDisabled();
    store.getState().setSensitivity(summary);
    expect(await screen.findByRole('img', { name: /Customers changing band when each weight moves 10 points/ })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: /Each weight moved 10 points/ });
    const engagement = screen.getByRole('row', { name: /Engagement/ });
    expect(engagement).toHaveTextContent('30 (20, 40)');
    expect(engagement).toHaveTextContent('120');
    expect(engagement).toHaveTextContent('−1.5');
    expect(table.querySelectorAll('tbody tr')).toHaveLength(2);
    // No outcome: no AUC columns.
    expect(screen.queryByRole('columnheader', { name: /AUC/ })).toBeNull();
    expect(screen.getByText(/Rank stability/)).toHaveTextContent('Spearman 0.984 on average, 0.962 at worst');
    expect(screen.getByText(/Group changes are 0 by construction/)).toBeInTheDocument();
  });

  it('says when the figures are for an earlier model', () => {
    renderWithStore(<SensitivityPanel />, (store) => {
      store.getState().requestSensitivity();
      store.getState().setSensitivity(summary);
      store.getState().setWeight('engagement', 55);
    });
    expect(screen.getByText(/for an earlier model/)).toBeInTheDocument();
  });

  it('drops figures computed on another file', () => {
    renderWithStore(<SensitivityPanel />, (store) => {
      store.getState().requestSensitivity();
      store.getState().setSensitivity(summary);
      store.getState().datasetLoaded(datasetSummary(['engagement']));
    });
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText(/Computed when you ask/)).toBeInTheDocument();
  });
});

describe('CustomerExplanation with stability', () => {
  it('adds one line on the customer across nearby models', () => {
    renderWithStore(<CustomerExplanation />, (store) => {
      store.getState().setSelectedCustomer({ row: 0, id: 'C1', name: 'Ada', crs: 92, band: 'good', group: null, factors: [], rules: [] });
      store.getState().setSelectedStability({ draws: 20, topDecileShare: 0.95, minPercentile: 88.2, maxPercentile: 99.1 });
    });
    expect(screen.getByText('In the top 10 % in 95 % of nearby models (percentile 88–99 across 20).')).toBeInTheDocument();
  });
});
