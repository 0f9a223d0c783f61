// Persist slice: a model brought in from outside (a model file, a shared link) waiting
// for a file or applied to the loaded one, what the user is told about it and about this
// browser's storage, and "Clear data". The storage itself is src/state/persist.ts.
import type { StateCreator } from 'zustand';
import { defaultModel, type Model } from '../core/model/model';
import { fitModelToColumns, missingColumnsNotice } from '../core/model/modelFile';
import type { AppState } from './store';

export interface PersistSlice {
  /** A model imported before any file was loaded: applied, fitted to its columns, when one loads. */
  pendingModel: Model | null;
  /** About the imported model: applied, waiting for a file, or naming the columns the file lacks. */
  modelNotice: string | null;
  /** This browser could not keep or give back the data (quota, private mode): non-blocking. */
  storageNotice: string | null;
  /** The file restored from this browser at startup, once it has loaded. */
  restoredFrom: string | null;
  /** Asked to forget the stored data (a counter, like exportRequest). */
  clearRequest: number;
  /** Uses a model from outside; `source` names it in the notice ("the model in crs-model.json"). */
  applyModel: (model: Model, source: string) => void;
  dismissModelNotice: () => void;
  showStorageNotice: (message: string) => void;
  dismissStorageNotice: () => void;
  /** Back to the empty state, and the stored dataset and model forgotten. */
  clearData: () => void;
}

export const createPersistSlice: StateCreator<AppState, [], [], PersistSlice> = (set) => ({
  pendingModel: null,
  modelNotice: null,
  storageNotice: null,
  restoredFrom: null,
  clearRequest: 0,
  applyModel: (model, source) =>
    set((s) => {
      if (s.dataset === null) return { model, pendingModel: model, modelNotice: `Using ${source}: it applies to the next file you load.` };
      const fit = fitModelToColumns(model, s.dataset.columns);
      return { model: fit.model, pendingModel: null, modelNotice: fit.missing.length > 0 ? missingColumnsNotice(fit.missing) : `Applied ${source}.` };
    }),
  dismissModelNotice: () => set({ modelNotice: null }),
  showStorageNotice: (storageNotice) => set({ storageNotice }),
  dismissStorageNotice: () => set({ storageNotice: null }),
  clearData: () =>
    set((s) => ({
      dataset: null,
      loadedFrom: null,
      loading: null,
      analysis: null,
      alert: null,
      model: defaultModel(),
      pendingModel: null,
      modelNotice: null,
      restoredFrom: null,
      tablePage: null,
      selectedRow: null,
      selectedCustomer: null,
      breakdownBy: null,
      breakdown: null,
      compare: null,
      earlier: null,
      earlierIds: { current: null, previous: null },
      selectedPrevious: null,
      suggestion: null,
      scenarioA: null,
      scenario: null,
      clearRequest: s.clearRequest + 1,
    })),
});
