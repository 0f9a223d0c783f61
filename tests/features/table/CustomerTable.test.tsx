import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Band } from '../../../src/core/model/model';
import type { Group } from '../../../src/core/groups/segment';
import type { CustomerRow } from '../../../src/core/table/table';
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
  const factor = { column: '', description: 'as-is', why: null, clamped: 0, missing: 0, histogram: new Uint32Array(20), mean: 50 };
  const factors = [
    { ...factor, factorId: 'engagement', column: 'engagement_score' },
    { ...factor, factorId: 'satisfaction', column: 'csat' },
  ];
  const analysis = analysisSummary([1, 0, 0, 1, 1], [1, 1, 1]);
  analysis.factors = factors;
  store.setState({ dataset, analysis, tablePage: { total, start: 0, rows } });
}

const customerList = () => screen.getByRole('grid', { name: 'Customer list' });
const bodyRows = () => within(customerList()).getAllByRole('row').slice(1);
const headerNames = () =>
  within(customerList())
    .getAllByRole('columnheader')
    .map((header) => header.textContent);

// jsdom lays nothing out: give the scrolling list a height so the virtualiser shows rows.
beforeEach(() => {
  vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(360);
  vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(800);
});
afterEach(() => vi.restoreAllMocks());

describe('CustomerTable', () => {
  it('lists the customers the engine sent, with CRS, band, group and each factor', () => {
    renderWithStore(<CustomerTable />, (s) => arrange(s));
    expect(headerNames()).toEqual(['Customer', 'Name', 'CRS ↓', 'Band', 'Group', 'Engagement (points)', 'Satisfaction (points)']);
    expect(
      bodyRows().map((row) =>
        within(row)
          .getAllByRole('gridcell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
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
    expect(within(customerList()).getByRole('gridcell', { name: 'No customer matches “zed”.' })).toBeInTheDocument();
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
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['CRS, highest first', 'CRS, lowest first', 'File order', 'engagement_score, highest first', 'engagement_score, lowest first', 'csat, highest first', 'csat, lowest first']);
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
    expect(
      within(bodyRows()[0])
        .getAllByRole('gridcell')
        .map((cell) => cell.textContent),
    ).toEqual(['A1', 'Ada', '90.0', 'True friends', '80.0 (40.0)']);
    expect(store.getState().columnVisibility).toEqual({ band: false, 'factor-satisfaction': false });

    await user.click(within(list).getByRole('checkbox', { name: 'Band' }));
    expect(headerNames()).toContain('Band');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'Visible columns' })).toBeNull();
    expect(toggle).toHaveFocus();
  });

  it('selects a customer by click', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<CustomerTable />, (s) => arrange(s));
    await user.click(within(bodyRows()[1]).getByRole('gridcell', { name: 'Cy' }));
    expect(store.getState().selectedRow).toBe(2);
    expect(bodyRows()[1]).toHaveAttribute('aria-selected', 'true');
    expect(bodyRows()[0]).toHaveAttribute('aria-selected', 'false');
  });
});

