/**
 * kube-proxy settings that silently change walks. `clustercidr-mismatch`: the local-traffic
 * detector (`clusterCIDR`, `--cluster-cidr`) must cover the pod network, or kube-proxy's
 * `! -s <clusterCIDR> -j KUBE-MARK-MASQ` rule treats pods outside it as off-cluster and
 * masquerades their traffic to ClusterIPs to the node IP. Syntax is cidrLists.ts's business.
 */
import { cidrContainsCidr, parseCidr, toNetwork } from '../addr/cidr';

import { familyName } from './cidr';
import { diagnostic, type Diagnostic, type ValidateContext } from './types';

const FIELD = 'cluster.kubeProxy.clusterCIDR';

/**
 * One warning per pod-network family the detector does not cover. Absent clusterCIDR follows the
 * pod network and "" turns the detector off on purpose: neither is reported.
 */
export function checkClusterCidr({ scenario, plan }: ValidateContext): Diagnostic[] {
  const given: unknown = scenario.cluster?.kubeProxy?.clusterCIDR;
  if (typeof given !== 'string' || given.trim() === '') return [];
  const parts = given.split(',').map((p) => p.trim());
  const parsed = parts.map((p) => parseCidr(p));
  // An unparsable entry is a cidr-invalid error already; its family is unknown, so say no more.
  if (parsed.some((r) => !r.ok)) return [];
  const blocks = parsed.flatMap((r, i) =>
    r.ok ? [{ text: parts[i] ?? '', net: toNetwork(r.value) }] : [],
  );
  const out: Diagnostic[] = [];
  for (const pod of plan.pod) {
    const fam = familyName(pod.net.family);
    const fix = `Set clusterCIDR to the pod network (${pod.text}), or remove it so kube-proxy follows podSubnet.`;
    const d = blocks.find((b) => b.net.family === pod.net.family);
    if (!d) {
      out.push(
        diagnostic(
          'warning',
          'clustercidr-mismatch',
          `kube-proxy clusterCIDR "${given}" has no ${fam} block but the Pod CIDR is ${pod.text}: kube-proxy runs without a local-traffic detector for ${fam}, so traffic from outside the cluster to ${fam} ClusterIPs is not masqueraded. ${fix}`,
          { ranges: [pod.text], field: FIELD },
        ),
      );
      continue;
    }
    if (cidrContainsCidr(d.net, pod.net)) continue;
    out.push(
      diagnostic(
        'warning',
        'clustercidr-mismatch',
        `kube-proxy clusterCIDR ${d.text} does not cover the Pod CIDR ${pod.text} (${fam}): the local-traffic detector takes pods outside ${d.text} for off-cluster sources, so their traffic to ClusterIPs is masqueraded to the node IP. ${fix}`,
        { ranges: [d.text, pod.text], field: FIELD },
      ),
    );
  }
  return out;
}
