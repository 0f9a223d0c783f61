// View slice: the customer table's order, filters, visible rows and columns, and the
// customer whose score is being explained.
import type { StateCreator } from 'zustand';
import { DEFAULT_VIEW, type CustomerRow, type TableView } from '../core/table/table';
import type { AppState } from './store';
import type { BreakdownBy, KpiBreakdown } from '../core/kpis/breakdown';
import { weightsSummary, type Model } from '../core/model/model';
import type { ScenarioComparison } from '../core/whatIf/scenario';
import type { ClvInputs, ClvResult } from '../core/clv/fromDataset';
import type { ScoreAggregates } from '../core/scoring/score';
import type { WeightSuggestion } from '../core/validation/outcome';

export type { TablePage } from '../workers/protocol';
import type { TablePage } from '../workers/protocol';

export interface ViewSlice {
  tableView: TableView;
  /** Rows the table wants: what is on screen plus a margin. */
  tableRange: { start: number; count: number };
  tablePage: TablePage | null;
  selectedRow: number | null;
  selectedCustomer: CustomerRow | null;
  /** Table columns by id: false = hidden (TanStack's VisibilityState); absent = shown. */
  columnVisibility: Record<string, boolean>;
  setTableView: (change: Partial<TableView>) => void;
  setTableRange: (start: number, count: number) => void;
  setTablePage: (page: TablePage) => void;
  selectRow: (row: number | null) => void;
  setSelectedCustomer: (customer: CustomerRow | null) => void;
  setColumnVisibility: (visibility: Record<string, boolean>) => void;
  /** Tiles show their value per group or band too, when set. */
  breakdownBy: BreakdownBy | null;
  breakdown: KpiBreakdown | null;
  setBreakdownBy: (by: BreakdownBy | null) => void;
  setBreakdown: (breakdown: KpiBreakdown) => void;
  /** The distribution pinned for comparison, and the weights it was scored with. */
  compare: { aggregates: ScoreAggregates; weights: string } | null;
  /** Pins the current distribution (null to stop comparing). */
  pinCompare: (on: boolean) => void;
  /** Suggested weights from a fit of the outcome: asked for (a counter), the answer, and the model it was fitted under. */
  suggestRequest: number;
  suggestion: { result: WeightSuggestion; outcome: string | null } | null;
  suggesting: boolean;
  requestSuggestion: () => void;
  setSuggestion: (result: WeightSuggestion) => void;
  dismissSuggestion: () => void;
  /** The model saved as scenario A (compared with the current one, B), and the comparison. */
  scenarioA: { model: Model; weights: string } | null;
  scenario: ScenarioComparison | null;
  saveScenarioA: () => void;
  /** Lifetime value: the inputs asked for (a counter bumps a request), the answer, and whether a fit runs. */
  clvRequest: { count: number; inputs: ClvInputs | null };
  clvOutcome: { ok: true; result: ClvResult } | { ok: false; problem: string } | null;
  clvFitting: boolean;
  requestClv: (inputs: ClvInputs) => void;
  setClvOutcome: (outcome: { ok: true; result: ClvResult } | { ok: false; problem: string }) => void;
  clearScenarioA: () => void;
  setScenario: (comparison: ScenarioComparison) => void;
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  tableView: DEFAULT_VIEW,
  tableRange: { start: 0, count: 60 },
  tablePage: null,
  selectedRow: null,
  selectedCustomer: null,
  columnVisibility: {},
  setTableView: (change) => set((s) => ({ tableView: { ...s.tableView, ...change }, tableRange: { start: 0, count: s.tableRange.count } })),
  setTableRange: (start, count) => set((s) => (s.tableRange.start === start && s.tableRange.count === count ? {} : { tableRange: { start, count } })),
  // The rows on screen are the table's part of the analysis: they bring it up to date.
  setTablePage: (tablePage) =>
    set((s) => {
      if (!s.stale.table) return { tablePage };
      const stale = { ...s.stale };
      delete stale.table;
      return { tablePage, stale };
    }),
  selectRow: (selectedRow) => set({ selectedRow, selectedCustomer: null }),
  setSelectedCustomer: (selectedCustomer) => set({ selectedCustomer }),
  setColumnVisibility: (columnVisibility) => set({ columnVisibility }),
  breakdownBy: null,
  breakdown: null,
  setBreakdownBy: (breakdownBy) => set((s) => ({ breakdownBy, breakdown: s.breakdown?.by === breakdownBy ? s.breakdown : null })),
  setBreakdown: (breakdown) => set((s) => (s.breakdownBy === breakdown.by ? { breakdown } : {})),
  compare: null,
  pinCompare: (on) => set((s) => ({ compare: on && s.analysis ? { aggregates: s.analysis.aggregates, weights: weightsSummary(s.model) } : null })),
  suggestRequest: 0,
  suggestion: null,
  suggesting: false,
  requestSuggestion: () => set((s) => ({ suggestRequest: s.suggestRequest + 1, suggestion: null, suggesting: true })),
  setSuggestion: (result) => set((s) => ({ suggestion: { result, outcome: s.model.outcome.column }, suggesting: false })),
  dismissSuggestion: () => set({ suggestion: null }),
  scenarioA: null,
  clvRequest: { count: 0, inputs: null },
  clvOutcome: null,
  clvFitting: false,
  // The fitted inputs join the model, so the grid can split on the predictions and a saved model reproduces them.
  requestClv: (inputs) => set((s) => ({ clvRequest: { count: s.clvRequest.count + 1, inputs }, clvFitting: true, model: { ...s.model, lifetime: inputs } })),
  setClvOutcome: (clvOutcome) => set({ clvOutcome, clvFitting: false }),
  scenario: null,
  saveScenarioA: () => set((s) => ({ scenarioA: { model: s.model, weights: weightsSummary(s.model) }, scenario: null })),
  clearScenarioA: () => set({ scenarioA: null, scenario: null }),
  setScenario: (scenario) => set((s) => (s.scenarioA ? { scenario } : {})),
});
