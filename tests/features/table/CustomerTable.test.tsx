import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Band } from '../../../src/core/model';
import type { Group } from '../../../src/core/segment';
import type { CustomerRow } from '../../../src/core/table';
import { CustomerTable } from '../../../src/features/table/CustomerTable';
import type { AppStore } from '../../../src/state/store';
import { analysisSummary, datasetSummary, renderWithStore } from '../renderWithStore';

/** A customer as the engine sends it: engagement and satisfaction at weight 30 each. */
function customer(row: number, id: string, name: string, engagement: number, satisfaction: number, band: Band, group: Group | null): CustomerRow {
  const crs = (engagement + satisfaction) / 2;
  return {
    row,
    id,
    name,
    crs,
    band,
    group,
    factors: [
      { factorId: 'engagement', column: 'engagement_score', raw: String(engagement), value: engagement, weight: 30, points: engagement / 2 },
      { factorId: 'satisfaction', column: 'csat', raw: String(satisfaction), value: satisfaction, weight: 30, points: satisfaction / 2 },
    ],
    rules: [],
  };
}

const CUSTOMERS = [customer(0, 'A1', 'Ada', 80, 100, 'good', 'trueFriends'), customer(2, 'C3', 'Cy', 60, 40, 'average', null), customer(1, 'B2', 'Bo', 40, 0, 'poor', 'strangers')];

function arrange(store: AppStore, rows = CUSTOMERS, total = rows.length) {
  const dataset = datasetSummary(['customer_id', 'name', 'engagement_score', 'csat'], 3);
  dataset.columns[0].kind = 'text';
  dataset.columns[1].kind = 'text';
  const factor = { column: '', description: 'as-is', clamped: 0, missing: 0, histogram: new Uint32Array(20), mean: 50 };
  const factors = [
    { ...factor, factorId: 'engagement', column: 'engagement_score' },
    { ...factor, factorId: 'satisfaction', column: 'csat' },
  ];
  const analysis = analysisSummary([1, 0, 0, 1, 1], [1, 1, 1]);
  analysis.factors = factors;
  store.setState({ dataset, analysis, tablePage: { total, start: 0, rows } });
}

const customerList = () => screen.getByRole('table', { name: 'Customer list' });
const bodyRows = () => within(customerList()).getAllByRole('row').slice(1);
const headerNames = () => within(customerList()).getAllByRole('columnheader').map((header) => header.textContent);

