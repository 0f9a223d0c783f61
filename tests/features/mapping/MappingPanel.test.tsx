import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { MappingPanel } from '../../../src/features/mapping/MappingPanel';
import { analysisSummary, datasetSummary, renderWithStore } from '../renderWithStore';

describe('MappingPanel', () => {
  it('asks the user to map when no column was recognised, and maps the column they choose', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<MappingPanel />, (s) => s.getState().datasetLoaded(datasetSummary(['nöjdhet', 'kundår'])));
    expect(screen.getByText(/No column of this file was recognised as a factor/)).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Satisfaction column'), 'nöjdhet');
    expect(store.getState().model.factors.find((f) => f.id === 'satisfaction')?.column).toBe('nöjdhet');
    expect(screen.queryByText(/No column of this file was recognised/)).toBeNull();
    await user.selectOptions(screen.getByLabelText('Loyalty column'), 'kundår');
    expect(store.getState().model.axes.loyalty).toEqual({ column: 'kundår', split: null, upper: null, source: { kind: 'column' } });
  });

  it('inverts a factor and changes its normalisation', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<MappingPanel />, (s) => s.getState().datasetLoaded(datasetSummary(['support_tickets'])));
    expect(screen.getByLabelText('Support quality column')).toHaveValue('support_tickets');
    expect(screen.getByRole('checkbox', { name: 'Support quality: higher is worse' })).toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: 'Support quality: higher is worse' }));
    await user.selectOptions(screen.getByLabelText('Support quality normalisation'), 'min-max');
    expect(store.getState().model.factors.find((f) => f.id === 'support')).toMatchObject({ isHigherBetter: true, normalization: 'min-max' });
  });

  it('says in one line what Automatic chose for a factor and why, and only when Automatic chose it', () => {
    const factor = { factorId: 'purchase', column: 'Purchase History', description: 'used as-is (0–100)', why: 'values on a 0–100 scale', clamped: 1, missing: 2, histogram: new Uint32Array(20), mean: 50 };
    const { store } = renderWithStore(<MappingPanel />, (s) => {
      s.getState().datasetLoaded(datasetSummary(['Purchase History']));
      s.setState({ analysis: { ...analysisSummary([0, 0, 0, 0, 0]), factors: [factor] } });
    });
    expect(store.getState().model.factors.find((f) => f.id === 'purchase')?.column).toBe('Purchase History');
    expect(screen.getByText(/^Automatic: /)).toHaveTextContent('Automatic: used as-is (0–100) — values on a 0–100 scale · 2 without a value · 1 clamped to 0–100');
    // The user picked the method: the line says what was done, not that Automatic chose it.
    act(() => store.setState({ analysis: { ...analysisSummary([0, 0, 0, 0, 0]), factors: [{ ...factor, why: null }] } }));
    expect(screen.queryByText(/^Automatic: /)).toBeNull();
    expect(screen.getByText(/^used as-is \(0–100\) · 2 without a value/)).toBeInTheDocument();
  });

  it('explains band thresholds that cannot apply, and keeps the last valid ones', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<MappingPanel />, (s) => s.getState().datasetLoaded(datasetSummary(['csat'])));
    const averageFrom = screen.getByLabelText('Average from');
    await user.clear(averageFrom);
    await user.type(averageFrom, '80');
    expect(screen.getByText('The "average" threshold must not be above the "good" threshold.')).toBeInTheDocument();
    expect(store.getState().model.bands).toEqual({ averageFrom: 8, goodFrom: 70 });
    await user.clear(averageFrom);
    await user.type(averageFrom, '50');
    expect(store.getState().model.bands).toEqual({ averageFrom: 50, goodFrom: 70 });
  });
});
