import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DistributionChart } from '../../../src/features/distribution/DistributionChart';
import { FactorDistributions } from '../../../src/features/distribution/FactorDistributions';
import { scoreCustomers } from '../../../src/core/scoring/score';
import { DEFAULT_BANDS } from '../../../src/core/model/model';
import { valueHistogram } from '../../../src/core/scoring/analysis';
import { analysisSummary, datasetSummary, renderWithStore } from '../renderWithStore';
import type { AppStore } from '../../../src/state/store';

/** Scores 20, 50, 80, 90 in groups strangers, strangers, true friends, true friends; `shift` adds to every score. */
function scored(shift = 0) {
  const scores = new Float64Array(4);
  const aggregates = scoreCustomers([Float64Array.from([20, 50, 80, 90].map((v) => v + shift))], [1], DEFAULT_BANDS, Uint8Array.from([0, 0, 3, 3]), scores);
  return { ...analysisSummary([2, 0, 0, 2, 0]), aggregates, mean: aggregates.sum / aggregates.scored };
}

const arrange = (store: AppStore) => store.setState({ dataset: datasetSummary(['x'], 4), analysis: scored() });

describe('DistributionChart', () => {
  it('describes the distribution in text: scored customers, mean, median and band counts', () => {
    renderWithStore(<DistributionChart />, arrange);
    expect(screen.getByRole('img', { name: /^Histogram of CRS/ })).toHaveAccessibleName(
      'Histogram of CRS. 4 scored customers, mean CRS 60.0, median 65.0. Poor: 1 (25.0%), Average: 1 (25.0%), Good: 2 (50.0%).',
    );
    expect(screen.getByRole('table', { name: 'Customers per CRS band' })).toHaveTextContent('Good70 and above2');
  });

  it('follows the dashboard’s group filter', () => {
    renderWithStore(<DistributionChart />, (s) => {
      arrange(s);
      s.getState().setTableView({ group: 'trueFriends' });
    });
    expect(screen.getByRole('heading', { name: 'CRS distribution: True friends' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /^Histogram of CRS/ })).toHaveAccessibleName(expect.stringContaining('True friends: 2 scored customers, mean CRS 85.0'));
  });

  it('compare pins the distribution and says what a later change did to it', async () => {
    const { store } = renderWithStore(<DistributionChart />, arrange);
    const compare = screen.getByRole('button', { name: 'Compare' });
    await userEvent.click(compare);
    expect(compare).toHaveAttribute('aria-pressed', 'true');
    act(() => store.setState({ analysis: scored(-15) })); // every score 15 lower: 5, 35, 65, 75
    expect(screen.getByText(/Compared with the pinned weights/)).toHaveTextContent('mean 60.0 → 45.0 (−15.0); Poor 1 → 2, Average 1 → 1, Good 2 → 1.');
    await userEvent.click(screen.getByRole('button', { name: 'Pin current' }));
    expect(screen.getByText(/Compared with the pinned weights/)).toHaveTextContent('mean 45.0 → 45.0 (+0.0)');
    await userEvent.click(compare);
    expect(screen.queryByText(/Compared with the pinned weights/)).toBeNull();
  });
});

describe('FactorDistributions', () => {
  it('gives each factor a text summary of its 0–100 values', () => {
    const { histogram, mean } = valueHistogram(Float64Array.from([10, 30, 75, 100, NaN]));
    const analysis = { ...analysisSummary([0, 0, 0, 0, 5]), factors: [{ factorId: 'engagement', column: 'logins', description: 'percentile rank', why: null, clamped: 0, missing: 1, histogram, mean }] };
    renderWithStore(<FactorDistributions />, (s) => s.setState({ dataset: datasetSummary(['logins'], 5), analysis }));
    expect(screen.getByRole('img', { name: /^Engagement/ })).toHaveAccessibleName('Engagement (logins, percentile rank): mean 53.8 of 100 over 4 customers; 2 below 40, 2 at 70 or above; 1 missing.');
  });
});
