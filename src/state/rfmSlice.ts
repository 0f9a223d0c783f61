// RFM slice: edits to the model's rfm section (columns, cut points, segment map); each re-analyses in the worker.
import type { StateCreator } from 'zustand';
import { withRfmFactors } from '../core/rfm/rfm';
import type { RfmDimension, RfmSegment, RfmSpec } from '../core/rfm/rfmSpec';
import type { AppState } from './store';

export interface RfmSlice {
  setRfmColumn: (role: 'recency' | 'frequency' | 'monetary', column: string | null) => void;
  /** Four ascending cut points, or null for quintiles. */
  setRfmCuts: (dimension: RfmDimension, cuts: number[] | null) => void;
  /** The segment of R×F cell (r − 1)·5 + (f − 1). */
  setRfmCellSegment: (cell: number, segment: RfmSegment) => void;
  /** Adds (or refreshes) the R, F and M scores as CRS factors, with the cuts of the latest analysis. */
  addRfmFactors: () => void;
}

const withRfm = (state: AppState, change: Partial<RfmSpec>) => ({ model: { ...state.model, rfm: { ...state.model.rfm, ...change } } });

export const createRfmSlice: StateCreator<AppState, [], [], RfmSlice> = (set) => ({
  setRfmColumn: (role, column) => set((s) => withRfm(s, { [role]: column })),
  setRfmCuts: (dimension, cuts) => set((s) => withRfm(s, { cuts: { ...s.model.rfm.cuts, [dimension]: cuts } })),
  setRfmCellSegment: (cell, segment) => set((s) => withRfm(s, { segmentMap: s.model.rfm.segmentMap.map((old, k) => (k === cell ? segment : old)) })),
  addRfmFactors: () =>
    set((s) => {
      const cuts = s.analysis?.rfm?.cuts;
      if (!cuts) return {};
      const recencyIsDate = s.dataset?.columns.find((column) => column.name === s.model.rfm.recency)?.kind === 'date';
      return { model: withRfmFactors(s.model, cuts, recencyIsDate) };
    }),
});
