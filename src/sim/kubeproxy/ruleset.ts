/**
 * A node's iptables rules for one family, generated once per Cluster object and parsed by the
 * netfilter engine, so the text the user reads is exactly what a walk matches against (each
 * matched rule's RuleRef.line points into this text).
 */
import type { Family } from '../addr/ip';
import type { Cluster } from '../derive/types';
import { mustParseRuleset } from '../netfilter/parse';
import type { Ruleset } from '../netfilter/ruleset';

import { generateNodeRules } from './generate';

/** A node's iptables-save text and the ruleset parsed from it. */
export interface NodeRuleset {
  /** iptables-save output (nat, then filter). */
  readonly text: string;
  readonly ruleset: Ruleset;
}

const memo = new WeakMap<Cluster, Map<string, NodeRuleset>>();

/**
 * The iptables ruleset of `nodeName` for `family` (memoised per Cluster object).
 * @example nodeRuleset(cluster, 'node-1', 4).ruleset.tables.nat?.chains.get('KUBE-SERVICES')
 */
export function nodeRuleset(cluster: Cluster, nodeName: string, family: Family): NodeRuleset {
  let perCluster = memo.get(cluster);
  if (!perCluster) {
    perCluster = new Map();
    memo.set(cluster, perCluster);
  }
  const key = `${family}\u0000${nodeName}`;
  const hit = perCluster.get(key);
  if (hit) return hit;
  const text = generateNodeRules(cluster, nodeName, family);
  const out = { text, ruleset: mustParseRuleset(text) };
  perCluster.set(key, out);
  return out;
}

/** The node's `iptables-save` (family 4) or `ip6tables-save` (family 6) text. */
export function nodeIptablesText(cluster: Cluster, nodeName: string, family: Family): string {
  return nodeRuleset(cluster, nodeName, family).text;
}
