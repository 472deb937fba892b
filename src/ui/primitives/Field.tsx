import type { ReactNode } from 'react';

export interface FieldProps {
  readonly label: string;
  readonly htmlFor: string;
  readonly error?: string | undefined;
  readonly hint?: string | undefined;
  readonly children: ReactNode;
}

/** A labelled input with its error (or hint) underneath. */
export function Field({ label, htmlFor, error, hint, children }: FieldProps) {
  return (
    <div className="mb-3">
      <label
        htmlFor={htmlFor}
        className="mb-1 block text-xs font-semibold text-slate-600 dark:text-slate-300"
      >
        {label}
      </label>
      {children}
      {error ? (
        <p
          className="mt-1 text-xs text-red-700 dark:text-red-300"
          role="alert"
          data-testid={`${htmlFor}.error`}
        >
          ⚠ {error}
        </p>
      ) : hint ? (
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{hint}</p>
      ) : null}
    </div>
  );
}

export const inputCls =
  'h-8 w-full rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-800 aria-[invalid=true]:border-red-500';
