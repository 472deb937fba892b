/** The other `k8snet` commands: validate, routes, link, export (and matrix's, iptables' and nft's re-exports). */
import { encodeShareLink, exportManifests } from '@/scenario';
import { deriveCluster, validate } from '@/sim';

export { labCommand } from './labCmd';

import { flag, has, UsageError, type Args } from './args';
import { loadInput, type Out } from './input';
import { diagnosticKeys, importWarningKey } from './warnings';

export { matrixCommand } from './matrixCmd';
export { iptablesCommand, nftCommand } from './rulesCmd';

export function validateCommand(args: Args, out: Out, err: Out = () => {}): number {
  const { scenario, warnings } = loadInput(args.positional[0], err);
  const diagnostics = validate(scenario);
  // An import warning that validation also reports (the same object and code) is printed once.
  const known = diagnosticKeys(diagnostics);
  const extra = [...new Set(warnings)]
    .filter((w) => !known.has(w) && !known.has(importWarningKey(w) ?? ''))
    .map((message) => ({
      severity: 'warning' as const,
      code: 'import',
      message,
      ranges: [],
      objects: [],
    }));
  const all = [...diagnostics, ...extra];
  if (has(args, 'json')) out(JSON.stringify({ diagnostics: all }, null, 2));
  else if (all.length === 0) out('No problems found.');
  else
    for (const d of all)
      out(`${d.severity === 'error' ? 'error  ' : 'warning'} ${d.code}: ${d.message}`);
  return all.some((d) => d.severity === 'error') ? 1 : 0;
}

function nodeOf(args: Args): string {
  const n = flag(args, 'node');
  if (!n) throw new UsageError('this command needs --node NAME');
  return n;
}

export function routesCommand(args: Args, out: Out, err: Out = () => {}): number {
  const { scenario } = loadInput(args.positional[0], err);
  const cluster = deriveCluster(scenario);
  const name = nodeOf(args);
  const node = cluster.nodeByName.get(name);
  if (!node)
    throw new UsageError(
      `--node ${name}: no such node (nodes: ${cluster.nodes.map((x) => x.name).join(', ')})`,
    );
  const fam = flag(args, 'family');
  for (const r of node.routes) if (!fam || String(r.family) === fam) out(r.text);
  // Routes the kernel refused are not in the table; say so where a script won't parse it.
  for (const x of node.rejectedRoutes)
    if (!fam || String(x.route.family) === fam)
      err(
        `not installed: ip route add ${x.route.text}: ${x.error} (${x.existing ? x.existing.text : `${x.route.via ?? ''} is on no connected subnet`})`,
      );
  return 0;
}

export function linkCommand(args: Args, out: Out, err: Out = () => {}): number {
  const { scenario } = loadInput(args.positional[0], err);
  const base = flag(args, 'base') ?? 'https://k8s-network-explorer.example/';
  out(`${base.replace(/#.*$/, '')}#${encodeShareLink(scenario)}`);
  return 0;
}

export function exportCommand(args: Args, out: Out, err: Out = () => {}): number {
  const { scenario } = loadInput(args.positional[0], err);
  const fmt = flag(args, 'format') ?? 'yaml';
  if (fmt !== 'yaml' && fmt !== 'json' && fmt !== 'scenario')
    throw new UsageError('--format must be yaml, json or scenario');
  out(fmt === 'scenario' ? JSON.stringify(scenario, null, 2) : exportManifests(scenario, fmt));
  return 0;
}
