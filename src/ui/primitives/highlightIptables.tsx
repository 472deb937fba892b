/** Colours an iptables-save line: tables, chains, match options, comments and targets. */
import type { ReactNode } from 'react';

const TARGET_CLASS: Record<string, string> = {
  ACCEPT: 'text-emerald-700 dark:text-emerald-400',
  DROP: 'text-red-700 dark:text-red-400',
  REJECT: 'text-orange-700 dark:text-orange-400',
  DNAT: 'text-fuchsia-700 dark:text-fuchsia-400',
  SNAT: 'text-amber-700 dark:text-amber-400',
  MASQUERADE: 'text-amber-700 dark:text-amber-400',
  RETURN: 'text-slate-500',
  MARK: 'text-cyan-700 dark:text-cyan-400',
};

const TOKEN = /("(?:[^"\\]|\\.)*"|\S+)(\s*)/g;

export function highlightIptables(line: string): ReactNode {
  if (line.startsWith('*'))
    return <span className="font-semibold text-violet-700 dark:text-violet-300">{line}</span>;
  if (line === 'COMMIT')
    return <span className="font-semibold text-violet-700 dark:text-violet-300">{line}</span>;
  if (line.startsWith('#')) return <span className="text-slate-500 italic">{line}</span>;
  if (line.startsWith(':')) {
    const [chain, ...rest] = line.split(' ');
    return (
      <>
        <span className="font-semibold text-blue-700 dark:text-blue-300">{chain}</span>{' '}
        <span className="text-slate-500">{rest.join(' ')}</span>
      </>
    );
  }
  const out: ReactNode[] = [];
  let prev = '';
  let m: RegExpExecArray | null;
  let i = 0;
  TOKEN.lastIndex = 0;
  while ((m = TOKEN.exec(line)) !== null) {
    const tok = m[1] ?? '';
    const space = m[2] ?? '';
    let cls = '';
    if (prev === '-A' || prev === '-j')
      cls = TARGET_CLASS[tok] ?? 'font-semibold text-blue-700 dark:text-blue-300';
    else if (prev === '--comment') cls = 'text-slate-500';
    else if (tok.startsWith('-')) cls = 'text-slate-500 dark:text-slate-400';
    else if (prev === '--to-destination' || prev === '--to-source') cls = TARGET_CLASS.DNAT ?? '';
    out.push(
      <span key={i++} className={cls}>
        {tok}
      </span>,
      space,
    );
    prev = tok;
  }
  return out;
}
