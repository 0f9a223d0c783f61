// This browser's memory of the session: the loaded file's bytes in IndexedDB (re-parsed
// on reload, so the restored data is exactly the file), the model and small settings in
// localStorage. Watches the store like the engine client (transient subscription, no
// React). The file is stored only after it loaded; storage errors become a notice.
import { del, get, set } from 'idb-keyval';
import { parseModelJson } from '../core/model/modelSchema';
import { problemsText, salvageModel } from '../core/model/modelFile';
import type { AppStore } from './store';

const FILE_KEY = 'crs-studio:file';
const EARLIER_KEY = 'crs-studio:earlier-file';
const MODEL_KEY = 'crs-studio:model';
const SETTINGS_KEY = 'crs-studio:settings';

export interface StoredFile {
  file: Blob;
  name: string;
}

/** Where the file's bytes are kept: IndexedDB in the app, a Map in tests. */
export interface FileStore {
  save: (stored: StoredFile) => Promise<void>;
  load: () => Promise<unknown>;
  clear: () => Promise<void>;
}

/**
 * IndexedDB through idb-keyval. Where the browser refuses IndexedDB (cookies blocked,
 * sandboxed frames) merely touching it throws, synchronously: each call runs inside a
 * promise, so that refusal is a rejected promise like any other storage error, never a
 * throw during start-up (which left a blank page).
 */
const indexedDbStore = (key: string): FileStore => ({
  save: (stored) => Promise.resolve().then(() => set(key, stored)),
  load: () => Promise.resolve().then(() => get(key)),
  clear: () => Promise.resolve().then(() => del(key)),
});
/** The current file. */
export const indexedDbFileStore = indexedDbStore(FILE_KEY);
/** The earlier file it is compared with. */
export const indexedDbEarlierStore = indexedDbStore(EARLIER_KEY);

/** Calls a store method so that a synchronous throw becomes a rejection (a FileStore from elsewhere may throw). */
function attempt<T>(run: () => Promise<T>): Promise<T> {
  try {
    return run();
  } catch (error) {
    return Promise.reject(error);
  }
}

function isStoredFile(value: unknown): value is StoredFile {
  return typeof value === 'object' && value !== null && 'file' in value && value.file instanceof Blob && 'name' in value && typeof value.name === 'string';
}

const reasonOf = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Restores the model and settings now and the stored file (loaded through the same path
 * as a drop) when IndexedDB answers; then keeps them up to date. `settings` is
 * localStorage, or null where the browser refuses it.
 */
