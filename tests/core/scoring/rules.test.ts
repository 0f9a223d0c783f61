// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Rule } from '../../../src/core/model/model';
import { describeRule, matchedRules, ruleMatches, rulePoints } from '../../../src/core/scoring/rules';
import { load } from '../fixtures';

// renewed is a yes/no column (read as 1/0), tickets a count; Cy's cells are blank.
const CSV = `id,renewed,tickets,note
A,yes,0,x
B,no,5,y
C,,,z
D,yes,3,w
`;

const rule = (when: Rule['when'], column: string, points: number, value = 0): Rule => ({ id: `${column}-${when}`, column, when, value, points });

describe('rulePoints by hand', () => {
  const dataset = load(CSV);

  it('adds the points of every rule met: renewed +10, tickets above 2 −15, tickets below 1 +5', () => {
    const points = rulePoints(dataset, [rule('yes', 'renewed', 10), rule('above', 'tickets', -15, 2), rule('below', 'tickets', 5, 1)]);
    // A: 10 + 5, B: −15, C: nothing known, D: 10 − 15.
    expect(Array.from(points ?? [])).toEqual([15, -15, 0, -5]);
  });

  it('"no" matches 0, and above / below are strict', () => {
    expect(Array.from(rulePoints(dataset, [rule('no', 'renewed', -20)]) ?? [])).toEqual([0, -20, 0, 0]);
    expect(Array.from(rulePoints(dataset, [rule('above', 'tickets', 1, 3), rule('below', 'tickets', 2, 3)]) ?? [])).toEqual([2, 1, 0, 0]);
  });

  it('is null when no rule can add points: none, a text or unknown column, 0 points, no comparison value', () => {
    expect(rulePoints(dataset, [])).toBeNull();
    expect(rulePoints(dataset, [rule('yes', 'note', 10), rule('yes', 'nope', 10), rule('yes', 'renewed', 0), rule('above', 'tickets', 5, NaN)])).toBeNull();
  });

  it('lists the rules one customer meets, labelled, in model order', () => {
    const rules = [rule('yes', 'renewed', 10), rule('above', 'tickets', -15, 2)];
    expect(matchedRules(dataset, rules, 3)).toEqual([
      { label: 'renewed is yes', points: 10 },
      { label: 'tickets is above 2', points: -15 },
    ]);
    expect(matchedRules(dataset, rules, 2)).toEqual([]);
  });

  it.each([
    [rule('yes', 'renewed', 1), 'renewed is yes'],
    [rule('no', 'renewed', 1), 'renewed is no'],
    [rule('above', 'tickets', 1, 2.5), 'tickets is above 2.5'],
    [rule('below', 'tickets', 1, 1), 'tickets is below 1'],
  ])('describes %j as %j', (r, text) => {
    expect(describeRule(r)).toBe(text);
  });
});

describe('ruleMatches properties', () => {
  it('property: a missing value meets no rule; above and below never both hold', () => {
    fc.assert(
      fc.property(fc.constantFrom<Rule['when']>('yes', 'no', 'above', 'below'), fc.double({ noNaN: true }), fc.double({ noNaN: true }), (when, value, x) => {
        expect(ruleMatches(rule(when, 'c', 1, value), NaN)).toBe(false);
        expect(ruleMatches(rule('above', 'c', 1, value), x) && ruleMatches(rule('below', 'c', 1, value), x)).toBe(false);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
