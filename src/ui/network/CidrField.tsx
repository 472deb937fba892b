/**
 * A text field for an address-plan value. The draft is the user's: it stays in the field even
 * when it is wrong. Each value that parses is applied at once (one undo step per focus session);
 * while the draft does not parse, the document holds the value the session started from — never
 * a prefix typed on the way ("10.96.0.0/3" on the way to a mistyped "/33"). Messages for this
 * field come from validation of the document.
 */
import { useEffect, useRef, useState } from 'react';

import type { Diagnostic } from '@/sim';
import { useStoreApi } from '@/state';

import { Field, inputCls } from '../primitives/Field';

export interface CidrFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly field: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Local syntax check of the draft; undefined = it can be applied. */
  readonly check: (draft: string) => string | undefined;
  readonly apply: (draft: string) => void;
  readonly hint?: string;
  readonly placeholder?: string;
}

export function CidrField({
  id,
  label,
  value,
  field,
  diagnostics,
  check,
  apply,
  hint,
  placeholder,
}: CidrFieldProps) {
  const store = useStoreApi();
  const [draft, setDraft] = useState(value);
  const focused = useRef(false);
  const paused = useRef(false);
  /** The document's value when this focus session began. */
  const start = useRef(value);
  useEffect(() => {
    if (!focused.current) setDraft(value);
  }, [value]);
  const syntax = check(draft);
  const mine = diagnostics.filter((d) => d.field === field || d.field?.startsWith(`${field}[`));
  const error = syntax ?? mine.find((d) => d.severity === 'error')?.message;
  const warning = !error ? mine.find((d) => d.severity === 'warning')?.message : undefined;
  const endSession = () => {
    focused.current = false;
    if (paused.current) {
      store.temporal.getState().resume();
      paused.current = false;
    }
    setDraft((d) => (check(d) ? d : value));
  };
  return (
    <Field label={label} htmlFor={id} error={error} hint={warning ? `⚠ ${warning}` : hint}>
      <input
        id={id}
        className={inputCls}
        value={draft}
        placeholder={placeholder}
        aria-invalid={Boolean(error)}
        spellCheck={false}
        data-testid={id}
        onFocus={() => {
          focused.current = true;
          start.current = value;
        }}
        onBlur={endSession}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        }}
        onChange={(e) => {
          const v = e.target.value;
          setDraft(v);
          const next = check(v) === undefined ? v : start.current;
          if (next === value) return;
          apply(next);
          if (!paused.current) {
            store.temporal.getState().pause();
            paused.current = true;
          }
        }}
      />
    </Field>
  );
}
