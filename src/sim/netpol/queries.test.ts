import { describe, expect, it } from 'vitest';

import { isolationOf, peersAllowedBy, podsSelectedBy, policiesSelecting } from './queries';
import { np } from './testdata/mini';
import { client, denyAll, egTo, inFrom, web, world } from './testdata/world';

describe('policy queries', () => {
  const cluster = world([
    denyAll,
    inFrom({
      from: [{ podSelector: client }, { namespaceSelector: { matchLabels: { team: 'b' } } }],
    }),
    egTo({
      to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }, { podSelector: {} }],
    }),
    np('shop/only-egress-rules', { podSelector: web, egress: [{ to: [] }] }),
    np('kube-system/all', { podSelector: {}, ingress: [] }),
  ]);

  it('lists the policies isolating a pod, per direction', () => {
    expect(policiesSelecting(cluster, 'shop/web', 'ingress')).toEqual([
      'shop/deny',
      'shop/in',
      'shop/only-egress-rules',
    ]);
    expect(policiesSelecting(cluster, 'shop/web', 'egress')).toEqual([
      'shop/deny',
      'shop/eg',
      'shop/only-egress-rules',
    ]);
    expect(policiesSelecting(cluster, 'shop/db', 'ingress')).toEqual(['shop/deny']);
    expect(policiesSelecting(cluster, 'other/client', 'ingress')).toEqual([]);
    expect(policiesSelecting(cluster, 'no/such', 'ingress')).toEqual([]);
  });

  it('tells isolation per direction', () => {
    expect(isolationOf(cluster, 'shop/web')).toEqual({ ingress: true, egress: true });
    expect(isolationOf(cluster, 'other/client')).toEqual({ ingress: false, egress: false });
    expect(isolationOf(cluster, 'kube-system/agent')).toEqual({ ingress: false, egress: false });
  });

  it('lists selected pods: own namespace, never hostNetwork', () => {
    expect(podsSelectedBy(cluster, 'shop/deny')).toEqual(['shop/client', 'shop/db', 'shop/web']);
    expect(podsSelectedBy(cluster, 'shop/in')).toEqual(['shop/web']);
    expect(podsSelectedBy(cluster, 'kube-system/all')).toEqual([]);
    expect(podsSelectedBy(cluster, 'nope/nope')).toEqual([]);
  });

  it('summarises admitted peers', () => {
    expect(peersAllowedBy(cluster, 'shop/in')).toEqual({
      ingress: { pods: ['other/client', 'shop/client'], cidrs: [], anywhere: false },
      egress: { pods: [], cidrs: [], anywhere: false },
    });
    const eg = peersAllowedBy(cluster, 'shop/eg');
    expect(eg.ingress).toEqual({ pods: [], cidrs: [], anywhere: false });
    // pod IPs inside 10.0.0.0/8 (e2e semantics) plus every shop pod
    expect(eg.egress.pods).toEqual(['ext/x', 'other/client', 'shop/client', 'shop/db', 'shop/web']);
    expect(eg.egress.cidrs).toEqual(['10.0.0.0/8 except 10.1.0.0/16']);
    expect(peersAllowedBy(cluster, 'shop/only-egress-rules').egress.anywhere).toBe(true);
  });
});
