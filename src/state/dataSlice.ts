// Data slice: what is loaded, what is loading, and what the user must be told.
import type { StateCreator } from 'zustand';
import { mergeParts, type AnalysisPart, type AnalysisParts, type AnalysisSummary, type DatasetSummary } from '../workers/protocol';
import type { SqlDialect } from '../core/export/sql';
import type { AppState } from './store';
import { ANALYSIS_PARTS } from '../workers/protocol';

function noDemand(): Record<AnalysisPart, number> {
  return Object.fromEntries(ANALYSIS_PARTS.map((part) => [part, 0])) as Record<AnalysisPart, number>;
}

function countDemand(demand: Record<AnalysisPart, number>, parts: readonly AnalysisPart[], by: 1 | -1): Record<AnalysisPart, number> {
  const next = { ...demand };
  for (const part of parts) next[part] = Math.max(0, next[part] + by);
  return next;
}

function sameKeys(a: object, b: object): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key));
}

/** How a file is read beyond its bytes: the header row and the spreadsheet sheet the user chose (found when absent). */
export interface ReadChoice {
  headerIndex?: number;
  sheet?: string;
}

export interface Loading {
  file: Blob;
  fileName: string;
  choice: ReadChoice;
  phase: 'reading' | 'parsing';
  fraction: number;
}

export interface DataSlice {
  dataset: DatasetSummary | null;
  /**
   * Which load the dataset came from (each load counts one): figures computed for a file
   * say so by this, not by the dataset object, which is replaced when its columns' details
   * arrive after the load.
   */
  loadId: number;
  loading: Loading | null;
  analysis: AnalysisSummary | null;
  /** The one problem shown in role="alert"; the loaded dataset stays loaded. */
  alert: string | null;
  exportRequest: number;
  /** What the last export asked for: every row, or the table's current view. */
  /** What the export writes: every customer, the table's view, or the earlier file's customers gone since (from one earlier band or group, or all). */
  exportScope: 'all' | 'view' | { gone: { table: 'band' | 'group'; from: number | null } };
  exporting: boolean;
  loadFile: (file: Blob, fileName: string, choice?: ReadChoice) => void;
  /** The file the dataset was loaded from and how it was read: read again with another header row or sheet. */
  loadedFrom: { file: Blob; fileName: string; choice: ReadChoice } | null;
  /** Loads the current file again with another header row or sheet. */
  rereadWith: (choice: ReadChoice) => void;
  cancelLoad: () => void;
  setProgress: (phase: Loading['phase'], fraction: number) => void;
  /**
   * How many views on screen (or about to be) show each part of the analysis: the engine
   * computes only these. A view asks with useDemand (src/state/demand.ts).
   */
  demand: Record<AnalysisPart, number>;
  /** Parts whose figures are of an earlier model or filter: their views say they are catching up. */
  stale: Partial<Record<AnalysisPart, true>>;
  showParts: (parts: readonly AnalysisPart[]) => void;
  hideParts: (parts: readonly AnalysisPart[]) => void;
  /** Parts asked for are being recomputed, others went out of date: mark those not asked for as stale. */
  markStale: (asked: readonly AnalysisPart[]) => void;
  /** Parts that changed (one store update for all, so every view repaints in the same frame), and the parts now up to date. */
  applyParts: (parts: Partial<AnalysisParts>, current: readonly AnalysisPart[]) => void;
  showAlert: (message: string) => void;
  dismissAlert: () => void;
  requestExport: (scope?: DataSlice['exportScope']) => void;
  exportFinished: () => void;
  /** "Export as SQL": asked for (a counter) in a dialect; previousTable: the earlier file's table, for the movement columns (null: none). */
  sqlRequest: { count: number; dialect: SqlDialect; previousTable: string | null };
  requestSql: (dialect: SqlDialect, previousTable?: string | null) => void;
}

export const createDataSlice: StateCreator<AppState, [], [], DataSlice> = (set) => ({
  dataset: null,
  loadId: 0,
  loading: null,
  analysis: null,
  alert: null,
  exportRequest: 0,
  exportScope: 'all',
  exporting: false,
  loadFile: (file, fileName, choice = {}) => set({ loading: { file, fileName, choice, phase: 'reading', fraction: 0 }, alert: null }),
  loadedFrom: null,
  rereadWith: (choice) =>
    set((s) => (s.loadedFrom ? { loading: { file: s.loadedFrom.file, fileName: s.loadedFrom.fileName, choice: { ...s.loadedFrom.choice, ...choice }, phase: 'reading', fraction: 0 }, alert: null } : {})),
  cancelLoad: () => set({ loading: null }),
  setProgress: (phase, fraction) => set((s) => (s.loading ? { loading: { ...s.loading, phase, fraction } } : {})),
  demand: noDemand(),
  stale: {},
  showParts: (parts) => set((s) => ({ demand: countDemand(s.demand, parts, 1) })),
  hideParts: (parts) => set((s) => ({ demand: countDemand(s.demand, parts, -1) })),
  markStale: (asked) =>
    set((s) => {
      const stale: Partial<Record<AnalysisPart, true>> = {};
      for (const part of ANALYSIS_PARTS) if (!asked.includes(part) && (s.stale[part] || s.analysis !== null)) stale[part] = true;
      return sameKeys(stale, s.stale) ? {} : { stale };
    }),
  applyParts: (parts, current) =>
    set((s) => {
      const stale = { ...s.stale };
      for (const part of current) delete stale[part];
      return {
        analysis: mergeParts(s.analysis, parts),
        // Every column read: the pickers and notices see their kinds' details (categories, ranges, invalid cells).
        ...(parts.columns && s.dataset ? { dataset: { ...s.dataset, columns: parts.columns } } : {}),
        ...(parts.table ? { tablePage: parts.table } : {}),
        ...(parts.breakdown && parts.breakdown.by === s.breakdownBy ? { breakdown: parts.breakdown } : {}),
        ...(sameKeys(stale, s.stale) ? {} : { stale }),
      };
    }),
  showAlert: (message) => set({ alert: message }),
  dismissAlert: () => set({ alert: null }),
  requestExport: (scope = 'all') => set((s) => ({ exportRequest: s.exportRequest + 1, exportScope: scope, exporting: true })),
  exportFinished: () => set({ exporting: false }),
  sqlRequest: { count: 0, dialect: 'duckdb', previousTable: null },
  requestSql: (dialect, previousTable = null) => set((s) => ({ sqlRequest: { count: s.sqlRequest.count + 1, dialect, previousTable } })),
});
