// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatScore, formatShare, formatValue } from '../../../src/core/display/format';

describe('format (en-US)', () => {
  it.each([
    [1234567, '1,234,567'],
    [0, '0'],
    [NaN, '–'],
  ])('formatCount(%d) → %j', (n, text) => {
    expect(formatCount(n, 'en-US')).toBe(text);
  });

  it.each([
    [72, '72.0'],
    [33.333, '33.3'],
    [100, '100.0'],
    [NaN, '–'],
    [Infinity, '–'],
  ])('formatScore(%d) → %j: one decimal, a dash for missing, never NaN', (score, text) => {
    expect(formatScore(score, 'en-US')).toBe(text);
  });

  it('formatScore follows the locale: sv-SE writes a decimal comma', () => {
    expect(formatScore(72.5, 'sv-SE')).toBe('72,5');
  });

  it.each([
    [1, 3, '33.3%'],
    [5, 5, '100.0%'],
    [0, 7, '0.0%'],
    [3, 0, '–'],
    [NaN, 10, '–'],
  ])('formatShare(%d, %d) → %j', (part, whole, text) => {
    expect(formatShare(part, whole, 'en-US')).toBe(text);
  });

  it.each([
    [12.345, '12.35'],
    [99999, '99,999'],
    [409199.93, '409.2K'],
    [NaN, '–'],
  ])('formatValue(%d) → %j', (value, text) => {
    expect(formatValue(value, 'en-US')).toBe(text);
  });

  it.each([
    [512, '512 B'],
    [1536, '1.5 KB'],
    [5 * 1024 * 1024, '5 MB'],
    [3.25 * 1024 ** 3, '3.3 GB'],
  ])('formatBytes(%d) → %j', (bytes, text) => {
    expect(formatBytes(bytes, 'en-US')).toBe(text);
  });
});
