import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createAppStore, StoreContext } from './state/store';
import { connectEngine, createEngineWorker } from './workers/client';
import { downloadBlob } from './ui/download';
import './styles.css';

const store = createAppStore();
connectEngine(store, createEngineWorker, downloadBlob);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
