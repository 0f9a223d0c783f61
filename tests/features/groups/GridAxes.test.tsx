import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { GroupsGrid } from '../../../src/features/groups/GroupsGrid';
import { analysisSummary, datasetSummary, renderWithStore } from '../renderWithStore';
import { defaultClvInputs } from '../../../src/core/clv/fromDataset';
import type { AppStore } from '../../../src/state/store';

const arrange = (store: AppStore, gridSize: 2 | 3 = 2) => {
  store.setState({ dataset: datasetSummary(['revenue', 'tenure', 'logins'], 1000) });
  store.getState().setFactorColumn('engagement', 'logins');
  store.getState().setAxisColumn('profitability', 'revenue');
  store.getState().setAxisColumn('loyalty', 'tenure');
  const counts = gridSize === 3 ? [100, 100, 100, 100, 200, 100, 100, 100, 100, 0] : [100, 200, 300, 350, 50];
  store.setState({ analysis: analysisSummary(counts, undefined, undefined, gridSize) });
};

describe('GridAxes: the grid on any two axes', () => {
  it('offers columns, mapped factors and the lifetime-value predictions for each axis; predictions wait for a fit', () => {
    renderWithStore(<GroupsGrid />, (s) => arrange(s));
    const loyalty = screen.getByRole('combobox', { name: 'Loyalty axis' });
    expect(loyalty).toHaveValue('column:tenure');
    expect(within(loyalty).getByRole('option', { name: 'logins' })).toBeInTheDocument();
    expect(within(loyalty).getByRole('option', { name: 'Engagement' })).toBeInTheDocument();
    expect(within(loyalty).queryByRole('option', { name: 'Satisfaction' })).toBeNull(); // not mapped
    expect(within(loyalty).getByRole('option', { name: 'P(alive)' })).toBeDisabled();
    expect(within(loyalty).getByRole('group', { name: 'Lifetime value fit (fit it first)' })).toBeInTheDocument();
  });

  it('choosing a factor or a prediction sets the axis source and resets its split; choosing a column goes back', async () => {
    const { store } = renderWithStore(<GroupsGrid />, (s) => {
      arrange(s);
      s.getState().setAxisSplit('loyalty', 24);
      s.setState({ model: { ...s.getState().model, lifetime: defaultClvInputs([], s.getState().model) } });
    });
    const loyalty = screen.getByRole('combobox', { name: 'Loyalty axis' });
    await userEvent.selectOptions(loyalty, 'Engagement');
    expect(store.getState().model.axes.loyalty).toEqual({ column: 'tenure', split: null, upper: null, source: { kind: 'factor', factorId: 'engagement' } });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Profitability axis' }), 'Predicted CLV');
    expect(store.getState().model.axes.profitability.source).toEqual({ kind: 'predicted', value: 'clv' });
    await userEvent.selectOptions(loyalty, 'logins');
    expect(store.getState().model.axes.loyalty).toEqual({ column: 'logins', split: null, upper: null, source: { kind: 'column' } });
  });

  it('switches to 3×3: two split inputs per axis, nine cells in reading order, a group filter the grid lacks is cleared', async () => {
    const { store } = renderWithStore(<GroupsGrid />, (s) => arrange(s));
    await userEvent.click(within(screen.getByRole('group', { name: 'Cells' })).getByRole('radio', { name: '3×3' }));
    expect(store.getState().model.gridSize).toBe(3);
    // The worker answers with a 3×3 analysis.
    store.setState({ analysis: analysisSummary([100, 100, 100, 100, 200, 100, 100, 100, 100, 0], undefined, undefined, 3) });
    expect(await screen.findByRole('spinbutton', { name: 'Loyalty: medium from' })).toBeInTheDocument();
    expect(screen.getByRole('spinbutton', { name: 'Loyalty: high from' })).toBeInTheDocument();
    const cells = screen.getAllByRole('group').filter((el) => el.classList.contains('group-cell'));
    expect(cells.map((cell) => cell.getAttribute('aria-label'))).toEqual([
      'Butterflies: 100 customers',
      'Rising friends: 100 customers',
      'True friends: 100 customers',
      'Occasional buyers: 100 customers',
      'Core customers: 200 customers',
      'Steady regulars: 100 customers',
      'Strangers: 100 customers',
      'Drifters: 100 customers',
      'Barnacles: 100 customers',
    ]);
    expect(within(screen.getByLabelText('Core customers: 200 customers')).getByText(/Medium profitability, medium-term/)).toBeInTheDocument();
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Profitability: high from' }), '900');
    expect(store.getState().model.axes.profitability.upper).toBe(900);
    await userEvent.click(screen.getByRole('button', { name: 'Filter the dashboard to Core customers' }));
    expect(store.getState().tableView.group).toBe('core');
    await userEvent.click(screen.getByRole('radio', { name: '2×2' }));
    expect(store.getState().model.gridSize).toBe(2);
    expect(store.getState().tableView.group).toBeNull();
    expect(store.getState().model.axes.profitability.upper).toBeNull();
  });

  it('folds the axis controls away once the grid is drawn, naming the axes; the summary opens them', async () => {
    const { container } = renderWithStore(<GroupsGrid />, (s) => arrange(s));
    const details = container.querySelector('details');
    expect(details).not.toHaveAttribute('open');
    const summary = screen.getByText('Axes: revenue × tenure · 2×2');
    await userEvent.click(summary);
    expect(details).toHaveAttribute('open');
  });

  it('says why an axis cannot be read', () => {
    renderWithStore(<GroupsGrid />, (s) => {
      arrange(s);
      s.getState().setAxisSource('loyalty', { kind: 'predicted', value: 'pAlive' });
      const analysis = analysisSummary([0, 0, 0, 0, 1000]);
      analysis.axes.loyalty = { ...analysis.axes.loyalty, label: null, unavailable: 'fit lifetime value first (Predicted lifetime value panel)' };
      s.setState({ analysis });
    });
    expect(screen.getByRole('status')).toHaveTextContent('This axis cannot be read: fit lifetime value first (Predicted lifetime value panel).');
    expect(screen.queryByLabelText(/^True friends:/)).toBeNull();
  });
});
