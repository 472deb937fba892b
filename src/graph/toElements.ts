/**
 * Cluster → Cytoscape elements (pure): compound boxes for Kubernetes nodes and pods, leaves for
 * the Linux objects, edges for veth pairs, node-network links and Service endpoints. Positions
 * come from the structured layout, overridden by positions the user dragged (scenario.layout).
 */
import type { ElementDefinition } from 'cytoscape';

import {
  ids,
  PROXY_MODES,
  type Cluster,
  type DerivedNode,
  type DerivedPod,
  type DerivedService,
} from '@/sim';
import { namespaceColor } from '@/theme';

import { CY_CLASS, KIND } from './keys';
import { nodeColumns, scopedColumns } from './columns';
import { computeLayout, isCompact, routerTapId } from './layout';
import { addPod } from './podElements';

const memo = new WeakMap<Cluster, ElementDefinition[]>();

/**
 * Part of a cluster drawn as today's full datapath (the overview's focus): these node columns in
 * this order, these Services, the pods that have no node, laid out from `origin`. Positions the
 * user dragged (scenario.layout) belong to the whole-cluster view and are not used here.
 */
export interface ElementScope {
  readonly nodes: readonly DerivedNode[];
  readonly services: readonly DerivedService[];
  readonly strayPods: readonly DerivedPod[];
  readonly origin: { readonly x: number; readonly y: number };
}

/** The whole cluster (memoised on it). */
export function toElements(cluster: Cluster): ElementDefinition[] {
  const hit = memo.get(cluster);
  if (hit) return hit;
  const out = build(cluster);
  memo.set(cluster, out);
  return out;
}

/** Only the scope's nodes, Services and stray pods; edges only between elements drawn. */
export function scopedElements(cluster: Cluster, scope: ElementScope): ElementDefinition[] {
  return build(cluster, scope);
}

const hasNode = (cluster: Cluster, p: DerivedPod): boolean =>
  p.nodeName !== undefined && cluster.nodeByName.has(p.nodeName);

