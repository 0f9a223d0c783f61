import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModelFileActions } from '../../../src/features/modelFile/ModelFileActions';
import { ClearDataButton } from '../../../src/features/modelFile/ClearDataButton';
import { ModelNotice } from '../../../src/features/modelFile/ModelNotice';
import { defaultModel } from '../../../src/core/model/model';
import { decodeModelHash } from '../../../src/core/model/shareLink';
import { downloadBlob } from '../../../src/ui/download';
import { StatusAlert } from '../../../src/features/status/StatusAlert';
import { datasetSummary, renderWithStore } from '../renderWithStore';

vi.mock('../../../src/ui/download', () => ({ downloadBlob: vi.fn() }));

// jsdom's Blob has no text() (browsers have had it since 2019); read through its FileReader.
if (!('text' in Blob.prototype)) {
  Object.defineProperty(Blob.prototype, 'text', {
    value(this: Blob) {
      return new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(reader.error);
        reader.readAsText(this);
      });
    },
  });
}

const jsonFile = (value: unknown, name = 'model.json') => new File([typeof value === 'string' ? value : JSON.stringify(value)], name, { type: 'application/json' });

function renderActions(arrange?: Parameters<typeof renderWithStore>[1]) {
  return renderWithStore(
    <>
      <StatusAlert />
      <ModelNotice />
      <ModelFileActions />
      <ClearDataButton />
    </>,
    arrange,
  );
}

afterEach(() => vi.mocked(downloadBlob).mockClear());

describe('Export model', () => {
  it('downloads the model pretty-printed as <dataset>-crs-model.json', async () => {
    const user = userEvent.setup();
    const { store } = renderActions((s) => s.setState({ dataset: datasetSummary(['engagement_score']) }));
    store.getState().setWeight('engagement', 64);
    await user.click(screen.getByRole('button', { name: 'Export model' }));
    const [blob, name] = vi.mocked(downloadBlob).mock.calls[0];
    expect(name).toBe('customers-crs-model.json');
    const text = await blob.text();
    expect(text).toMatch(/^\{\n  "version": 1/);
    expect(JSON.parse(text)).toEqual(store.getState().model);
  });
});

describe('Import model', () => {
  it('applies a valid model to the loaded file, leaving columns it lacks unmapped with a notice naming them', async () => {
    const user = userEvent.setup();
    const { store } = renderActions((s) => s.setState({ dataset: datasetSummary(['engagement_score', 'csat']) }));
    const model = defaultModel();
    model.factors[0] = { ...model.factors[0], column: 'engagement_score', weight: 70 };
    model.factors[1] = { ...model.factors[1], column: 'nps_answer' };
    model.axes.loyalty.column = 'tenure_months';
    await user.upload(screen.getByLabelText('Import model'), jsonFile(model));
    expect(await screen.findByText(/This model uses columns this file lacks: nps_answer, tenure_months — choose columns for them under Column mapping/)).toBeInTheDocument();
    expect(store.getState().model.factors[0]).toMatchObject({ column: 'engagement_score', weight: 70 });
    expect(store.getState().model.factors[1].column).toBeNull();
    expect(screen.getByRole('alert')).toBeEmptyDOMElement();
  });

  it('rejects an invalid model with the exact paths, changing nothing', async () => {
    const user = userEvent.setup();
    const { store } = renderActions();
    const before = store.getState().model;
    const model = defaultModel();
    model.factors[2].weight = 140;
    await user.upload(screen.getByLabelText('Import model'), jsonFile(model, 'bad.json'));
    expect(await screen.findByRole('alert')).toHaveTextContent(/"bad\.json" is not a valid CRS model, so nothing was changed: factors\[2\]\.weight: /);
    expect(store.getState().model).toBe(before);
  });

  it('before any file, keeps the model for the next file loaded', async () => {
    const user = userEvent.setup();
    const { store } = renderActions();
    const model = defaultModel();
    model.factors[3].weight = 5;
    await user.upload(screen.getByLabelText('Import model'), jsonFile(model, 'mine.json'));
    expect(await screen.findByText(/Using the model in mine\.json: it applies to the next file you load/)).toBeInTheDocument();
    expect(store.getState().pendingModel).toEqual(model);
    expect(store.getState().model.factors[3].weight).toBe(5);
  });
});

describe('Copy share link', () => {
  it('writes the page address with the model in its fragment to the clipboard', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    const { store } = renderActions();
    store.getState().setWeight('support', 42);
    await user.click(screen.getByRole('button', { name: 'Copy share link' }));
    expect(await screen.findByText(/Link copied/)).toBeInTheDocument();
    const link = writeText.mock.calls[0][0];
    expect(decodeModelHash(new URL(link).hash)).toEqual({ ok: true, model: store.getState().model });
  });

  it('shows the link in a read-only field when the clipboard is refused', async () => {
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('denied', 'NotAllowedError'));
    renderActions();
    await user.click(screen.getByRole('button', { name: 'Copy share link' }));
    const field = await screen.findByRole('textbox', { name: /Share link/ });
    expect(field).toHaveAttribute('readonly');
    expect((field as HTMLInputElement).value).toMatch(/#model=[A-Za-z0-9_-]+$/);
  });
});

describe('Clear data', () => {
  it('asks first, then returns to the empty state with the default model', async () => {
    const user = userEvent.setup();
    const { store } = renderActions((s) => s.setState({ dataset: datasetSummary(['engagement_score']) }));
    store.getState().setWeight('engagement', 90);
    await user.click(screen.getByRole('button', { name: 'Clear data' }));
    // Nothing is gone until the user confirms; Cancel (focused) and Escape keep everything.
    expect(store.getState().dataset).not.toBeNull();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: 'Clear data' })).toHaveFocus();
    expect(store.getState().model.factors[0].weight).toBe(90);
    await user.click(screen.getByRole('button', { name: 'Clear data' }));
    await user.click(within(screen.getByRole('group', { name: 'Confirm clearing the data' })).getByRole('button', { name: 'Yes, clear' }));
    expect(store.getState().dataset).toBeNull();
    expect(store.getState().model).toEqual(defaultModel());
    expect(store.getState().clearRequest).toBe(1);
    expect(within(document.body).queryByText(/lacks/)).toBeNull();
  });
});
