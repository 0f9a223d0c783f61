// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { defaultModel, type Model } from '../../../src/core/model/model';
import { autoMap, autoRfm, normalizeHeader, type MappableColumn } from '../../../src/core/schema/mapping';
import { load, modelWith, projectFile } from '../fixtures';

function mapping(model: Model) {
  return {
    factors: Object.fromEntries(model.factors.map((f) => [f.id, f.column])),
    inverted: model.factors.filter((f) => !f.isHigherBetter).map((f) => f.id),
    profitability: model.axes.profitability.column,
    loyalty: model.axes.loyalty.column,
  };
}

const numbers = (...names: string[]): MappableColumn[] => names.map((name) => ({ name, kind: 'number' }));
const dateColumns = (...names: string[]): MappableColumn[] => names.map((name) => ({ name, kind: 'date' }));

describe('normalizeHeader', () => {
  it.each([
    ['Total_Revenue (SEK)', 'total revenue sek'],
    ['TotalCharges', 'total charges'],
    ['customerID', 'customer id'],
    ['  CSAT  ', 'csat'],
    ['engagement-score', 'engagement score'],
    ['Nöjdhet %', 'nojdhet %'],
    ['orders_12m', 'orders 12m'],
  ])('%j → %j', (name, normalized) => {
    expect(normalizeHeader(name)).toBe(normalized);
  });
});

describe('autoMap', () => {
  it('maps the bundled sample: engagement_score, csat, orders_12m, support_rating; total_revenue × tenure_months', () => {
    const dataset = load(projectFile('public/sample-customers.csv'));
    expect(mapping(autoMap(defaultModel(), dataset.columns))).toEqual({
      factors: { engagement: 'engagement_score', satisfaction: 'csat', purchase: 'orders_12m', support: 'support_rating' },
      inverted: [],
      profitability: 'total_revenue',
      loyalty: 'tenure_months',
    });
  });

  it('maps the Telco churn file: tenure as loyalty, TotalCharges as profitability (and purchase)', () => {
    const dataset = load(projectFile('../shared/datasets/telco-customer-churn.csv'));
    expect(mapping(autoMap(defaultModel(), dataset.columns))).toEqual({
      factors: { engagement: null, satisfaction: null, purchase: 'TotalCharges', support: null },
      inverted: [],
      profitability: 'TotalCharges',
      loyalty: 'tenure',
    });
  });

  it('a file with support_tickets only maps support inverted (more tickets is worse)', () => {
    const model = autoMap(defaultModel(), [{ name: 'customer', kind: 'text' }, ...numbers('support_tickets')]);
    const support = model.factors.find((f) => f.id === 'support')!;
    expect(support.column).toBe('support_tickets');
    expect(support.isHigherBetter).toBe(false);
  });

  // Bug: "days since last purchase" / "… order" also matches purchase's first pattern
  // (\bpurchases?\b, \borders?\b), so the inverted recency pattern is never reached: a
  // customer who has not ordered for a year gets a high purchase factor.
  it('a recency column (days since last purchase / order) is inverted, and loses to an order count', () => {
    const only = (name: string) => autoMap(defaultModel(), numbers(name)).factors.find((f) => f.id === 'purchase')!;
    expect([only('days_since_last_purchase').column, only('days_since_last_purchase').isHigherBetter]).toEqual(['days_since_last_purchase', false]);
    expect([only('Days Since Last Order').column, only('Days Since Last Order').isHigherBetter]).toEqual(['Days Since Last Order', false]);
    expect(only('recency').isHigherBetter).toBe(false);
    const both = autoMap(defaultModel(), numbers('days_since_last_purchase', 'orders_12m')).factors.find((f) => f.id === 'purchase')!;
    expect([both.column, both.isHigherBetter]).toEqual(['orders_12m', true]);
  });

  it('complaints map support inverted', () => {
    const support = autoMap(defaultModel(), numbers('complaints')).factors.find((f) => f.id === 'support')!;
    expect([support.column, support.isHigherBetter]).toEqual(['complaints', false]);
  });

  it('csat wins satisfaction and support_rating wins support (the sample layout)', () => {
    const model = autoMap(defaultModel(), numbers('support_tickets', 'support_rating', 'csat'));
    expect(mapping(model).factors).toMatchObject({ satisfaction: 'csat', support: 'support_rating' });
    expect(mapping(model).inverted).toEqual([]);
  });

  // Bug: factors are mapped greedily in factor order, so satisfaction's weakest pattern
  // (\brating\b) takes "support_rating" before support's best pattern sees it; support
  // then falls back to support_tickets, inverted.
  it('without a csat column, support_rating still maps support, not satisfaction', () => {
    const model = autoMap(defaultModel(), numbers('engagement_score', 'orders_12m', 'support_tickets', 'support_rating'));
    const support = model.factors.find((f) => f.id === 'support')!;
    expect([support.column, support.isHigherBetter]).toEqual(['support_rating', true]);
  });

  it('never maps a text column, whatever its name', () => {
    const model = autoMap(defaultModel(), [
      { name: 'engagement_notes', kind: 'text' },
      { name: 'tenure_band', kind: 'text' },
    ]);
    expect(mapping(model)).toEqual({
      factors: { engagement: null, satisfaction: null, purchase: null, support: null },
      inverted: [],
      profitability: null,
      loyalty: null,
    });
  });

  it('prefers lifetime value over revenue for profitability', () => {
    expect(autoMap(defaultModel(), numbers('total_revenue', 'CLV')).axes.profitability.column).toBe('CLV');
  });

  it('maps one column to one factor at most, but an axis may reuse a factor column', () => {
    const model = autoMap(defaultModel(), numbers('csat_score'));
    expect(mapping(model).factors).toEqual({ engagement: null, satisfaction: 'csat_score', purchase: null, support: null });
  });

  it("keeps the user's choices on present columns and maps around them", () => {
    const user = modelWith({ engagement: 'csat' }, { profitability: 'avg_order_value', profitSplit: 500 });
    user.factors[0].isHigherBetter = false;
    const model = autoMap(user, numbers('engagement_score', 'csat', 'nps', 'total_revenue', 'avg_order_value', 'tenure_months'));
    const engagement = model.factors[0];
    expect([engagement.column, engagement.isHigherBetter]).toEqual(['csat', false]);
    // csat is taken, so satisfaction falls back to NPS.
    expect(model.factors[1].column).toBe('nps');
    expect(model.axes.profitability).toEqual({ column: 'avg_order_value', split: 500, upper: null, source: { kind: 'column' } });
    expect(model.axes.loyalty).toEqual({ column: 'tenure_months', split: null, upper: null, source: { kind: 'column' } });
  });

  it('remaps a factor whose column the new file lacks', () => {
    const user = modelWith({ engagement: 'old_engagement' }, { loyalty: 'old_tenure', loyaltySplit: 12 });
    const model = autoMap(user, numbers('engagement_score', 'tenure'));
    expect(model.factors[0].column).toBe('engagement_score');
    expect(model.axes.loyalty).toEqual({ column: 'tenure', split: null, upper: null, source: { kind: 'column' } });
  });

  it('keeps weights, labels and band thresholds untouched', () => {
    const user = defaultModel();
    user.factors[2].weight = 55;
    user.bands = { averageFrom: 30, goodFrom: 80 };
    const model = autoMap(user, numbers('orders'));
    expect(model.factors[2]).toMatchObject({ weight: 55, label: 'Purchase history', column: 'orders' });
    expect(model.bands).toEqual({ averageFrom: 30, goodFrom: 80 });
  });
});

