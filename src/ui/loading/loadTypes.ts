/** Messages between the page and the loading worker (load.worker.ts). */
import type { Loaded } from '@/scenario';
import type { Diagnostic } from '@/sim';

import type { Startup } from './startup';

export type LoadRequest =
  | {
      readonly id: number;
      readonly kind: 'text';
      readonly text: string;
      readonly fileName?: string;
    }
  | {
      readonly id: number;
      readonly kind: 'startup';
      readonly hash: string;
      readonly autosave: string | null;
    };

export type LoadResponse =
  | {
      readonly id: number;
      readonly type: 'progress';
      readonly step: number;
      readonly of: number;
      readonly text: string;
    }
  | { readonly id: number; readonly type: 'loaded'; readonly loaded: Loaded }
  | { readonly id: number; readonly type: 'startup'; readonly start: Startup }
  | {
      readonly id: number;
      readonly type: 'diagnostics';
      readonly diagnostics: readonly Diagnostic[];
    }
  | { readonly id: number; readonly type: 'error'; readonly error: string };
