/**
 * An nft transaction as kube-proxy builds one with knftables and pipes it to `nft -f`: `add`
 * commands for one table, in the order they were made (which is the order `nft list ruleset`
 * later lists the objects in). Chains are ensured once, as kube-proxy's ensureChain does.
 */

/** A rule fragment; false/undefined/'' parts are left out (knftables.Concat). */
export type Part = string | number | false | undefined | readonly (string | number)[];

export interface BaseChain {
  readonly type: 'filter' | 'nat';
  readonly hook: string;
  readonly priority: number;
}

export interface Transaction {
  /** `add table FAMILY NAME { comment "…" ; }`. */
  table(comment: string): void;
  /** Ensures a chain (a base chain when `base` is given); idempotent. */
  chain(name: string, opts?: { base?: BaseChain; comment?: string }): void;
  set(
    name: string,
    type: string,
    opts?: { flags?: string; timeout?: number; comment?: string },
  ): void;
  map(name: string, type: string, comment: string): void;
  rule(chain: string, parts: readonly Part[], comment?: string): void;
  element(set: string, key: readonly (string | number)[], value?: string, comment?: string): void;
  /** The `nft -f` text. */
  text(): string;
}

const join = (parts: readonly Part[]): string =>
  parts
    .flatMap((p) => (Array.isArray(p) ? p : [p]))
    .filter((p) => p !== false && p !== undefined && p !== '')
    .join(' ');

/** A transaction on table `family name`. */
export function transaction(family: 'ip' | 'ip6', name: string): Transaction {
  const lines: string[] = [];
  const chains = new Set<string>();
  const at = `${family} ${name}`;
  return {
    table: (comment) => void lines.push(`add table ${at} { comment "${comment}" ; }`),
    chain(chain, opts = {}) {
      if (chains.has(chain)) return;
      chains.add(chain);
      const spec: string[] = [];
      if (opts.base)
        spec.push(`type ${opts.base.type} hook ${opts.base.hook} priority ${opts.base.priority} ;`);
      if (opts.comment !== undefined) spec.push(`comment "${opts.comment}" ;`);
      lines.push(`add chain ${at} ${chain}${spec.length ? ` { ${spec.join(' ')} }` : ''}`);
    },
    set(set, type, opts = {}) {
      const spec = [`type ${type} ;`];
      if (opts.flags) spec.push(`flags ${opts.flags} ;`);
      if (opts.timeout !== undefined) spec.push(`timeout ${opts.timeout}s ;`);
      if (opts.comment !== undefined) spec.push(`comment "${opts.comment}" ;`);
      lines.push(`add set ${at} ${set} { ${spec.join(' ')} }`);
    },
    map: (map, type, comment) =>
      void lines.push(`add map ${at} ${map} { type ${type} ; comment "${comment}" ; }`),
    rule(chain, parts, comment) {
      const c = comment !== undefined ? ` comment "${comment}"` : '';
      lines.push(`add rule ${at} ${chain} ${join(parts)}${c}`);
    },
    element(set, key, value, comment) {
      const c = comment !== undefined ? ` comment "${comment}"` : '';
      const v = value !== undefined ? ` : ${value}` : '';
      lines.push(`add element ${at} ${set} { ${key.join(' . ')}${c}${v} }`);
    },
    text: () => lines.join('\n') + '\n',
  };
}
