// Model slice: the scoring model the user edits; every change re-scores in the worker.
import type { StateCreator } from 'zustand';
import {
  COLUMN_SOURCE,
  defaultModel,
  DEFAULT_FACTORS,
  type Axis,
  type AxisSource,
  type BandThresholds,
  type Factor,
  type KpiInput,
  type Model,
  type Normalization,
  type Outcome,
  type Rule,
  type Shape,
} from '../core/model/model';
import { autoMap, isHigherWorseHeader } from '../core/schema/mapping';
import { CUSTOM_FACTOR_WEIGHT, shapeForColumn, type ColumnFit, withFactorAdded, withFactorRemoved, withRuleAdded, withRuleChanged, withRuleRemoved } from '../core/model/modelEdits';
import { fitModelToColumns, missingColumnsNotice, problemsText } from '../core/model/modelFile';
import { parseModel } from '../core/model/modelSchema';
import { ANALYSIS_PARTS, mergeParts, type AnalysisParts, type DatasetSummary } from '../workers/protocol';
import type { AppState } from './store';
import { gridGroups, type GridSize } from '../core/groups/segment';
import type { TenureUnit } from '../core/groups/tenure';

export interface ModelSlice {
  model: Model;
  setWeight: (factorId: string, weight: number) => void;
  resetWeights: () => void;
  setFactorColumn: (factorId: string, column: string | null) => void;
  setFactorNormalization: (factorId: string, normalization: Normalization) => void;
  setFactorDirection: (factorId: string, isHigherBetter: boolean) => void;
  setFactorShape: (factorId: string, shape: Shape) => void;
  /** A new factor on any numeric or categorical column: custom-<n>, weight 10, linear (points per value when categorical). */
  addFactor: (column: string) => void;
  /** Removes a factor, keeping at least one. */
  removeFactor: (factorId: string) => void;
  /** A new rule on the file's first number or yes/no column. */
  addRule: () => void;
  updateRule: (ruleId: string, change: Partial<Omit<Rule, 'id'>>) => void;
  removeRule: (ruleId: string) => void;
  setAxisColumn: (axis: Axis, column: string | null) => void;
  setAxisSplit: (axis: Axis, split: number | null) => void;
  /** 3×3 grids: the upper split (null = the upper tertile). */
  setAxisUpper: (axis: Axis, upper: number | null) => void;
  /** The unit of a date column's tenure on the axis; its cuts are in the old unit, so they reset. */
  setAxisTenureUnit: (axis: Axis, unit: TenureUnit) => void;
  /** What an axis splits on (its column, a factor's points, a prediction); its splits go back to the defaults. */
  setAxisSource: (axis: Axis, source: AxisSource, column?: string | null) => void;
  /** 2×2 or 3×3: splits go back to the defaults, and a group filter the new grid lacks is cleared. */
  setGridSize: (size: GridSize) => void;
  setBands: (bands: BandThresholds) => void;
  setKpiInput: (input: KpiInput, column: string | null) => void;
  /** The yes/no column the score is validated against, and whether a yes is good. */
  setOutcome: (outcome: Outcome) => void;
  /** Sets several weights (and directions) at once, as a suggestion has them: one re-score. Ids not in the maps keep theirs. */
  applyWeights: (weights: Record<string, number>, isHigherBetter?: Record<string, boolean>, categoryPoints?: Record<string, Record<string, number>>) => void;
  /**
   * A dataset finished loading: keep it with the model the engine mapped and scored it
   * with, or, without those, map the current model's columns here.
   */
  /** `parts`: what the engine derived for the model it mapped; kept even when that model is no longer the current one (marked stale), because the engine sends a part again only when it changes. */
  datasetLoaded: (dataset: DatasetSummary, mapped?: { model: Model; parts: Partial<AnalysisParts> }, parts?: Partial<AnalysisParts>) => void;
}

