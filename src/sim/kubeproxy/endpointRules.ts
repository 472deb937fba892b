/**
 * KUBE-SVC / KUBE-SVL (load balancing) and KUBE-SEP (one per endpoint: hairpin masquerade, then
 * DNAT) chains, as proxier.go writeServiceToEndpointRules and its per-endpoint loop write them.
 */
import type { ProxyContext } from './context';
import { sepChain, type EndpointInfo } from './endpoints';
import type { ServicePortInfo } from './services';
import { comment, protoMatch } from './writer';

const probabilities = new Map<number, string>();

/**
 * kube-proxy's computeProbability: `fmt.Sprintf("%0.10f", 1.0/float64(n))`.
 * @example probability(3) // "0.3333333333"
 */
export function probability(n: number): string {
  let p = probabilities.get(n);
  if (p === undefined) {
    p = (1 / n).toFixed(10);
    // kube-proxy precomputes up to 1000 endpoints (precomputedProbabilities); so do we.
    if (n <= 1000) probabilities.set(n, p);
  }
  return p;
}

/** Comments are dropped from SVC/SEP rules in large-cluster mode (> 1000 endpoints). */
const maybeComment = (k: ProxyContext, text: string): string[] =>
  k.largeCluster ? [] : comment(text);

/** A KUBE-SVC / KUBE-SVL chain: affinity checks, then one (probabilistic) jump per endpoint. */
export function writeServiceToEndpointRules(
  k: ProxyContext,
  s: ServicePortInfo,
  chain: string,
  endpoints: readonly EndpointInfo[],
): void {
  k.nat.chain(chain);
  // ClientIP affinity: a client seen recently goes back to the same endpoint.
  if (s.clientIPAffinity)
    for (const e of endpoints) {
      const sep = sepChain(s, e);
      k.nat.rule(
        chain,
        maybeComment(k, `${s.name} -> ${e.text}`),
        [
          '-m',
          'recent',
          '--name',
          sep,
          '--rcheck',
          '--seconds',
          String(s.affinitySeconds),
          '--reap',
        ],
        '-j',
        sep,
      );
    }
  // Endpoint i of n is taken with probability 1/(n−i); the last one unconditionally.
  const n = endpoints.length;
  endpoints.forEach((e, i) => {
    const stat =
      i < n - 1 ? ['-m', 'statistic', '--mode', 'random', '--probability', probability(n - i)] : [];
    k.nat.rule(chain, maybeComment(k, `${s.name} -> ${e.text}`), stat, '-j', sepChain(s, e));
  });
}

/** One KUBE-SEP chain per endpoint: hairpin masquerade, then DNAT (with `--set` for affinity). */
export function writeEndpointChains(
  k: ProxyContext,
  s: ServicePortInfo,
  endpoints: readonly EndpointInfo[],
): void {
  for (const e of endpoints) {
    const sep = sepChain(s, e);
    const c = maybeComment(k, s.name);
    // Hairpin: an endpoint reaching itself through the service is masqueraded.
    k.nat.rule(sep, c, '-s', e.ip, '-j', 'KUBE-MARK-MASQ');
    const affinity = s.clientIPAffinity ? ['-m', 'recent', '--name', sep, '--set'] : [];
    k.nat.rule(sep, c, affinity, protoMatch(s.proto), '-j', 'DNAT', '--to-destination', e.text);
  }
}
