import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';

import {
  DEFAULT_SCENARIO,
  deriveCluster,
  type Node,
  type Pod,
  type Scenario,
  type Trace,
} from '@/sim';
import { PALETTES } from '@/theme';

import { CY_CLASS, KIND } from './keys';
import { COMPACT_POD_H, computeLayout, podHeight, POD_W } from './layout';
import { buildStylesheet } from './stylesheet';
import { toElements } from './toElements';
import { showTrace } from './traceOverlay';

function bigScenario(nodes: number, podsPerNode: number): Scenario {
  const ns: Node[] = Array.from({ length: nodes }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `node-${i + 1}` },
  }));
  const pods: Pod[] = [];
  for (let n = 0; n < nodes; n++)
    for (let p = 0; p < podsPerNode; p++)
      pods.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `p-${n}-${p}`,
          namespace: p % 3 ? 'default' : 'shop',
          labels: { app: `a${p % 5}` },
        },
        spec: {
          nodeName: `node-${n + 1}`,
          containers: [{ name: 'app', ports: [{ containerPort: 80 }] }],
        },
      });
  return { ...DEFAULT_SCENARIO, nodes: ns, pods, services: [], layout: {} };
}

type Rect = { id: string; x1: number; x2: number; y1: number; y2: number };

function podRects(s: Scenario): Rect[] {
  const c = deriveCluster(s);
  const l = computeLayout(c);
  return c.pods.map((p) => {
    // Overview-sized clusters draw each pod as one box centred on its position.
    const box = l.pos.get(`pod:${p.key}`);
    if (box)
      return {
        id: p.key,
        x1: box.x - POD_W / 2,
        x2: box.x + POD_W / 2,
        y1: box.y - COMPACT_POD_H / 2,
        y2: box.y + COMPACT_POD_H / 2,
      };
    const first = l.pos.get(`pod:${p.key}/c/${p.containers[0]?.name ?? '_'}`)!;
    const top = first.y - 34 - 12;
    const x = first.x;
    return {
      id: p.key,
      x1: x - POD_W / 2,
      x2: x + POD_W / 2,
      y1: top - 16,
      y2: top + podHeight(p),
    };
  });
}

const overlaps = (a: Rect, b: Rect): boolean =>
  a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

describe('toElements', () => {
  const els = toElements(deriveCluster(DEFAULT_SCENARIO));
  const byKind = (k: string) => els.filter((e) => e.data.kind === k).map((e) => e.data.id);

  it('draws nodes, bridges, pods with containers, veths and services', () => {
    expect(byKind(KIND.node)).toEqual(['node:node-1', 'node:node-2']);
    expect(byKind(KIND.bridge)).toEqual(['node:node-1/cni0', 'node:node-2/cni0']);
    expect(byKind(KIND.pod)).toHaveLength(6);
    expect(byKind(KIND.veth)).toHaveLength(6);
    expect(byKind(KIND.container)).toContain('pod:shop/frontend-1/c/metrics');
    expect(els.find((e) => e.data.id === 'pod:shop/frontend-1/c/app')?.data.parent).toBe(
      'pod:shop/frontend-1',
    );
    expect(els.find((e) => e.data.id === 'pod:shop/frontend-1')?.data.parent).toBe('node:node-1');
    expect(byKind(KIND.endpoint)).toEqual(
      expect.arrayContaining(['svcep:shop/frontend/10.244.1.3', 'svcep:shop/frontend/10.244.2.2']),
    );
  });

  it('labels carry names and addresses', () => {
    expect(els.find((e) => e.data.id === 'pod:shop/cart')?.data.label).toBe(
      'shop/cart\n10.244.2.4',
    );
    expect(els.find((e) => e.data.id === 'node:node-1/eth0')?.data.label).toBe(
      'eth0\n192.168.1.11',
    );
  });

  it('uses positions the user dragged', () => {
    const moved = toElements(
      deriveCluster({ ...DEFAULT_SCENARIO, layout: { 'node:node-1/eth0': { x: 5, y: 7 } } }),
    );
    expect(moved.find((e) => e.data.id === 'node:node-1/eth0')?.position).toEqual({ x: 5, y: 7 });
  });
});

describe('layout', () => {
  it.each([
    ['default scenario', DEFAULT_SCENARIO],
    ['4 nodes x 30 pods, in full', bigScenario(4, 30)],
    ['10 nodes x 30 pods, compact', bigScenario(10, 30)],
  ])('pods never overlap (%s)', (_n, s) => {
    const rects = podRects(s);
    for (let i = 0; i < rects.length; i++)
      for (let j = i + 1; j < rects.length; j++)
        expect(overlaps(rects[i]!, rects[j]!), `${rects[i]!.id} vs ${rects[j]!.id}`).toBe(false);
  });

  it('is stable: adding a pod moves nothing else', () => {
    const s = bigScenario(3, 5);
    const before = computeLayout(deriveCluster(s)).pos;
    const extra: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'new', namespace: 'default' },
      spec: { nodeName: 'node-2', containers: [{ name: 'app' }] },
    };
    const after = computeLayout(deriveCluster({ ...s, pods: [...s.pods, extra] })).pos;
    for (const [id, p] of before) if (!id.includes('cni0')) expect(after.get(id), id).toEqual(p);
  });
});

describe('trace overlay (headless)', () => {
  it('marks the path, the current hop and drops; clears on no trace', () => {
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: buildStylesheet(PALETTES.light),
      elements: toElements(deriveCluster(DEFAULT_SCENARIO)),
    });
    const pkt = { srcIP: '10.244.1.2', dstIP: '10.244.2.3', protocol: 'TCP' as const };
    const t: Trace = {
      verdict: 'dropped',
      reason: 'x',
      candidates: [],
      masqueraded: false,
      hops: [
        {
          direction: 'request',
          at: 'pod:default/client/c/shell',
          kind: 'send',
          packet: pkt,
          explain: '',
        },
        {
          direction: 'request',
          at: 'node:node-1/cni0',
          via: 'veth:default/client',
          kind: 'veth',
          packet: pkt,
          explain: '',
        },
        { direction: 'request', at: 'node:node-1/routes', kind: 'drop', packet: pkt, explain: '' },
      ],
    };
    showTrace(cy, t, 2, { animate: false, durationMs: 0, follow: false });
    expect(cy.getElementById('veth:default/client').hasClass(CY_CLASS.onPath)).toBe(true);
    expect(cy.getElementById('node:node-1/routes').hasClass(CY_CLASS.dropped)).toBe(true);
    expect(cy.getElementById('__packet').nonempty()).toBe(true);
    showTrace(cy, t, 0, { animate: false, durationMs: 0, follow: false });
    expect(cy.getElementById('veth:default/client').hasClass(CY_CLASS.onPath)).toBe(false);
    showTrace(cy, undefined, 0, { animate: false, durationMs: 0, follow: false });
    expect(cy.getElementById('__packet').empty()).toBe(true);
    expect(cy.$(`.${CY_CLASS.onPath}`).length).toBe(0);
  });
});
