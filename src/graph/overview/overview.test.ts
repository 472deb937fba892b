import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';

import {
  DEFAULT_CLUSTER,
  DEFAULT_SCENARIO,
  deriveCluster,
  emptyScenario,
  type Node,
  type Pod,
  type Scenario,
  type Service,
  type Trace,
} from '@/sim';
import { PALETTES } from '@/theme';

import { ClassLayer, withClass } from '../classLayers';
import { CY_CLASS, KIND } from '../keys';
import { createScene } from '../scene';
import { buildStylesheet } from '../stylesheet';

import { focusOf, ownerOf } from './focus';
import { gridLayout, TILE_H, TILE_W } from './grid';
import { nodeGroups, ZONE_LABEL } from './groups';
import { isOverview } from './mode';
import { overviewElements } from './overviewElements';

/** n nodes (zones a/b/c in turn) × p pods, one Service per namespace selecting its pods. */
function cluster(
  n: number,
  p: number,
  opts: { zones?: boolean; subnets?: string[]; ips?: string[] } = {},
) {
  const nss = ['default', 'shop'];
  const nodes: Node[] = Array.from({ length: n }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: `node-${i + 1}`,
      ...(opts.zones ? { labels: { [ZONE_LABEL]: `zone-${'abc'[i % 3]}` } } : {}),
    },
    ...(opts.ips?.[i]
      ? { status: { addresses: [{ type: 'InternalIP', address: opts.ips[i] ?? '' }] } }
      : {}),
  }));
  const pods: Pod[] = [];
  for (let i = 0; i < n * p; i++)
    pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `p-${i}`, namespace: nss[i % 2], labels: { app: nss[i % 2] ?? '' } },
      spec: { nodeName: `node-${Math.floor(i / p) + 1}`, containers: [{ name: 'c' }] },
    });
  const services: Service[] = nss.map((ns) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `svc-${ns}`, namespace: ns },
    spec: { selector: { app: ns }, ports: [{ port: 80 }] },
  }));
  const s: Scenario = {
    ...emptyScenario('test'),
    cluster: {
      ...DEFAULT_CLUSTER,
      podSubnet: '10.128.0.0/12',
      nodeNetwork: (opts.subnets ?? ['192.168.0.0/16']).map((cidr) => ({ cidr })),
    },
    namespaces: nss.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
    nodes,
    pods,
    services,
  };
  return deriveCluster(s);
}

const hop = (node: string, at: string, highlight?: string[]): Trace['hops'][number] => ({
  direction: 'request',
  node,
  at,
  kind: 'route',
  packet: { srcIP: '10.0.0.1', dstIP: '10.0.0.2', protocol: 'TCP' },
  explain: '',
  ...(highlight ? { highlight } : {}),
});
const walk = (...hops: Trace['hops']): Trace => ({
  verdict: 'delivered',
  reason: '',
  candidates: [],
  masqueraded: false,
  hops,
});

describe('overview mode', () => {
  it('keeps the default scenario and small clusters in full; large ones open as tiles', () => {
    expect(isOverview(deriveCluster(DEFAULT_SCENARIO))).toBe(false);
    expect(isOverview(cluster(4, 10))).toBe(false);
    expect(isOverview(cluster(12, 2))).toBe(true);
    expect(isOverview(cluster(2, 100))).toBe(true);
  });
});

describe('gridLayout', () => {
  it.each([
    [100, 1],
    [100, 1.8],
    [500, 1.2],
    [7, 0.6],
  ])('%i tiles at aspect %f: several rows, no overlap, about the canvas shape', (n, aspect) => {
    const g = gridLayout([{ key: 'all', count: n }], aspect);
    const cells = g.blocks[0]!.cells;
    expect(cells).toHaveLength(n);
    expect(new Set(cells.map((c) => c.y)).size).toBeGreaterThan(1);
    for (let i = 1; i < cells.length; i++) {
      const a = cells[i - 1]!;
      const b = cells[i]!;
      expect(Math.abs(a.x - b.x) >= TILE_W || Math.abs(a.y - b.y) >= TILE_H).toBe(true);
    }
    const w = g.bounds.x2 - g.bounds.x1;
    const h = g.bounds.y2 - g.bounds.y1;
    // Within a factor of two of the canvas's aspect (a grid of whole tiles cannot match it).
    expect(w / h / aspect).toBeGreaterThan(0.5);
    expect(w / h / aspect).toBeLessThan(2);
  });

  it('is deterministic, and a wider canvas gets more columns', () => {
    const blocks = [
      { key: 'a', count: 40 },
      { key: 'b', count: 30 },
    ];
    expect(gridLayout(blocks, 1.3)).toEqual(gridLayout(blocks, 1.3));
    expect(gridLayout(blocks, 2.5).cols).toBeGreaterThan(gridLayout(blocks, 0.8).cols);
  });

  it('puts a block marked newShelf under the others', () => {
    const g = gridLayout(
      [
        { key: 'a', count: 3 },
        { key: 'svc', count: 2, newShelf: true },
      ],
      3,
    );
    const [a, svc] = g.blocks;
    expect(svc!.y - svc!.h / 2).toBeGreaterThan(a!.y + a!.h / 2);
  });
});

