/**
 * v1 → v2: the node network became a list of subnets (nodes in several subnets, each with its
 * router). A v1 `cluster.nodeNetwork` string ("192.168.1.0/24", or the dual-stack "a,b") is one
 * subnet holding those blocks; its gateway stays the default (the first address).
 */
import type { Migration } from './index';

export const v1: Migration = {
  from: 1,
  description: 'cluster.nodeNetwork "CIDR" became a list of subnets [{ cidr: "CIDR" }]',
  up: (doc) => {
    const cluster = doc.cluster;
    if (typeof cluster !== 'object' || cluster === null || Array.isArray(cluster)) return doc;
    const c = cluster as Record<string, unknown>;
    if (typeof c.nodeNetwork !== 'string') return doc;
    const text = c.nodeNetwork.trim();
    return { ...doc, cluster: { ...c, nodeNetwork: text === '' ? [] : [{ cidr: text }] } };
  },
};
