// The SQL text itself: per-dialect quoting and functions, and what the context leaves out.
// Spark SQL has no engine here, so its dialect is checked as text only; DuckDB and
// PostgreSQL are also run for real (sql.duckdb.test.ts, sql.postgres.test.ts).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/scoring/analysis';
import { modelToSql, previousReading, sqlContext, SqlExportError, type SqlContext } from '../../../src/core/export/sql';
import { defaultModel, type Model } from '../../../src/core/model/model';
import { scoreRfm } from '../../../src/core/rfm/rfm';
import { defaultRfm } from '../../../src/core/rfm/rfmSpec';
import { load } from '../fixtures';
import { tinyLogCsv, tinyLogModel, trickyCsv, trickyModel } from './sqlModels';
import { EARLIER_CSV, NOW_CSV, snapshotModel } from './sqlMovement';

function tricky(): { model: Model; context: SqlContext } {
  const dataset = load(trickyCsv);
  const model = trickyModel();
  return { model, context: sqlContext(dataset, analyze(dataset, model), model) };
}

/** The SQL with its header comment lines removed. */
function body(sql: string): string {
  return sql
    .split('\n')
    .filter((line) => !line.startsWith('--'))
    .join('\n');
}

describe('modelToSql for Spark SQL (text only: no Spark engine in the tests)', () => {
  const { model, context } = tricky();
  const sql = modelToSql(model, context, 'spark', 'crm.customers');

  it('quotes identifiers with backticks, doubling a backtick in a name', () => {
    expect(sql).toContain('`we"ird`');
    expect(sql).toContain("`it's`");
    expect(sql).toContain('```tick```');
    expect(sql).toContain('FROM `crm`.`customers` AS t');
    expect(body(sql)).not.toMatch(/"we/);
  });

  it('escapes string literals with backslashes, as Spark reads them', () => {
    expect(sql).toContain("WHEN 'O\\'Brien' THEN 90");
    expect(sql).toContain(`WHEN 'say "hi"' THEN 20`);
  });

  it("uses Spark's types and window functions", () => {
    expect(sql).toContain('PERCENT_RANK() OVER (PARTITION BY');
    expect(sql).toContain('STDDEV_POP(');
    expect(sql).toContain('AS STRING');
    expect(sql).toContain("CAST('1.5' AS DOUBLE)");
    expect(sql).not.toContain('DOUBLE PRECISION');
    expect(sql).not.toContain('epoch(');
  });

  it('reads a date column as seconds since the epoch over 86 400', () => {
    const dataset = load('id,last_login\na,2026-03-12\nb,2026-01-01\n');
    const dated = defaultModel();
    dated.factors[0] = { ...dated.factors[0], column: 'last_login', shape: { kind: 'decay', halfLifeDays: 90, asOf: null } };
    const text = modelToSql(dated, sqlContext(dataset, analyze(dataset, dated), dated), 'spark');
    expect(text).toContain('(CAST(CAST(t.`last_login` AS TIMESTAMP) AS DOUBLE) / 86400)');
    expect(text).toContain('POWER(2, ');
  });
});

describe('modelToSql', () => {
  it('log-scales with Spark’s own LOG1P, which keeps the digits of a tiny amount that LN(1 + x) loses', () => {
    const dataset = load(tinyLogCsv);
    const model = tinyLogModel();
    const text = modelToSql(model, sqlContext(dataset, analyze(dataset, model), model), 'spark');
    expect(text).toContain('LOG1P((`__crs_r0` - MIN(`__crs_r0`) OVER ()))');
    expect(body(text)).not.toContain('LN(');
  });

  it('is pure: the same model and context give the same text', () => {
    const { model, context } = tricky();
    expect(modelToSql(model, context, 'duckdb')).toBe(modelToSql(model, context, 'duckdb'));
  });

  it('writes non-integer constants as doubles parsed from text, in every dialect', () => {
    const { model, context } = tricky();
    expect(modelToSql(model, context, 'duckdb')).toContain("CAST('1.5' AS DOUBLE)");
    expect(modelToSql(model, context, 'postgres')).toContain("CAST('1.5' AS DOUBLE PRECISION)");
  });

  it('keeps a column name with a line break inside the header comment', () => {
    const context: SqlContext = { columns: [{ name: 'id\nDROP TABLE customers; --', kind: 'text' }], factors: [] };
    const sql = modelToSql(defaultModel(), context, 'postgres');
    const lines = sql.split('\n');
    const headerLines = lines.slice(
      0,
      lines.findIndex((line) => line.startsWith('WITH ')),
    );
    expect(headerLines.length).toBeGreaterThan(5);
    expect(headerLines.filter((line) => !line.startsWith('-- '))).toEqual([]);
    expect(sql).toContain('SELECT s."id\nDROP TABLE customers; --"');
  });

  it('names helper columns so they cannot collide with the file’s own', () => {
    const context: SqlContext = { columns: [{ name: '__CRS_x0', kind: 'number' }], factors: [] };
    const sql = modelToSql(defaultModel(), context, 'duckdb');
    expect(sql).toContain('"___crs_base"');
  });

  it('leaves out what the app does not score: an unfitting shape, zero weight, a rule on a text column', () => {
    const dataset = load('id,plan,spend\na,Gold,10\nb,Free,20\n');
    const model = defaultModel();
    model.factors[0] = { ...model.factors[0], column: 'spend', shape: { kind: 'categories', points: { Gold: 100 } } };
    model.factors[1] = { ...model.factors[1], column: 'spend', weight: 0 };
    model.factors[2] = { ...model.factors[2], column: 'spend', normalization: 'min-max' };
    model.rules = [{ id: 'r', column: 'plan', when: 'yes', value: 0, points: 10 }];
    const context = sqlContext(dataset, analyze(dataset, model), model);
    expect(context.factors.map((f) => f.factorId)).toEqual(['satisfaction', 'purchase']);
    const sql = modelToSql(model, context, 'duckdb');
    expect(sql).toContain('Purchase history (weight 20): "spend", min-max');
    expect(sql).not.toContain('Satisfaction (weight');
    expect(sql).not.toContain("'Gold'");
    expect(body(sql)).toContain('0 AS "__crs_rules"');
  });
});

describe('modelToSql on the relationship grid', () => {
  const CSV = 'id,spend,visits\na,1,10\nb,2,20\nc,3,30\nd,4,\n';

  function gridSql(dialect: 'spark' | 'duckdb' | 'postgres', edit: (model: Model) => void): string {
    const dataset = load(CSV);
    const model = defaultModel();
    model.factors[0] = { ...model.factors[0], column: 'spend', normalization: 'min-max' };
    model.factors[1] = { ...model.factors[1], column: 'visits', normalization: 'percentile', weight: 0 };
    model.axes = {
      profitability: { column: 'spend', split: null, upper: null, source: { kind: 'column' } },
      loyalty: { column: 'visits', split: null, upper: null, source: { kind: 'column' } },
    };
    edit(model);
    return modelToSql(model, sqlContext(dataset, analyze(dataset, model), model), dialect);
  }

  it.each(['spark', 'duckdb', 'postgres'] as const)('in %s: writes relationship_group as NULL on a predicted axis and says why in the header', (dialect) => {
    const sql = gridSql(dialect, (model) => {
      model.gridSize = 3;
      model.axes.loyalty = { ...model.axes.loyalty, source: { kind: 'predicted', value: 'pAlive' } };
    });
    const text = { spark: 'STRING', duckdb: 'VARCHAR', postgres: 'TEXT' }[dialect];
    expect(body(sql)).toContain(`CAST(NULL AS ${text}) AS relationship_group`);
    expect(body(sql)).not.toContain('__crs_splits');
    expect(sql).toContain('-- Relationship grid 3×3:');
    expect(sql).toContain('--   loyalty: P(alive) from the lifetime-value fit\n');
    expect(sql).toContain('-- relationship_group is NULL: the grid splits loyalty on P(alive) from the lifetime-value fit (BG/NBD), which this SQL does not reproduce; use the scored CSV.');
  });

  it('names both predicted axes in the note', () => {
    const sql = gridSql('spark', (model) => {
      model.axes.profitability = { ...model.axes.profitability, source: { kind: 'predicted', value: 'clv' } };
      model.axes.loyalty = { ...model.axes.loyalty, source: { kind: 'predicted', value: 'expectedPurchases' } };
    });
    expect(sql).toContain('the grid splits profitability on Predicted CLV and loyalty on Expected purchases from the lifetime-value fit');
  });

  it('in Spark: takes 3×3 tertiles at the same sorted rows as the app, in integer arithmetic, and names the nine groups', () => {
    const sql = gridSql('spark', (model) => {
      model.gridSize = 3;
    });
    expect(sql).toContain(
      '(SELECT MIN(v) FROM (SELECT v, ROW_NUMBER() OVER (ORDER BY v) AS rn, COUNT(*) OVER () AS n FROM (SELECT CAST(t.`spend` AS DOUBLE) AS v FROM `customers` AS t) AS a WHERE v IS NOT NULL) AS m WHERE 3 * (rn - 1) <= (n - 1) AND (n - 1) < 3 * rn) AS `__crs_profit_split`',
    );
    expect(sql).toContain('WHERE 3 * (rn - 1) <= 2 * (n - 1) AND 2 * (n - 1) < 3 * rn) AS `__crs_loyalty_upper`');
    expect(sql).toContain(
      "WHEN 0 THEN 'strangers' WHEN 1 THEN 'occasional buyers' WHEN 2 THEN 'butterflies' WHEN 3 THEN 'drifters' WHEN 4 THEN 'core customers' WHEN 5 THEN 'rising friends' WHEN 6 THEN 'barnacles' WHEN 7 THEN 'steady regulars' WHEN 8 THEN 'true friends' END",
    );
    expect(sql).toContain('--   profitability: column `spend`, cuts its lower tertile and its upper tertile');
  });

  it('splits on a weight-0 factor’s shaped points without scoring it, and writes the user’s cuts as numbers', () => {
    const sql = gridSql('duckdb', (model) => {
      model.gridSize = 3;
      model.axes.loyalty = { ...model.axes.loyalty, split: 40, upper: 12.5, source: { kind: 'factor', factorId: 'satisfaction' } };
    });
    expect(sql).toContain('--   Satisfaction (weight 0: not in crs, read by the grid only): "visits", percentile, shape linear');
    expect(sql).toContain('--   loyalty: Satisfaction (its 0–100 points: the shaped value crs reads), cuts 40 and 12.5');
    expect(body(sql)).toContain('CAST(\'12.5\' AS DOUBLE) AS "__crs_loyalty_upper"');
    expect(body(sql)).toContain('s."__crs_x1" >= g."__crs_loyalty_upper" AND s."__crs_x1" >= g."__crs_loyalty_split" THEN 2');
    // The crs reads x0 only.
    expect(body(sql)).not.toMatch(/COALESCE\("__crs_x1"/);
  });

  it('says why the group is NULL when a factor axis has no usable column', () => {
    const sql = gridSql('postgres', (model) => {
      model.factors[2] = { ...model.factors[2], column: null };
      model.axes.profitability = { ...model.axes.profitability, source: { kind: 'factor', factorId: 'purchase' } };
    });
    expect(sql).toContain('--   profitability: unreadable (Purchase history has no usable column mapped)\n');
    expect(sql).toContain('-- relationship_group is NULL: profitability cannot be read (Purchase history has no usable column mapped).');
    expect(body(sql)).toContain('CAST(NULL AS TEXT) AS relationship_group');
  });
});

describe('modelToSql with RFM', () => {
  // Days since a date: latest 2026-03-12 (day 20524), so 0, 11 and 70 days; orders 1..3; no monetary.
  const CSV = 'id,last_order,orders\na,2026-03-12,3\nb,2026-03-01,1\nc,2026-01-01,2\nd,,2\n';

  function rfmSql(dialect: 'spark' | 'duckdb', edit: (model: Model) => void = () => {}): string {
    const dataset = load(CSV);
    const model = defaultModel();
    model.rfm = { ...defaultRfm(), recency: 'last_order', frequency: 'orders', cuts: { r: [7, 30, 60, 90], f: null, m: null } };
    const context = sqlContext(dataset, analyze(dataset, model), model, scoreRfm(dataset, model.rfm));
    edit(model);
    return modelToSql(model, context, dialect);
  }

  it('in Spark: counts recency from the latest date as a constant, scores by the cuts and names the segment', () => {
    const sql = rfmSql('spark');
    expect(sql).toContain('(20524 - (CAST(CAST(t.`last_order` AS TIMESTAMP) AS DOUBLE) / 86400)) AS `__crs_rfm_rv`');
    // Recency: fewer days score higher; a value equal to a cut goes to the higher bucket.
    expect(sql).toContain(
      'CASE WHEN `__crs_rfm_rv` IS NULL THEN NULL WHEN `__crs_rfm_rv` >= 90 THEN 1 WHEN `__crs_rfm_rv` >= 60 THEN 2 WHEN `__crs_rfm_rv` >= 30 THEN 3 WHEN `__crs_rfm_rv` >= 7 THEN 4 ELSE 5 END AS `__crs_rfm_r`',
    );
    // Frequency by the file's quintiles of 3, 1, 2, 2: cuts 1, 2, 3, 3, so the two 2s share
    // the lowest score of the quintiles they span (F3), and the 3 is F5.
    expect(sql).toContain('WHEN `__crs_rfm_fv` >= 3 THEN 5 WHEN `__crs_rfm_fv` >= 3 THEN 4 WHEN `__crs_rfm_fv` >= 2 THEN 3 WHEN `__crs_rfm_fv` >= 1 THEN 2 ELSE 1 END');
    expect(sql).toContain("WHEN (s.`__crs_rfm_r` - 1) * 5 + (s.`__crs_rfm_f` - 1) IN (23, 24) THEN 'champions'");
    expect(sql).toContain("THEN 'potential loyalists'");
    expect(sql).toContain('CAST(NULL AS INTEGER) AS rfm_m');
    expect(sql).toMatch(/AS relationship_group,\n {2}s\.`__crs_rfm_r` AS rfm_r,\n {2}s\.`__crs_rfm_f` AS rfm_f,\n {2}CAST\(NULL AS INTEGER\) AS rfm_m,\n {2}CASE .* END AS rfm_segment\n/);
    expect(sql).toContain('-- RFM: rfm_r, rfm_f, rfm_m score 1 to 5');
    expect(sql).toContain("--   recency `last_order` (days since 2026-03-12, the file's latest date), fewer days score higher, cuts 7, 30, 60, 90");
    expect(body(sql)).not.toMatch(/"last_order"/);
  });

  it('follows an edited segment map, leaving out a segment no cell has', () => {
    const sql = rfmSql('duckdb', (model) => {
      model.rfm.segmentMap = model.rfm.segmentMap.map((segment) => (segment === 'champions' ? 'loyal' : segment));
    });
    expect(sql).not.toContain("'champions'");
    expect(sql).toContain("IN (13, 14, 18, 19, 23, 24) THEN 'loyal'");
  });

  it('writes no RFM columns without RFM scores, or when the model’s RFM columns are no longer the ones scored', () => {
    const { model, context } = tricky();
    expect(modelToSql(model, context, 'duckdb')).not.toContain('rfm');
    const stale = rfmSql('duckdb', (m) => {
      m.rfm.frequency = 'id';
    });
    expect(stale).not.toContain('rfm_');
    expect(rfmSql('duckdb')).toContain('AS rfm_segment');
  });
});

describe('modelToSql with an earlier table (movement columns)', () => {
  const model = snapshotModel();
  const now = load(NOW_CSV);
  const earlier = load(EARLIER_CSV);
  const context: SqlContext = sqlContext(now, analyze(now, model), model);
  const previous = previousReading(earlier, analyze(earlier, model), model, { idColumn: 'customer_id', previousIdColumn: 'customer_id' });

  it('writes today’s SQL unless both an earlier table and the earlier file’s reading are given', () => {
    const plain = modelToSql(model, context, 'duckdb');
    expect(modelToSql(model, { ...context, previous }, 'duckdb')).toBe(plain);
    expect(modelToSql(model, context, 'duckdb', 'customers', 'earlier')).toBe(plain);
    expect(modelToSql(model, { ...context, previous }, 'duckdb', 'customers', 'earlier')).not.toBe(plain);
  });

  it('in Spark: scores the earlier table with helpers of its own and joins on the trimmed id text, once per id on each side', () => {
    const sql = modelToSql(model, { ...context, previous }, 'spark', 'crm.now', 'crm.march');
    expect(body(sql)).toContain('FROM `crm`.`march` AS t');
    expect(body(sql)).toContain('`__crs_prev_scored` AS (');
    expect(body(sql)).toContain("NULLIF(TRIM(CAST(s.`customer_id` AS STRING)), '') AS `__crs_id`");
    expect(body(sql)).toContain('LEFT JOIN `__crs_previous` AS p ON p.`__crs_id` = s.`__crs_id` AND s.`__crs_id_rows` = 1 AND p.`__crs_id_rows` = 1');
    expect(body(sql)).toMatch(/AS previous_crs,\n {2}\(FLOOR\(s\.`__crs_crs` \* 10 \+ CAST\('0\.5' AS DOUBLE\)\) - FLOOR\(p\.`__crs_crs` \* 10 \+ CAST\('0\.5' AS DOUBLE\)\)\) \/ 10 AS crs_change,/);
    // The earlier file has no csat column: its factors are its own, so csat is not read there.
    expect(sql).toContain(
      '-- Factors in crm.march:\n--   Engagement (weight 50): `engagement_score`, min-max, shape linear\n--   Purchase history (weight 30): `total_revenue`, percentile, shape linear\nWITH ',
    );
  });

  it('keeps helper names free of both tables’ columns', () => {
    const odd: SqlContext = { ...context, previous: { ...previous, columns: [...previous.columns, { name: '__crs_note', kind: 'text' }] } };
    expect(body(modelToSql(model, odd, 'duckdb', 'customers', 'earlier'))).toContain('"___crs_prev_base" AS (');
  });

  it('refuses an id column its table does not have (a caller’s bug)', () => {
    expect(() => modelToSql(model, { ...context, previous: { ...previous, previousIdColumn: 'account' } }, 'postgres', 'customers', 'earlier')).toThrow(SqlExportError);
  });
});