describe('CustomerTable', () => {
  // jsdom lays nothing out: give the scrolling list a height so the virtualiser shows rows.
  beforeEach(() => {
    vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(360);
    vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(800);
  });
  afterEach(() => vi.restoreAllMocks());

  it('lists the customers the engine sent, with CRS, band, group and each factor', () => {
    renderWithStore(<CustomerTable />, (s) => arrange(s));
    expect(headerNames()).toEqual(['Customer', 'Name', 'CRS ↓', 'Band', 'Group', 'Engagement (points)', 'Satisfaction (points)']);
    expect(bodyRows().map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent))).toEqual([
      ['A1', 'Ada', '90.0', 'Good', 'True friends', '80.0 (40.0)', '100.0 (50.0)'],
      ['C3', 'Cy', '50.0', 'Average', '–', '60.0 (30.0)', '40.0 (20.0)'],
      ['B2', 'Bo', '20.0', 'Poor', 'Strangers', '40.0 (20.0)', '0.0 (0.0)'],
    ]);
    expect(screen.getByText('3 customers shown')).toBeInTheDocument();
  });

  it('searches as the user types, shows the search as a chip that clears it', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<CustomerTable />, (s) => arrange(s));
    const box = screen.getByRole('searchbox', { name: 'Search customers' });
    await user.type(box, 'ada');
    await waitFor(() => expect(store.getState().tableView.search).toBe('ada'));
    await user.click(screen.getByRole('button', { name: 'Clear search: ada' }));
    expect(store.getState().tableView.search).toBe('');
    expect(box).toHaveValue('');
    expect(screen.queryByRole('button', { name: /^Clear search/ })).toBeNull();
  });

  it('says so when no customer matches the search', () => {
    renderWithStore(<CustomerTable />, (s) => {
      arrange(s, [], 0);
      s.getState().setTableView({ search: 'zed' });
    });
    expect(within(customerList()).getByRole('cell', { name: 'No customer matches “zed”.' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Clear search: zed' })).toHaveTextContent('Search: zed ✕');
  });

  it('sorts by a column when its header is clicked, and flips the direction on a second click', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<CustomerTable />, (s) => arrange(s));
    const header = (name: RegExp) => within(customerList()).getByRole('columnheader', { name });
    expect(header(/^CRS/)).toHaveAttribute('aria-sort', 'descending');
    expect(header(/^Name/)).toHaveAttribute('aria-sort', 'none');
    expect(header(/^Band/)).not.toHaveAttribute('aria-sort'); // band order is CRS order

    await user.click(within(customerList()).getByRole('button', { name: 'Name' }));
    expect(store.getState().tableView).toMatchObject({ sortBy: { column: 'name' }, descending: false }); // text: A first
    expect(header(/^Name/)).toHaveAttribute('aria-sort', 'ascending');
    expect(header(/^CRS/)).toHaveAttribute('aria-sort', 'none');
    expect(screen.getByRole('combobox', { name: 'Sort customers' })).toHaveDisplayValue('Name, A first');

    await user.click(within(customerList()).getByRole('button', { name: 'Name' }));
    expect(header(/^Name/)).toHaveAttribute('aria-sort', 'descending');

    await user.click(within(customerList()).getByRole('button', { name: 'Engagement (points)' }));
    expect(store.getState().tableView).toMatchObject({ sortBy: { factor: 'engagement' }, descending: true }); // numbers: highest first
  });

  it('offers every numeric column of the file in the sort select', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<CustomerTable />, (s) => arrange(s));
    const select = screen.getByRole('combobox', { name: 'Sort customers' });
    expect(within(select).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'CRS, highest first',
      'CRS, lowest first',
      'File order',
      'engagement_score, highest first',
      'engagement_score, lowest first',
      'csat, highest first',
      'csat, lowest first',
    ]);
    await user.selectOptions(select, 'csat, lowest first');
    expect(store.getState().tableView).toMatchObject({ sortBy: { column: 'csat' }, descending: false });
    expect(within(customerList()).getByRole('columnheader', { name: /^CRS/ })).toHaveAttribute('aria-sort', 'none');
  });

  it('hides a column chosen in the Columns list, but never CRS', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<CustomerTable />, (s) => arrange(s));
    const toggle = screen.getByRole('button', { name: 'Columns' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const list = screen.getByRole('group', { name: 'Visible columns' });
    expect(within(list).getByRole('checkbox', { name: 'CRS' })).toBeDisabled();
    await user.click(within(list).getByRole('checkbox', { name: 'Band' }));
    await user.click(within(list).getByRole('checkbox', { name: 'Satisfaction (points)' }));
    expect(headerNames()).toEqual(['Customer', 'Name', 'CRS ↓', 'Group', 'Engagement (points)']);
    expect(within(bodyRows()[0]).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['A1', 'Ada', '90.0', 'True friends', '80.0 (40.0)']);
    expect(store.getState().columnVisibility).toEqual({ band: false, 'factor-satisfaction': false });

    await user.click(within(list).getByRole('checkbox', { name: 'Band' }));
    expect(headerNames()).toContain('Band');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'Visible columns' })).toBeNull();
    expect(toggle).toHaveFocus();
  });

  it('selects a customer by click, or by Enter on a focused row', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<CustomerTable />, (s) => arrange(s));
    await user.click(within(bodyRows()[1]).getByRole('cell', { name: 'Cy' }));
    expect(store.getState().selectedRow).toBe(2);
    expect(bodyRows()[1]).toHaveAttribute('aria-selected', 'true');
    bodyRows()[2].focus();
    await user.keyboard('{Enter}');
    expect(store.getState().selectedRow).toBe(1);
  });
});
