// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isUsableRow } from '../../../src/core/clv/bgnbd';
import { rfmFromPurchaseDates } from '../../../src/core/clv/rfm';

describe('rfmFromPurchaseDates', () => {
  it('turns dates (days since 1970) and order counts into weeks of x, t_x, T', () => {
    const end = 20_000;
    const first = Float64Array.of(end - 70, end - 70, end - 14, end, NaN, end - 7, end - 7);
    const last = Float64Array.of(end - 70, end - 7, end - 7, end, end, end - 14, end - 7);
    const orders = Float64Array.of(1, 4, 1, 1, 2, 2, 1.5);
    const { x, tx, T } = rfmFromPurchaseDates(first, last, orders, end);
    expect([...x.slice(0, 4)]).toEqual([0, 3, 0, 0]);
    expect([...tx.slice(0, 4)]).toEqual([0, 9, 0, 0]);
    expect([...T.slice(0, 4)]).toEqual([10, 10, 2, 0]);
    // Missing first date, last before first, fractional orders: NaN rows.
    for (const i of [4, 5, 6]) expect([x[i], tx[i], T[i]]).toEqual([NaN, NaN, NaN]);
    // First purchase on the end day: T = 0, which the model skips.
    expect(isUsableRow(x[3], tx[3], T[3])).toBe(false);
    expect(isUsableRow(x[1], tx[1], T[1])).toBe(true);
  });

  it('uses days as the unit when asked', () => {
    const { tx, T } = rfmFromPurchaseDates(Float64Array.of(100), Float64Array.of(110), Float64Array.of(3), 130, 1);
    expect([tx[0], T[0]]).toEqual([10, 30]);
  });
});
