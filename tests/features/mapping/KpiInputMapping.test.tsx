import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { KpiInputMapping } from '../../../src/features/mapping/KpiInputMapping';
import { datasetSummary, renderWithStore } from '../renderWithStore';

describe('KpiInputMapping', () => {
  it('maps a KPI input to a column; yes/no columns are offered for rates only', async () => {
    const { store } = renderWithStore(<KpiInputMapping />, (s) => {
      const dataset = datasetSummary(['cost', 'cycle']);
      dataset.columns.push({ name: 'renewed', kind: 'flag', isScanned: true, missing: 0, invalid: 0, min: 0, max: 1 });
      dataset.columns.push({ name: 'Stage', kind: 'text', isScanned: true, missing: 0, invalid: 0, min: NaN, max: NaN, categories: ['Closed Won', 'Closed Lost', 'Negotiation'] });
      s.setState({ dataset });
    });
    await userEvent.click(screen.getByText(/KPI columns/));
    expect(screen.getByText('(0 of 16 mapped; revenue is the profitability axis)')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Renewed (yes/no)'), 'renewed');
    expect(store.getState().model.kpiInputs.renewal).toBe('renewed');
    expect(screen.getByLabelText('Acquisition cost')).not.toHaveTextContent('renewed');
    await userEvent.selectOptions(screen.getByLabelText('Acquisition cost'), 'cost');
    expect(store.getState().model.kpiInputs.acquisitionCost).toBe('cost');
    expect(screen.getByText('(2 of 16 mapped; revenue is the profitability axis)')).toBeInTheDocument();
    // A deal stage is a text column of stages: offered for the close rate only.
    expect(screen.getByLabelText('Acquisition cost')).not.toHaveTextContent('Stage');
    await userEvent.selectOptions(screen.getByLabelText('Deal stage (Closed Won / Closed Lost / open)'), 'Stage');
    expect(store.getState().model.kpiInputs.stage).toBe('Stage');
  });
});
