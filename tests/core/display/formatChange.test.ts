import { describe, expect, it } from 'vitest';
import { formatKpiChange, formatSignedScore } from '../../../src/core/display/format';

describe('changes since an earlier file', () => {
  it('gives a percentage KPI its change in points, money and counts in their units, with a sign', () => {
    expect(formatKpiChange(1.23, 'percent', 'en-US')).toBe('+1.2 pt');
    expect(formatKpiChange(-340.5, 'money', 'en-US')).toBe('−340.5');
    expect(formatKpiChange(12, 'count', 'en-US')).toBe('+12');
  });

  it('writes a change that rounds to nothing without a sign', () => {
    expect(formatKpiChange(0.004, 'percent', 'en-US')).toBe('±0');
    expect(formatSignedScore(-0.01, 'en-US')).toBe('0.0');
    expect(formatSignedScore(-0.06, 'en-US')).toBe('−0.1');
  });
});
