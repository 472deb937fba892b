/**
 * The parsed form of an nftables ruleset (nft(8)): tables of one family holding sets, maps and
 * chains; chains holding rules; rules made of statements evaluated left to right. Every object
 * keeps the 1-based line it was read from, so a walk can point at the text the user reads.
 * Values are compiled once at parse time (addresses as bigint net/mask, protocols and ports as
 * numbers) so evaluation never re-parses.
 */
import type { Family } from '../addr/ip';

/** nft table families simulated here (`arp`, `bridge`, `netdev` are not). */
export type NftFamily = 'ip' | 'ip6' | 'inet';
export type NftHookName = 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';
export type ChainType = 'filter' | 'nat' | 'route';

/** An address block: one IP is a /32 (/128); `lo`–`hi` ranges are intervals. */
export interface AddrValue {
  readonly family: Family;
  readonly lo: bigint;
  readonly hi: bigint;
  /** As written ("10.0.0.0/8", "1.2.3.4"), for printing. */
  readonly text: string;
}

/** A typed value on the right-hand side of a match, or part of a set element key. */
export type Value =
  | { readonly kind: 'addr'; readonly addr: AddrValue }
  | { readonly kind: 'num'; readonly lo: number; readonly hi: number; readonly text: string }
  | { readonly kind: 'name'; readonly name: string };

/** What a match or a map key reads from the packet. */
export type Selector =
  | { readonly kind: 'addr'; readonly family: Family; readonly field: 'saddr' | 'daddr' }
  | { readonly kind: 'l4proto'; readonly via: 'meta l4proto' | 'ip protocol' | 'ip6 nexthdr' }
  | { readonly kind: 'port'; readonly field: 'sport' | 'dport'; readonly proto: 'th' | string }
  | { readonly kind: 'mark' }
  | { readonly kind: 'iface'; readonly field: 'iifname' | 'oifname' }
  | { readonly kind: 'ctstate' }
  | { readonly kind: 'fib'; readonly field: 'saddr' | 'daddr' }
  | { readonly kind: 'numgen'; readonly mod: number; readonly offset: number };

/** An anonymous set (`{ a, b }`) or a named one (`@cluster-ips`). */
export type SetExpr =
  | { readonly kind: 'anon'; readonly values: readonly Value[] }
  | { readonly kind: 'ref'; readonly name: string };

/** A verdict, as a map element's data or a rule's last statement. */
export type Verdict =
  | { readonly kind: 'accept' | 'drop' | 'return' | 'continue' }
  | { readonly kind: 'jump' | 'goto'; readonly chain: string };

/** One element of a set or map: key parts (concatenations have several), optional data. */
export interface Element {
  readonly key: readonly Value[];
  /** Verdict maps: the verdict. */
  readonly verdict?: Verdict;
  /** Data maps (e.g. `dnat to … map`): the data parts. */
  readonly data?: readonly Value[];
  readonly comment?: string;
  /** 1-based line (0 for anonymous maps inside a rule). */
  line: number;
}

/** A statement of a rule (nft(8) STATEMENTS, plus matches as relational expressions). */
export type Stmt =
  | {
      readonly kind: 'match';
      readonly sel: Selector;
      /** `meta mark & 0x4000 == 0`: the mask applied before comparing. */
      readonly mask?: number;
      readonly neg: boolean;
      readonly rhs: Value | SetExpr;
    }
  | {
      readonly kind: 'vmap';
      readonly key: readonly Selector[];
      readonly map: { readonly kind: 'ref'; readonly name: string } | AnonMap;
    }
  | { readonly kind: 'verdict'; readonly verdict: Verdict }
  | { readonly kind: 'reject'; readonly with?: string }
  | { readonly kind: 'mark-set'; readonly op: 'set' | 'or' | 'xor' | 'and'; readonly value: number }
  | { readonly kind: 'dnat' | 'snat'; readonly addr: AddrValue; readonly port?: number }
  | { readonly kind: 'masquerade'; readonly flags: readonly string[] }
  | {
      readonly kind: 'set-update';
      readonly op: 'add' | 'update';
      readonly set: string;
      readonly key: readonly Selector[];
    }
  | { readonly kind: 'counter' };

/** An inline verdict map (`numgen random mod 2 vmap { 0 : goto a, 1 : goto b }`). */
export interface AnonMap {
  readonly kind: 'anon-map';
  readonly elements: readonly Element[];
}

export interface Rule {
  readonly stmts: readonly Stmt[];
  readonly comment?: string;
  /** The rule as `nft list ruleset` prints it (no comment stripping). */
  text: string;
  line: number;
}

export interface BaseChainSpec {
  readonly type: ChainType;
  readonly hook: NftHookName;
  readonly priority: number;
  readonly policy: 'accept' | 'drop';
}

export interface Chain {
  readonly name: string;
  readonly base?: BaseChainSpec;
  readonly comment?: string;
  readonly rules: Rule[];
  line: number;
}

/** A named set (`set`) or map (`map`). */
export interface NamedSet {
  readonly name: string;
  readonly isMap: boolean;
  /** Key type parts: ["ipv4_addr", "inet_proto", "inet_service"]. */
  readonly keyType: readonly string[];
  /** Data type of a map: "verdict" or data type parts. */
  readonly dataType?: readonly string[];
  readonly flags: readonly string[];
  /** Element timeout in seconds (`timeout 3h`). */
  readonly timeout?: number;
  readonly comment?: string;
  readonly elements: Element[];
  /** Exact-key index of the elements (built at parse time). */
  readonly index: Map<string, Element>;
  line: number;
}

export interface Table {
  readonly family: NftFamily;
  readonly name: string;
  readonly comment?: string;
  readonly sets: Map<string, NamedSet>;
  readonly chains: Map<string, Chain>;
  line: number;
}

/** A whole ruleset (`nft list ruleset`). */
export interface Ruleset {
  readonly tables: readonly Table[];
}
