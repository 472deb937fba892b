import { useCallback, useEffect } from 'react';

import type { GraphView } from '@/graph';
import { AppStoreProvider, type AppStore } from '@/state';
import { AppShell, PlatformProvider, type Platform } from '@/ui';

import { attachGraph, type ExplorerHandle } from './debugHandle';
import { installDatapaths } from './datapaths';
import { installLessonProgress } from './lessonProgress';
import { installPersistence } from './persistence';
import { installPreferences } from './preferences';
import { installServiceProxies } from './serviceProxies';
import { installShortcuts } from './shortcuts';
import { installRuleWarmup } from './warmRules';

export interface AppProps {
  readonly store: AppStore;
  readonly handle: ExplorerHandle;
}

const platform: Platform = {
  baseUrl: () => `${location.origin}${location.pathname}${location.search}`,
  pageUrl: () => `${location.origin}${location.pathname}`,
  copyText: async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  },
  download: (fileName, data) => {
    const url = URL.createObjectURL(data);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  },
};

export function App({ store, handle }: AppProps) {
  useEffect(() => installShortcuts(store), [store]);
  useEffect(() => installPreferences(store), [store]);
  useEffect(() => installPersistence(store), [store]);
  useEffect(() => installLessonProgress(store), [store]);
  useEffect(() => installServiceProxies(store), [store]);
  useEffect(() => installDatapaths(store), [store]);
  useEffect(() => installRuleWarmup(store), [store]);
  const handleGraphReady = useCallback(
    (view: GraphView | undefined) => attachGraph(handle, view?.cy),
    [handle],
  );
  return (
    <AppStoreProvider store={store}>
      <PlatformProvider platform={platform}>
        <AppShell onGraphReady={handleGraphReady} />
      </PlatformProvider>
    </AppStoreProvider>
  );
}
