/** Global keyboard shortcuts: undo/redo, Escape, and stepping through a walk. */
import { redo, selectTrace, undo, type AppStore } from '@/state';

const isTyping = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement &&
  (t.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) ||
    t.closest('.cm-editor') !== null);

export function installShortcuts(store: AppStore): () => void {
  const onKey = (e: KeyboardEvent): void => {
    // A key a component has handled (the pod-birth player's arrows and Escape) is not also a
    // shortcut: it would step the walk behind the player or clear the selection.
    if (e.defaultPrevented) return;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 'z' && !isTyping(e.target)) {
      e.preventDefault();
      if (e.shiftKey) redo(store);
      else undo(store);
      return;
    }
    // F6 / Shift+F6 move between the screen's regions (toolbar, left column, graph, right panel).
    if (e.key === 'F6') {
      e.preventDefault();
      const regions = Array.from(document.querySelectorAll<HTMLElement>('[data-region]'));
      const here = regions.findIndex((r) => r.contains(document.activeElement));
      const n = regions.length;
      regions[(here + (e.shiftKey ? -1 : 1) + n) % n]?.focus();
      return;
    }
    if (mod && e.key.toLowerCase() === 'y' && !isTyping(e.target)) {
      e.preventDefault();
      redo(store);
      return;
    }
    if (e.key === 'Escape') {
      const s = store.getState();
      if (s.tool === 'send') s.setTool('select');
      else s.select(undefined);
      return;
    }
    if (isTyping(e.target) || mod) return;
    const s = store.getState();
    const t = selectTrace(s);
    if (!t || (e.target instanceof HTMLElement && e.target.closest('[role="listbox"]'))) return;
    // Predict mode moves on only when the learner has answered.
    if (s.predict) return;
    if (e.key === 'ArrowRight' || e.key === '.') {
      s.setPlaying(false);
      s.setStep(Math.min(t.hops.length - 1, s.step + 1));
    } else if (e.key === 'ArrowLeft' || e.key === ',') {
      s.setPlaying(false);
      s.setStep(Math.max(0, s.step - 1));
    } else if (
      e.key === ' ' &&
      (e.target === document.body ||
        (e.target instanceof HTMLElement && e.target.getAttribute('role') === 'application'))
    ) {
      e.preventDefault();
      s.setPlaying(!s.playing);
    }
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
