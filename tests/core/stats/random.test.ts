// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/core/stats/random';

describe('mulberry32', () => {
  it('repeats from the same seed, differs between seeds, and stays in [0, 1) with a mean near ½', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
    const many = Array.from({ length: 20000 }, mulberry32(7));
    expect(Math.min(...many)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...many)).toBeLessThan(1);
    expect(many.reduce((s, v) => s + v, 0) / many.length).toBeCloseTo(0.5, 2);
  });
});
