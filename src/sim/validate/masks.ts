/**
 * Sizes the control plane refuses: the per-node mask against the pod network (`mask-size`) and
 * the size of the service range (`service-range-too-large`).
 */
import { bitsOf, formatIp, type Family } from '../addr/ip';
import type { ClusterSettings } from '../model/scenario';

import { familyName } from './cidr';
import { diagnostic, type Diagnostic, type Plan } from './types';

/**
 * kube-apiserver's `validateMaxCIDRRange` (cmd/kube-apiserver/app/options/validation.go): with
 * the legacy bitmap allocator the service range may hold at most 2^20 addresses ("specified
 * --service-cluster-ip-range is too large"), i.e. a prefix of /12 or longer for IPv4 and /108 or
 * longer for IPv6. The bitmap lives in one etcd object, hence the cap. Clusters on the
 * MultiCIDRServiceAllocator (ServiceCIDR objects, GA in 1.33) skip this flag check, but kubeadm
 * clusters and every older release enforce it, so we report it as an error: a plan that passes
 * here works on both allocators. /12 itself (kubeadm's default 10.96.0.0/12) is accepted.
 */
export const MAX_SERVICE_HOST_BITS = 20;

/**
 * kubeadm's `PodSubnetNodeMaskMaxDiff` (ValidatePodSubnetNodeMask): the node mask may be at most
 * 16 bits longer than the pod network. kube-controller-manager's range allocator enforces the
 * same for IPv6 (cidrset `clusterSubnetMaxDiff`, "the node CIDR size is too big"), so there it is
 * an error; for IPv4 only kubeadm objects, so it is a warning.
 */
export const MAX_NODE_MASK_DIFF = 16;

/** kube-controller-manager's defaults: --node-cidr-mask-size-ipv4=24, -ipv6=64. */
export const DEFAULT_NODE_MASK: Readonly<Record<Family, number>> = { 4: 24, 6: 64 };

const MASK_KEY = { 4: 'nodeCIDRMaskSize', 6: 'nodeCIDRMaskSizeIPv6' } as const;

/** The node mask in effect for a family, or undefined when the setting is not a prefix length. */
export function nodeMaskFor(cluster: Partial<ClusterSettings>, family: Family): number | undefined {
  const raw: unknown = cluster[MASK_KEY[family]];
  if (raw === undefined) return DEFAULT_NODE_MASK[family];
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw <= bitsOf(family)
    ? raw
    : undefined;
}

/** `mask-size` diagnostics for both families. */
export function checkNodeMasks(cluster: Partial<ClusterSettings>, plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const family of [4, 6] as const) {
    const key = MASK_KEY[family];
    const field = `cluster.${key}`;
    const raw: unknown = cluster[key];
    const bits = bitsOf(family);
    const mask = nodeMaskFor(cluster, family);
    if (mask === undefined) {
      out.push(
        diagnostic(
          'error',
          'mask-size',
          `Node mask size (${key}) ${String(raw)} is not an ${familyName(family)} prefix length: use a whole number from 0 to ${bits} (kube-controller-manager's default is ${DEFAULT_NODE_MASK[family]}).`,
          { field },
        ),
      );
      continue;
    }
    const name =
      raw === undefined
        ? `The default node mask /${mask} (${key} unset)`
        : `Node mask /${mask} (${key})`;
    for (const pod of plan.pod.filter((p) => p.net.family === family)) {
      const prefix = pod.net.prefix;
      const ranges = [pod.text];
      if (mask < prefix) {
        out.push(
          diagnostic(
            'error',
            'mask-size',
            `${name} is shorter than Pod CIDR ${pod.text}: a node's pod range cannot be larger than the whole pod network. Set ${key} to ${prefix} or more, or widen the pod network.`,
            { ranges, field },
          ),
        );
      } else if (mask - prefix > MAX_NODE_MASK_DIFF) {
        const why =
          family === 6
            ? 'kube-controller-manager refuses more than 16 bits ("the node CIDR size is too big")'
            : 'kubeadm rejects more than 16 bits (PodSubnetNodeMaskMaxDiff)';
        out.push(
          diagnostic(
            family === 6 ? 'error' : 'warning',
            'mask-size',
            `${name} is ${mask - prefix} bits longer than Pod CIDR ${pod.text}: ${why}. Set ${key} to ${prefix + MAX_NODE_MASK_DIFF} or less, or use a smaller pod network.`,
            { ranges, field },
          ),
        );
      }
      // host-local leaves out the network address, the cni0 gateway and (IPv4) the broadcast.
      if (mask >= prefix && mask >= bits - 1) {
        out.push(
          diagnostic(
            'warning',
            'mask-size',
            `${name} leaves no address for pods: a /${mask} range holds only the network address and the cni0 gateway. Use a shorter mask, like /${DEFAULT_NODE_MASK[family]}.`,
            { ranges, field },
          ),
        );
      }
    }
  }
  return out;
}

/** `service-range-too-large`: more than 2^20 addresses (see MAX_SERVICE_HOST_BITS). */
export function checkServiceRangeSize(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const svc of plan.svc) {
    const bits = bitsOf(svc.net.family);
    if (bits - svc.net.prefix <= MAX_SERVICE_HOST_BITS) continue;
    const min = bits - MAX_SERVICE_HOST_BITS;
    const suggestion = `${formatIp({ family: svc.net.family, n: svc.net.addr })}/${min}`;
    out.push(
      diagnostic(
        'error',
        'service-range-too-large',
        `Service CIDR (serviceSubnet) ${svc.text} is too large: kube-apiserver rejects a service range of more than 2^20 addresses (a prefix shorter than /${min} for ${familyName(svc.net.family)}). Use /${min} or longer, e.g. ${suggestion}.`,
        { ranges: [svc.text], ...(svc.field !== undefined ? { field: svc.field } : {}) },
      ),
    );
  }
  return out;
}
