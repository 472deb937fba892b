/**
 * Splitting an iptables-save line into arguments the way iptables-restore does: whitespace
 * separates, double or single quotes group (`--comment "a b"`), a backslash escapes the next
 * character inside double quotes (iptables-save writes `\"` for a quote in a comment).
 */
import { err, ok, type Result } from '../util/result';

export function tokenize(line: string): Result<string[]> {
  const out: string[] = [];
  let cur = '';
  let inToken = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (quote) {
      if (ch === '\\' && quote === '"' && i + 1 < line.length) {
        cur += line.charAt(++i);
      } else if (ch === quote) {
        quote = undefined;
      } else {
        cur += ch;
      }
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inToken = true;
    } else if (ch === ' ' || ch === '\t') {
      if (inToken) out.push(cur);
      cur = '';
      inToken = false;
    } else {
      cur += ch;
      inToken = true;
    }
  }
  if (quote) return err(`unterminated ${quote} quote`);
  if (inToken) out.push(cur);
  return ok(out);
}

/** An argument as iptables-save prints it: quoted when it contains whitespace or quotes. */
export function quoteArg(s: string): string {
  if (s !== '' && !/[\s"'\\]/.test(s)) return s;
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
