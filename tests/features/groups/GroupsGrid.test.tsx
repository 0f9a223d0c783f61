import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { GroupsGrid } from '../../../src/features/groups/GroupsGrid';
import { analysisSummary, datasetSummary, renderWithStore } from '../renderWithStore';

describe('GroupsGrid', () => {
  it('shows each relationship group with its count, share and strategy', () => {
    renderWithStore(<GroupsGrid />, (s) => s.setState({ dataset: datasetSummary(['revenue', 'tenure'], 1000), analysis: analysisSummary([100, 200, 300, 350, 50]) }));
    expect(screen.getByLabelText('Strangers: 100 customers')).toHaveTextContent('10.0%');
    expect(screen.getByLabelText('Butterflies: 200 customers')).toHaveTextContent(/Harvest while they last/);
    expect(screen.getByLabelText('Barnacles: 300 customers')).toHaveTextContent(/share of wallet/);
    expect(screen.getByLabelText('True friends: 350 customers')).toHaveTextContent(/Invest and nurture/);
    expect(screen.getByText('50 customers lack a value on an axis and are in no group.')).toBeInTheDocument();
  });

  it('shows each group’s share of revenue', () => {
    const analysis = { ...analysisSummary([100, 200, 300, 350, 50]), revenue: { byGroup: [50, 300, 100, 550], total: 1000 } };
    renderWithStore(<GroupsGrid />, (s) => s.setState({ dataset: datasetSummary(['revenue', 'tenure'], 1000), analysis }));
    expect(screen.getByLabelText('True friends: 350 customers')).toHaveTextContent('35.0% of customers · 55.0% of revenue');
    expect(screen.getByLabelText('Strangers: 100 customers')).toHaveTextContent('5.0% of revenue');
  });

  it('a cell’s Filter button filters the dashboard to that group, and pressing it again clears it', async () => {
    const { store } = renderWithStore(<GroupsGrid />, (s) => s.setState({ dataset: datasetSummary(['revenue', 'tenure'], 1000), analysis: analysisSummary([100, 200, 300, 350, 50]) }));
    const button = within(screen.getByLabelText('Barnacles: 300 customers')).getByRole('button', { name: 'Filter the dashboard to Barnacles' });
    expect(button).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(button);
    expect(store.getState().tableView.group).toBe('barnacles');
    expect(button).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(button);
    expect(store.getState().tableView.group).toBeNull();
  });

  it('asks for axis columns when they are not mapped', () => {
    const analysis = analysisSummary([0, 0, 0, 0, 10]);
    analysis.axes.loyalty = { ...analysis.axes.loyalty, column: null, label: null, unavailable: 'no column is mapped' };
    renderWithStore(<GroupsGrid />, (s) => s.setState({ dataset: datasetSummary(['revenue'], 10), analysis }));
    expect(screen.getByText(/Map a profitability column/)).toBeInTheDocument();
    expect(screen.queryByLabelText(/^True friends:/)).toBeNull();
  });
});
