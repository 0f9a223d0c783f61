import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createAppStore, StoreContext, type AppStore } from '../../src/state/store';
import { emptyAggregates } from '../../src/core/scoring/score';
import { NO_GROUP_SLOT } from '../../src/core/groups/segment';
import type { AnalysisSummary, DatasetSummary } from '../../src/workers/protocol';
import type { Kpi } from '../../src/core/kpis/kpis';

/** Renders ui over a fresh store, after `arrange` has put the store in the state under test. */
export function renderWithStore(ui: ReactElement, arrange: (store: AppStore) => void = () => {}) {
  const store = createAppStore();
  arrange(store);
  return { store, ...render(<StoreContext.Provider value={store}>{ui}</StoreContext.Provider>) };
}

/** A dataset summary as the worker sends it, for the given numeric columns. */
export function datasetSummary(columns: string[], rowCount = 10): DatasetSummary {
  return {
    name: 'customers.csv',
    sizeBytes: 1234,
    rowCount,
    columns: columns.map((name) => ({ name, kind: 'number', isScanned: true, missing: 0, invalid: 0, min: 0, max: 100 })),
    encoding: 'utf-8',
    delimiter: ',',
    decimal: 'point',
    raggedRows: 0,
    notices: [],
    header: { index: 0, line: 1, candidates: [{ index: 0, line: 1, preview: columns.join(', ') }] },
    sheets: null,
  };
}

/** An analysis summary with the given group counts (group codes of the grid, then no group last). */
export function analysisSummary(groupCounts: number[], bandCounts: number[] = [0, 0, 0], kpis: Kpi[] = [], gridSize: 2 | 3 = 2): AnalysisSummary {
  const aggregates = emptyAggregates();
  aggregates.groupCounts.set(groupCounts.slice(0, -1));
  aggregates.groupCounts[NO_GROUP_SLOT] = groupCounts[groupCounts.length - 1];
  aggregates.bandCounts.set(bandCounts);
  aggregates.scored = bandCounts.reduce((a, b) => a + b, 0);
  aggregates.sum = aggregates.scored * 50;
  return {
    factors: [],
    kpis,
    revenue: null,
    auc: null,
    scatter: null,
    validation: null,
    rfm: null,
    movement: null,
    earlier: null,
    axes: {
      profitability: { column: 'revenue', label: 'revenue', source: { kind: 'column' }, split: 100, upper: NaN, isMedian: true, unavailable: null },
      loyalty: { column: 'tenure', label: 'tenure', source: { kind: 'column' }, split: 12, upper: NaN, isMedian: true, unavailable: null },
    },
    gridSize,
    aggregates,
    mean: aggregates.scored ? 50 : NaN,
  };
}
