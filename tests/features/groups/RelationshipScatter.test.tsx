import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { GroupBands } from '../../../src/features/groups/GroupBands';
import { RelationshipScatter } from '../../../src/features/groups/RelationshipScatter';
import { scatterBins } from '../../../src/core/groups/scatter';
import { scoreCustomers } from '../../../src/core/scoring/score';
import { DEFAULT_BANDS } from '../../../src/core/model/model';
import { analysisSummary, datasetSummary, renderWithStore } from '../renderWithStore';
import type { AppStore } from '../../../src/state/store';

function arrange(store: AppStore) {
  const tenure = Float64Array.from([0, 10, 20, 30, 40]);
  const revenue = Float64Array.from([100, 200, 300, 400, 500]);
  const groups = Uint8Array.from([0, 0, 3, 3, 3]);
  const analysis = { ...analysisSummary([2, 0, 0, 3, 0]), scatter: scatterBins(tenure, revenue, groups) };
  analysis.axes.loyalty.split = 20;
  analysis.axes.profitability.split = 300;
  store.setState({ dataset: datasetSummary(['revenue', 'tenure'], 5), analysis });
}

describe('RelationshipScatter', () => {
  it('describes the binned scatter in text', () => {
    renderWithStore(<RelationshipScatter />, arrange);
    expect(screen.getByRole('img', { name: /^Binned scatter/ })).toHaveAccessibleName(
      'Binned scatter of relationship groups. 5 customers by tenure (across, 0 to 40) and revenue (up, 100 to 500); loyalty split at 20, profitability at 300.',
    );
  });

  it('moves a split by a slider outside the image: arrows step one cell, Home goes back to the median', async () => {
    const { store } = renderWithStore(<RelationshipScatter />, arrange);
    const loyalty = screen.getByRole('slider', { name: 'Loyalty split' });
    expect(loyalty).toHaveAttribute('aria-valuetext', '20');
    // A control inside an image is hidden from screen readers: the image holds none.
    expect(screen.getByRole('img', { name: /^Binned scatter/ }).querySelector('[tabindex], input, button')).toBeNull();
    loyalty.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(store.getState().model.axes.loyalty.split).toBe(21); // one of 40 cells over 0..40
    await userEvent.keyboard('{Home}');
    expect(store.getState().model.axes.loyalty.split).toBeNull();
    screen.getByRole('slider', { name: 'Profitability split' }).focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(store.getState().model.axes.profitability.split).toBe(290);
  });

  it('is absent until both axes are mapped', () => {
    renderWithStore(<RelationshipScatter />, (s) => s.setState({ dataset: datasetSummary(['revenue'], 5), analysis: analysisSummary([0, 0, 0, 0, 5]) }));
    expect(screen.queryByRole('img')).toBeNull();
  });
});

describe('GroupBands', () => {
  it('gives each group’s mean CRS and band shares in text', () => {
    renderWithStore(<GroupBands />, (s) => {
      const scores = new Float64Array(4);
      const aggregates = scoreCustomers([Float64Array.from([20, 50, 80, 90])], [1], DEFAULT_BANDS, Uint8Array.from([0, 0, 3, 3]), scores);
      s.setState({ dataset: datasetSummary(['x'], 4), analysis: { ...analysisSummary([2, 0, 0, 2, 0]), aggregates } });
    });
    const chart = screen.getByRole('img', { name: /^Share of each band per relationship group/ });
    expect(chart).toHaveAccessibleName(expect.stringContaining('Strangers: mean 35.0, poor 50.0%, average 50.0%, good 0.0%'));
    expect(chart).toHaveAccessibleName(expect.stringContaining('True friends: mean 85.0, poor 0.0%, average 0.0%, good 100.0%'));
  });
});
