// @vitest-environment node
// A spreadsheet export, as HubSpot and Salesforce offer it first, loads like its CSV: header
// found below the report's title, columns mapped by their names, the grid drawn.
import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { createEngine } from '../../src/workers/engine';
import { defaultModel } from '../../src/core/model/model';
import { fullDemand, summaryOf } from './loadedEngine';
import type { EngineResponse } from '../../src/workers/protocol';

function salesforceWorkbook(): Uint8Array<ArrayBuffer> {
  const rows: unknown[][] = [['Accounts with CSAT'], ['Account ID', 'Annual Revenue', 'Created Date', 'Last Activity', 'Rating', 'CSAT__c', 'NPS__c', 'Open Cases', 'Customer Since', 'Churned__c']];
  for (let i = 0; i < 40; i++) {
    const since = new Date(Date.UTC(2015 + (i % 11), i % 12, 1 + (i % 27)));
    rows.push([`001${String(i).padStart(4, '0')}`, 10000 + i * 2500, since, new Date(Date.UTC(2026, 10, 1 + (i % 28))), ['Hot', 'Warm', 'Cold'][i % 3], 50 + (i % 50), i % 11, i % 5, since, i % 4 === 0]);
  }
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Generated for the QBR']]), 'Cover');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows, { cellDates: true }), 'Accounts');
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

async function load(bytes: Uint8Array<ArrayBuffer>, name: string, sheet?: string) {
  const messages: EngineResponse[] = [];
  const handle = createEngine((message) => messages.push(message));
  await handle({ type: 'load', file: new Blob([bytes]), name, model: defaultModel(), demand: fullDemand(), ...(sheet ? { sheet } : {}) });
  return messages.find((m) => m.type === 'loaded' || m.type === 'load-failed');
}

describe('engine: spreadsheets', () => {
  it('a Salesforce-shaped .xlsx, on the sheet picked: header below the title, every column mapped by name, the grid drawn on revenue × Customer Since', async () => {
    const loaded = await load(salesforceWorkbook(), 'accounts.xlsx', 'Accounts');
    if (loaded?.type !== 'loaded') throw new Error(`expected loaded, got ${JSON.stringify(loaded)}`);
    expect(loaded.summary.sheets).toEqual({ names: ['Cover', 'Accounts'], read: 'Accounts' });
    expect(loaded.summary.header).toMatchObject({ index: 1, line: 2 });
    expect(loaded.summary.rowCount).toBe(40);
    expect(loaded.model.axes.profitability.column).toBe('Annual Revenue');
    expect(loaded.model.axes.loyalty.column).toBe('Customer Since');
    expect(loaded.model.factors.find((f) => f.id === 'support')).toMatchObject({ column: 'Open Cases', isHigherBetter: false });
    const summary = summaryOf(loaded);
    expect(summary.axes.loyalty.unavailable).toBeNull();
    const grouped = Array.from(summary.aggregates.groupCounts).slice(0, 4);
    expect(grouped.reduce((a, b) => a + b, 0)).toBe(40);
    expect(grouped.every((count) => count > 0)).toBe(true);
  });

  it('with no sheet picked, the first that has a header and a row (the cover sheet is passed over); a file that only looks like a workbook gets a specific failure', async () => {
    const first = await load(salesforceWorkbook(), 'accounts.xlsx');
    if (first?.type !== 'loaded') throw new Error('expected loaded');
    expect(first.summary.sheets?.read).toBe('Accounts');
    // Saved without its extension: the CSV reader finds it binary, and its first bytes say workbook.
    const unnamed = await load(salesforceWorkbook(), 'accounts-export');
    if (unnamed?.type !== 'loaded') throw new Error('expected loaded');
    expect(unnamed.summary.sheets?.read).toBe('Accounts');
    const broken = await load(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), 'contacts.xlsx');
    expect(broken).toMatchObject({ type: 'load-failed', problem: { kind: 'spreadsheet' } });
  });
});
