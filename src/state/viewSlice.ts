// View slice: the customer table's order, filters, visible rows, and the customer whose
// score is being explained.
import type { StateCreator } from 'zustand';
import { DEFAULT_VIEW, type CustomerRow, type TableView } from '../core/table';
import type { AppState } from './store';

export type { TablePage } from '../workers/protocol';
import type { TablePage } from '../workers/protocol';

export interface ViewSlice {
  tableView: TableView;
  /** Rows the table wants: what is on screen plus a margin. */
  tableRange: { start: number; count: number };
  tablePage: TablePage | null;
  selectedRow: number | null;
  selectedCustomer: CustomerRow | null;
  setTableView: (change: Partial<TableView>) => void;
  setTableRange: (start: number, count: number) => void;
  setTablePage: (page: TablePage) => void;
  selectRow: (row: number | null) => void;
  setSelectedCustomer: (customer: CustomerRow | null) => void;
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  tableView: DEFAULT_VIEW,
  tableRange: { start: 0, count: 60 },
  tablePage: null,
  selectedRow: null,
  selectedCustomer: null,
  setTableView: (change) => set((s) => ({ tableView: { ...s.tableView, ...change }, tableRange: { start: 0, count: s.tableRange.count } })),
  setTableRange: (start, count) => set((s) => (s.tableRange.start === start && s.tableRange.count === count ? {} : { tableRange: { start, count } })),
  setTablePage: (tablePage) => set({ tablePage }),
  selectRow: (selectedRow) => set({ selectedRow, selectedCustomer: null }),
  setSelectedCustomer: (selectedCustomer) => set({ selectedCustomer }),
});
