import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { MappingPanel } from '../../../src/features/mapping/MappingPanel';
import type { AppStore } from '../../../src/state/store';
import { datasetSummary, renderWithStore } from '../renderWithStore';

/** A Telco-like file: Contract is categorical, notes is free text, tenure a number. */
function arrange(store: AppStore) {
  const summary = datasetSummary(['tenure']);
  summary.columns.push({ name: 'Contract', kind: 'text', isScanned: true, missing: 0, invalid: 0, min: NaN, max: NaN, categories: ['Month-to-month', 'One year', 'Two year'] });
  summary.columns.push({ name: 'notes', kind: 'text', isScanned: true, missing: 0, invalid: 0, min: NaN, max: NaN });
  store.getState().datasetLoaded(summary);
}

const engagementShape = (store: AppStore) => store.getState().model.factors.find((f) => f.id === 'engagement')?.shape;

describe('a categorical column as a factor', () => {
  it('lists categorical columns (not free text) for factors and for new factors', () => {
    renderWithStore(<MappingPanel />, arrange);
    const options = (name: string) =>
      within(screen.getByLabelText(name))
        .getAllByRole('option')
        .map((o) => o.textContent);
    expect(options('Engagement column')).toEqual(expect.arrayContaining(['tenure', 'Contract']));
    expect(options('Engagement column')).not.toContain('notes');
    expect(options('Add a factor')).toEqual(expect.arrayContaining(['tenure', 'Contract']));
    expect(options('Add a factor')).not.toContain('notes');
  });

  it('shows one points input per value, spread evenly when chosen, and edits the model', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<MappingPanel />, arrange);
    await user.selectOptions(screen.getByLabelText('Engagement column'), 'Contract');
    const table = screen.getByRole('group', { name: 'Engagement points per value' });
    expect(within(table).getByRole('spinbutton', { name: 'Engagement: points for Month-to-month' })).toHaveValue(0);
    expect(within(table).getByRole('spinbutton', { name: 'Engagement: points for Two year' })).toHaveValue(100);
    expect(screen.queryByLabelText('Engagement shape')).toBeNull();

    const oneYear = within(table).getByRole('spinbutton', { name: 'Engagement: points for One year' });
    expect(oneYear).toHaveValue(50);
    await user.clear(oneYear);
    await user.type(oneYear, '60');
    expect(engagementShape(store)).toEqual({ kind: 'categories', points: { 'Month-to-month': 0, 'One year': 60, 'Two year': 100 } });

    await user.type(oneYear, '0');
    expect(oneYear).toBeInvalid();
    expect(engagementShape(store)).toMatchObject({ points: { 'One year': 60 } });
  });

  it('going back to a numeric column makes the shape linear again', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<MappingPanel />, arrange);
    await user.selectOptions(screen.getByLabelText('Engagement column'), 'Contract');
    await user.selectOptions(screen.getByLabelText('Engagement column'), 'tenure');
    expect(engagementShape(store)).toEqual({ kind: 'linear' });
    expect(screen.getByLabelText('Engagement shape')).toHaveValue('linear');
  });

  it('a categorical column with another shape (an imported model) offers to switch to points per value', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<MappingPanel />, (s) => {
      arrange(s);
      s.getState().setFactorColumn('engagement', 'Contract');
      s.getState().setFactorShape('engagement', { kind: 'linear' });
    });
    await user.click(screen.getByRole('button', { name: 'Score Engagement by points per value' }));
    expect(engagementShape(store)).toMatchObject({ kind: 'categories', points: { 'One year': 50 } });
  });
});
