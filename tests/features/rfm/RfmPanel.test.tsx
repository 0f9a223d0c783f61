import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { RfmPanel } from '../../../src/features/rfm/RfmPanel';
import { analyze } from '../../../src/core/scoring/analysis';
import { defaultModel } from '../../../src/core/model/model';
import { parseCsv } from '../../../src/core/dataset/dataset';
import { scoreRfm, summarizeRfm } from '../../../src/core/rfm/rfm';
import { autoMap } from '../../../src/core/schema/mapping';
import { analysisSummary, datasetSummary, renderWithStore } from '../renderWithStore';
import type { AppStore } from '../../../src/state/store';

const CSV = ['id,days_since_last_purchase,orders,revenue,churned', '1,1,10,1000,no', '2,2,9,900,no', '3,50,1,50,yes', '4,60,2,80,yes', '5,5,1,20,no'].join('\n');

function arrange(store: AppStore) {
  const parsed = parseCsv(new TextEncoder().encode(CSV), 'c.csv');
  if (!parsed.ok) throw new Error(parsed.problem.kind);
  const model = autoMap(defaultModel(), parsed.dataset.columns);
  model.rfm.cuts = { r: [3, 10, 30, 55], f: [2, 4, 6, 8], m: null };
  const scores = scoreRfm(parsed.dataset, model.rfm);
  if (!scores) throw new Error('no rfm');
  const rfm = summarizeRfm(scores, analyze(parsed.dataset, model).scores, { column: 'churned', values: parsed.dataset.columns[4].values ?? new Float64Array() });
  store.setState({ dataset: datasetSummary(['days_since_last_purchase', 'orders', 'revenue'], 5), model, analysis: { ...analysisSummary([0, 0, 0, 0, 5]), rfm } });
}

describe('RfmPanel', () => {
  it('asks for columns while RFM is not mapped', () => {
    renderWithStore(<RfmPanel />, (store) => store.setState({ dataset: datasetSummary(['orders']) }));
    expect(screen.getByRole('region', { name: 'RFM segments' })).toHaveTextContent(/Choose a recency column/);
    expect(screen.getByLabelText(/^Frequency column/)).toHaveValue('');
  });

  it('shows the columns, the figures per segment and the R×F heatmap', () => {
    renderWithStore(<RfmPanel />, arrange);
    expect(screen.getByLabelText(/^Recency column/)).toHaveValue('days_since_last_purchase');
    expect(screen.getByLabelText(/^Frequency column/)).toHaveValue('orders');
    expect(screen.getByLabelText(/^Monetary column/)).toHaveValue('revenue');
    const table = screen.getByRole('table', { name: /Customers per RFM segment/ });
    const champions = within(table).getByRole('row', { name: /^Champions/ });
    expect(
      within(champions)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['2', '40.0%', '19', '1,900', '100', expect.any(String), '0.0%', 'Filter']);
    const heatmap = screen.getByRole('table', { name: /Mean revenue per R × F cell/ });
    expect(within(within(heatmap).getByRole('row', { name: /^R5/ })).getAllByRole('cell')[4]).toHaveTextContent('950 (2)');
  });

  it('filters the table to a segment, edits a cut point and a cell of the map', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<RfmPanel />, arrange);
    await user.click(screen.getByRole('button', { name: 'Filter the dashboard to Champions' }));
    expect(store.getState().tableView.rfmSegment).toBe('champions');
    expect(screen.getByRole('button', { name: 'Filter the dashboard to Champions' })).toHaveAttribute('aria-pressed', 'true');

    const cuts = screen.getByLabelText('Frequency (orders) cut points');
    await user.clear(cuts);
    await user.type(cuts, '1, 2, 3{Enter}');
    expect(screen.getByText(/Give four cut points/)).toBeInTheDocument();
    await user.type(cuts, ', 4{Enter}');
    expect(store.getState().model.rfm.cuts.f).toEqual([1, 2, 3, 4]);

    await user.click(screen.getByText('Segment map (R × F)'));
    await user.selectOptions(screen.getByLabelText('Segment for R3 F3'), 'Champions');
    expect(store.getState().model.rfm.segmentMap[12]).toBe('champions');
  });

  it('adds the R, F and M scores as factors of the CRS', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<RfmPanel />, arrange);
    await user.click(screen.getByRole('button', { name: 'Add R, F, M scores as factors' }));
    const added = store.getState().model.factors.filter((factor) => factor.id.startsWith('rfm-'));
    expect(added.map((factor) => [factor.label, factor.column])).toEqual([
      ['RFM recency score', 'days_since_last_purchase'],
      ['RFM frequency score', 'orders'],
      ['RFM monetary score', 'revenue'],
    ]);
  });
});

describe('RfmPanel during a load', () => {
  it('says the segments are on their way while the first dashboard leaves them out, instead of asking for columns', () => {
    renderWithStore(<RfmPanel />, (s) =>
      s.setState({ dataset: datasetSummary(['days_since_last_purchase', 'orders'], 10), analysis: { ...analysisSummary([0, 0, 0, 0, 10]) }, stale: { rfm: true, validation: true } }),
    );
    expect(screen.getByText('Segmenting…')).toBeInTheDocument();
    expect(screen.queryByText(/Choose a recency column/)).toBeNull();
  });
});
