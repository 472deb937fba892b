/**
 * How a walk names whoever translates Services on this cluster: kube-proxy, or — when the
 * datapath replaces it (Cilium's kube-proxy replacement) — the datapath's own load balancer, so
 * no hop credits kube-proxy with what eBPF did.
 */
import type { ServiceLbWords } from '../cni/types';
import type { Cluster } from '../derive/types';

const KUBE_PROXY: ServiceLbWords = {
  actor: 'kube-proxy',
  rules: "kube-proxy's DNAT rules",
  rule: 'kube-proxy rule',
};

export function serviceLbWords(cluster: Cluster): ServiceLbWords {
  const p = cluster.datapath.profile;
  return p.kubeProxy
    ? KUBE_PROXY
    : (p.serviceLb ?? {
        actor: "the CNI's service load balancer",
        rules: "the CNI's service entries",
        rule: 'service entry',
      });
}
