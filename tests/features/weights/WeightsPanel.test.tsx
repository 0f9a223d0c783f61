import { act, screen, fireEvent } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { WeightsPanel } from '../../../src/features/weights/WeightsPanel';
import { datasetSummary, renderWithStore } from '../renderWithStore';

describe('WeightsPanel', () => {
  it('labels one slider per factor and shows each mapped factor’s share of the total', () => {
    renderWithStore(<WeightsPanel />, (s) => s.getState().datasetLoaded(datasetSummary(['engagement_score', 'csat', 'orders', 'support_rating'])));
    for (const [label, share] of [
      ['Engagement weight', '30.0%'],
      ['Satisfaction weight', '30.0%'],
      ['Purchase history weight', '20.0%'],
      ['Support quality weight', '20.0%'],
    ]) {
      const slider = screen.getByRole('slider', { name: label });
      expect(slider).toHaveAttribute('aria-valuetext', expect.stringContaining(share));
    }
  });

  it('re-weights the model when a slider moves and recomputes the shares', () => {
    const { store } = renderWithStore(<WeightsPanel />, (s) => s.getState().datasetLoaded(datasetSummary(['engagement_score', 'csat'])));
    fireEvent.change(screen.getByRole('slider', { name: 'Engagement weight' }), { target: { value: '90' } });
    expect(store.getState().model.factors.find((f) => f.id === 'engagement')?.weight).toBe(90);
    // Only engagement and satisfaction are mapped: 90 / (90 + 30) = 75 %.
    expect(screen.getByRole('slider', { name: 'Engagement weight' })).toHaveAttribute('aria-valuetext', '90 (75.0%)');
    expect(screen.getByRole('slider', { name: 'Purchase history weight' })).toHaveAttribute('aria-valuetext', '20 (not mapped)');
  });

  // Arrow keys on a range input are the browser's own; the e2e journey drives them in Chromium.
  it('resets to the default 30/30/20/20', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<WeightsPanel />, (s) => s.getState().datasetLoaded(datasetSummary(['engagement_score'])));
    fireEvent.change(screen.getByRole('slider', { name: 'Satisfaction weight' }), { target: { value: '32' } });
    expect(store.getState().model.factors.find((f) => f.id === 'satisfaction')?.weight).toBe(32);
    await user.click(screen.getByRole('button', { name: 'Reset weights' }));
    expect(store.getState().model.factors.map((f) => f.weight)).toEqual([30, 30, 20, 20]);
  });

  it('shows an added factor’s slider, and reset puts it back to the weight it was added with', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<WeightsPanel />, (s) => s.getState().datasetLoaded(datasetSummary(['engagement_score', 'visits'])));
    act(() => store.getState().addFactor('visits'));
    const slider = screen.getByRole('slider', { name: 'visits weight' });
    fireEvent.change(slider, { target: { value: '55' } });
    expect(store.getState().model.factors.at(-1)?.weight).toBe(55);
    await user.click(screen.getByRole('button', { name: 'Reset weights' }));
    expect(store.getState().model.factors.map((f) => f.weight)).toEqual([30, 30, 20, 20, 10]);
  });

  it('warns when every mapped factor has weight 0', () => {
    renderWithStore(<WeightsPanel />, (s) => s.getState().datasetLoaded(datasetSummary(['engagement_score'])));
    fireEvent.change(screen.getByRole('slider', { name: 'Engagement weight' }), { target: { value: '0' } });
    expect(screen.getByText(/All mapped factors have weight 0/)).toBeInTheDocument();
  });
});
