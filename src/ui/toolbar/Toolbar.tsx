import { canRedo, canUndo, redo, undo, useAppStore, useStoreApi, useTemporal } from '@/state';

import { Button } from '../primitives/Button';

import { WalkForm } from './WalkForm';

export function Toolbar() {
  const store = useStoreApi();
  const tool = useAppStore((s) => s.tool);
  const pickFrom = useAppStore((s) => s.pickFrom);
  const setTool = useAppStore((s) => s.setTool);
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  useTemporal((t) => t.pastStates.length + t.futureStates.length * 1000);
  const sending = tool === 'send';
  return (
    <header className="flex h-14 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3 dark:border-slate-800 dark:bg-slate-900" data-testid="toolbar">
      <div className="flex items-center gap-2 pr-2">
        <img src="/favicon.svg" alt="" className="h-7 w-7" />
        <div className="leading-tight">
          <h1 className="text-sm font-bold">K8s Network Explorer</h1>
          <p className="text-[11px] text-slate-500 dark:text-slate-400">computed, not scripted</p>
        </div>
      </div>
      <Button variant={sending ? 'primary' : 'secondary'} active={sending} aria-pressed={sending} onClick={() => setTool(sending ? 'select' : 'send')} data-testid="toolbar.send">
        <span aria-hidden="true">➤</span> Send packet
      </Button>
      {sending && (
        <span className="text-xs text-blue-700 dark:text-blue-300" role="status" data-testid="toolbar.send-hint">
          {pickFrom ? `From ${pickFrom} — now click the destination` : 'Click the source (a pod, node or the outside clients)'}
        </span>
      )}
      <div className="mx-1 h-6 w-px bg-slate-200 dark:bg-slate-700" />
      <WalkForm />
      <div className="ml-auto flex items-center gap-1">
        <Button variant="ghost" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!canUndo(store)} onClick={() => undo(store)} data-testid="toolbar.undo">
          ↶
        </Button>
        <Button variant="ghost" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!canRedo(store)} onClick={() => redo(store)} data-testid="toolbar.redo">
          ↷
        </Button>
        <Button variant="ghost" aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} data-testid="toolbar.theme">
          {theme === 'dark' ? '☀' : '◐'}
        </Button>
      </div>
    </header>
  );
}
