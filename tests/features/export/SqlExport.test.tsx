import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SqlExport } from '../../../src/features/export/SqlExport';
import type { MovementSummary } from '../../../src/workers/comparison';
import { analysisSummary, datasetSummary, renderWithStore } from '../renderWithStore';

/** A comparison as the engine sends it: two customers matched on customer_id, no one moved. */
const movement: MovementSummary = {
  previousName: 'march.csv',
  previousRows: 2,
  idColumn: 'customer_id',
  previousIdColumn: 'customer_id',
  columns: { current: ['customer_id', 'engagement_score'], previous: ['customer_id', 'engagement_score'] },
  missingColumns: [],
  match: { matched: 2, added: 0, gone: 0, blank: { current: 0, previous: 0 }, duplicate: { current: 0, previous: 0, currentIds: [], previousIds: [] }, ambiguous: 0 },
  bands: { counts: new Array<number>(25).fill(0), revenue: null },
  groups: { counts: new Array<number>(36).fill(0), revenue: null, gridSize: 2 },
  mean: { customers: 2, previousMean: 50, currentMean: 50, change: 0, byFactor: [], rest: 0 },
  kpis: [],
};

describe('SqlExport', () => {
  it('asks for the SQL in the chosen dialect, with no earlier table when no file is compared', async () => {
    const { store } = renderWithStore(<SqlExport />, (s) => s.setState({ dataset: datasetSummary(['engagement_score']), analysis: analysisSummary([0, 0, 0, 0, 2]) }));
    expect(screen.queryByRole('textbox', { name: 'Earlier table (optional)' })).toBeNull();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'SQL dialect' }), 'PostgreSQL');
    await userEvent.click(screen.getByRole('button', { name: 'Export as SQL' }));
    expect(store.getState().sqlRequest).toEqual({ count: 1, dialect: 'postgres', previousTable: null });
  });

  it('takes the earlier snapshot’s table while a file is compared, for the movement columns', async () => {
    const { store } = renderWithStore(<SqlExport />, (s) => s.setState({ dataset: datasetSummary(['engagement_score']), analysis: { ...analysisSummary([0, 0, 0, 0, 2]), movement } }));
    await userEvent.click(screen.getByRole('button', { name: 'Export as SQL' }));
    expect(store.getState().sqlRequest.previousTable).toBeNull();
    await userEvent.type(screen.getByRole('textbox', { name: 'Earlier table (optional)' }), ' crm.customers_march ');
    await userEvent.click(screen.getByRole('button', { name: 'Export as SQL' }));
    expect(store.getState().sqlRequest).toEqual({ count: 2, dialect: 'duckdb', previousTable: 'crm.customers_march' });
  });
});
