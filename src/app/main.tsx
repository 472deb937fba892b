import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { createAppStore } from '@/state';

import { App } from './App';
import { installDebugHandle } from './debugHandle';
import { startup } from './persistence';
import { initialTheme } from './preferences';
import './index.css';

const start = startup(location.hash);
const store = createAppStore(start.scenario, { theme: initialTheme() });
if (start.walk) store.getState().setWalk(start.walk, { step: start.step ?? 0 });
for (const m of start.messages) store.getState().notify(m.kind, m.text);
const handle = installDebugHandle(store);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App store={store} handle={handle} />
    </StrictMode>,
  );
}
