import { describe, expect, it } from 'vitest';
import { tenureFromDates, tenureLabel } from '../../../src/core/groups/tenure';
import { parseIsoDay } from '../../../src/core/csv/dates';
import { analyze } from '../../../src/core/scoring/analysis';
import { autoMap } from '../../../src/core/schema/mapping';
import { defaultModel } from '../../../src/core/model/model';
import { GROUP_EXPORT_NAMES, gridGroups } from '../../../src/core/groups/segment';
import { load } from '../fixtures';

const day = parseIsoDay;

describe('tenureFromDates', () => {
  it('counts from each date to the latest one, in days, months or years; missing stays missing', () => {
    const days = Float64Array.from([day('2024-11-30'), day('2026-11-30'), NaN, day('2025-11-30')]);
    const months = tenureFromDates(days, 'months');
    expect(months.asOf).toBe(day('2026-11-30'));
    // 2024-11-30 → 2026-11-30 is 730 days; a month is 365.25 / 12 days.
    expect(months.values[0]).toBeCloseTo(730 / (365.25 / 12), 12);
    expect(months.values[1]).toBe(0);
    expect(months.values[2]).toBeNaN();
    expect(tenureFromDates(days, 'days').values[3]).toBe(365);
    expect(tenureFromDates(days, 'years').values[3]).toBeCloseTo(365 / 365.25, 12);
    expect(tenureFromDates(Float64Array.from([NaN]), 'months').asOf).toBeNaN();
  });

  it('labels the axis with its unit and as-of date', () => {
    expect(tenureLabel('Customer Since', 'months', day('2026-11-30'))).toBe('Customer Since (months to 2026-11-30)');
  });
});

describe('a date column as the loyalty axis', () => {
  // Revenue high for A and C; A and B have been customers for years, C and D joined this year.
  const csv = 'Account ID,Annual Revenue,Customer Since\nA,900,2019-03-01\nB,100,2020-06-15\nC,800,2026-09-01\nD,50,2026-10-20\n';

  it('is mapped from its header and puts long-standing customers on the long side: friends and barnacles, not the reverse', () => {
    const dataset = load(csv);
    const model = autoMap(defaultModel(), dataset.columns);
    expect(model.axes.loyalty.column).toBe('Customer Since');
    const analysis = analyze(dataset, model);
    const names = Array.from(analysis.groups, (code) => GROUP_EXPORT_NAMES[gridGroups(2)[code]]);
    expect(names).toEqual(['true friends', 'barnacles', 'butterflies', 'strangers']);
    expect(analysis.axes.loyalty.label).toBe('Customer Since (months to 2026-10-20)');
  });

  it('a split is read in the chosen unit: high loyalty from 2 years', () => {
    const dataset = load(csv);
    const base = autoMap(defaultModel(), dataset.columns);
    const model = { ...base, axes: { ...base.axes, loyalty: { ...base.axes.loyalty, tenureUnit: 'years' as const, split: 2 } } };
    const analysis = analyze(dataset, model);
    expect(analysis.axes.loyalty.split).toBe(2);
    expect(Array.from(analysis.axisValues.loyalty ?? [], (v) => v >= 2)).toEqual([true, true, false, false]);
  });

  it('on the profitability axis a date says why it cannot be read', () => {
    const dataset = load(csv);
    const base = autoMap(defaultModel(), dataset.columns);
    const analysis = analyze(dataset, { ...base, axes: { ...base.axes, profitability: { ...base.axes.profitability, column: 'Customer Since' } } });
    expect(analysis.axes.profitability.unavailable).toBe('Customer Since is a date: it can measure loyalty (time as a customer), not profitability');
  });
});
