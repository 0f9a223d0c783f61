import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FilterBanner } from '../../../src/features/summary/FilterBanner';
import { SummaryTiles } from '../../../src/features/summary/SummaryTiles';
import { analysisSummary, datasetSummary, renderWithStore } from '../renderWithStore';

describe('FilterBanner', () => {
  it('is absent without a filter', () => {
    renderWithStore(<FilterBanner />, (s) => s.setState({ dataset: datasetSummary(['revenue'], 1000), analysis: analysisSummary([100, 200, 300, 350, 50]) }));
    expect(screen.queryByRole('status', { name: 'Dashboard filter' })).toBeNull();
  });

  it('names the segment and group in force and how many customers the figures cover; each chip clears its filter', async () => {
    const { store } = renderWithStore(<FilterBanner />, (s) => {
      s.setState({ dataset: datasetSummary(['revenue'], 1000), analysis: { ...analysisSummary([10, 20, 30, 40, 0]), filter: { rfmSegment: 'atRisk', segmentCustomers: 100, customers: 40, allScored: 1000 } } });
      s.getState().setTableView({ rfmSegment: 'atRisk', group: 'trueFriends' });
    });
    expect(screen.getByRole('status', { name: 'Dashboard filter' })).toHaveTextContent(
      "Showing RFM segment At risk · True friends: 40 of 1,000 customers. The grid and distribution cover the segment's 100 customers across all groups.",
    );
    await userEvent.click(screen.getByRole('button', { name: 'Show all groups (clear True friends)' }));
    expect(store.getState().tableView.group).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Show all RFM segments (clear At risk)' }));
    expect(store.getState().tableView.rfmSegment).toBeNull();
  });
});

describe('SummaryTiles under a group filter', () => {
  it('show the group’s customers, as the distribution does', () => {
    renderWithStore(<SummaryTiles />, (s) => {
      s.setState({ dataset: datasetSummary(['revenue'], 1000), analysis: analysisSummary([100, 200, 300, 350, 50]) });
      s.getState().setTableView({ group: 'barnacles' });
    });
    expect(screen.getByRole('group', { name: 'Customers: 300' })).toBeInTheDocument();
  });
});
