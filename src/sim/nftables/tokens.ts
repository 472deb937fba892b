/**
 * Splits one line of nft syntax into tokens: words, "quoted strings" (kept with their quotes),
 * and the punctuation nft uses as separators ({ } , ;). Colons, slashes, dots and brackets stay
 * inside words (10.0.0.1:80, [fd00::1]:80, endpoint-…/tcp/p80__10.0.0.1/80).
 */
import { err, ok, type Result } from '../util/result';

const PUNCT = new Set(['{', '}', ',', ';']);

export function tokenizeNft(line: string): Result<string[]> {
  const out: string[] = [];
  let cur = '';
  let i = 0;
  const flush = (): void => {
    if (cur !== '') out.push(cur);
    cur = '';
  };
  while (i < line.length) {
    const c = line.charAt(i);
    if (c === '"') {
      const end = line.indexOf('"', i + 1);
      if (end < 0) return err('unterminated quoted string');
      cur += line.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (c === '#' && cur === '') break; // a comment line (or the rest of one)
    if (c === ' ' || c === '\t') flush();
    else if (PUNCT.has(c)) {
      flush();
      out.push(c);
    } else cur += c;
    i++;
  }
  flush();
  return ok(out);
}

/** The text of a quoted token without its quotes (or the token itself). */
export function unquote(tok: string): string {
  return tok.length >= 2 && tok.startsWith('"') && tok.endsWith('"') ? tok.slice(1, -1) : tok;
}
