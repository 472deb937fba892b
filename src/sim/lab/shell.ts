/**
 * Writing bash safely: every value that comes from a scenario (names, labels, addresses of
 * imported objects) reaches the script single-quoted, or reduced to a safe alphabet where it
 * becomes part of a namespace or file name, and never breaks out of a comment.
 */

/** A bash word that stands for exactly `s` (POSIX single quotes; ' written as '\''). */
export function shq(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Text safe inside a double-quoted bash string (no expansion, one line). */
export function dq(s: string): string {
  return commentText(s).replace(/[\\"$`]/g, (c) => `\\${c}`);
}

/** Text safe inside a `#` comment: one line, no control characters. */
export function commentText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

/**
 * A piece of a network-namespace name: Kubernetes names are DNS labels and pass unchanged;
 * anything else (an imported name with spaces, quotes, `$`) is reduced to [a-z0-9.-].
 */
export function nameSlug(s: string, max = 40): string {
  const slug = s
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, max)
    .replace(/[-.]+$/, '');
  return slug || 'x';
}

/** Names made unique by a numeric suffix, in order of first use. */
export function uniqueNames(): (wanted: string) => string {
  const used = new Set<string>();
  return (wanted) => {
    let n = wanted;
    for (let i = 2; used.has(n); i++) n = `${wanted}-${i}`;
    used.add(n);
    return n;
  };
}

/**
 * Bash text written as `String.raw` template: TypeScript's `${x}` interpolates, and bash's own
 * `${…}` is written `\${…}` in the source and restored here.
 */
export function bash(raw: string): string {
  return raw.replace(/\\\$\{/g, '${');
}
