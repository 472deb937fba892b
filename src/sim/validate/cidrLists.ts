/**
 * Syntax of the other CIDR lists a scenario holds: kube-proxy's `clusterCIDR` and
 * `nodePortAddresses`, Service `loadBalancerSourceRanges`, NetworkPolicy `ipBlock`s. Each is
 * rejected by its owner when it is not a CIDR (kube-proxy's config validation, ValidateService,
 * ValidateNetworkPolicy), so each is a `cidr-invalid` error.
 */
import { parseCidr } from '../addr/cidr';
import type { NetworkPolicyPeer } from '../model/k8s';
import { keyOf } from '../model/labels';
import type { Scenario } from '../model/scenario';

import { cidrReason } from './cidr';
import { diagnostic, svcRef, type Diagnostic } from './types';

function invalid(
  name: string,
  text: string,
  example: string,
  field: string,
  objects: readonly string[] = [],
): Diagnostic {
  return diagnostic(
    'error',
    'cidr-invalid',
    `${name} "${text}" is not a CIDR: ${cidrReason(text)}. Use a block like ${example}.`,
    { objects, field },
  );
}

const bad = (text: unknown): text is string =>
  typeof text !== 'string' || !parseCidr(text.trim()).ok;

/** kube-proxy settings: clusterCIDR ("a" or "a,b"; "" = no detector) and nodePortAddresses. */
function kubeProxyLists(scenario: Scenario): Diagnostic[] {
  const out: Diagnostic[] = [];
  const kp = scenario.cluster?.kubeProxy;
  const cc: unknown = kp?.clusterCIDR;
  if (typeof cc === 'string' && cc.trim() !== '')
    for (const part of cc.split(',').map((p) => p.trim()))
      if (bad(part))
        out.push(
          invalid('kube-proxy clusterCIDR', part, '10.244.0.0/16', 'cluster.kubeProxy.clusterCIDR'),
        );
  (kp?.nodePortAddresses ?? []).forEach((t, j) => {
    // Since Kubernetes 1.29 the word "primary" selects the node's primary addresses.
    if (t !== 'primary' && bad(t))
      out.push(
        invalid(
          'kube-proxy nodePortAddresses entry',
          String(t),
          '192.168.1.0/24',
          `cluster.kubeProxy.nodePortAddresses[${j}]`,
        ),
      );
  });
  return out;
}

function peerLists(
  peers: readonly NetworkPolicyPeer[] | undefined,
  base: string,
  name: string,
  objects: readonly string[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  (peers ?? []).forEach((peer, k) => {
    const b = peer.ipBlock;
    if (!b) return;
    const field = `${base}[${k}].ipBlock`;
    if (bad(b.cidr))
      out.push(
        invalid(`${name} ipBlock.cidr`, String(b.cidr), '10.0.0.0/8', `${field}.cidr`, objects),
      );
    (b.except ?? []).forEach((e, x) => {
      if (bad(e))
        out.push(
          invalid(
            `${name} ipBlock.except`,
            String(e),
            '10.0.1.0/24',
            `${field}.except[${x}]`,
            objects,
          ),
        );
    });
  });
  return out;
}

/** `cidr-invalid` for every CIDR list outside the three plan settings. */
export function checkOtherCidrLists(scenario: Scenario): Diagnostic[] {
  const out = kubeProxyLists(scenario);
  (scenario.services ?? []).forEach((svc, i) => {
    const key = keyOf(svc.metadata);
    (svc.spec.loadBalancerSourceRanges ?? []).forEach((t, j) => {
      if (bad(t))
        out.push(
          invalid(
            `Service ${key}'s loadBalancerSourceRanges entry`,
            String(t),
            '203.0.113.0/24',
            `services[${i}].spec.loadBalancerSourceRanges[${j}]`,
            [svcRef(key)],
          ),
        );
    });
  });
  (scenario.networkPolicies ?? []).forEach((np, p) => {
    const key = keyOf(np.metadata);
    const objects = [`netpol/${key}`];
    const name = `NetworkPolicy ${key}`;
    (np.spec.ingress ?? []).forEach((rule, r) =>
      out.push(
        ...peerLists(rule.from, `networkPolicies[${p}].spec.ingress[${r}].from`, name, objects),
      ),
    );
    (np.spec.egress ?? []).forEach((rule, r) =>
      out.push(...peerLists(rule.to, `networkPolicies[${p}].spec.egress[${r}].to`, name, objects)),
    );
  });
  return out;
}
