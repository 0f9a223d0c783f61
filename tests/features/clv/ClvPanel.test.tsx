import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ClvPanel } from '../../../src/features/clv/ClvPanel';
import { datasetSummary, renderWithStore } from '../renderWithStore';

describe('ClvPanel', () => {
  it('asks the engine for a fit with the chosen columns and shows the parameters, P(alive) and CLV', async () => {
    const { store } = renderWithStore(<ClvPanel />, (s) => s.setState({ dataset: datasetSummary(['orders', 'tenure_weeks', 'days_since_last_purchase', 'aov'], 3) }));
    await userEvent.selectOptions(screen.getByLabelText('Orders per customer'), 'orders');
    await userEvent.selectOptions(screen.getByLabelText('Customer age (since first purchase)'), 'tenure_weeks');
    await userEvent.selectOptions(screen.getByLabelText('Age is in'), 'weeks');
    await userEvent.selectOptions(screen.getByLabelText('Average order value'), 'aov');
    await userEvent.click(screen.getByRole('button', { name: 'Fit lifetime value' }));
    expect(store.getState().clvRequest.inputs).toMatchObject({ orders: 'orders', age: 'tenure_weeks', ageUnit: 'weeks', daysSinceLast: 'days_since_last_purchase', orderValue: 'aov', horizonMonths: 12, monthlyDiscount: 0.01 });
    expect(screen.getByRole('button', { name: 'Fitting…' })).toBeDisabled();
    act(() =>
      store.getState().setClvOutcome({
        ok: true,
        result: {
          bgnbd: { params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, logLikelihood: -9582.4, customers: 2357, converged: true },
          spend: { params: { p: 6.25, q: 3.74, gamma: 15.44 }, logLikelihood: -4000, customers: 946, converged: true },
          aliveShare: 0.6,
          meanAlive: 0.58,
          meanClv: 31.5,
          totalClv: 74245,
          predicted: 2357,
          aliveHistogram: [100, 0, 0, 0, 0, 0, 0, 0, 0, 2257],
          notes: [],
          holdout: [{ frequency: 0, isOpenEnded: false, customerCount: 1411, actualMean: 0.24, expectedMean: 0.23 }],
        },
      }),
    );
    expect(screen.getByRole('group', { name: 'Customers likely still active: 60.0%' })).toHaveTextContent('mean 31.5');
    expect(screen.getByRole('row', { name: /^BG\/NBD/ })).toHaveTextContent('r 0.243, α 4.414, a 0.793, b 2.426');
    expect(screen.getByRole('row', { name: /^0\.9–1\.0/ })).toHaveTextContent('2,257');
    const holdout = screen.getByRole('table', { name: /^Holdout check/ });
    expect(holdout).toHaveTextContent('01,4110.230.24');
  });

  it('shows why the fit could not run', () => {
    renderWithStore(<ClvPanel />, (s) => {
      s.setState({ dataset: datasetSummary(['x'], 1) });
      s.getState().setClvOutcome({ ok: false, problem: 'Choose the orders, customer age, days-since-last-purchase and order value (or revenue) columns.' });
    });
    expect(screen.getByText(/^Choose the orders/)).toBeInTheDocument();
  });
});