describe('a last-activity date column and Engagement', () => {
  const dates = (...names: string[]): MappableColumn[] => names.map((name) => ({ name, kind: 'date' }));
  const engagement = (model: Model) => model.factors.find((f) => f.id === 'engagement');

  it.each(['last_login', 'Last Purchase Date', 'LastSeen', 'last activity', 'last_order_date'])('Engagement takes the date column %j by recency when no numeric column matches', (name) => {
    const model = autoMap(defaultModel(), [...numbers('csat'), ...dates(name)]);
    expect(engagement(model)).toMatchObject({ column: name, isHigherBetter: true, shape: { kind: 'decay', halfLifeDays: 90, asOf: null } });
  });

  it('a numeric engagement column wins over the date', () => {
    const model = autoMap(defaultModel(), [...numbers('logins'), ...dates('last_login')]);
    expect(engagement(model)).toMatchObject({ column: 'logins', shape: { kind: 'linear' } });
  });

  it('other date columns are not factors; a date is never a numeric role, but one that says when the relationship began is the loyalty axis', () => {
    const model = autoMap(defaultModel(), dates('signup_date', 'birthday', 'last purchase'));
    expect(mapping(model)).toMatchObject({ factors: { engagement: 'last purchase', satisfaction: null, purchase: null, support: null }, profitability: null, loyalty: 'signup_date' });
    expect(mapping(autoMap(defaultModel(), dates('birthday', 'last purchase', 'Last Modified Date')))).toMatchObject({ loyalty: null });
    expect(engagement(autoMap(defaultModel(), dates('signup_date')))?.column).toBeNull();
  });

  it("keeps the user's date column, and a factor moved to a numeric column drops its decay shape", () => {
    const mine = defaultModel();
    mine.factors[0] = { ...mine.factors[0], column: 'renewal_date', shape: { kind: 'decay', halfLifeDays: 30, asOf: null } };
    expect(engagement(autoMap(mine, [...numbers('logins'), ...dates('renewal_date')]))).toMatchObject({ column: 'renewal_date', shape: { kind: 'decay', halfLifeDays: 30 } });
    expect(engagement(autoMap(mine, numbers('logins')))).toMatchObject({ column: 'logins', shape: { kind: 'linear' } });
  });

  it('end to end: a loaded file with a last_login date maps and scores Engagement by recency', () => {
    const dataset = load('id,last_login,csat\nA,2026-11-01,5\nB,2026-08-03,5\n');
    expect(engagement(autoMap(defaultModel(), dataset.columns))).toMatchObject({ column: 'last_login', shape: { kind: 'decay' } });
  });
});

