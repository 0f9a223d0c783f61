import { afterEach, describe, expect, it } from 'vitest';
import { defaultModel } from '../../src/core/model/model';
import { connectPersistence, type FileStore, type StoredFile } from '../../src/state/persist';
import { openSharedLink } from '../../src/state/sharedLink';
import { createAppStore, type AppStore } from '../../src/state/store';
import { encodeModelHash } from '../../src/core/model/shareLink';
import { datasetSummary } from '../features/renderWithStore';

/** IndexedDB stand-in: one entry, and a failure to report on demand. */
function memoryFiles(initial: StoredFile | null = null, failSave?: Error): FileStore & { entry: StoredFile | null } {
  const files = {
    entry: initial,
    save: async (stored: StoredFile) => {
      if (failSave) throw failSave;
      files.entry = stored;
    },
    load: async () => files.entry ?? undefined,
    clear: async () => {
      files.entry = null;
    },
  };
  return files;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** What the engine does with a load: the dataset arrives, mapped with the model sent. */
function finishLoad(store: AppStore, columns = ['engagement_score', 'csat']): void {
  const loading = store.getState().loading;
  store.getState().datasetLoaded({ ...datasetSummary(columns), name: loading?.fileName ?? 'x.csv' });
}

afterEach(() => localStorage.clear());

describe('connectPersistence', () => {
  it('stores the file only after it loaded, and the model while a file is loaded', async () => {
    const store = createAppStore();
    const files = memoryFiles();
    connectPersistence(store, files, localStorage);
    const file = new Blob(['id,engagement_score\n1,5\n']);
    store.getState().loadFile(file, 'customers.csv');
    expect(files.entry).toBeNull();
    finishLoad(store);
    await flush();
    expect(files.entry).toEqual({ file, name: 'customers.csv' });
    store.getState().setWeight('engagement', 77);
    expect(JSON.parse(localStorage.getItem('crs-studio:model') ?? '{}').factors[0].weight).toBe(77);
    expect(store.getState().restoredFrom).toBeNull();
  });

  it('on startup restores the model, then loads the stored file through the same path and says so', async () => {
    const saved = defaultModel();
    saved.factors[1].weight = 12;
    localStorage.setItem('crs-studio:model', JSON.stringify(saved));
    localStorage.setItem('crs-studio:settings', JSON.stringify({ breakdownBy: 'band' }));
    const file = new Blob(['x']);
    const store = createAppStore();
    connectPersistence(store, memoryFiles({ file, name: 'customers.csv' }), localStorage);
    expect(store.getState().model).toEqual(saved);
    expect(store.getState().breakdownBy).toBe('band');
    await flush();
    expect(store.getState().loading).toMatchObject({ file, fileName: 'customers.csv' });
    finishLoad(store);
    expect(store.getState().restoredFrom).toBe('customers.csv');
  });

  it('keeps every part of a stored model that still reads, resets the rest to the default, and names what it reset', () => {
    const saved = defaultModel();
    saved.factors[0].weight = 55;
    saved.factors[2].weight = 140; // out of range: this factor is dropped
    saved.gridSize = 3;
    localStorage.setItem('crs-studio:model', JSON.stringify({ ...saved, bands: { averageFrom: 90, goodFrom: 10 } }));
    const store = createAppStore();
    connectPersistence(store, memoryFiles(), localStorage);
    const model = store.getState().model;
    expect(model.factors.map((f) => [f.id, f.weight])).toEqual([
      ['engagement', 55],
      ['satisfaction', 30],
      ['support', 20],
    ]);
    expect(model.gridSize).toBe(3);
    expect(model.bands).toEqual(defaultModel().bands);
    expect(store.getState().storageNotice).toMatch(
      /^Part of the model saved in this browser could not be read and was reset to the default: bands \(averageFrom: averageFrom must not be above goodFrom\); factors\[2\] \(weight: .*\)\. Everything else was kept\.$/,
    );
  });

  it('a stored model that is not JSON is reported and the default used', () => {
    localStorage.setItem('crs-studio:model', '{"factors": [');
    const store = createAppStore();
    connectPersistence(store, memoryFiles(), localStorage);
    expect(store.getState().model).toEqual(defaultModel());
    expect(store.getState().storageNotice).toMatch(/^The model saved in this browser could not be read \(\(document\): not JSON/);
  });

  it('tells the user, without blocking, when the browser refuses to keep the file', async () => {
    const store = createAppStore();
    connectPersistence(store, memoryFiles(null, new DOMException('quota', 'QuotaExceededError')), localStorage);
    store.getState().loadFile(new Blob(['x']), 'big.csv');
    finishLoad(store);
    await flush();
    expect(store.getState().storageNotice).toMatch(/did not keep big\.csv for next time \(QuotaExceededError: quota\)/);
    expect(store.getState().dataset).not.toBeNull();
  });

  it('a storage that throws on access (IndexedDB blocked) does not stop the app: the data is kept for this visit only, and says so', async () => {
    const store = createAppStore();
    const blocked: FileStore = {
      save: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
      load: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
      clear: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    };
    expect(() => connectPersistence(store, blocked, localStorage)).not.toThrow();
    await flush();
    expect(store.getState().storageNotice).toBe(
      'This browser refuses to keep data (SecurityError: The operation is insecure.): what you load is kept for this visit only, and nothing saved earlier could be restored.',
    );
    store.getState().loadFile(new Blob(['id,engagement_score\n1,5\n']), 'blocked.csv');
    finishLoad(store);
    await flush();
    expect(store.getState().dataset?.name).toBe('blocked.csv');
    expect(store.getState().storageNotice).toMatch(/^This browser did not keep blocked\.csv for next time \(SecurityError: The operation is insecure\.\): it is kept for this visit only\.$/);
    store.getState().clearData();
    await flush();
    expect(store.getState().dataset).toBeNull();
  });

  it('Clear data forgets the file, model and settings', async () => {
    const store = createAppStore();
    const files = memoryFiles();
    connectPersistence(store, files, localStorage);
    store.getState().loadFile(new Blob(['x']), 'customers.csv');
    finishLoad(store);
    await flush();
    store.getState().clearData();
    await flush();
    expect(files.entry).toBeNull();
    expect(localStorage.getItem('crs-studio:model')).toBeNull();
    expect(localStorage.getItem('crs-studio:settings')).toBeNull();
    expect(store.getState().dataset).toBeNull();
  });
});

describe('openSharedLink', () => {
  it('uses a valid model for the next file, fitted to its columns with a notice naming what it lacks', () => {
    const store = createAppStore();
    const shared = defaultModel();
    shared.factors[0] = { ...shared.factors[0], column: 'engagement_score', weight: 80 };
    shared.factors[1] = { ...shared.factors[1], column: 'nps', weight: 5 };
    expect(openSharedLink(store, encodeModelHash(shared))).toBe(true);
    store.getState().loadFile(new Blob(['x']), 'customers.csv');
    finishLoad(store);
    const { model, modelNotice, pendingModel } = store.getState();
    expect(model.factors.map((f) => [f.column, f.weight])).toEqual([
      ['engagement_score', 80],
      [null, 5],
      [null, 20],
      [null, 20],
    ]);
    expect(modelNotice).toBe('This model uses columns this file lacks: nps — choose columns for them under Column mapping.');
    expect(pendingModel).toBeNull();
  });

  it('alerts with the paths of an invalid model and changes nothing', () => {
    const store = createAppStore();
    const bad = defaultModel();
    bad.factors[1].weight = -3;
    expect(openSharedLink(store, encodeModelHash(bad))).toBe(true);
    expect(store.getState().alert).toMatch(/not valid, so it was not used: factors\[1\]\.weight: /);
    expect(store.getState().model).toEqual(defaultModel());
  });

  it('ignores a hash without a model', () => {
    expect(openSharedLink(createAppStore(), '#top')).toBe(false);
  });
});
