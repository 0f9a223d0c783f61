import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { KpiTiles, MissingKpis } from '../../../src/features/summary/KpiTiles';
import { SummaryTiles } from '../../../src/features/summary/SummaryTiles';
import { BreakdownSelect } from '../../../src/features/summary/BreakdownSelect';
import { scoreCustomers } from '../../../src/core/scoring/score';
import { DEFAULT_BANDS } from '../../../src/core/model/model';
import type { Kpi } from '../../../src/core/kpis/kpis';
import type { AppStore } from '../../../src/state/store';
import { analysisSummary, datasetSummary, renderWithStore } from '../renderWithStore';

const churn: Kpi = { id: 'churn', label: 'Churn rate', value: 26.5, unit: 'percent', formula: 'churned ÷ customers with a known churn value', column: 'Churn', needs: 'a yes/no churn column' };
const cac: Kpi = { id: 'cac', label: 'CAC', value: NaN, unit: 'money', formula: 'acquisition cost ÷ new customers', column: null, needs: 'an acquisition cost column' };

/** Four customers scored 20, 50, 80 and 90 (one factor, weight 1), in groups strangers, strangers, true friends, true friends. */
function scoredSummary() {
  const scores = new Float64Array(4);
  const aggregates = scoreCustomers([Float64Array.from([20, 50, 80, 90])], [1], DEFAULT_BANDS, Uint8Array.from([0, 0, 3, 3]), scores);
  return { ...analysisSummary([2, 0, 0, 2, 0]), aggregates, mean: aggregates.sum / aggregates.scored };
}

