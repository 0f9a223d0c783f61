// The names of the columns an export adds beside the file's own (crs, crs_band…). A file
// that already has a column so named (a scored export scored again) gets the added column
// under a free name instead, crs_2 then crs_3…, so no header repeats a name. The scored CSV
// and the SQL both take their names from outputColumnNames, so the two always agree.

export const SCORE_COLUMNS = ['crs', 'crs_band', 'relationship_group', 'crs_issues'] as const;
/** Appended after SCORE_COLUMNS when RFM is scored. */
export const RFM_COLUMNS = ['rfm_r', 'rfm_f', 'rfm_m', 'rfm_segment'] as const;
/** Per-customer values derived beside the score: the seed-formula CLTV, then the lifetime-value fit's predictions. */
export const DERIVED_COLUMNS = ['cltv_seed', 'p_alive', 'predicted_clv', 'expected_purchases'] as const;
/** With an earlier file compared: each customer's score, band and group there, and the change in score (empty for a customer not in it). */
export const MOVEMENT_COLUMNS = ['previous_crs', 'crs_change', 'previous_band', 'previous_group'] as const;
/** Every column an export can add, in the order it adds them. */
export const OUTPUT_COLUMNS = [...SCORE_COLUMNS, ...RFM_COLUMNS, ...DERIVED_COLUMNS, ...MOVEMENT_COLUMNS] as const;
export type OutputColumn = (typeof OUTPUT_COLUMNS)[number];
export type DerivedColumnName = (typeof DERIVED_COLUMNS)[number];

/**
 * Names for `wanted`, none equal to a name in `taken` or to each other, ignoring case
 * (DuckDB and Spark compare identifiers so, and PostgreSQL folds an unquoted one). Each
 * wanted name is kept when free, else gets the lowest free suffix _2, _3, … . Names are
 * given in order, each free of `taken` and of the names given before it, so a name never
 * depends on what is wanted after it.
 */
export function freeNames(taken: readonly string[], wanted: readonly string[]): string[] {
  const used = new Set(taken.map((name) => name.toLowerCase()));
  return wanted.map((name) => {
    let free = name;
    for (let k = 2; used.has(free.toLowerCase()); k++) free = `${name}_${k}`;
    used.add(free.toLowerCase());
    return free;
  });
}

/**
 * The name each output column gets on a file with these columns: its own name when the
 * file has no column so named (any case), else name_2, or name_3 when name_2 is taken too…
 * Every output column is named, used or not, so crs is named the same with or without RFM
 * or a lifetime-value fit. The names are lower-case letters, digits and _, so they need no
 * quoting in SQL.
 */
export function outputColumnNames(fileColumns: readonly string[]): Record<OutputColumn, string> {
  const names = freeNames(fileColumns, OUTPUT_COLUMNS);
  return Object.fromEntries(OUTPUT_COLUMNS.map((column, i) => [column, names[i]])) as Record<OutputColumn, string>;
}
