// Data slice: what is loaded, what is loading, and what the user must be told.
import type { StateCreator } from 'zustand';
import type { AnalysisSummary, DatasetSummary, TablePage } from '../workers/protocol';
import type { KpiBreakdown } from '../core/breakdown';
import type { SqlDialect } from '../core/export/sql';
import type { AppState } from './store';

export interface Loading {
  file: Blob;
  fileName: string;
  phase: 'reading' | 'parsing';
  fraction: number;
}

export interface DataSlice {
  dataset: DatasetSummary | null;
  loading: Loading | null;
  analysis: AnalysisSummary | null;
  /** The one problem shown in role="alert"; the loaded dataset stays loaded. */
  alert: string | null;
  exportRequest: number;
  /** What the last export asked for: every row, or the table's current view. */
  exportScope: 'all' | 'view';
  exporting: boolean;
  loadFile: (file: Blob, fileName: string) => void;
  cancelLoad: () => void;
  setProgress: (phase: Loading['phase'], fraction: number) => void;
  /** New scores, with the table page computed from them when the engine sent one. */
  setAnalysis: (analysis: AnalysisSummary, page?: TablePage, breakdown?: KpiBreakdown | null) => void;
  showAlert: (message: string) => void;
  dismissAlert: () => void;
  requestExport: (scope?: 'all' | 'view') => void;
  exportFinished: () => void;
  /** "Export as SQL": asked for (a counter) in a dialect. */
  sqlRequest: { count: number; dialect: SqlDialect };
  requestSql: (dialect: SqlDialect) => void;
}

export const createDataSlice: StateCreator<AppState, [], [], DataSlice> = (set) => ({
  dataset: null,
  loading: null,
  analysis: null,
  alert: null,
  exportRequest: 0,
  exportScope: 'all',
  exporting: false,
  loadFile: (file, fileName) => set({ loading: { file, fileName, phase: 'reading', fraction: 0 }, alert: null }),
  cancelLoad: () => set({ loading: null }),
  setProgress: (phase, fraction) => set((s) => (s.loading ? { loading: { ...s.loading, phase, fraction } } : {})),
  // One store update for all a scoring changed, so every view repaints in the same frame.
  setAnalysis: (analysis, page, breakdown) =>
    set((s) => ({ analysis, ...(page ? { tablePage: page } : {}), ...(breakdown && breakdown.by === s.breakdownBy ? { breakdown } : {}) })),
  showAlert: (message) => set({ alert: message }),
  dismissAlert: () => set({ alert: null }),
  requestExport: (scope = 'all') => set((s) => ({ exportRequest: s.exportRequest + 1, exportScope: scope, exporting: true })),
  exportFinished: () => set({ exporting: false }),
  sqlRequest: { count: 0, dialect: 'duckdb' },
  requestSql: (dialect) => set((s) => ({ sqlRequest: { count: s.sqlRequest.count + 1, dialect } })),
});
