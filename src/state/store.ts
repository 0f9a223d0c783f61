// One store from slices. createAppStore() gives each test a fresh store; the app makes one.
import { createStore, useStore, type StoreApi } from 'zustand';
import { createContext, useContext } from 'react';
import { createDataSlice, type DataSlice } from './dataSlice';
import { createModelSlice, type ModelSlice } from './modelSlice';
import { createViewSlice, type ViewSlice } from './viewSlice';
import { createPersistSlice, type PersistSlice } from './persistSlice';
import { createSensitivitySlice, type SensitivitySlice } from './sensitivitySlice';
import { createRfmSlice, type RfmSlice } from './rfmSlice';

export type AppState = DataSlice & ModelSlice & ViewSlice & PersistSlice & SensitivitySlice & RfmSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(): AppStore {
  return createStore<AppState>()((...args) => ({
    ...createDataSlice(...args),
    ...createModelSlice(...args),
    ...createViewSlice(...args),
    ...createPersistSlice(...args),
    ...createSensitivitySlice(...args),
    ...createRfmSlice(...args),
  }));
}

export const StoreContext = createContext<AppStore | null>(null);

/** Selects from the app's store; select narrowly (one value, or useShallow for objects). */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore needs a <StoreContext.Provider>.');
  return useStore(store, selector);
}

/** The store itself, for reading state at the moment of an action (exports), not for rendering. */
export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStoreApi needs a <StoreContext.Provider>.');
  return store;
}
