import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ScenarioCompare } from '../../../src/features/scenario/ScenarioCompare';
import { analysisSummary, datasetSummary, renderWithStore } from '../renderWithStore';

describe('ScenarioCompare', () => {
  it('saves the model as A, then shows A beside the current model and who changed band', async () => {
    const { store } = renderWithStore(<ScenarioCompare />, (s) => {
      const model = s.getState().model;
      model.factors[0].column = 'engagement_score';
      s.setState({ dataset: datasetSummary(['engagement_score'], 4), analysis: analysisSummary([0, 0, 0, 0, 4], [1, 2, 1]) });
    });
    expect(screen.getByText(/Save the current model as scenario A/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save current as A' }));
    expect(store.getState().scenarioA?.weights).toBe('Engagement 30');
    act(() => store.getState().setWeight('engagement', 80));
    act(() =>
      store.getState().setScenario({
        a: { mean: 60, scored: 4, bandCounts: [0, 3, 1], auc: 1 / 3 },
        b: { mean: 62.5, scored: 4, bandCounts: [1, 1, 2], auc: 1 },
        moves: [0, 0, 0, 1, 1, 1, 0, 0, 1],
        changed: 2,
        scoredInOneOnly: 0,
        list: [
          { row: 0, id: '1', name: 'Ada', crsA: 50, crsB: 90, bandA: 1, bandB: 2 },
          { row: 1, id: '2', name: 'Bo', crsA: 60, crsB: 30, bandA: 1, bandB: 0 },
        ],
      }),
    );
    const table = screen.getByRole('table', { name: 'Scenario A against the current model (B)' });
    expect(within(table).getByRole('row', { name: /^Weights/ })).toHaveTextContent('WeightsEngagement 30Engagement 80');
    expect(within(table).getByRole('row', { name: /^AUC/ })).toHaveTextContent('AUC0.3331.000');
    expect(within(table).getByRole('row', { name: /^Poor/ })).toHaveTextContent('Poor0.0% (0)25.0% (1)');
    expect(screen.getByRole('group', { name: 'Customers who change band: 2' })).toBeInTheDocument();
    const moved = screen.getByRole('table', { name: 'Who changed band' });
    expect(within(moved).getByRole('row', { name: /^Bo/ })).toHaveTextContent('Bo60.030.0Average → Poor');
    await userEvent.click(screen.getByRole('button', { name: 'Clear A' }));
    expect(store.getState().scenarioA).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
