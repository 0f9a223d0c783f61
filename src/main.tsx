import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createAppStore, StoreContext } from './state/store';
import { connectEngine, createEngineWorker } from './state/engineClient';
import { downloadBlob } from './ui/download';
import { connectPersistence, indexedDbEarlierStore, indexedDbFileStore } from './state/persist';
import { openSharedLink } from './state/sharedLink';
import { warmNumberFormats } from './core/display/format';
import './styles.css';

const store = createAppStore();
connectEngine(store, createEngineWorker, downloadBlob);
connectPersistence(store, indexedDbFileStore, localStorageOrNull(), indexedDbEarlierStore);
// A shared model is read once: dropped from the address so a reload keeps the user's edits.
if (openSharedLink(store, window.location.hash)) history.replaceState(null, '', window.location.pathname + window.location.search);

/** localStorage, or null where the browser refuses it (some private modes throw on access). */
function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch (error) {
    store.getState().showStorageNotice(`This browser refuses local storage (${error instanceof Error ? error.message : String(error)}): the model will not be kept for next time.`);
    return null;
  }
}

// The locale's number data loads on first use (~30 ms): while the user picks a file, not in the first dashboard.
if (typeof requestIdleCallback === 'function') requestIdleCallback(() => warmNumberFormats(), { timeout: 1000 });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
