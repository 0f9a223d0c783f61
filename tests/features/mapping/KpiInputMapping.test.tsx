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
      s.setState({ dataset });
    });
    await userEvent.click(screen.getByText(/KPI columns/));
    expect(screen.getByText('(0 of 14 mapped; revenue is the profitability axis)')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Renewed (yes/no)'), 'renewed');
    expect(store.getState().model.kpiInputs.renewal).toBe('renewed');
    expect(screen.getByLabelText('Acquisition cost')).not.toHaveTextContent('renewed');
    await userEvent.selectOptions(screen.getByLabelText('Acquisition cost'), 'cost');
    expect(store.getState().model.kpiInputs.acquisitionCost).toBe('cost');
    expect(screen.getByText('(2 of 14 mapped; revenue is the profitability axis)')).toBeInTheDocument();
  });
});
