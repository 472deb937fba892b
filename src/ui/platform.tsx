/**
 * What the UI needs from the browser around it, provided by the composition root (src/app), so
 * components never touch window.location, the clipboard or downloads themselves.
 */
import { createContext, useContext, type ReactNode } from 'react';

export interface Platform {
  /** The app's URL without the fragment. */
  readonly baseUrl: () => string;
  /** The page's URL without query or fragment (links that carry their own query). */
  readonly pageUrl: () => string;
  readonly copyText: (text: string) => Promise<boolean>;
  readonly download: (fileName: string, data: Blob) => void;
}

const noop: Platform = {
  baseUrl: () => 'http://localhost/',
  pageUrl: () => 'http://localhost/',
  copyText: async () => false,
  download: () => undefined,
};
const Ctx = createContext<Platform>(noop);

export function PlatformProvider({
  platform,
  children,
}: {
  platform: Platform;
  children: ReactNode;
}) {
  return <Ctx.Provider value={platform}>{children}</Ctx.Provider>;
}

export function usePlatform(): Platform {
  return useContext(Ctx);
}
