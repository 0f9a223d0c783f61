import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ClvPanel } from '../../../src/features/clv/ClvPanel';
import { fitWarning, type ClvResult } from '../../../src/core/clv/fromDataset';
import type { HoldoutBucket } from '../../../src/core/clv/holdout';
import { datasetSummary, renderWithStore } from '../renderWithStore';

/** A fitted result as the worker sends it, with the given holdout check. */
function clvResult(holdout: HoldoutBucket[] | null): ClvResult {
  return {
    bgnbd: { params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, logLikelihood: -9582.4, customers: 2357, converged: true },
    spend: null,
    aliveShare: 0.6,
    meanAlive: 0.58,
    meanClv: 31.5,
    totalClv: 74245,
    predicted: 2357,
    aliveHistogram: [100, 0, 0, 0, 0, 0, 0, 0, 0, 2257],
    notes: [],
    holdout,
    warning: null,
  };
}

/** Buckets 0, 1, then 2…6 empty (NaN means, as holdoutByFrequency returns them), then 7+. */
const HOLDOUT: HoldoutBucket[] = [
  { frequency: 0, isOpenEnded: false, customerCount: 1411, actualMean: 0.24, expectedMean: 0.23 },
  { frequency: 1, isOpenEnded: false, customerCount: 439, actualMean: 0.71, expectedMean: 0.85 },
  ...[2, 3, 4, 5, 6].map((frequency) => ({ frequency, isOpenEnded: false, customerCount: 0, actualMean: NaN, expectedMean: NaN })),
  { frequency: 7, isOpenEnded: true, customerCount: 12, actualMean: 3.5, expectedMean: 3.125 },
];

function renderFitted(holdout: HoldoutBucket[] | null) {
  return renderWithStore(<ClvPanel />, (s) => {
    s.setState({ dataset: datasetSummary(['orders'], 3) });
    s.getState().setClvOutcome({ ok: true, result: clvResult(holdout) });
  });
}

