import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SqlExport } from '../../../src/features/export/SqlExport';
import { analysisSummary, datasetSummary, renderWithStore } from '../renderWithStore';

describe('SqlExport', () => {
  it('asks for the SQL in the chosen dialect, with no earlier table when no file is compared', async () => {
    const { store } = renderWithStore(<SqlExport />, (s) => s.setState({ dataset: datasetSummary(['engagement_score']), analysis: analysisSummary([0, 0, 0, 0, 2]) }));
    expect(screen.queryByRole('textbox', { name: 'Earlier table (optional)' })).toBeNull();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'SQL dialect' }), 'PostgreSQL');
    await userEvent.click(screen.getByRole('button', { name: 'Export as SQL' }));
    expect(store.getState().sqlRequest).toEqual({ count: 1, dialect: 'postgres', previousTable: null });
  });

  it('takes the earlier snapshot’s table while a file is compared, for the movement columns', async () => {
    const { store } = renderWithStore(<SqlExport />, (s) =>
      s.setState({
        dataset: datasetSummary(['engagement_score']),
        analysis: analysisSummary([0, 0, 0, 0, 2]),
        earlier: { file: new Blob(['customer_id\nC001\n']), name: 'march.csv', status: 'ready', rows: 1, notices: [], message: null },
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Export as SQL' }));
    expect(store.getState().sqlRequest.previousTable).toBeNull();
    await userEvent.type(screen.getByRole('textbox', { name: 'Earlier table (optional)' }), ' crm.customers_march ');
    await userEvent.click(screen.getByRole('button', { name: 'Export as SQL' }));
    expect(store.getState().sqlRequest).toEqual({ count: 2, dialect: 'duckdb', previousTable: 'crm.customers_march' });
  });
});
