import clsx from 'clsx';
import type { ReactNode } from 'react';

export interface CodeBlockProps {
  readonly lines: readonly string[];
  /** Colour each line (e.g. highlightIptables). */
  readonly render?: (line: string) => ReactNode;
  readonly highlight?: ReadonlySet<number>;
  readonly testId?: string;
  readonly className?: string;
  /** Wrap long lines (commands) instead of scrolling sideways. */
  readonly wrap?: boolean;
}

/** Tool output (`ip route`, `iptables-save`) as monospace lines; highlighted lines stand out. */
export function CodeBlock({ lines, highlight, testId, className, render, wrap }: CodeBlockProps) {
  return (
    <pre
      className={clsx(
        'overflow-x-auto rounded-md outline-none focus-visible:ring-2 focus-visible:ring-violet-500 bg-slate-100 p-2 font-mono text-[12px] leading-5 text-slate-800 dark:bg-slate-900 dark:text-slate-200',
        className,
      )}
      data-testid={testId}
      // Scrollable output must be reachable by keyboard to scroll it (WCAG 2.1.1).
      tabIndex={0}
    >
      {lines.map((l, i) => (
        <div
          key={i}
          data-highlighted={highlight?.has(i) ? true : undefined}
          className={clsx(
            wrap ? 'break-all whitespace-pre-wrap' : 'whitespace-pre',
            highlight?.has(i) && 'rounded-sm bg-amber-200/80 font-semibold dark:bg-amber-500/30',
          )}
        >
          {/* An empty line keeps its height (blank lines separate nft's blocks). */}
          {l === '' ? '\u00a0' : render ? render(l) : l}
        </div>
      ))}
    </pre>
  );
}