describe('CRM exports, untouched', () => {
  it('a Salesforce-shaped accounts export: revenue × Customer Since (a date) for the grid, Last Activity by recency, Open Cases as support (higher is worse)', () => {
    const columns: MappableColumn[] = [
      { name: 'Account ID', kind: 'text' },
      ...numbers('Annual Revenue'),
      ...dateColumns('Created Date', 'Last Activity'),
      { name: 'Rating', kind: 'text' },
      ...numbers('CSAT__c', 'NPS__c', 'Open Cases'),
      ...dateColumns('Customer Since'),
      { name: 'Churned__c', kind: 'flag' },
    ];
    const model = autoMap(defaultModel(), columns);
    expect(mapping(model)).toMatchObject({
      factors: { engagement: 'Last Activity', satisfaction: 'CSAT__c', purchase: 'Annual Revenue', support: 'Open Cases' },
      profitability: 'Annual Revenue',
      loyalty: 'Customer Since',
    });
    expect(model.factors.find((f) => f.id === 'support')?.isHigherBetter).toBe(false);
    expect(model.outcome).toEqual({ column: 'Churned__c', isGood: false });
    expect(model.rfm.recency).toBe('Last Activity');
  });

  it('a HubSpot-shaped contacts export: Total Revenue × Became a Customer Date (before Create Date), sessions for engagement, Last Activity Date for recency', () => {
    const columns: MappableColumn[] = [
      { name: 'Record ID', kind: 'text' },
      ...dateColumns('Create Date', 'Last Activity Date'),
      ...numbers('Number of Sessions', 'HubSpot Score', 'Total Revenue'),
      ...dateColumns('Became a Customer Date'),
      { name: 'Lifecycle Stage', kind: 'text' },
    ];
    const model = autoMap(defaultModel(), columns);
    expect(mapping(model)).toMatchObject({ factors: { engagement: 'Number of Sessions', purchase: 'Total Revenue' }, profitability: 'Total Revenue', loyalty: 'Became a Customer Date' });
    expect(model.rfm.recency).toBe('Last Activity Date');
    // Without the customer date, the record's creation date serves.
    expect(
      mapping(
        autoMap(
          defaultModel(),
          columns.filter((c) => c.name !== 'Became a Customer Date'),
        ),
      ).loyalty,
    ).toBe('Create Date');
  });

  it('counts of cases, tickets or complaints are support quality with higher is worse; closed or resolved ones are not', () => {
    for (const name of ['Open Cases', 'support_tickets', 'Complaints (12m)']) {
      const support = autoMap(defaultModel(), numbers(name)).factors.find((f) => f.id === 'support');
      expect(support, name).toMatchObject({ column: name, isHigherBetter: false });
    }
    expect(autoMap(defaultModel(), numbers('Closed Cases')).factors.find((f) => f.id === 'support')?.column).toBeNull();
  });
});

describe('RFM columns', () => {
  const none = defaultModel().rfm;

  it('maps days since / last purchase date, orders and revenue by header', () => {
    expect(autoRfm(none, numbers('customer_id', 'days_since_last_purchase', 'orders_12m', 'avg_order_value', 'total_revenue'))).toMatchObject({
      recency: 'days_since_last_purchase',
      frequency: 'orders_12m',
      monetary: 'total_revenue',
    });
    expect(autoRfm(none, numbers('orders', 'avg_order_value')).monetary).toBe('avg_order_value');
    const withDate: MappableColumn[] = [{ name: 'Last purchase date', kind: 'date' }, ...numbers('Number of orders', 'Total spend')];
    expect(autoRfm(none, withDate)).toMatchObject({ recency: 'Last purchase date', frequency: 'Number of orders', monetary: 'Total spend' });
    expect(autoRfm(none, numbers('Monetary', 'Frequency', 'Recency'))).toMatchObject({ recency: 'Recency', frequency: 'Frequency', monetary: 'Monetary' });
  });

  it('keeps a present user choice, drops a missing one, and leaves text columns alone', () => {
    const chosen = { ...none, recency: 'gap_days', frequency: 'gone' };
    const columns: MappableColumn[] = [...numbers('gap_days', 'orders'), { name: 'revenue', kind: 'text' }];
    expect(autoRfm(chosen, columns)).toMatchObject({ recency: 'gap_days', frequency: 'orders', monetary: null });
  });

  it('is part of autoMap', () => {
    expect(autoMap(defaultModel(), numbers('days_since_last_purchase', 'orders', 'revenue')).rfm).toMatchObject({ recency: 'days_since_last_purchase', frequency: 'orders', monetary: 'revenue' });
  });
});
