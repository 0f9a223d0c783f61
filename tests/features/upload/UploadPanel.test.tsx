import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { UploadPanel } from '../../../src/features/upload/UploadPanel';
import { StatusAlert } from '../../../src/features/status/StatusAlert';
import { renderWithStore } from '../renderWithStore';

describe('UploadPanel', () => {
  it('starts a load with the chosen file and shows progress with a cancel button', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<UploadPanel compact={false} />);
    const file = new File(['id,engagement_score\n1,50\n'], 'mine.csv', { type: 'text/csv' });
    await user.upload(screen.getByLabelText('Upload CSV'), file);
    expect(store.getState().loading?.fileName).toBe('mine.csv');
    expect(screen.getByRole('progressbar')).toBeInTheDocument();
    expect(screen.getByText(/Reading mine\.csv… 0 %/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel loading' }));
    expect(store.getState().loading).toBeNull();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('reports a sample that cannot be fetched in the alert', async () => {
    const user = userEvent.setup();
    const realFetch = globalThis.fetch;
    globalThis.fetch = async () => new Response('nope', { status: 404 });
    try {
      renderWithStore(
        <>
          <StatusAlert />
          <UploadPanel compact={false} />
        </>,
      );
      await user.click(screen.getByRole('button', { name: 'Load sample data' }));
      expect(await screen.findByText(/The sample data could not be loaded: the server answered 404/)).toBeInTheDocument();
      expect(screen.getByRole('alert')).toHaveTextContent('404');
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
