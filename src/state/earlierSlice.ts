// Earlier-file slice: the file the current one is compared with (issue 17), how its reading
// went, the id columns both are matched on, and the selected customer's earlier side.
import type { StateCreator } from 'zustand';
import type { CompareIds, PreviousCustomer } from '../workers/comparison';
import type { AppState } from './store';

export interface EarlierFile {
  file: Blob;
  name: string;
  /** Being read by the engine, read, or refused (message says why). */
  status: 'reading' | 'ready' | 'failed';
  rows: number | null;
  /** What the reading noticed (renamed headers, recovered rows…), as for any file. */
  notices: string[];
  message: string | null;
}

export interface EarlierSlice {
  earlier: EarlierFile | null;
  earlierIds: CompareIds;
  /** The selected customer in the earlier file; null when not compared or not in it. */
  selectedPrevious: PreviousCustomer | null;
  compareWithEarlier: (file: Blob, name: string) => void;
  /** The engine's answer for the earlier file (or the file read again for a new current file). */
  earlierRead: (outcome: { ok: true; rows: number; notices: string[] } | { ok: false; message: string }) => void;
  /** The engine is reading the earlier file again (a new current file is loaded). */
  earlierRereading: () => void;
  setEarlierIds: (ids: CompareIds) => void;
  forgetEarlier: () => void;
  setSelectedPrevious: (previous: PreviousCustomer | null) => void;
}

const NO_IDS: CompareIds = { current: null, previous: null };

export const createEarlierSlice: StateCreator<AppState, [], [], EarlierSlice> = (set) => ({
  earlier: null,
  earlierIds: NO_IDS,
  selectedPrevious: null,
  compareWithEarlier: (file, name) => set({ earlier: { file, name, status: 'reading', rows: null, notices: [], message: null }, earlierIds: NO_IDS, selectedPrevious: null }),
  earlierRead: (outcome) =>
    set((s) =>
      s.earlier
        ? {
            earlier: outcome.ok
              ? { ...s.earlier, status: 'ready', rows: outcome.rows, notices: outcome.notices, message: null }
              : { ...s.earlier, status: 'failed', rows: null, notices: [], message: outcome.message },
          }
        : {},
    ),
  earlierRereading: () => set((s) => (s.earlier ? { earlier: { ...s.earlier, status: 'reading' } } : {})),
  setEarlierIds: (earlierIds) => set({ earlierIds }),
  forgetEarlier: () => set((s) => ({ earlier: null, earlierIds: NO_IDS, selectedPrevious: null, tableView: s.tableView.movement ? { ...s.tableView, movement: null } : s.tableView })),
  setSelectedPrevious: (selectedPrevious) => set({ selectedPrevious }),
});
