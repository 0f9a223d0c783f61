import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CustomerRow } from '../../../src/core/table/table';
import { CustomerExplanation } from '../../../src/features/explain/CustomerExplanation';
import { renderWithStore } from '../renderWithStore';

// Di: engagement 40 (weight 30) and purchase history 0 (weight 20), no satisfaction value:
// CRS = (30·40 + 20·0) / 50 = 24.0, so 24.0 + 0 = 24 points. Average starts at 40: 16 more
// points over Σw = 50 means engagement alone at 40 + 16·50/30 = 66.7, or purchase alone at 40.
const DI: CustomerRow = {
  row: 3,
  id: 'D4',
  name: 'Di',
  crs: 24,
  band: 'poor',
  group: 'strangers',
  factors: [
    { factorId: 'engagement', column: 'engagement_score', raw: '40', value: 40, weight: 30, points: 24 },
    { factorId: 'satisfaction', column: 'csat', raw: '', value: NaN, weight: 30, points: NaN },
    { factorId: 'purchase', column: 'total_revenue', raw: '50', value: 0, weight: 20, points: 0 },
  ],
  rules: [],
};

// Di again with two rules met: 24 + 10 − 4 = 30.0.
const DI_WITH_RULES: CustomerRow = {
  ...DI,
  crs: 30,
  rules: [
    { label: 'renewed is yes', points: 10 },
    { label: 'tickets is above 3', points: -4 },
  ],
};
// Bo: 12 factor points and a −20 rule → −8, clamped to 0.
const BO_CLAMPED: CustomerRow = {
  ...DI,
  id: 'B2',
  name: 'Bo',
  crs: 0,
  factors: [{ factorId: 'engagement', column: 'engagement_score', raw: '12', value: 12, weight: 30, points: 12 }],
  rules: [{ label: 'churned is yes', points: -20 }],
};

describe('CustomerExplanation', () => {
  it('asks for a customer until one is selected', () => {
    renderWithStore(<CustomerExplanation />);
    expect(screen.getByRole('region', { name: 'Score explanation' })).toHaveTextContent(/Choose a customer in the table/);
  });

  it("shows each factor's raw value, 0–100 value, weight and points, which add up to the CRS", () => {
    renderWithStore(<CustomerExplanation />, (s) => s.setState({ selectedRow: 3, selectedCustomer: DI }));
    const panel = screen.getByRole('region', { name: 'Score explanation: Di' });
    expect(panel).toHaveTextContent('CRS 24.0 · Poor · Strangers');
    const engagement = within(panel).getByRole('listitem', { name: 'Engagement: 24.0 points' });
    expect(engagement).toHaveTextContent('+24.0');
    expect(engagement).toHaveTextContent('engagement_score = 40 → 40.0 / 100 · weight 30');
    const satisfaction = within(panel).getByRole('listitem', { name: 'Satisfaction: – points' });
    expect(satisfaction).toHaveTextContent('no value');
    expect(satisfaction).toHaveTextContent('csat = (blank)');
    const purchase = within(panel).getByRole('listitem', { name: 'Purchase history: 0.0 points' });
    expect(purchase).toHaveTextContent('total_revenue = 50 → 0.0 / 100 · weight 20');
    // The points each factor's name announces add up to the CRS shown.
    const points = within(panel)
      .getAllByRole('listitem')
      .map((item) => Number(/: ([\d.]+) points$/.exec(item.getAttribute('aria-label') ?? '')?.[1] ?? 0));
    expect(points).toEqual([24, 0, 0]);
    expect(points.reduce((a, b) => a + b, 0)).toBeCloseTo(DI.crs, 9);
  });

  it('says how far each factor alone would have to rise for the next band', () => {
    renderWithStore(<CustomerExplanation />, (s) => s.setState({ selectedRow: 3, selectedCustomer: DI }));
    expect(screen.getByText(/^To reach/)).toHaveTextContent('To reach average (+16.0 points): raise Engagement to 66.7, or raise Purchase history to 40.0');
  });

  it('lists the rules met with their signed points, which add up to the CRS with the factors', () => {
    renderWithStore(<CustomerExplanation />, (s) => s.setState({ selectedRow: 3, selectedCustomer: DI_WITH_RULES }));
    const panel = screen.getByRole('region', { name: 'Score explanation: Di' });
    expect(within(panel).getByRole('listitem', { name: 'Rule renewed is yes: +10.0 points' })).toHaveTextContent('Rule: renewed is yes+10.0');
    expect(within(panel).getByRole('listitem', { name: 'Rule tickets is above 3: −4.0 points' })).toHaveTextContent('−4.0');
    const points = within(panel)
      .getAllByRole('listitem')
      .map((item) => Number((/: ([+−]?[\d.]+) points$/.exec(item.getAttribute('aria-label') ?? '')?.[1] ?? '0').replace('−', '-')));
    expect(points.reduce((a, b) => a + b, 0)).toBeCloseTo(30, 9);
    expect(screen.queryByText(/clamped to 0–100/)).toBeNull();
    // 40 − 30 = 10 more points over Σw = 50: engagement 40 + 10·50/30 = 56.7, purchase 0 + 10·50/20 = 25.
    expect(screen.getByText(/^To reach/)).toHaveTextContent('To reach average (+10.0 points): raise Engagement to 56.7, or raise Purchase history to 25.0');
  });

  it('says when the rules pushed the score past 0 and it was clamped', () => {
    renderWithStore(<CustomerExplanation />, (s) => s.setState({ selectedRow: 1, selectedCustomer: BO_CLAMPED }));
    expect(screen.getByText(/clamped to 0–100/)).toHaveTextContent('Factors and rules add up to -8.0; the CRS is clamped to 0–100.');
    // From −8 to 40 is 48 factor points: engagement 12 + 48·30/30 = 60.
    expect(screen.getByText(/^To reach/)).toHaveTextContent('To reach average (+40.0 points): raise Engagement to 60.0');
  });

  it('closes with "Close explanation", clearing the selection', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<CustomerExplanation />, (s) => s.setState({ selectedRow: 3, selectedCustomer: DI }));
    await user.click(screen.getByRole('button', { name: 'Close explanation' }));
    expect(store.getState().selectedRow).toBeNull();
    expect(store.getState().selectedCustomer).toBeNull();
    expect(screen.getByRole('region', { name: 'Score explanation' })).toBeInTheDocument();
  });
});

describe('CustomerExplanation: the customer’s value', () => {
  it('lists the seed CLTV and the fit’s predictions (P(alive) as a share) when the engine sends them', () => {
    const derived = [
      { label: 'CLTV (AOV × frequency × lifespan)', value: 1250 },
      { label: 'P(alive)', value: 0.834 },
      { label: 'Predicted CLV (12 months)', value: 160.4 },
    ];
    renderWithStore(<CustomerExplanation />, (s) => s.setState({ selectedCustomer: { ...DI, derived } }));
    const list = screen.getByLabelText('Value of the customer');
    expect(list).toHaveTextContent('CLTV (AOV × frequency × lifespan)1,250');
    expect(list).toHaveTextContent('P(alive)83.4%');
    expect(list).toHaveTextContent('Predicted CLV (12 months)160.4');
  });

  it('shows no value list without derived values', () => {
    renderWithStore(<CustomerExplanation />, (s) => s.setState({ selectedCustomer: DI }));
    expect(screen.queryByLabelText('Value of the customer')).toBeNull();
  });
});
