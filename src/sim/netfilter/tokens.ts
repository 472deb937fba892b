/**
 * Splitting an iptables-save line into arguments the way iptables-restore does: whitespace
 * separates, double or single quotes group (`--comment "a b"`), a backslash escapes the next
 * character inside double quotes (iptables-save writes `\"` for a quote in a comment).
 */
import { err, ok, type Result } from '../util/result';

/** Splits one line into arguments (quotes group, `\"` escapes). */
export function tokenize(line: string): Result<string[]> {
  const out: string[] = [];
  const n = line.length;
  let i = 0;
  while (i < n) {
    let ch = line.charCodeAt(i);
    if (ch === 32 || ch === 9) {
      i++;
      continue;
    }
    // One token: unquoted runs are sliced whole; quoted parts are unescaped.
    let tok = '';
    while (i < n) {
      ch = line.charCodeAt(i);
      if (ch === 32 || ch === 9) break;
      if (ch === 34 || ch === 39) {
        const q = ch;
        i++;
        let closed = false;
        while (i < n) {
          const c = line.charCodeAt(i);
          if (c === q) {
            closed = true;
            i++;
            break;
          }
          if (c === 92 && q === 34 && i + 1 < n) i++;
          tok += line.charAt(i);
          i++;
        }
        if (!closed) return err(`unterminated ${String.fromCharCode(q)} quote`);
        continue;
      }
      let j = i;
      while (j < n) {
        const c = line.charCodeAt(j);
        if (c === 32 || c === 9 || c === 34 || c === 39) break;
        j++;
      }
      tok += line.slice(i, j);
      i = j;
    }
    out.push(tok);
  }
  return ok(out);
}

/** An argument as iptables-save prints it: quoted when it contains whitespace or quotes. */
export function quoteArg(s: string): string {
  if (s !== '' && !/[\s"'\\]/.test(s)) return s;
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
