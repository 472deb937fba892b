/**
 * What NetworkPolicies mark on the graph: the isolated pods (outlined), and for the policy in
 * focus the pods it selects and the peers it admits. Loaded on demand with the policy engine
 * (a cluster without policies never needs it).
 */
import { ids, isolationOf, peersAllowedBy, podsSelectedBy, type Cluster } from '@/sim';

export function isolatedPods(cluster: Cluster): string[] {
  return cluster.pods
    .filter((p) => {
      const i = isolationOf(cluster, p.key);
      return i.ingress || i.egress;
    })
    .map((p) => p.id);
}

export function policyView(cluster: Cluster, key: string): { selected: string[]; peers: string[] } {
  const peers = peersAllowedBy(cluster, key);
  return {
    selected: podsSelectedBy(cluster, key).map(ids.pod),
    peers: [...peers.ingress.pods, ...peers.egress.pods].map(ids.pod),
  };
}