describe('ClvPanel', () => {
  it('asks the engine for a fit with the chosen columns and shows the parameters, P(alive) and CLV', async () => {
    const { store } = renderWithStore(<ClvPanel />, (s) => s.setState({ dataset: datasetSummary(['orders', 'tenure_weeks', 'days_since_last_purchase', 'aov'], 3) }));
    await userEvent.selectOptions(screen.getByLabelText('Orders per customer'), 'orders');
    await userEvent.selectOptions(screen.getByLabelText('Customer age (since first purchase)'), 'tenure_weeks');
    await userEvent.selectOptions(screen.getByLabelText('Age is in'), 'weeks');
    await userEvent.selectOptions(screen.getByLabelText('Average order value'), 'aov');
    await userEvent.click(screen.getByRole('button', { name: 'Fit lifetime value' }));
    expect(store.getState().clvRequest.inputs).toMatchObject({
      orders: 'orders',
      age: 'tenure_weeks',
      ageUnit: 'weeks',
      daysSinceLast: 'days_since_last_purchase',
      orderValue: 'aov',
      horizonMonths: 12,
      monthlyDiscount: 0.01,
    });
    expect(screen.getByRole('button', { name: 'Fitting…' })).toBeDisabled();
    act(() =>
      store.getState().setClvOutcome({
        ok: true,
        result: {
          ...clvResult([{ frequency: 0, isOpenEnded: false, customerCount: 1411, actualMean: 0.24, expectedMean: 0.23 }]),
          spend: { params: { p: 6.25, q: 3.74, gamma: 15.44 }, logLikelihood: -4000, customers: 946, converged: true },
        },
      }),
    );
    expect(screen.getByRole('group', { name: 'Customers likely still active: 60.0%' })).toHaveTextContent('mean 31.5');
    const parameters = screen.getByRole('table', { name: 'Fitted parameters' });
    expect(within(parameters).getByRole('row', { name: /^α/ })).toHaveTextContent('α4.414weeks');
    expect(within(parameters).getByRole('row', { name: /^r/ })).toHaveTextContent('r0.243none (shape)');
    expect(within(parameters).getByRole('row', { name: /^γ/ })).toHaveTextContent('γ15.440currency of the order value');
    expect(screen.getByText(/^BG\/NBD: log-likelihood/)).toHaveTextContent('-9582.4 over 2,357 customers');
    expect(screen.getByRole('row', { name: /^0\.9–1\.0/ })).toHaveTextContent('2,257');
    const holdout = screen.getByRole('table', { name: /^Holdout check/ });
    expect(holdout).toHaveTextContent('01,4110.230.24');
  });

  it('an age column chosen in the panel brings the unit its name says, until the unit is chosen', async () => {
    const { store } = renderWithStore(<ClvPanel />, (s) => s.setState({ dataset: datasetSummary(['orders', 'tenure_months', 'age_weeks', 'aov'], 3) }));
    await userEvent.selectOptions(screen.getByLabelText('Orders per customer'), 'orders');
    await userEvent.selectOptions(screen.getByLabelText('Customer age (since first purchase)'), 'age_weeks');
    expect(screen.getByLabelText('Age is in')).toHaveValue('weeks');
    await userEvent.selectOptions(screen.getByLabelText('Customer age (since first purchase)'), 'tenure_months');
    expect(screen.getByLabelText('Age is in')).toHaveValue('months');
    await userEvent.selectOptions(screen.getByLabelText('Age is in'), 'days');
    await userEvent.selectOptions(screen.getByLabelText('Customer age (since first purchase)'), 'age_weeks');
    expect(screen.getByLabelText('Age is in')).toHaveValue('days'); // the user's choice stands
    await userEvent.click(screen.getByRole('button', { name: 'Fit lifetime value' }));
    expect(store.getState().clvRequest.inputs).toMatchObject({ age: 'age_weeks', ageUnit: 'days' });
  });

  it('says the figures are for the inputs last fitted once the horizon changes, until fitted again', async () => {
    const { store } = renderWithStore(<ClvPanel />, (s) => s.setState({ dataset: datasetSummary(['orders', 'tenure_months'], 3) }));
    await userEvent.selectOptions(screen.getByLabelText('Orders per customer'), 'orders');
    await userEvent.click(screen.getByRole('button', { name: 'Fit lifetime value' }));
    act(() => store.getState().setClvOutcome({ ok: true, result: clvResult(null) }));
    expect(screen.getByRole('group', { name: /^Customers likely still active/ })).toHaveTextContent('predicted CLV over 12 months');
    expect(screen.queryByText(/for the inputs last fitted/)).toBeNull();
    const horizon = screen.getByLabelText('Horizon (months)');
    fireEvent.change(horizon, { target: { value: '36' } });
    // The headline keeps the horizon its figures were computed for, and says they are out of date.
    expect(screen.getByRole('group', { name: /^Customers likely still active/ })).toHaveTextContent('predicted CLV over 12 months');
    expect(screen.getByText(/for the inputs last fitted/)).toHaveTextContent('12-month horizon');
    await userEvent.click(screen.getByRole('button', { name: 'Refit with these inputs' }));
    expect(store.getState().clvRequest.inputs?.horizonMonths).toBe(36);
    expect(screen.queryByText(/for the inputs last fitted/)).toBeNull();
  });

  it('a fit that ran away is a warning that says what to check, not results', () => {
    const bgnbd = { params: { r: 0, alpha: 0, a: 0.5, b: 1 }, logLikelihood: 12.5, customers: 2357, converged: true };
    renderWithStore(<ClvPanel />, (s) => {
      s.setState({ dataset: datasetSummary(['orders'], 3) });
      s.getState().setClvOutcome({ ok: true, result: { ...clvResult(null), bgnbd, warning: fitWarning({ bgnbd, spend: null }, 'months') } });
    });
    expect(screen.getByText(/The purchase model \(BG\/NBD\) ran to the edge of its parameters/)).toHaveTextContent('Check that "Age is in" matches the age column');
    expect(screen.queryByRole('group', { name: /^Customers likely still active/ })).toBeNull();
    expect(screen.queryByRole('table', { name: 'Customers by P(alive)' })).toBeNull();
    // Where the search stopped is there for whoever wants it, not presented as fitted parameters.
    expect(screen.queryByRole('table', { name: 'Fitted parameters' })).toBeNull();
    expect(screen.getByRole('table', { name: 'Where the fit stopped (not estimates)' })).toBeInTheDocument();
  });

  it('a fit that did not settle is a warning too, not results marked "(not converged)"', () => {
    const bgnbd = { params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, logLikelihood: -9582.4, customers: 2357, converged: false };
    renderWithStore(<ClvPanel />, (s) => {
      s.setState({ dataset: datasetSummary(['orders'], 3) });
      s.getState().setClvOutcome({ ok: true, result: { ...clvResult(null), bgnbd, warning: fitWarning({ bgnbd, spend: null }, 'weeks') } });
    });
    expect(screen.getByText(/stopped before it settled/)).toHaveTextContent('(now weeks)');
    expect(screen.queryByRole('group', { name: /^Customers likely still active/ })).toBeNull();
    expect(screen.queryByText(/not converged/)).toBeNull();
  });

  it('shows why the fit could not run', () => {
    renderWithStore(<ClvPanel />, (s) => {
      s.setState({ dataset: datasetSummary(['x'], 1) });
      s.getState().setClvOutcome({ ok: false, problem: 'Choose the orders, customer age, days-since-last-purchase and order value (or revenue) columns.' });
    });
    expect(screen.getByText(/^Choose the orders/)).toBeInTheDocument();
  });

  it('draws the holdout check as a chart whose text alternative gives each bucket with customers, actual against predicted', () => {
    renderFitted(HOLDOUT);
    const chart = screen.getByRole('img', { name: /^Bar chart of mean purchases per customer after the period/ });
    const name = chart.getAttribute('aria-label') ?? '';
    expect(name).toContain('0 repeat purchases (1,411 customers): actual 0.24, predicted 0.23');
    expect(name).toContain('1 repeat purchases (439 customers): actual 0.71, predicted 0.85');
    expect(name).toContain('7+ repeat purchases (12 customers): actual 3.50, predicted 3.13');
    expect(name).toContain('No customers with 2, 3, 4, 5, 6 repeat purchases.');
    expect(name).not.toContain('(0 customers)');
    expect(name).not.toMatch(/NaN/);
    expect(screen.getByRole('button', { name: 'Export PNG: Holdout check: actual against predicted purchases' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export SVG: Holdout check: actual against predicted purchases' })).toBeInTheDocument();
    // The table stays, with every bucket, and an empty one reads as a dash, not NaN.
    expect(screen.getByRole('row', { name: /^7\+/ })).toHaveTextContent('123.133.50');
    expect(screen.getByRole('row', { name: /^4 0/ })).toHaveTextContent('0––');
    expect(document.body).not.toHaveTextContent('NaN');
  });

  it('draws no holdout chart when no holdout column was given, or when no bucket has customers', () => {
    renderFitted(null);
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(screen.queryByRole('table', { name: /^Holdout check/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Export PNG/ })).not.toBeInTheDocument();
    cleanup();
    renderFitted(HOLDOUT.map((bucket) => ({ ...bucket, customerCount: 0, actualMean: NaN, expectedMean: NaN })));
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(screen.getByRole('table', { name: /^Holdout check/ })).toBeInTheDocument();
  });
});

describe('ClvPanel and the model', () => {
  it('a fit joins the model (so the grid can split on it), and a model carrying a fit is fitted again after a reload', async () => {
    const { store } = renderWithStore(<ClvPanel />, (s) => s.setState({ dataset: datasetSummary(['orders', 'tenure_months', 'days_since_last', 'aov'], 100) }));
    expect(store.getState().clvRequest.count).toBe(0);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Orders per customer' }), 'orders');
    await userEvent.click(screen.getByRole('button', { name: /^Fit/ }));
    const inputs = store.getState().clvRequest.inputs;
    expect(inputs?.orders).toBe('orders');
    expect(store.getState().model.lifetime).toEqual(inputs);
    cleanup();

    const lifetime = { ...inputs!, horizonMonths: 24 };
    const again = renderWithStore(<ClvPanel />, (s) => s.setState({ dataset: datasetSummary(['orders', 'tenure_months', 'days_since_last', 'aov'], 100), model: { ...s.getState().model, lifetime } }));
    expect(again.store.getState().clvRequest).toEqual({ count: 1, inputs: lifetime });
    expect(screen.getByRole('spinbutton', { name: /Horizon/ })).toHaveValue(24);
  });
});
