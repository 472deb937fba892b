/** Colours an `nft list ruleset` line: tables, chains, sets, verdicts, NAT, set references, comments. */
import type { ReactNode } from 'react';

const WORD_CLASS: Readonly<Record<string, string>> = {
  accept: 'text-emerald-700 dark:text-emerald-400',
  drop: 'text-red-700 dark:text-red-400',
  reject: 'text-orange-700 dark:text-orange-400',
  dnat: 'text-fuchsia-700 dark:text-fuchsia-400',
  snat: 'text-amber-700 dark:text-amber-400',
  masquerade: 'text-amber-700 dark:text-amber-400',
  return: 'text-slate-500',
  jump: 'text-blue-700 dark:text-blue-300',
  goto: 'text-blue-700 dark:text-blue-300',
  vmap: 'text-cyan-700 dark:text-cyan-400',
  numgen: 'text-cyan-700 dark:text-cyan-400',
};

const HEADER = /^(\s*)(table|chain|set|map)( .*)$/;
const TOKEN = /("(?:[^"\\]|\\.)*"|\S+)(\s*)/g;

export function highlightNft(line: string): ReactNode {
  const h = HEADER.exec(line);
  if (h)
    return (
      <>
        {h[1]}
        <span className="font-semibold text-violet-700 dark:text-violet-300">{h[2]}</span>
        <span className="font-semibold text-blue-700 dark:text-blue-300">{h[3]}</span>
      </>
    );
  if (/^\s*type \w+ hook /.test(line) || /^\s*(type|flags|timeout|comment) /.test(line))
    return <span className="text-slate-500 dark:text-slate-400">{line}</span>;
  const out: ReactNode[] = [/^\s*/.exec(line)?.[0] ?? ''];
  let m: RegExpExecArray | null;
  let prev = '';
  let i = 0;
  TOKEN.lastIndex = 0;
  while ((m = TOKEN.exec(line)) !== null) {
    const tok = m[1] ?? '';
    const cls =
      prev === 'jump' || prev === 'goto'
        ? 'font-semibold text-blue-700 dark:text-blue-300'
        : prev === 'to' || prev === 'comment'
          ? prev === 'to'
            ? WORD_CLASS.dnat
            : 'text-slate-500'
          : tok.startsWith('@')
            ? 'text-cyan-700 dark:text-cyan-400'
            : (WORD_CLASS[tok] ?? '');
    out.push(
      <span key={i++} className={cls}>
        {tok}
      </span>,
      m[2] ?? '',
    );
    prev = tok;
  }
  return out;
}