describe('SummaryTiles', () => {
  it('shows customers, mean and median CRS and the share of each band', () => {
    renderWithStore(<SummaryTiles />, (s) => s.setState({ dataset: datasetSummary(['x'], 4), analysis: scoredSummary() }));
    expect(screen.getByRole('group', { name: 'Customers: 4' })).toHaveTextContent('all scored');
    expect(screen.getByRole('group', { name: 'Mean CRS: 60.0' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Median CRS: 65.0' })).toBeInTheDocument(); // (50 + 80) / 2
    expect(screen.getByRole('group', { name: 'Poor: 25.0%' })).toHaveTextContent('1 customers');
    expect(screen.getByRole('group', { name: 'Good: 50.0%' })).toBeInTheDocument();
  });

  it('broken down by group, lists each group’s mean, median and band share', () => {
    renderWithStore(<SummaryTiles />, (s) => s.setState({ dataset: datasetSummary(['x'], 4), analysis: scoredSummary(), breakdownBy: 'group' }));
    const mean = screen.getByRole('group', { name: 'Mean CRS: 60.0' });
    const list = within(mean).getByLabelText('Mean CRS by relationship group');
    expect(list).toHaveTextContent('Strangers35.0');
    expect(list).toHaveTextContent('True friends85.0');
    expect(list).toHaveTextContent('Butterflies–');
    const median = within(screen.getByRole('group', { name: 'Median CRS: 65.0' })).getByLabelText('Median CRS by relationship group');
    expect(median).toHaveTextContent('Strangers35.0'); // (20 + 50) / 2
    expect(median).toHaveTextContent('True friends85.0');
    expect(within(screen.getByRole('group', { name: 'Good: 50.0%' })).getByLabelText('Good by relationship group')).toHaveTextContent('True friends100.0%');
  });
});

describe('tiles compared with an earlier file', () => {
  /** Earlier: three customers scored 10, 30 and 80 (strangers, strangers, true friends); churn was 20 %. */
  function earlierFigures() {
    const aggregates = scoreCustomers([Float64Array.from([10, 30, 80])], [1], DEFAULT_BANDS, Uint8Array.from([0, 0, 3]), new Float64Array(3));
    return { aggregates, kpis: [{ ...churn, value: 20 }, cac] };
  }
  const compared = (s: AppStore, extra: object = {}) =>
    s.setState({
      dataset: datasetSummary(['x'], 4),
      analysis: { ...scoredSummary(), kpis: [churn, cac], earlier: earlierFigures() },
      earlier: { file: new Blob([]), name: 'march.csv', status: 'ready', rows: 3, notices: [], message: null },
      ...extra,
    });

  it('shows each headline figure’s change since the earlier file: customers, mean, median, band shares and KPIs', () => {
    renderWithStore(
      <>
        <SummaryTiles />
        <KpiTiles />
      </>,
      (s) => compared(s),
    );
    expect(screen.getByRole('group', { name: 'Customers: 4, +1 since march.csv' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Mean CRS: 60.0, +20.0 since march.csv' })).toBeInTheDocument(); // 60 − 40
    expect(screen.getByRole('group', { name: 'Median CRS: 65.0, +35.0 since march.csv' })).toBeInTheDocument(); // 65 − 30
    // Poor: 1 of 4 now, 2 of 3 then; good: 2 of 4 now, 1 of 3 then.
    expect(screen.getByRole('group', { name: 'Poor: 25.0%, −41.7 pt since march.csv' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Good: 50.0%, +16.7 pt since march.csv' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Churn rate: 26.5 %, +6.5 pt since march.csv' })).toBeInTheDocument();
  });

  it('with a group filter, compares the group with the same group then', () => {
    renderWithStore(<SummaryTiles />, (s) => compared(s, { tableView: { ...s.getState().tableView, group: 'trueFriends' } }));
    // True friends now: 80 and 90 (mean 85); then: 80.
    expect(screen.getByRole('group', { name: 'Mean CRS: 85.0, +5.0 since march.csv' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Customers: 2, +1 since march.csv' })).toBeInTheDocument();
  });

  it('shows no change while the earlier file is being read', () => {
    renderWithStore(<SummaryTiles />, (s) => compared(s, { earlier: { file: new Blob([]), name: 'march.csv', status: 'reading', rows: null, notices: [], message: null } }));
    expect(screen.getByRole('group', { name: 'Mean CRS: 60.0' })).toBeInTheDocument();
  });
});

describe('KpiTiles', () => {
  it('shows each KPI the data allows with its column, and its formula on hover', () => {
    renderWithStore(
      <>
        <KpiTiles />
        <MissingKpis />
      </>,
      (s) => s.setState({ dataset: datasetSummary(['x'], 4), analysis: analysisSummary([0, 0, 0, 0, 4], [1, 1, 2], [churn, cac]) }),
    );
    const tile = screen.getByRole('group', { name: 'Churn rate: 26.5 %' });
    expect(tile).toHaveTextContent('from Churn');
    expect(tile).toHaveAttribute('title', expect.stringContaining('churned ÷ customers with a known churn value'));
    expect(screen.queryByRole('group', { name: /^CAC/ })).toBeNull();
    expect(screen.getByText('CAC: needs an acquisition cost column')).toBeInTheDocument();
  });

  it('lists each KPI per band when the engine has sent the breakdown', () => {
    renderWithStore(<KpiTiles />, (s) =>
      s.setState({
        dataset: datasetSummary(['x'], 4),
        analysis: analysisSummary([0, 0, 0, 0, 4], [1, 1, 2], [churn]),
        breakdownBy: 'band',
        breakdown: { by: 'band', counts: [1, 1, 2], values: { churn: [100, 0, NaN] } },
      }),
    );
    const list = screen.getByLabelText('Churn rate by band');
    expect(list).toHaveTextContent('Poor100.0 %');
    expect(list).toHaveTextContent('Average0.0 %');
    expect(list).toHaveTextContent('Good–');
    expect(list).not.toHaveTextContent('NaN');
  });
});

describe('BreakdownSelect', () => {
  it('asks for tiles per group, and clears a breakdown of another kind', async () => {
    const { store } = renderWithStore(<BreakdownSelect />, (s) => s.setState({ breakdownBy: 'band', breakdown: { by: 'band', counts: [], values: {} } }));
    await userEvent.selectOptions(screen.getByLabelText('Break tiles down by'), 'Relationship group');
    expect(store.getState().breakdownBy).toBe('group');
    expect(store.getState().breakdown).toBeNull();
    await userEvent.selectOptions(screen.getByLabelText('Break tiles down by'), 'Nothing');
    expect(store.getState().breakdownBy).toBeNull();
  });
});
