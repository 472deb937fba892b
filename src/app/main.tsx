import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { createAppStore } from '@/state';

import { App } from './App';
import { installDebugHandle } from './debugHandle';
import { initialTheme } from './preferences';
import './index.css';

const store = createAppStore(undefined, { theme: initialTheme() });
const handle = installDebugHandle(store);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App store={store} handle={handle} />
    </StrictMode>,
  );
}
