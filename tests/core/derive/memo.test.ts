import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cell, cells, replaceEqualDeep, stable } from '../../../src/core/derive/memo';

describe('cell', () => {
  it('computes once for the same inputs and again when one input is another object, even an equal one', () => {
    const memo = cell<number>();
    let runs = 0;
    const a = { x: 1 };
    expect(memo.get([a, 2], () => ++runs)).toBe(1);
    expect(memo.get([a, 2], () => ++runs)).toBe(1);
    expect(memo.get([{ x: 1 }, 2], () => ++runs)).toBe(2);
    expect(memo.get([{ x: 1 }, 2, 3], () => ++runs)).toBe(3);
    expect(memo.peek([a, 2])).toBeUndefined();
    memo.reset();
    expect(memo.get([a, 2], () => ++runs)).toBe(4);
  });

  it('NaN inputs are the same input (Object.is), so a NaN split does not recompute forever', () => {
    const memo = cell<number>();
    let runs = 0;
    memo.get([NaN], () => ++runs);
    memo.get([NaN], () => ++runs);
    expect(runs).toBe(1);
  });

  it('a family keeps one cell per key and drops the cells of keys no longer kept', () => {
    const family = cells<string>();
    expect(family.of('a').get([1], () => 'A1')).toBe('A1');
    expect(family.of('a').get([1], () => 'A2')).toBe('A1');
    family.keep(['b']);
    expect(family.of('a').get([1], () => 'A3')).toBe('A3');
  });
});

const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.double(), fc.string(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.string({ maxLength: 3 }), tie('value'), { maxKeys: 4 }),
})).value;

describe('replaceEqualDeep', () => {
  it('property: the result deep-equals the new value, and is the old one itself when the two are equal', () => {
    fc.assert(
      fc.property(json, json, (previous, next) => {
        const result = replaceEqualDeep(previous, next);
        expect(result).toEqual(next);
        if (JSON.stringify(previous) === JSON.stringify(next) && typeof next === 'object' && next !== null && !Object.is(-0, next)) expect(result).toBe(previous);
      }),
      { seed: 14, numRuns: 300 },
    );
  });

  it('keeps the identity of every unchanged slice of a model when one weight moves', () => {
    const before = {
      factors: [
        { id: 'e', weight: 30, shape: { kind: 'linear' } },
        { id: 's', weight: 30, shape: { kind: 'linear' } },
      ],
      bands: { averageFrom: 40, goodFrom: 70 },
    };
    const after = structuredClone(before);
    after.factors[0].weight = 50;
    const result = replaceEqualDeep(before, after);
    expect(result).not.toBe(before);
    expect(result.bands).toBe(before.bands);
    expect(result.factors[1]).toBe(before.factors[1]);
    expect(result.factors[0]).not.toBe(before.factors[0]);
    expect(result.factors[0].shape).toBe(before.factors[0].shape);
    expect(result.factors[0].weight).toBe(50);
  });

  it('compares typed arrays and other non-plain objects by identity', () => {
    const a = new Float64Array([1, 2]);
    expect(replaceEqualDeep({ v: a }, { v: new Float64Array([1, 2]) }).v).not.toBe(a);
  });

  it('stable() hands back the first of a run of equal values', () => {
    const intern = stable<{ a: number[] }>();
    const first = intern({ a: [1] });
    expect(intern({ a: [1] })).toBe(first);
    expect(intern({ a: [2] })).not.toBe(first);
  });
});
