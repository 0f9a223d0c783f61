import { useState } from 'react';
import { SQL_DIALECTS, type SqlDialect } from '../../core/export/sql';
import { useAppStore } from '../../state/store';

const DIALECT_LABELS: Record<SqlDialect, string> = { duckdb: 'DuckDB', postgres: 'PostgreSQL', spark: 'Spark SQL' };

/**
 * "Export as SQL": the model as one SELECT that scores a warehouse table as the app scores
 * the file. With an earlier file compared, the earlier snapshot's table can be named too:
 * the SQL then adds previous_crs, crs_change, previous_band and previous_group by a join.
 */
export function SqlExport() {
  const [dialect, setDialect] = useState<SqlDialect>('duckdb');
  const [previousTable, setPreviousTable] = useState('');
  const requestSql = useAppStore((s) => s.requestSql);
  const canExport = useAppStore((s) => s.analysis !== null);
  const isComparing = useAppStore((s) => s.earlier?.status === 'ready');
  return (
    <div className="sql-export">
      <label>
        <span>SQL dialect</span>
        <select value={dialect} onChange={(event) => setDialect(SQL_DIALECTS.find((d) => d === event.currentTarget.value) ?? 'duckdb')}>
          {SQL_DIALECTS.map((d) => (
            <option key={d} value={d}>
              {DIALECT_LABELS[d]}
            </option>
          ))}
        </select>
      </label>
      {isComparing ? (
        <label>
          <span>Earlier table (optional)</span>
          <input type="text" size={14} value={previousTable} placeholder="schema.table" spellCheck={false} onChange={(event) => setPreviousTable(event.currentTarget.value)} />
        </label>
      ) : null}
      <button type="button" className="button" disabled={!canExport} onClick={() => requestSql(dialect, isComparing && previousTable.trim() !== '' ? previousTable.trim() : null)}>
        Export as SQL
      </button>
    </div>
  );
}