describe('nodeGroups', () => {
  it('groups by zone label, in order of first node', () => {
    const g = nodeGroups(cluster(7, 1, { zones: true }));
    expect(g.map((x) => x.label)).toEqual([
      'zone zone-a · 3 nodes',
      'zone zone-b · 2 nodes',
      'zone zone-c · 2 nodes',
    ]);
    expect(g[0]!.nodes.map((n) => n.name)).toEqual(['node-1', 'node-4', 'node-7']);
  });

  it('groups by subnet first, then zone, when the node network has several subnets', () => {
    const c = cluster(4, 1, {
      zones: true,
      subnets: ['192.168.0.0/24', '192.168.1.0/24'],
      ips: ['192.168.1.5', '192.168.0.5', '192.168.1.6', '192.168.0.6'],
    });
    expect(nodeGroups(c).map((g) => [g.label, g.nodes.map((x) => x.name)])).toEqual([
      ['subnet 192.168.0.0/24 · zone zone-b · 1 node', ['node-2']],
      ['subnet 192.168.0.0/24 · zone zone-a · 1 node', ['node-4']],
      ['subnet 192.168.1.0/24 · zone zone-a · 1 node', ['node-1']],
      ['subnet 192.168.1.0/24 · zone zone-c · 1 node', ['node-3']],
    ]);
  });

  it('one group named after the node network when nothing divides the nodes', () => {
    const g = nodeGroups(cluster(3, 1));
    expect(g).toHaveLength(1);
    expect(g[0]!.label).toBe('node network 192.168.0.0/16 · 3 nodes');
  });
});

describe('focusOf', () => {
  const c = cluster(10, 4);
  it('opens the nodes a walk crosses, in order, and the Service it goes through', () => {
    const t = walk(
      hop('node-3', 'pod:default/p-8/c/c'),
      hop('node-3', 'node:node-3/iptables', ['svc:default/svc-default', 'svcep:default/x']),
      hop('node-7', 'node:node-7/eth0'),
    );
    const f = focusOf(c, { trace: t, expanded: ['node-1'] });
    expect(f.nodes).toEqual(['node-3', 'node-7', 'node-1']);
    expect(f.walkNodes).toEqual(['node-3', 'node-7']);
    expect(f.services).toEqual(['default/svc-default']);
  });

  it("a selected pod opens its node; a selected node stays a tile (until it's expanded)", () => {
    expect(focusOf(c, { selection: 'pod:shop/p-5', expanded: [] }).nodes).toEqual(['node-2']);
    expect(focusOf(c, { selection: 'node:node-2', expanded: [] }).nodes).toEqual([]);
    expect(focusOf(c, { selection: 'node:node-2/eth0', expanded: [] }).nodes).toEqual(['node-2']);
    expect(focusOf(c, { selection: 'svc:shop/svc-shop', expanded: [] }).services).toEqual([
      'shop/svc-shop',
    ]);
  });

  it('maps element ids to their owners', () => {
    expect(ownerOf(c, 'veth:default/p-0')).toEqual({ node: 'node-1', pod: 'default/p-0' });
    expect(ownerOf(c, 'tap:node-4')).toEqual({ node: 'node-4' });
    expect(ownerOf(c, 'svcep:shop/svc-shop/10.128.0.3')).toEqual({ service: 'shop/svc-shop' });
    expect(ownerOf(c, 'net:nodes')).toEqual({});
  });
});

