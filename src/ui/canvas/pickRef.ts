/** Which walk endpoint a click on a graph element means (for "Send packet" mode). */
import type { Cluster } from '@/sim';

export interface Pick {
  readonly ref: string;
  readonly label: string;
}

export const OUTSIDE_CLIENT = '203.0.113.10';

export function refForElement(cluster: Cluster, id: string, role: 'from' | 'to'): Pick | undefined {
  if (id.startsWith('pod:')) {
    const rest = id.slice(4);
    const [ns, name, maybeC, container] = rest.split('/');
    if (!ns || !name) return undefined;
    const pod = cluster.podByKey.get(`${ns}/${name}`);
    if (!pod) return undefined;
    if (role === 'from' && maybeC === 'c' && container && container !== '_')
      return { ref: `pod/${ns}/${name}/${container}`, label: `${name}/${container}` };
    return { ref: `pod/${ns}/${name}`, label: `${ns}/${name}` };
  }
  if (id.startsWith('node:')) {
    const name = id.slice(5).split('/')[0] ?? '';
    return cluster.nodeByName.has(name) ? { ref: `node/${name}`, label: name } : undefined;
  }
  if (id.startsWith('svc:') || id.startsWith('lb:') || id.startsWith('svcep:')) {
    const key = id
      .slice(id.indexOf(':') + 1)
      .split('/')
      .slice(0, 2)
      .join('/');
    if (role === 'from' || !cluster.serviceByKey.has(key)) return undefined;
    return { ref: `svc/${key}`, label: `svc ${key}` };
  }
  if (id.startsWith('ext:') || id.startsWith('net:nodes'))
    return { ref: OUTSIDE_CLIENT, label: `outside client ${OUTSIDE_CLIENT}` };
  if (id.startsWith('veth:')) return refForElement(cluster, `pod:${id.slice(5)}`, role);
  return undefined;
}
