import { useState } from 'react';
import { SQL_DIALECTS, type SqlDialect } from '../../core/export/sql';
import { useAppStore } from '../../state/store';

const DIALECT_LABELS: Record<SqlDialect, string> = { duckdb: 'DuckDB', postgres: 'PostgreSQL', spark: 'Spark SQL' };

/** "Export as SQL": the model as one SELECT that scores a warehouse table as the app scores the file. */
export function SqlExport() {
  const [dialect, setDialect] = useState<SqlDialect>('duckdb');
  const requestSql = useAppStore((s) => s.requestSql);
  const canExport = useAppStore((s) => s.analysis !== null);
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
      <button type="button" className="button" disabled={!canExport} onClick={() => requestSql(dialect)}>
        Export as SQL
      </button>
    </div>
  );
}
