/**
 * Collects generated rules per table and chain, then prints them as iptables-save does: built-in
 * chains with their policy, user chains in alphabetical order (as iptables-legacy-save lists
 * them), each chain's rules in the order they were written.
 */
import { quoteArg } from '../netfilter/tokens';
import { BUILTIN_CHAINS } from '../netfilter/ruleset';
import type { NfTable } from '../netfilter/types';

/** A rule argument, or a group of them. */
export type Arg = string | readonly string[];

/** The rules of one table being written. */
export interface TableBuffer {
  readonly name: NfTable;
  /** Declares a user chain (idempotent). */
  chain(name: string): void;
  /** Appends `-A chain args…` (declaring the chain if needed). */
  rule(chain: string, ...args: Arg[]): void;
  /** Inserts `-A chain args…` before the chain's other rules (`iptables -I chain 1`). */
  insert(chain: string, ...args: Arg[]): void;
  print(): string[];
}

/** An empty table with its built-in chains. */
export function tableBuffer(name: NfTable): TableBuffer {
  const builtins = BUILTIN_CHAINS[name];
  const rules = new Map<string, string[]>();
  for (const b of builtins) rules.set(b, []);
  const declare = (c: string): string[] => {
    let list = rules.get(c);
    if (!list) {
      list = [];
      rules.set(c, list);
    }
    return list;
  };
  return {
    name,
    chain: (c) => void declare(c),
    rule: (c, ...args) => void declare(c).push(ruleLine(c, args)),
    insert: (c, ...args) => void declare(c).unshift(ruleLine(c, args)),
    print: () => {
      const users = [...rules.keys()].filter((c) => !builtins.includes(c)).sort();
      const order = [...builtins, ...users];
      return [
        `*${name}`,
        ...builtins.map((c) => `:${c} ACCEPT [0:0]`),
        ...users.map((c) => `:${c} - [0:0]`),
        ...order.flatMap((c) => rules.get(c) ?? []),
        'COMMIT',
      ];
    },
  };
}

function ruleLine(chain: string, args: readonly Arg[]): string {
  let line = `-A ${chain}`;
  for (const a of args) {
    if (typeof a === 'string') line += ` ${a}`;
    else for (const x of a) line += ` ${x}`;
  }
  return line;
}

/** `-m comment --comment TEXT`, quoted as kube-proxy writes it ("…" when it has spaces). */
export function comment(text: string): string[] {
  return ['-m', 'comment', '--comment', quoteArg(text)];
}

/** `-m tcp -p tcp` (kube-proxy's protocol match, module first). */
export function protoMatch(proto: string): string[] {
  return ['-m', proto, '-p', proto];
}
