/**
 * `k8snet ip <file> (--node NAME | --pod NS/NAME) addr|link|route|neigh` (DESIGN.md §5): what
 * iproute2 prints in that network namespace — `ip addr`, `ip -d link`, `ip route`, `ip neigh` —
 * under whatever CNI the scenario runs. `--family 4|6` (or `-4`/`-6`) narrows it like `ip -4`.
 */
import { deriveCluster, ipShow, parseIpObject, type Cluster, type IpTarget } from '@/sim';

import { flag, has, UsageError, type Args } from './args';
import { loadInput, type Out } from './input';

const OBJECTS = 'addr, link, route or neigh';

function listed(names: readonly string[]): string {
  return names.length > 12
    ? `${names.slice(0, 12).join(', ')}, … (${names.length})`
    : names.join(', ');
}

function targetOf(args: Args, cluster: Cluster, err: Out): IpTarget {
  const nodeName = flag(args, 'node');
  const podRef = flag(args, 'pod');
  if (nodeName !== undefined && podRef !== undefined)
    throw new UsageError('give either --node NAME or --pod NS/NAME, not both');
  if (nodeName !== undefined) {
    const node = cluster.nodeByName.get(nodeName);
    if (!node)
      throw new UsageError(
        `--node ${nodeName}: no such node (nodes: ${listed(cluster.nodes.map((n) => n.name))})`,
      );
    return { kind: 'node', node };
  }
  if (podRef === undefined)
    throw new UsageError(`this command needs --node NAME or --pod NS/NAME, then ${OBJECTS}`);
  const bare = podRef.replace(/^pods?\//, '');
  const key = bare.includes('/') ? bare : `default/${bare}`;
  const pod = cluster.podByKey.get(key);
  if (!pod)
    throw new UsageError(
      `--pod ${podRef}: no such pod (give NS/NAME; pods: ${listed(cluster.pods.map((p) => p.key))})`,
    );
  const node = pod.nodeName !== undefined ? cluster.nodeByName.get(pod.nodeName) : undefined;
  if (!node)
    throw new UsageError(
      `--pod ${podRef}: the pod has no network namespace — it runs on no node${pod.nodeName !== undefined ? ` (node "${pod.nodeName}" does not exist)` : ''}`,
    );
  if (pod.hostNetwork) {
    err(
      `note: ${pod.key} uses the host's network (hostNetwork: true): this is node ${node.name}'s namespace`,
    );
    return { kind: 'node', node };
  }
  return { kind: 'pod', pod };
}

export function ipCommand(args: Args, out: Out, err: Out = () => {}): number {
  // `-4 route` / `-6 addr`: the short family flags take no value; the word after them is the object.
  const words = [...args.positional];
  for (const f of ['4', '6']) {
    const v = args.flags.get(f);
    if (typeof v === 'string') words.push(v);
  }
  const { scenario } = loadInput(words[0], err);
  const word = words[1];
  if (word === undefined)
    throw new UsageError(`which object? ${OBJECTS} (e.g. k8snet ip FILE --node NAME route)`);
  const object = parseIpObject(word);
  if (!object) throw new UsageError(`unknown object "${word}": ${OBJECTS}`);
  const fam = flag(args, 'family');
  if (fam !== undefined && fam !== '4' && fam !== '6')
    throw new UsageError(`--family ${fam}: give 4 or 6`);
  const family = fam === '6' || has(args, '6') ? 6 : fam === '4' || has(args, '4') ? 4 : undefined;
  const cluster = deriveCluster(scenario);
  for (const line of ipShow(cluster, targetOf(args, cluster, err), object, family)) out(line);
  return 0;
}
