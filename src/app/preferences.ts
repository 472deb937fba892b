/** Theme and motion preferences from the OS and from the last session. */
import type { AppStore, ThemeName } from '@/state';

const THEME_KEY = 'k8snet.theme';

export function initialTheme(): ThemeName {
  try {
    const saved = localStorage.getItem(THEME_KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    /* storage unavailable */
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function installPreferences(store: AppStore): () => void {
  const apply = (t: ThemeName): void => {
    document.documentElement.classList.toggle('dark', t === 'dark');
    document.documentElement.style.colorScheme = t;
  };
  apply(store.getState().theme);
  const mq = window.matchMedia?.('(prefers-reduced-motion: reduce)');
  store.getState().setReducedMotion(Boolean(mq?.matches));
  const onMq = (e: MediaQueryListEvent): void => store.getState().setReducedMotion(e.matches);
  mq?.addEventListener('change', onMq);
  const unsub = store.subscribe((s, prev) => {
    if (s.theme !== prev.theme) {
      apply(s.theme);
      try {
        localStorage.setItem(THEME_KEY, s.theme);
      } catch {
        /* ignore */
      }
    }
  });
  return () => {
    unsub();
    mq?.removeEventListener('change', onMq);
  };
}
