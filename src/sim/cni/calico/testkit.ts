/** Test support: the reference's 2-node cluster (reference/cni-datapaths.md) under Calico. */
import type { NetworkPolicy, OtherObject } from '../../model/k8s';
import type { NodeSubnet, Scenario } from '../../model/scenario';
import { node, pod, scenario, service } from '../../test/builders';

export interface PoolSpec {
  readonly cidr?: string;
  readonly ipipMode?: string;
  readonly vxlanMode?: string;
  readonly natOutgoing?: boolean;
  readonly blockSize?: number;
  readonly nodeSelector?: string;
}

/** An IPPool object as `calicoctl get ippool -o yaml` (v3) or the CRD (crd.projectcalico.org/v1) prints it. */
export function ippool(
  name: string,
  spec: PoolSpec,
  apiVersion = 'projectcalico.org/v3',
): OtherObject {
  return {
    apiVersion,
    kind: 'IPPool',
    metadata: { name },
    spec: { cidr: '10.244.0.0/16', ...spec },
  };
}

/**
 * node-1 192.168.1.11 and node-2 (192.168.1.12, or 192.168.2.12 on a second subnet) with pods a, b
 * on node-1 and c on node-2 (port 80), a ClusterIP Service and a NodePort Service in front of c.
 */
export function calicoScenario(
  o: {
    pools?: readonly OtherObject[];
    node2Ip?: string;
    subnets?: readonly NodeSubnet[];
    policies?: readonly NetworkPolicy[];
  } = {},
): Scenario {
  return scenario({
    cluster: {
      podSubnet: '10.244.0.0/16',
      cni: { mode: 'calico' },
      nodeNetwork: o.subnets ?? [],
    },
    nodes: [node('node-1', '192.168.1.11'), node('node-2', o.node2Ip ?? '192.168.1.12')],
    pods: [
      pod('a', 'node-1', { labels: { app: 'a' } }),
      pod('b', 'node-1', { labels: { app: 'b' } }),
      pod('c', 'node-2', { labels: { app: 'c' }, ports: [80] }),
    ],
    services: [
      service('svc-c', { selector: { app: 'c' }, ports: [{ port: 80, targetPort: 80 }] }),
      service('np-c', {
        type: 'NodePort',
        selector: { app: 'c' },
        ports: [{ port: 80, targetPort: 80, nodePort: 30080 }],
      }),
    ],
    networkPolicies: o.policies ?? [],
    others: o.pools ?? [ippool('default-ipv4-ippool', { ipipMode: 'Always', natOutgoing: true })],
  });
}
