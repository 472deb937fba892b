/** The common NetworkPolicy shapes the form offers, as real manifests. */
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from '@/sim';

export type Shape =
  | 'deny-ingress'
  | 'deny-egress'
  | 'allow-from-pods'
  | 'allow-from-namespace'
  | 'allow-from-cidr'
  | 'allow-to-pods'
  | 'allow-to-cidr'
  | 'allow-dns-egress';

export const SHAPES: {
  id: Shape;
  label: string;
  needs: 'none' | 'labels' | 'namespace' | 'cidr';
}[] = [
  { id: 'deny-ingress', label: 'Default deny ingress', needs: 'none' },
  { id: 'deny-egress', label: 'Default deny egress', needs: 'none' },
  { id: 'allow-from-pods', label: 'Allow ingress from pods with labels', needs: 'labels' },
  { id: 'allow-from-namespace', label: 'Allow ingress from a namespace', needs: 'namespace' },
  { id: 'allow-from-cidr', label: 'Allow ingress from a CIDR', needs: 'cidr' },
  { id: 'allow-to-pods', label: 'Allow egress to pods with labels', needs: 'labels' },
  { id: 'allow-to-cidr', label: 'Allow egress to a CIDR', needs: 'cidr' },
  { id: 'allow-dns-egress', label: 'Allow egress to cluster DNS (53 UDP/TCP)', needs: 'none' },
];

export interface PolicyDraft {
  readonly namespace: string;
  readonly name: string;
  readonly target: Readonly<Record<string, string>>;
  readonly shape: Shape;
  readonly labels: Readonly<Record<string, string>>;
  readonly peerNamespace: string;
  readonly cidr: string;
  readonly except: readonly string[];
  readonly ports: readonly NetworkPolicyPort[];
}

export function buildPolicy(d: PolicyDraft): NetworkPolicy {
  const podSelector = Object.keys(d.target).length ? { matchLabels: d.target } : {};
  const ports = d.ports.length ? { ports: d.ports } : {};
  const meta = { name: d.name, namespace: d.namespace };
  const base = {
    apiVersion: 'networking.k8s.io/v1' as const,
    kind: 'NetworkPolicy' as const,
    metadata: meta,
  };
  const peer = (): NetworkPolicyPeer => {
    if (d.shape === 'allow-from-pods' || d.shape === 'allow-to-pods')
      return { podSelector: { matchLabels: d.labels } };
    if (d.shape === 'allow-from-namespace')
      return {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': d.peerNamespace } },
      };
    return { ipBlock: { cidr: d.cidr, ...(d.except.length ? { except: d.except } : {}) } };
  };
  switch (d.shape) {
    case 'deny-ingress':
      return { ...base, spec: { podSelector, policyTypes: ['Ingress'] } };
    case 'deny-egress':
      return { ...base, spec: { podSelector, policyTypes: ['Egress'] } };
    case 'allow-from-pods':
    case 'allow-from-namespace':
    case 'allow-from-cidr':
      return {
        ...base,
        spec: { podSelector, policyTypes: ['Ingress'], ingress: [{ from: [peer()], ...ports }] },
      };
    case 'allow-to-pods':
    case 'allow-to-cidr':
      return {
        ...base,
        spec: { podSelector, policyTypes: ['Egress'], egress: [{ to: [peer()], ...ports }] },
      };
    case 'allow-dns-egress':
      return {
        ...base,
        spec: {
          podSelector,
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                {
                  namespaceSelector: {
                    matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
                  },
                  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
                },
              ],
              ports: [
                { protocol: 'UDP', port: 53 },
                { protocol: 'TCP', port: 53 },
              ],
            },
          ],
        },
      };
  }
}