export function connectPersistence(store: AppStore, files: FileStore, settings: Storage | null, earlierFiles: FileStore | null = null): () => void {
  const tell = (message: string) => store.getState().showStorageNotice(message);
  const write = (key: string, value: string): void => {
    try {
      settings?.setItem(key, value);
    } catch (error) {
      tell(`This browser did not keep the model for next time (${reasonOf(error)}).`);
    }
  };
  /** The stored file being loaded at startup; cleared by Clear data or another load. */
  let restoring: Blob | null = null;
  /** The stored earlier file, compared with once the current one is back; then the file it was. */
  let earlierToRestore: StoredFile | null = null;
  let restoredEarlier: Blob | null = null;

  try {
    const modelText = settings?.getItem(MODEL_KEY);
    if (modelText) {
      const parsed = parseModelJson(modelText);
      if (parsed.ok) store.setState({ model: parsed.model });
      else {
        // Keep every part that still reads; name what was reset.
        let document: unknown = null;
        try {
          document = JSON.parse(modelText);
        } catch {
          // Not JSON at all: nothing to keep (the notice says why, from parseModelJson).
        }
        const salvaged = document === null ? null : salvageModel(document);
        if (salvaged && salvaged.dropped.length > 0 && !salvaged.dropped[0].startsWith('the whole model')) {
          store.setState({ model: salvaged.model });
          tell(`Part of the model saved in this browser could not be read and was reset to the default: ${salvaged.dropped.join('; ')}. Everything else was kept.`);
        } else tell(`The model saved in this browser could not be read (${problemsText(parsed.problems)}); starting from the default model.`);
      }
    }
    const settingsValue: unknown = JSON.parse(settings?.getItem(SETTINGS_KEY) ?? 'null');
    if (typeof settingsValue === 'object' && settingsValue !== null && 'breakdownBy' in settingsValue) {
      const by = settingsValue.breakdownBy;
      if (by === 'group' || by === 'band') store.setState({ breakdownBy: by });
    }
  } catch (error) {
    tell(`The settings saved in this browser could not be read (${reasonOf(error)}).`);
  }

  const clearRequestAtStart = store.getState().clearRequest;
  /** Restores the earlier file compared with, once IndexedDB has answered for the current one. */
  const restoreEarlier = (): void => {
    if (!earlierFiles) return;
    attempt(() => earlierFiles.load())
      .then((value) => {
        if (value === undefined || value === null) return;
        if (!isStoredFile(value)) throw new Error('the stored entry is not a file');
        const state = store.getState();
        if (state.earlier !== null || state.clearRequest !== clearRequestAtStart) return;
        // Compared with as soon as the current file is back (at once if it already is).
        if (state.dataset !== null && restoring === null && state.loading === null) {
          restoredEarlier = value.file;
          state.compareWithEarlier(value.file, value.name);
        } else earlierToRestore = value;
      })
      .catch((error: unknown) => tell(`The earlier file saved in this browser could not be restored (${reasonOf(error)}).`));
  };
  attempt(() => files.load())
    .then((value) => {
      // Storage answers: the earlier file is asked for too (where it refuses, the notice below says so once).
      restoreEarlier();
      if (value === undefined || value === null) return;
      if (!isStoredFile(value)) throw new Error('the stored entry is not a file');
      const state = store.getState();
      // The user acted first (loaded a file or cleared): theirs wins.
      if (state.dataset !== null || state.loading !== null || state.clearRequest !== clearRequestAtStart) return;
      restoring = value.file;
      state.loadFile(value.file, value.name);
    })
    .catch((error: unknown) => tell(`This browser refuses to keep data (${reasonOf(error)}): what you load is kept for this visit only, and nothing saved earlier could be restored.`));

  return store.subscribe((state, previous) => {
    if (state.clearRequest !== previous.clearRequest) {
      restoring = null;
      try {
        settings?.removeItem(MODEL_KEY);
        settings?.removeItem(SETTINGS_KEY);
      } catch (error) {
        tell(`This browser did not forget the saved model (${reasonOf(error)}).`);
      }
      attempt(() => files.clear()).catch((error: unknown) => tell(`This browser did not forget the saved data (${reasonOf(error)}).`));
      earlierToRestore = null;
      if (earlierFiles) attempt(() => earlierFiles.clear()).catch((error: unknown) => tell(`This browser did not forget the saved earlier file (${reasonOf(error)}).`));
      return;
    }
    if (earlierFiles && state.earlier !== previous.earlier) {
      const earlier = state.earlier;
      if (earlier === null) attempt(() => earlierFiles.clear()).catch((error: unknown) => tell(`This browser did not forget the saved earlier file (${reasonOf(error)}).`));
      else if (earlier.status === 'ready' && previous.earlier?.status !== 'ready' && earlier.file !== restoredEarlier) {
        restoredEarlier = earlier.file;
        attempt(() => earlierFiles.save({ file: earlier.file, name: earlier.name })).catch((error: unknown) =>
          tell(`This browser did not keep ${earlier.name} for next time (${reasonOf(error)}): it is kept for this visit only.`),
        );
      }
    }
    const loaded = state.dataset !== previous.dataset && state.dataset !== null ? previous.loading : null;
    if (loaded) {
      const isRestore = loaded.file === restoring;
      restoring = null;
      store.setState({ restoredFrom: isRestore ? loaded.fileName : null });
      if (earlierToRestore !== null && state.earlier === null) {
        const { file, name } = earlierToRestore;
        earlierToRestore = null;
        restoredEarlier = file;
        store.getState().compareWithEarlier(file, name);
      }
      if (!isRestore) {
        const name = loaded.fileName;
        attempt(() => files.save({ file: loaded.file, name })).catch((error: unknown) => tell(`This browser did not keep ${name} for next time (${reasonOf(error)}): it is kept for this visit only.`));
      }
    }
    // The model is kept with the data it scores: only while a file is loaded.
    if (state.dataset === null) return;
    if (loaded || state.model !== previous.model) write(MODEL_KEY, JSON.stringify(state.model));
    if (loaded || state.breakdownBy !== previous.breakdownBy) write(SETTINGS_KEY, JSON.stringify({ breakdownBy: state.breakdownBy }));
  });
}
