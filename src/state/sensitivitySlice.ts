// Sensitivity slice: the weight tornado and rank stability, computed on demand for the
// model of the moment (a full run costs ~3 s at 1M customers, too much for every
// slider step), and the selected customer's stability across nearby models.
import type { StateCreator } from 'zustand';
import type { Model } from '../core/model/model';
import type { CustomerStability, SensitivitySummary } from '../core/whatIf/sensitivity';
import type { AppState } from './store';

export interface SensitivitySlice {
  /** The model whose sensitivity was last asked for, in a new wrapper per ask so asking twice asks twice; null before any. */
  sensitivityRequest: { model: Model } | null;
  /** The answer, and the model and load it was computed for: stale once the model changes, void once another file loads. */
  sensitivity: { summary: SensitivitySummary; model: Model; loadId: number } | null;
  analysingSensitivity: boolean;
  /** The selected customer's ranks across nearby models, when analysed for the current model. */
  selectedStability: CustomerStability | null;
  requestSensitivity: () => void;
  setSensitivity: (summary: SensitivitySummary) => void;
  setSelectedStability: (stability: CustomerStability | null) => void;
}

export const createSensitivitySlice: StateCreator<AppState, [], [], SensitivitySlice> = (set) => ({
  sensitivityRequest: null,
  sensitivity: null,
  analysingSensitivity: false,
  selectedStability: null,
  requestSensitivity: () => set((s) => ({ sensitivityRequest: { model: s.model }, analysingSensitivity: true })),
  setSensitivity: (summary) => set((s) => ({ sensitivity: { summary, model: s.sensitivityRequest?.model ?? s.model, loadId: s.loadId }, analysingSensitivity: false })),
  setSelectedStability: (selectedStability) => set({ selectedStability }),
});
