import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freeNames, OUTPUT_COLUMNS, outputColumnNames } from '../../../src/core/export/outputColumns';

describe('outputColumnNames', () => {
  it('keeps every name on a file without such columns', () => {
    const names = outputColumnNames(['customer_id', 'engagement_score', 'crs_total', 'band']);
    expect(Object.values(names)).toEqual([...OUTPUT_COLUMNS]);
  });

  it('names the columns of a scored export scored again crs_2, crs_band_2…, and the rest as before', () => {
    const scoredOnce = ['customer_id', 'engagement_score', 'crs', 'crs_band', 'relationship_group', 'crs_issues', 'rfm_r', 'rfm_f', 'rfm_m', 'rfm_segment'];
    expect(outputColumnNames(scoredOnce)).toEqual({
      crs: 'crs_2',
      crs_band: 'crs_band_2',
      relationship_group: 'relationship_group_2',
      crs_issues: 'crs_issues_2',
      rfm_r: 'rfm_r_2',
      rfm_f: 'rfm_f_2',
      rfm_m: 'rfm_m_2',
      rfm_segment: 'rfm_segment_2',
      cltv_seed: 'cltv_seed',
      p_alive: 'p_alive',
      predicted_clv: 'predicted_clv',
      expected_purchases: 'expected_purchases',
      previous_crs: 'previous_crs',
      crs_change: 'crs_change',
      previous_band: 'previous_band',
      previous_group: 'previous_group',
    });
  });

  it.each([
    // Scored twice: the next free suffix.
    [['crs', 'crs_2'], 'crs_3'],
    [['crs', 'crs_2', 'crs_3', 'crs_5'], 'crs_4'],
    // Case does not make a name free: DuckDB and Spark compare identifiers ignoring it.
    [['CRS'], 'crs_2'],
    [['Crs', 'CRS_2'], 'crs_3'],
    // Only a taken name moves; crs_2 alone leaves crs free.
    [['crs_2'], 'crs'],
    // Spaces are part of a name: " crs" is another column.
    [[' crs'], 'crs'],
  ])('on a file with %j, crs is named %j', (columns, name) => {
    expect(outputColumnNames(columns).crs).toBe(name);
  });

  it('names crs the same whatever else the file has that only later columns could clash with', () => {
    expect(outputColumnNames(['crs', 'p_alive']).crs).toBe(outputColumnNames(['crs']).crs);
    expect(outputColumnNames(['crs', 'p_alive']).p_alive).toBe('p_alive_2');
  });

  it('gives names that need no quoting in SQL', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...OUTPUT_COLUMNS, ...OUTPUT_COLUMNS.map((name) => `${name}_2`), 'CRS', 'x'), { maxLength: 30 }), (columns) => {
        for (const name of Object.values(outputColumnNames(columns))) expect(name).toMatch(/^[a-z_][a-z0-9_]*$/);
      }),
      { seed: 16, numRuns: 200 },
    );
  });
});

describe('freeNames', () => {
  it('keeps wanted names apart from each other too, each from the names given before it', () => {
    expect(freeNames([], ['x', 'x', 'X'])).toEqual(['x', 'x_2', 'X_3']);
    expect(freeNames(['a'], ['a', 'a_2'])).toEqual(['a_2', 'a_2_2']);
  });

  // Names built from the wanted ones (suffixes, other case) so that clashes are frequent.
  const stem = fc.constantFrom('crs', 'crs_band', 'a', 'rfm_r');
  const name = fc.oneof(
    stem,
    fc.tuple(stem, fc.integer({ min: 2, max: 5 })).map(([s, k]) => `${s}_${k}`),
    stem.map((s) => s.toUpperCase()),
    fc.string({ maxLength: 4 }),
  );

  it('property: no name given equals a taken name or another name given (ignoring case), and each is its wanted name or that with _k', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 20 }), fc.array(name, { maxLength: 10 }), (taken, wanted) => {
        const given = freeNames(taken, wanted);
        expect(given.length).toBe(wanted.length);
        const takenLower = new Set(taken.map((t) => t.toLowerCase()));
        for (const g of given) expect(takenLower.has(g.toLowerCase())).toBe(false);
        expect(new Set(given.map((g) => g.toLowerCase())).size).toBe(given.length);
        given.forEach((g, i) => {
          expect(g === wanted[i] || (g.startsWith(`${wanted[i]}_`) && /^\d+$/.test(g.slice(wanted[i].length + 1)))).toBe(true);
        });
      }),
      { seed: 1616, numRuns: 500 },
    );
  });

  it('property: a wanted name free of the taken names and of the names before it is kept', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 20 }), fc.array(name, { maxLength: 10 }), (taken, wanted) => {
        const given = freeNames(taken, wanted);
        const before = new Set(taken.map((t) => t.toLowerCase()));
        wanted.forEach((w, i) => {
          if (!before.has(w.toLowerCase())) expect(given[i]).toBe(w);
          before.add(given[i].toLowerCase());
        });
      }),
      { seed: 61, numRuns: 500 },
    );
  });
});
