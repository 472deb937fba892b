/** React access to the store: a provider and `useAppStore(selector)`. The only React in state/. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';

import type { AppStore } from './createAppStore';
import type { AppState } from './types';

const Ctx = createContext<AppStore | null>(null);

export function AppStoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <Ctx.Provider value={store}>{children}</Ctx.Provider>;
}

export function useStoreApi(): AppStore {
  const s = useContext(Ctx);
  if (!s) throw new Error('useAppStore outside AppStoreProvider');
  return s;
}

export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(useStoreApi(), selector);
}

export function useTemporal<T>(
  selector: (s: ReturnType<AppStore['temporal']['getState']>) => T,
): T {
  return useStore(useStoreApi().temporal, selector);
}
