/** `k8snet lab <file>`: the scenario as a bash script that builds it in network namespaces. */
import { deriveCluster, labScript } from '@/sim';

import type { Args } from './args';
import { loadInput, type Out } from './input';

export function labCommand(args: Args, out: Out, err: Out = () => {}): number {
  const { scenario } = loadInput(args.positional[0], err);
  const r = labScript(deriveCluster(scenario));
  if (!r.ok) {
    err(`k8snet lab: ${r.error}`);
    return 1;
  }
  for (const n of r.notes) err(`note: ${n}`);
  out(r.script.replace(/\n$/, ''));
  return 0;
}