/** The values of a categorical column of the loaded file, 'date' for a date column, undefined for any other column. */
function columnFitOf(dataset: DatasetSummary | null, column: string): ColumnFit {
  const found = dataset?.columns.find((c) => c.name === column);
  return found?.kind === 'date' ? 'date' : found?.categories;
}

function updateFactor(model: Model, factorId: string, change: Partial<Factor>): Model {
  return { ...model, factors: model.factors.map((factor) => (factor.id === factorId ? { ...factor, ...change } : factor)) };
}

type SetState = (partial: Partial<AppState> | ((state: AppState) => Partial<AppState>)) => void;

/**
 * Every model edit passes the one schema a saved model, a model file and a share link are
 * read with (src/core/model/modelSchema.ts): the UI cannot make a model that would not open
 * again. An edit the schema refuses is not made, and the alert says why.
 */
function checkedEdits(set: SetState): SetState {
  return (partial) =>
    set((state) => {
      const change = typeof partial === 'function' ? partial(state) : partial;
      if (change.model === undefined || change.model === state.model) return change;
      const checked = parseModel(change.model);
      return checked.ok ? change : { alert: `That change was not made, as the model could not be saved and opened again: ${problemsText(checked.problems)}.` };
    });
}

export const createModelSlice: StateCreator<AppState, [], [], ModelSlice> = (rawSet) => {
  const set = checkedEdits(rawSet);
  return {
    model: defaultModel(),
    setWeight: (factorId, weight) => set((s) => ({ model: updateFactor(s.model, factorId, { weight: Math.min(100, Math.max(0, weight)) }) })),
    resetWeights: () =>
      set((s) => ({
        // Default factors to their default weights, added ones to the weight they were added with.
        model: { ...s.model, factors: s.model.factors.map((factor) => ({ ...factor, weight: DEFAULT_FACTORS.find((d) => d.id === factor.id)?.weight ?? CUSTOM_FACTOR_WEIGHT })) },
      })),
    setFactorColumn: (factorId, column) =>
      set((s) => {
        const shape = s.model.factors.find((factor) => factor.id === factorId)?.shape ?? { kind: 'linear' };
        if (column === null) return { model: updateFactor(s.model, factorId, { column }) };
        // A column named like a count of problems (open cases, tickets) starts as "higher is worse".
        return { model: updateFactor(s.model, factorId, { column, shape: shapeForColumn(shape, columnFitOf(s.dataset, column)), isHigherBetter: !isHigherWorseHeader(column) }) };
      }),
    setFactorNormalization: (factorId, normalization) => set((s) => ({ model: updateFactor(s.model, factorId, { normalization }) })),
    setFactorDirection: (factorId, isHigherBetter) => set((s) => ({ model: updateFactor(s.model, factorId, { isHigherBetter }) })),
    setFactorShape: (factorId, shape) => set((s) => ({ model: updateFactor(s.model, factorId, { shape }) })),
    addFactor: (column) => set((s) => ({ model: withFactorAdded(s.model, column, columnFitOf(s.dataset, column)) })),
    removeFactor: (factorId) => set((s) => ({ model: withFactorRemoved(s.model, factorId) })),
    addRule: () => set((s) => ({ model: withRuleAdded(s.model, s.dataset?.columns ?? []) })),
    updateRule: (ruleId, change) => set((s) => ({ model: withRuleChanged(s.model, ruleId, change) })),
    removeRule: (ruleId) => set((s) => ({ model: withRuleRemoved(s.model, ruleId) })),
    // Choosing an axis's column means splitting on it.
    setAxisColumn: (axis, column) => set((s) => ({ model: { ...s.model, axes: { ...s.model.axes, [axis]: { column, split: null, upper: null, source: COLUMN_SOURCE } } } })),
    setAxisSplit: (axis, split) => set((s) => ({ model: { ...s.model, axes: { ...s.model.axes, [axis]: { ...s.model.axes[axis], split } } } })),
    setAxisTenureUnit: (axis, tenureUnit) => set((s) => ({ model: { ...s.model, axes: { ...s.model.axes, [axis]: { ...s.model.axes[axis], tenureUnit, split: null, upper: null } } } })),
    setAxisUpper: (axis, upper) => set((s) => ({ model: { ...s.model, axes: { ...s.model.axes, [axis]: { ...s.model.axes[axis], upper } } } })),
    setAxisSource: (axis, source, column) =>
      set((s) => {
        const spec = s.model.axes[axis];
        return { model: { ...s.model, axes: { ...s.model.axes, [axis]: { column: column === undefined ? spec.column : column, split: null, upper: null, source } } } };
      }),
    setGridSize: (gridSize) =>
      set((s) => {
        const reset = (axis: Axis) => ({ ...s.model.axes[axis], split: null, upper: null });
        const group = s.tableView.group !== null && gridGroups(gridSize).includes(s.tableView.group) ? s.tableView.group : null;
        return { model: { ...s.model, gridSize, axes: { profitability: reset('profitability'), loyalty: reset('loyalty') } }, tableView: { ...s.tableView, group } };
      }),
    setBands: (bands) => set((s) => ({ model: { ...s.model, bands } })),
    setKpiInput: (input, column) => set((s) => ({ model: { ...s.model, kpiInputs: { ...s.model.kpiInputs, [input]: column } } })),
    setOutcome: (outcome) => set((s) => ({ model: { ...s.model, outcome } })),
    applyWeights: (weights, isHigherBetter = {}, categoryPoints = {}) =>
      set((s) => ({
        model: {
          ...s.model,
          factors: s.model.factors.map((factor) => ({
            ...factor,
            // Own keys only: a factor id such as "toString" is not read off the object's prototype.
            weight: Object.hasOwn(weights, factor.id) && Number.isFinite(weights[factor.id]) ? Math.min(100, Math.max(0, weights[factor.id])) : factor.weight,
            isHigherBetter: Object.hasOwn(isHigherBetter, factor.id) ? isHigherBetter[factor.id] : factor.isHigherBetter,
            shape: Object.hasOwn(categoryPoints, factor.id) && factor.shape.kind === 'categories' ? { kind: 'categories' as const, points: { ...categoryPoints[factor.id] } } : factor.shape,
          })),
        },
      })),
    datasetLoaded: (dataset, mapped, parts = mapped?.parts) =>
      set((s) => {
        // An imported model naming columns this file lacks is used as fitted (those left
        // unmapped, with a notice), not as auto-mapped, so the user sees what to choose. The
        // current model is the imported one plus any edits made while no file was loaded.
        const fit = s.pendingModel ? fitModelToColumns(s.model, dataset.columns) : null;
        const isFitted = fit !== null && fit.missing.length > 0;
        return {
          dataset,
          loadId: s.loadId + 1,
          loading: null,
          loadedFrom: s.loading ? { file: s.loading.file, fileName: s.loading.fileName, choice: s.loading.choice } : s.loadedFrom,
          tablePage: null,
          selectedRow: null,
          selectedCustomer: null,
          breakdown: null,
          compare: null,
          suggestion: null,
          scenarioA: null,
          scenario: null,
          // A lifetime-value result belongs to the file it was fitted on.
          clvOutcome: null,
          clvFitting: false,
          analysis: parts ? mergeParts(null, parts) : null,
          // What the first screen did not ask for is yet to come, and all of it when the engine scored another
          // model than the current one (changed during the load, or fitted from an import): its views say they are catching up.
          stale: Object.fromEntries(ANALYSIS_PARTS.filter((part) => isFitted || !mapped || !parts || !(part in parts)).map((part) => [part, true])),
          model: isFitted ? fit.model : (mapped?.model ?? autoMap(s.model, dataset.columns)),
          pendingModel: null,
          ...(fit ? { modelNotice: isFitted ? missingColumnsNotice(fit.missing) : null } : {}),
        };
      }),
  };
};
