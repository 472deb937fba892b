import type { Core } from 'cytoscape';

declare global {
  interface Window {
    __explorer?: {
      cy: Core | undefined;
      store: {
        getState: () => Record<string, unknown> & {
          scenario: unknown;
          walk?: unknown;
          step: number;
        };
      };
    };
  }
}

export {};
