/**
 * `k8snet`: the command line over the same simulation core as the app (DESIGN.md §5).
 * Errors go to stderr with a non-zero exit.
 */
import { loadAllDatapaths, loadServiceProxy } from '@/sim';

import { parseArgs, UsageError } from './args';
import {
  exportCommand,
  iptablesCommand,
  labCommand,
  linkCommand,
  matrixCommand,
  nftCommand,
  routesCommand,
  validateCommand,
} from './commands';
import { ipCommand } from './ipCmd';
import { traceCommand } from './traceCmd';

const HELP = `k8snet — K8s Network Explorer on the command line

usage: k8snet <command> <file> [options]        (<file>: scenario JSON, share link, Kubernetes YAML/JSON, or - for stdin)

  trace <file> --from <ref> --to <ref> [--port N] [--protocol TCP|UDP|SCTP|ICMP] [--node NAME] [--seed N] [--endpoint IP:PORT] [--json]
  trace <file> --batch <queries.jsonl>          one {"from","to","port","protocol","node","seed","endpoint"} per line → one Trace JSON per line
  validate <file> [--json]                      diagnostics; exit 1 if any is an error
  iptables <file> --node NAME [--family 4|6]    iptables-save output (filter and nat) for that node
  nft <file> --node NAME                        nft list ruleset for that node (kube-proxy nftables mode)
  routes <file> --node NAME                     ip route output for that node
  ip <file> (--node NAME | --pod NS/NAME) addr|link|route|neigh [--family 4|6]
                                                what iproute2 prints in that network namespace (ip addr, ip -d link, ip route, ip neigh)
  matrix <file> [--port N] [--protocol P] [--json]   pod-to-pod connectivity under the NetworkPolicies
  link <file>                                   a share link
  export <link-or-file> --format yaml|json      Kubernetes manifests
  lab <file> > lab.sh                           a bash script that builds the cluster in network namespaces
                                                (sudo bash lab.sh up | probe FROM TO PORT [PROTO] [--node NAME] | down)

refs: pod/NS/NAME, NS/NAME, deploy|sts|ds|rs|job/NS/NAME, svc/NS/NAME, node/NAME, an IP, or a DNS name`;

const COMMANDS: Record<
  string,
  (a: ReturnType<typeof parseArgs>, out: (s: string) => void, err: (s: string) => void) => number
> = {
  trace: traceCommand,
  validate: validateCommand,
  iptables: iptablesCommand,
  nft: nftCommand,
  routes: routesCommand,
  ip: ipCommand,
  matrix: matrixCommand,
  link: linkCommand,
  export: exportCommand,
  lab: labCommand,
};

export function run(
  argv: readonly string[],
  out: (s: string) => void,
  errOut: (s: string) => void,
): number {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    out(HELP);
    return cmd ? 0 : 2;
  }
  const fn = COMMANDS[cmd];
  if (!fn) {
    errOut(`k8snet: unknown command "${cmd}"\n\n${HELP}`);
    return 2;
  }
  try {
    return fn(parseArgs(rest), out, errOut);
  } catch (e) {
    errOut(
      `k8snet ${cmd}: ${e instanceof UsageError ? e.message : ((e as Error).stack ?? String(e))}`,
    );
    return e instanceof UsageError ? 2 : 1;
  }
}

const isMain = process.argv[1] !== undefined && /(main\.ts|k8snet(\.mjs)?)$/.test(process.argv[1]);
if (isMain) {
  // nftables mode's rule engine and the Calico/Cilium datapaths are modules of their own (the app
  // loads them on demand): bring them in.
  await Promise.all([loadServiceProxy('nftables'), loadAllDatapaths()]);
  const lines: string[] = [];
  const code = run(
    process.argv.slice(2),
    (s) => lines.push(s),
    (s) => process.stderr.write(`${s}\n`),
  );
  process.stdout.write(lines.length ? `${lines.join('\n')}\n` : '');
  process.exitCode = code;
}