describe('overviewElements', () => {
  const c = cluster(30, 10, { zones: true });
  const none = { nodes: [], services: [], strayPods: [], walkNodes: [] };

  it('draws one tile (and pod bar) per node, zone frames and Service summaries — no datapath', () => {
    const els = overviewElements(c, none, 1.2).elements;
    const kinds = (k: string) => els.filter((e) => e.data.kind === k);
    expect(kinds(KIND.tile)).toHaveLength(30);
    expect(kinds(KIND.tileBar)).toHaveLength(30);
    expect(kinds(KIND.tileGroup).map((e) => e.data.label)).toContain('zone zone-a · 10 nodes');
    expect(kinds(KIND.serviceSummary).map((e) => e.data.id)).toEqual([
      'svcsum:default',
      'svcsum:shop',
    ]);
    expect(kinds(KIND.pod)).toHaveLength(0);
    expect(els.length).toBeLessThan(80);
    const tile = kinds(KIND.tile)[0]!;
    expect(tile.data.detail).toBe('node-1 · 10 pods\n192.168.0.11\n10.128.0.0/24');
  });

  it('draws the focused nodes in full with their real ids, and edges only between drawn elements', () => {
    const f = focusOf(c, { selection: 'svc:shop/svc-shop', expanded: ['node-2'] });
    const els = overviewElements(c, f, 1.2).elements;
    const ids = new Set(els.map((e) => e.data.id as string));
    expect(ids.has('node:node-2/cni0')).toBe(true);
    expect(ids.has('pod:shop/p-11')).toBe(true);
    expect(ids.has('svc:shop/svc-shop')).toBe(true);
    expect(ids.has('node:node-3')).toBe(false);
    for (const e of els.filter((x) => x.group === 'edges')) {
      expect(ids.has(e.data.source as string), e.data.id as string).toBe(true);
      expect(ids.has(e.data.target as string), e.data.id as string).toBe(true);
    }
    const t2 = els.find((e) => e.data.id === 'tile:node-2');
    expect(t2?.classes).toBe(CY_CLASS.expanded);
    // The focus is drawn under the grid, never over a tile.
    const gridBottom = Math.max(
      ...els.filter((e) => e.data.kind === KIND.tile).map((e) => e.position!.y),
    );
    const cni0 = els.find((e) => e.data.id === 'node:node-2/cni0')!;
    expect(cni0.position!.y).toBeGreaterThan(gridBottom + TILE_H);
  });

  it('draws the pods of a focused node as single boxes: no containers, pause or eth0 inside', () => {
    const els = overviewElements(c, focusOf(c, { expanded: ['node-2'] }), 1.2).elements;
    const kinds = new Set(els.map((e) => e.data.kind as string));
    for (const k of [KIND.container, KIND.pause, KIND.podEth0]) expect(kinds.has(k)).toBe(false);
    const pods = els.filter((e) => e.data.kind === KIND.pod);
    expect(pods).toHaveLength(10);
    // No pod is a compound (Cytoscape restyles a compound's whole family on every change).
    const parents = new Set(els.map((e) => e.data.parent as string | undefined));
    for (const p of pods) expect(parents.has(p.data.id as string)).toBe(false);
    expect(pods[0]?.classes).toContain('compact');
    // The veth still joins each pod to the bridge.
    expect(els.filter((e) => e.data.kind === KIND.veth)).toHaveLength(10);
  });

  it('badges a tile with its diagnostics', () => {
    const els = overviewElements(
      c,
      none,
      1,
      new Map([['node-4', { errors: 2, warnings: 1 }]]),
    ).elements;
    const b = els.find((e) => e.data.id === 'tilebadge:node-4');
    expect(b?.data.label).toBe('⚠ 2');
    expect(b?.classes).toBe(CY_CLASS.badgeError);
  });
});

describe('scene and class layers (headless Cytoscape)', () => {
  const setup = () => {
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: buildStylesheet(PALETTES.light),
    });
    const scene = createScene(cy, () => ({ left: 0, bottom: 0 }));
    return { cy, scene };
  };
  const c = cluster(12, 4);
  const t = walk(hop('node-2', 'pod:shop/p-5/c/c'), hop('node-9', 'node:node-9/eth0'));

  it('a walk opens exactly its nodes; closing it leaves the user’s expansions', () => {
    const { cy, scene } = setup();
    scene.update(c, { expanded: ['node-5'] }, new Set(), false);
    expect(cy.getElementById('node:node-5').nonempty()).toBe(true);
    const r = scene.update(c, { expanded: ['node-5'], trace: t }, new Set(), false);
    expect(r.framedWalk).toBe(true);
    const columns = cy.nodes(`[kind = "${KIND.node}"]`).map((n) => n.id());
    expect(columns.sort()).toEqual(['node:node-2', 'node:node-5', 'node:node-9']);
    scene.update(c, { expanded: ['node-5'] }, new Set(), false);
    expect(cy.nodes(`[kind = "${KIND.node}"]`).map((n) => n.id())).toEqual(['node:node-5']);
    expect(cy.getElementById('tile:node-5').hasClass(CY_CLASS.expanded)).toBe(true);
    expect(cy.getElementById('tile:node-2').hasClass(CY_CLASS.expanded)).toBe(false);
  });

  it('does not patch again when nothing it draws changed', () => {
    const { scene } = setup();
    scene.update(c, { expanded: [] }, new Set(), false);
    expect(
      scene.update(c, { expanded: [], selection: 'node:node-3' }, new Set(), false).elements,
    ).toBe(false);
  });

  it('shows the selection on the tile of a node that is not drawn, and moves it when it opens', () => {
    const { cy, scene } = setup();
    scene.update(c, { expanded: [] }, new Set(), false);
    const layer = new ClassLayer(cy, 'always', (id) =>
      id.startsWith('node:') ? `tile:${id.slice(5).split('/')[0]}` : undefined,
    );
    layer.set(withClass(['node:node-3'], CY_CLASS.selected));
    expect(cy.getElementById('tile:node-3').hasClass(CY_CLASS.selected)).toBe(true);
    scene.update(c, { expanded: ['node-3'] }, new Set(), false);
    layer.refresh();
    expect(cy.getElementById('node:node-3').hasClass(CY_CLASS.selected)).toBe(true);
    expect(cy.getElementById('tile:node-3').hasClass(CY_CLASS.selected)).toBe(true);
    layer.set(new Map());
    expect(cy.$(`.${CY_CLASS.selected}`)).toHaveLength(0);
  });
});