function build(cluster: Cluster, scope?: ElementScope): ElementDefinition[] {
  const layout = computeLayout(cluster, scope);
  const saved = scope ? {} : cluster.scenario.layout;
  const origin = scope?.origin ?? { x: 0, y: 0 };
  const columns = scope ? scopedColumns(scope.nodes) : nodeColumns(cluster);
  const strays = scope?.strayPods ?? cluster.pods.filter((p) => !hasNode(cluster, p));
  const drawnPods = new Set(strays.map((p) => p.key));
  for (const c of columns) for (const k of c.node.podKeys) drawnPods.add(k);
  const drawnSubnets = new Set(columns.map((c) => c.subnet));
  const nsNames = cluster.namespaces.map((n) => n.name);
  const compact = isCompact(cluster);
  const els: ElementDefinition[] = [];
  const leaf = (id: string, data: Record<string, unknown>, classes = ''): void => {
    const at = layout.pos.get(id);
    const p = saved[id] ?? (at ? { x: at.x + origin.x, y: at.y + origin.y } : origin);
    const sz = layout.size.get(id);
    els.push({
      group: 'nodes',
      data: { id, ...data, ...(sz ? { w: sz.w, h: sz.h } : {}) },
      position: { x: p.x, y: p.y },
      classes,
    });
  };
  const edge = (
    id: string,
    source: string,
    target: string,
    data: Record<string, unknown>,
    classes = '',
  ): void => {
    els.push({ group: 'edges', data: { id, source, target, ...data }, classes });
  };

  // A scope draws the subnets of its nodes (and the router only when it draws one).
  const subnets = scope ? cluster.subnets.filter((s) => drawnSubnets.has(s.id)) : cluster.subnets;
  const several = cluster.subnets.length > 1;
  for (const sub of subnets) {
    const gws = sub.gateways.filter((g) => g !== '');
    const what = several ? 'subnet' : 'node network';
    const how =
      sub.source === 'given'
        ? ''
        : ` (${sub.source === 'inferred' ? 'inferred' : 'not in nodeNetwork'})`;
    leaf(
      sub.id,
      {
        kind: KIND.bus,
        label: `${what} ${sub.cidrs.join(', ')}${how}${gws.length ? ` · gateway ${gws.join(', ')}` : ''}`,
      },
      sub.source === 'given' ? '' : 'bus-assumed',
    );
    leaf(routerTapId(sub.id), { kind: KIND.busTap, label: '' });
    edge(ids.subnetLink(sub.cidrs[0] ?? sub.id), ids.router(), routerTapId(sub.id), {
      kind: KIND.link,
      label: '',
    });
  }
  if (subnets.length > 0 || !scope)
    leaf(ids.router(), {
      kind: KIND.external,
      label: several
        ? 'router\njoins the subnets · internet'
        : 'router\noutside clients & internet',
    });

  const zoneBoxes = new Set<string>();
  for (const { node, zoneBox } of columns) {
    const nid = ids.node(node.name);
    if (zoneBox !== undefined && !zoneBoxes.has(zoneBox)) {
      zoneBoxes.add(zoneBox);
      els.push({
        group: 'nodes',
        data: { id: zoneBox, kind: KIND.zone, label: `zone ${node.zone ?? ''}` },
      });
    }
    els.push({
      group: 'nodes',
      data: {
        id: nid,
        kind: KIND.node,
        label: `${node.name} · ${node.ips[0] ?? 'no address'}`,
        ...(zoneBox !== undefined ? { parent: zoneBox } : {}),
      },
    });
    leaf(ids.nodeEth0(node.name), {
      parent: nid,
      kind: KIND.eth0,
      label: `eth0\n${node.ips[0] ?? '—'}`,
    });
    leaf(`tap:${node.name}`, { kind: KIND.busTap, label: '' });
    edge(ids.nodeLink(node.name), ids.nodeEth0(node.name), `tap:${node.name}`, {
      kind: KIND.link,
      label: '',
    });
    leaf(ids.nodeRoutes(node.name), {
      parent: nid,
      kind: KIND.routes,
      label: `route table\n${node.routes.length} routes`,
    });
    leaf(ids.nodeNetfilter(node.name), {
      parent: nid,
      kind: KIND.iptables,
      // Under Cilium's kube-proxy replacement no kube-proxy writes rules: the box is the node's
      // netfilter alone (Services are translated by eBPF).
      label: cluster.datapath.profile.kubeProxy
        ? `${PROXY_MODES[cluster.settings.kubeProxy.mode].tool}\nkube-proxy`
        : 'iptables\nno kube-proxy',
    });
    const attach = node.podAttach;
    const bridgeDev = node.devices.find((d) => d.id === attach.id);
    leaf(
      attach.id,
      {
        parent: nid,
        kind: KIND.bridge,
        style: attach.style,
        label: bridgeDev
          ? `${attach.label} ${bridgeDev.addrs.map((a) => `${a.ip}/${a.prefix}`).join(' ') || node.podRanges.join(' ')}`
          : attach.label,
      },
      attach.style === 'bridge' ? '' : `attach-${attach.style}`,
    );
    edge(`int:${node.name}/eth0-routes`, ids.nodeEth0(node.name), ids.nodeRoutes(node.name), {
      kind: KIND.internal,
      label: '',
    });
    edge(
      `int:${node.name}/routes-cni0`,
      ids.nodeRoutes(node.name),
      attach.id,
      { kind: KIND.internal, label: '' },
      'to-bar-top',
    );
    for (const d of node.devices) {
      if (d.id === attach.id || d.role === 'router-peer') continue;
      const t = d.tunnel;
      const what = t
        ? t.encap === 'ipip'
          ? ' IP-in-IP'
          : ` ${t.encap === 'geneve' ? 'Geneve' : 'VXLAN'}${t.vni !== undefined ? ` VNI ${t.vni}` : ''}`
        : '';
      leaf(d.id, {
        parent: nid,
        kind: KIND.vxlan,
        role: d.role,
        label: `${d.name}${what}\n${d.addrs[0]?.ip ?? (t?.port !== undefined ? `UDP ${t.port}` : '')} mtu ${d.mtu}`,
      });
      edge(
        `int:${node.name}/${d.name}-${d.role === 'tunnel' ? 'eth0' : 'routes'}`,
        d.id,
        d.role === 'tunnel' ? ids.nodeEth0(node.name) : ids.nodeRoutes(node.name),
        { kind: KIND.internal, label: '' },
      );
    }
    for (const key of node.podKeys) {
      const pod = cluster.podByKey.get(key);
      if (pod) addPod(pod, nid, namespaceColor(pod.namespace, nsNames), leaf, edge, els, compact);
    }
  }
  // Pods on missing nodes still appear (outside any node box), flagged.
  for (const pod of strays)
    addPod(pod, undefined, namespaceColor(pod.namespace, nsNames), leaf, edge, els, compact);

  for (const svc of scope?.services ?? cluster.services) {
    const color = namespaceColor(svc.namespace, nsNames);
    const ip = svc.headless
      ? 'headless'
      : (svc.clusterIPs[0] ?? (svc.type === 'ExternalName' ? (svc.externalName ?? '') : '—'));
    const ports = svc.ports
      .map(
        (p) =>
          `${p.port}${p.protocol !== 'TCP' ? `/${p.protocol}` : ''}${p.nodePort ? `:${p.nodePort}` : ''}`,
      )
      .join(', ');
    leaf(ids.service(svc.key), {
      kind: KIND.service,
      color,
      namespace: svc.namespace,
      label: `${svc.name}\n${svc.type === 'ClusterIP' ? '' : `${svc.type} · `}${ip}${ports ? `\n${ports}` : ''}`,
    });
    const seen = new Set<string>();
    for (const es of cluster.endpointSlices) {
      if (es.serviceKey !== svc.key) continue;
      for (const ep of es.slice.endpoints) {
        for (const addr of ep.addresses) {
          const owner = (cluster.ipOwners.get(addr) ?? []).find((o) => o.kind === 'pod');
          if (!owner || owner.kind !== 'pod' || seen.has(addr) || !drawnPods.has(owner.key))
            continue;
          seen.add(addr);
          const ready = ep.conditions?.ready !== false;
          edge(
            ids.serviceEndpoint(svc.key, addr),
            ids.service(svc.key),
            ids.pod(owner.key),
            { kind: KIND.endpoint, color, label: '' },
            ready ? '' : CY_CLASS.notReady,
          );
        }
      }
    }
    if (svc.type === 'LoadBalancer' && svc.loadBalancerIPs.length > 0) {
      leaf(ids.loadBalancer(svc.key), {
        kind: KIND.loadBalancer,
        color,
        label: `load balancer\n${svc.loadBalancerIPs.join(', ')}\n→ ${svc.name}`,
      });
      leaf(`tap:lb:${svc.key}`, { kind: KIND.busTap, label: '' });
      edge(ids.loadBalancerLink(svc.key), ids.loadBalancer(svc.key), `tap:lb:${svc.key}`, {
        kind: KIND.link,
        label: '',
      });
    }
  }
  return els;
}
