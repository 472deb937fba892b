import { useCallback, useEffect } from 'react';

import type { GraphView } from '@/graph';
import { AppStoreProvider, type AppStore } from '@/state';
import { AppShell } from '@/ui';

import type { ExplorerHandle } from './debugHandle';
import { installPreferences } from './preferences';
import { installShortcuts } from './shortcuts';

export interface AppProps {
  readonly store: AppStore;
  readonly handle: ExplorerHandle;
}

export function App({ store, handle }: AppProps) {
  useEffect(() => installShortcuts(store), [store]);
  useEffect(() => installPreferences(store), [store]);
  const handleGraphReady = useCallback(
    (view: GraphView | undefined) => {
      handle.cy = view?.cy;
    },
    [handle],
  );
  return (
    <AppStoreProvider store={store}>
      <AppShell onGraphReady={handleGraphReady} />
    </AppStoreProvider>
  );
}