/** The row of the cell that has the focus, as a screen reader places it: its aria-rowindex. */
const focusedRowIndex = () => Number(document.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex'));
const MILLION = 1_000_000;

describe('CustomerTable by keyboard (the ARIA grid pattern)', () => {
  const withButtonAfter = (
    <>
      <CustomerTable />
      <button type="button">After the table</button>
    </>
  );

  it('is one Tab stop: Tab enters on the first customer, the next Tab leaves, Shift+Tab comes back to the same cell', async () => {
    const user = userEvent.setup();
    renderWithStore(withButtonAfter, (s) => arrange(s));
    screen.getByRole('button', { name: 'Export this view (CSV)' }).focus();
    await user.tab();
    expect(within(customerList()).getByRole('gridcell', { name: 'A1' })).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowRight}');
    expect(within(customerList()).getByRole('gridcell', { name: 'Cy' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'After the table' })).toHaveFocus();
    await user.tab({ shift: true });
    expect(within(customerList()).getByRole('gridcell', { name: 'Cy' })).toHaveFocus();
  });

  it('moves by arrows, into the header row and its sort buttons, and by Home and End along a row', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<CustomerTable />, (s) => arrange(s));
    await user.click(within(customerList()).getByRole('gridcell', { name: 'Bo' }));
    expect(focusedRowIndex()).toBe(4); // header 1, Ada 2, Cy 3, Bo 4
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(within(customerList()).getByRole('button', { name: 'Name' })).toHaveFocus();
    expect(store.getState().selectedRow).toBe(1); // the click selected Bo
    await user.keyboard('{Enter}'); // the header's button sorts; the selection stays
    expect(store.getState().tableView.sortBy).toEqual({ column: 'name' });
    expect(store.getState().selectedRow).toBe(1);
    expect(within(customerList()).getByRole('button', { name: 'Name' })).toHaveFocus();
    await user.keyboard('{ArrowDown}{End}');
    expect(within(customerList()).getByRole('gridcell', { name: '100.0 (50.0)' })).toHaveFocus();
    await user.keyboard('{Home}');
    expect(within(customerList()).getByRole('gridcell', { name: 'A1' })).toHaveFocus();
  });

  it('selects the active customer with Enter or Space, as a click does', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<CustomerTable />, (s) => arrange(s));
    screen.getByRole('button', { name: 'Export this view (CSV)' }).focus();
    await user.tab();
    await user.keyboard('{ArrowDown}{Enter}');
    expect(store.getState().selectedRow).toBe(2); // Cy, row 2 of the file
    expect(bodyRows()[1]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown} ');
    expect(store.getState().selectedRow).toBe(1); // Bo
  });

  it('reaches the last of a million customers with Ctrl+End, asks the engine for it, and shows it', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<CustomerTable />, (s) => arrange(s, CUSTOMERS, MILLION));
    expect(customerList()).toHaveAttribute('aria-rowcount', String(MILLION + 1));
    screen.getByRole('button', { name: 'Export this view (CSV)' }).focus();
    await user.tab();
    await user.keyboard('{PageDown}');
    expect(focusedRowIndex()).toBe(12); // 360 px show 10 whole rows: customer 10 is row 12
    await user.keyboard('{Control>}{End}{/Control}');
    expect(focusedRowIndex()).toBe(MILLION + 1);
    const { start, count } = store.getState().tableRange;
    expect(start).toBeLessThanOrEqual(MILLION - 1);
    expect(start + count).toBeGreaterThan(MILLION - 1);
    // The engine answers with the rows asked for; the last is Zoe.
    const page = Array.from({ length: MILLION - start }, (_, k) => customer(start + k, `Z${start + k}`, start + k === MILLION - 1 ? 'Zoe' : 'Someone', 1, 1, 'poor', null));
    act(() => store.setState({ tablePage: { total: MILLION, start, rows: page } }));
    // Ctrl+End went to the last cell of the last row; the focus stayed on it as the row arrived.
    expect(document.activeElement).toHaveTextContent('1.0 (0.5)');
    expect(focusedRowIndex()).toBe(MILLION + 1);
    await user.keyboard('{Home}');
    expect(within(customerList()).getByRole('gridcell', { name: `Z${MILLION - 1}` })).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(within(customerList()).getByRole('gridcell', { name: 'Zoe' })).toHaveFocus();
    await user.keyboard('{Control>}{Home}{/Control}');
    expect(focusedRowIndex()).toBe(2);
  });

  it('keeps its Tab stop when the active row is scrolled out of view, and a Tab back scrolls to it', async () => {
    const user = userEvent.setup();
    renderWithStore(withButtonAfter, (s) => arrange(s, CUSTOMERS, MILLION));
    screen.getByRole('button', { name: 'Export this view (CSV)' }).focus();
    await user.tab();
    await user.tab();
    const grid = customerList();
    grid.scrollTop = 5_000_000; // the wheel, half way down
    fireEvent.scroll(grid);
    expect(within(grid).getAllByRole('row')[1]).toHaveAttribute('aria-rowindex', '2'); // kept, out of view
    expect(within(grid).getAllByRole('row')[1]).toHaveClass('offscreen');
    await user.tab({ shift: true });
    expect(within(grid).getByRole('gridcell', { name: 'A1' })).toHaveFocus();
    expect(grid.scrollTop).toBe(0);
    expect(within(grid).getAllByRole('row')[1]).not.toHaveClass('offscreen');
  });
});

describe('CustomerTable scrolling, scaled past the height a browser lets an element be', () => {
  const scroller = () => customerList();
  const spacer = () => customerList().querySelectorAll('[role="rowgroup"]')[1] as HTMLElement;
  const rowAt = (ariaRowIndex: number) => customerList().querySelector(`[aria-rowindex="${ariaRowIndex}"]`) as HTMLElement | null;
  const scrollTo = (top: number) => {
    scroller().scrollTop = top;
    fireEvent.scroll(scroller());
  };

  it('lays 5,000 customers out as they are, 34 px a row', () => {
    renderWithStore(<CustomerTable />, (s) => arrange(s, CUSTOMERS, 5_000));
    expect(spacer().style.height).toBe(`${5_000 * 34}px`);
    scrollTo(100 * 34);
    expect(rowAt(102)?.style.transform).toBe(`translateY(${100 * 34}px)`);
  });

  it.each([MILLION, 10 * MILLION])('scrolls %i customers in a 10M px spacer: the bottom shows the last customer, the middle the middle', (total) => {
    const { store } = renderWithStore(<CustomerTable />, (s) => arrange(s, CUSTOMERS, total));
    expect(spacer().style.height).toBe('10000000px');
    const bottom = 10_000_000 - 360;
    scrollTo(bottom);
    // The last customer's row ends where the spacer does.
    expect(rowAt(total + 1)?.style.transform).toBe(`translateY(${10_000_000 - 34}px)`);
    expect(store.getState().tableRange.start + store.getState().tableRange.count).toBeGreaterThanOrEqual(total);
    scrollTo(bottom / 2);
    const { start, count } = store.getState().tableRange;
    expect(start + count / 2).toBeGreaterThan(total / 2 - 20);
    expect(start + count / 2).toBeLessThan(total / 2 + 20);
  });
});
