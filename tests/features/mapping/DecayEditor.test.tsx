import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { MappingPanel } from '../../../src/features/mapping/MappingPanel';
import type { AppStore } from '../../../src/state/store';
import { datasetSummary, renderWithStore } from '../renderWithStore';

// 2026-11-01 is day 20393 since 1970-01-01: the file's latest last_login.
const LATEST = Date.UTC(2026, 10, 1) / 86_400_000;

function arrange(store: AppStore) {
  const summary = datasetSummary(['tenure']);
  summary.columns.push({ name: 'last_login', kind: 'date', isScanned: true, missing: 0, invalid: 0, min: LATEST - 400, max: LATEST });
  store.getState().datasetLoaded(summary);
}

const engagementShape = (store: AppStore) => store.getState().model.factors.find((f) => f.id === 'engagement')?.shape;

describe('a date column as a factor (recency)', () => {
  it('lists date columns for factors, for new factors and for the loyalty axis (as time as a customer), not for profitability', () => {
    renderWithStore(<MappingPanel />, arrange);
    const options = (name: string) =>
      within(screen.getByLabelText(name))
        .getAllByRole('option')
        .map((o) => o.textContent);
    expect(options('Engagement column')).toContain('last_login');
    expect(options('Add a factor')).toContain('last_login');
    expect(options('Loyalty column')).toContain('last_login');
    expect(options('Profitability column')).not.toContain('last_login');
  });

  it('shows a labelled half-life and as-of date, a 90-day half-life counted to the latest date, and edits the model', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<MappingPanel />, arrange);
    await user.selectOptions(screen.getByLabelText('Engagement column'), 'last_login');
    const recency = screen.getByRole('group', { name: 'Engagement recency' });
    const halfLife = within(recency).getByRole('spinbutton', { name: 'Engagement: half-life (days)' });
    const asOf = within(recency).getByLabelText('Engagement: as of');
    expect(within(recency).getByText('Half-life (days)')).toBeVisible();
    expect(within(recency).getByText('As of')).toBeVisible();
    expect(halfLife).toHaveValue(90);
    expect(asOf).toHaveAttribute('type', 'date');
    expect(asOf).toHaveValue('');
    expect(within(recency).getByText(/latest date in the file \(2026-11-01\)/)).toBeVisible();
    expect(screen.queryByLabelText('Engagement shape')).toBeNull();

    await user.clear(halfLife);
    await user.type(halfLife, '30');
    expect(engagementShape(store)).toEqual({ kind: 'decay', halfLifeDays: 30, asOf: null });
    await user.clear(halfLife);
    await user.type(halfLife, '0');
    expect(halfLife).toBeInvalid();
    expect(engagementShape(store)).toMatchObject({ halfLifeDays: 30 });

    await user.type(asOf, '2026-10-15');
    expect(engagementShape(store)).toMatchObject({ asOf: '2026-10-15' });
    await user.clear(asOf);
    expect(engagementShape(store)).toMatchObject({ asOf: null });
  });

  it('going back to a numeric column makes the shape linear again', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<MappingPanel />, arrange);
    await user.selectOptions(screen.getByLabelText('Engagement column'), 'last_login');
    await user.selectOptions(screen.getByLabelText('Engagement column'), 'tenure');
    expect(engagementShape(store)).toEqual({ kind: 'linear' });
  });

  it('a date column with another shape (an imported model) offers to score by recency', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<MappingPanel />, (s) => {
      arrange(s);
      s.getState().setFactorColumn('engagement', 'last_login');
      s.getState().setFactorShape('engagement', { kind: 'linear' });
    });
    await user.click(screen.getByRole('button', { name: 'Score Engagement by recency' }));
    expect(engagementShape(store)).toEqual({ kind: 'decay', halfLifeDays: 90, asOf: null });
  });

  it('adding a factor on a date column starts it at recency', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<MappingPanel />, arrange);
    await user.selectOptions(screen.getByLabelText('Add a factor'), 'last_login');
    await user.click(screen.getByRole('button', { name: 'Add factor' }));
    expect(store.getState().model.factors.at(-1)).toMatchObject({ column: 'last_login', shape: { kind: 'decay', halfLifeDays: 90, asOf: null } });
  });
});
