/**
 * The parsed form of an iptables-save text: tables → chains → rules, each rule keeping its text
 * and line (for highlighting) next to its precompiled matches (CIDRs as bigint net/mask, ports as
 * numbers) so the engine never re-parses anything while walking.
 */
import type { Family } from '../addr/ip';

import type { NfTable, RuleRef } from './types';

/** `-s` / `-d`: an address block, possibly negated (`! -s 10.0.0.0/8`). */
export interface AddrMatch {
  readonly family: Family;
  readonly net: bigint;
  readonly mask: bigint;
  /** Exactly one address (/32, /128): such rules are indexed by destination. */
  readonly host: boolean;
  readonly neg: boolean;
}

/** `-i` / `-o`: an interface name, `+` at the end matching any suffix. */
export interface IfaceMatch {
  readonly name: string;
  readonly prefix: boolean;
  readonly neg: boolean;
}

/** The IP-header part of a rule, which the kernel checks before any `-m` match (ip_packet_match). */
export interface Header {
  readonly src?: AddrMatch;
  readonly dst?: AddrMatch;
  /** IP protocol number; 0 = all. */
  readonly proto?: { readonly num: number; readonly neg: boolean };
  readonly inIface?: IfaceMatch;
  readonly outIface?: IfaceMatch;
}

/** `--dport 80`, `--dport 30000:32767`, possibly negated. */
export interface PortRange {
  readonly lo: number;
  readonly hi: number;
  readonly neg: boolean;
}

/** `--src-type` / `--dst-type` of `-m addrtype`. */
export interface TypeMatch {
  readonly types: readonly string[];
  readonly neg: boolean;
}

/** One `-m` match (or the implicit protocol match of `-p tcp --dport N`). */
export type Match =
  | {
      readonly kind: 'ports';
      readonly proto: number;
      readonly sport?: PortRange;
      readonly dport?: PortRange;
    }
  | { readonly kind: 'addrtype'; readonly src?: TypeMatch; readonly dst?: TypeMatch }
  | { readonly kind: 'comment'; readonly text: string }
  | { readonly kind: 'statistic'; readonly probability: number }
  | {
      readonly kind: 'recent';
      readonly name: string;
      readonly mode: 'set' | 'rcheck' | 'update' | 'remove';
      readonly seconds?: number;
      readonly reap: boolean;
    }
  | { readonly kind: 'mark'; readonly value: number; readonly mask: number; readonly neg: boolean }
  | { readonly kind: 'conntrack'; readonly states: readonly string[]; readonly neg: boolean }
  | { readonly kind: 'nfacct'; readonly name: string }
  /** `-m set [!] --match-set NAME src|dst[,…]`: the address is a member of an ipset (Calico). */
  | {
      readonly kind: 'set';
      readonly name: string;
      readonly dirs: readonly ('src' | 'dst')[];
      readonly neg: boolean;
    };

/** A NAT destination/source as written ("10.0.0.1:80", "[fd00::1]:80", "10.0.0.1"). */
export interface NatAddr {
  readonly text: string;
  readonly ip: string;
  readonly port?: number;
  /** Canonical "ip:port" / "[v6]:port" / "ip", for comparing with a preferred endpoint. */
  readonly canonical: string;
}

/** What a matching rule does (`-j`). */
export type Target =
  | { readonly kind: 'ACCEPT' }
  | { readonly kind: 'DROP' }
  | { readonly kind: 'RETURN' }
  | { readonly kind: 'REJECT'; readonly with?: string }
  | { readonly kind: 'jump'; readonly chain: string }
  | {
      readonly kind: 'MARK';
      readonly op: 'set' | 'xset' | 'or' | 'xor' | 'and';
      readonly value: number;
      readonly mask: number;
    }
  | { readonly kind: 'DNAT'; readonly to: NatAddr }
  | { readonly kind: 'SNAT'; readonly to: NatAddr }
  | { readonly kind: 'MASQUERADE'; readonly randomFully: boolean; readonly toPort?: number };

/** One `-A` line: where it is, what it matches, what it does. */
export interface Rule {
  readonly ref: RuleRef;
  readonly header: Header;
  readonly matches: readonly Match[];
  /** Absent for a rule without `-j` (it only counts packets). */
  readonly target?: Target | undefined;
  /** The probability of its `-m statistic` match, if it has one. */
  readonly probability?: number | undefined;
}

/** Rules of a long chain grouped by their exact `-d` address, for fast lookup. */
export interface DstIndex {
  readonly byDst: ReadonlyMap<bigint, readonly number[]>;
  /** Rules without a single-address `-d` (they may match any destination). */
  readonly others: readonly number[];
}

/** A chain with its rules in order. */
export interface Chain {
  readonly name: string;
  readonly builtin: boolean;
  /** Built-in chains only: what happens when the walk falls off the end. */
  readonly policy?: 'ACCEPT' | 'DROP';
  readonly rules: readonly Rule[];
  /** 1-based line of its `:NAME POLICY [0:0]` declaration (0 when implicit). */
  readonly line: number;
  readonly index?: DstIndex;
  /** Whether any rule load-balances with `-m statistic`. */
  readonly balances: boolean;
}

/** One table (`*nat`, `*filter`). */
export interface Table {
  readonly name: NfTable;
  readonly chains: ReadonlyMap<string, Chain>;
  /** Chains in the order they were declared. */
  readonly order: readonly string[];
}

/** A parsed iptables-save text. */
export interface Ruleset {
  readonly tables: Readonly<Partial<Record<NfTable, Table>>>;
  /** Tables present in the text but not simulated (mangle, raw, security). */
  readonly ignoredTables: readonly string[];
}

/** The built-in chains of each simulated table, in hook order. */
export const BUILTIN_CHAINS: Readonly<Record<NfTable, readonly string[]>> = {
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/** IP protocol numbers (`/etc/protocols`). */
export const PROTO_NUM: Readonly<Record<string, number>> = {
  all: 0,
  icmp: 1,
  tcp: 6,
  udp: 17,
  sctp: 132,
  icmpv6: 58,
  'ipv6-icmp': 58,
};
