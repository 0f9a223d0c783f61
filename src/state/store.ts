// One store from slices. createAppStore() gives each test a fresh store; the app makes one.
import { createStore, useStore, type StoreApi } from 'zustand';
import { createContext, useContext, useRef } from 'react';
import { createDataSlice, type DataSlice } from './dataSlice';
import { createModelSlice, type ModelSlice } from './modelSlice';
import { createViewSlice, type ViewSlice } from './viewSlice';
import { createPersistSlice, type PersistSlice } from './persistSlice';
import { createSensitivitySlice, type SensitivitySlice } from './sensitivitySlice';
import { createRfmSlice, type RfmSlice } from './rfmSlice';
import { createEarlierSlice, type EarlierSlice } from './earlierSlice';

export type AppState = DataSlice & ModelSlice & ViewSlice & PersistSlice & SensitivitySlice & RfmSlice & EarlierSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(): AppStore {
  return createStore<AppState>()((...args) => ({
    ...createDataSlice(...args),
    ...createModelSlice(...args),
    ...createViewSlice(...args),
    ...createPersistSlice(...args),
    ...createSensitivitySlice(...args),
    ...createRfmSlice(...args),
    ...createEarlierSlice(...args),
  }));
}

export const StoreContext = createContext<AppStore | null>(null);

/**
 * Whether the view around a component is on screen; true outside any view. A view that
 * asks for its parts only while on screen (src/state/demand.ts) provides it.
 */
export const ShownContext = createContext(true);

/**
 * Selects from the app's store; select narrowly (one value, or useShallow for objects).
 * Inside a view that is off screen the selection keeps its last value, so store updates
 * (a weight change) neither re-render nor touch the DOM of what nobody sees; it follows the
 * store again as soon as the view comes on screen.
 */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore needs a <StoreContext.Provider>.');
  const isShown = useContext(ShownContext);
  const last = useRef<{ value: T } | null>(null);
  return useStore(store, (state) => {
    if (!isShown && last.current !== null) return last.current.value;
    const value = selector(state);
    last.current = { value };
    return value;
  });
}

/** The store itself, for reading state at the moment of an action (exports), not for rendering. */
export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStoreApi needs a <StoreContext.Provider>.');
  return store;
}
