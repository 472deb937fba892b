/**
 * The node network: one row per subnet (its block, dual-stack "a,b", and the router's address on
 * it), added and removed freely. Subnets an import inferred are marked; editing one makes it the
 * user's (then validation checks it as a range).
 */
import {
  addNodeSubnet,
  removeNodeSubnet,
  updateNodeSubnet,
  type Diagnostic,
  type NodeSubnet,
} from '@/sim';
import { selectCluster, useAppStore } from '@/state';

import { Badge } from '../primitives/Badge';
import { Button } from '../primitives/Button';

import { CidrField } from './CidrField';
import { cidrSyntax } from './cidrSyntax';

const ipListSyntax = (v: string): string | undefined =>
  v.trim() === '' || /^[0-9a-fA-F:.,\s]+$/.test(v) ? undefined : `"${v}" is not an IP address`;

export interface SubnetRowsProps {
  readonly diagnostics: readonly Diagnostic[];
}

export function SubnetRows({ diagnostics }: SubnetRowsProps) {
  const cluster = useAppStore(selectCluster);
  const list: readonly NodeSubnet[] = useAppStore((s) => s.scenario.cluster.nodeNetwork);
  const edit = useAppStore((s) => s.edit);
  return (
    <div className="mb-2" data-testid="net.subnets">
      <div className="mb-1 flex items-center justify-between">
        <span className="text-xs font-semibold text-slate-600 dark:text-slate-300">
          Node network: subnets where the nodes&apos; eth0 sit, joined by one router
        </span>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => edit((s) => addNodeSubnet(s))}
          data-testid="net.subnet.add"
        >
          + Subnet
        </Button>
      </div>
      {list.length === 0 && (
        <p className="mb-2 text-xs text-slate-500">
          None given: each node&apos;s address is taken on its own /24 (/64).
        </p>
      )}
      {list.map((sub, i) => {
        const derived = cluster.subnets.find((d) => d.index === i);
        const nodes = derived?.nodes ?? [];
        return (
          <div
            key={i}
            className="mb-2 rounded-md border border-slate-200 p-2 dark:border-slate-700"
            data-testid={`net.subnet.${i}`}
          >
            <div className="mb-1 flex items-center justify-between gap-2 text-xs">
              <span className="text-slate-500 dark:text-slate-400">
                {nodes.length > 0 ? nodes.join(', ') : 'no nodes yet'}
              </span>
              <span className="flex items-center gap-1">
                {sub.inferred && (
                  <Badge tone="info" testId={`net.subnet.${i}.inferred`}>
                    inferred
                  </Badge>
                )}
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Remove subnet ${sub.cidr}`}
                  onClick={() => edit((s) => removeNodeSubnet(s, i))}
                  data-testid={`net.subnet.${i}.remove`}
                >
                  ✕
                </Button>
              </span>
            </div>
            <div className="grid grid-cols-2 gap-2">
              <CidrField
                id={`net.subnet.${i}.cidr`}
                label="Subnet (CIDR)"
                field={`cluster.nodeNetwork[${i}].cidr`}
                value={sub.cidr}
                diagnostics={diagnostics}
                check={(v) => cidrSyntax(v, 'Subnet', '192.168.1.0/24')}
                apply={(v) => edit((s) => updateNodeSubnet(s, i, { cidr: v }))}
              />
              <CidrField
                id={`net.subnet.${i}.gateway`}
                label="Gateway (router)"
                field={`cluster.nodeNetwork[${i}].gateway`}
                value={sub.gateway ?? ''}
                placeholder={
                  derived?.gateways.filter(Boolean).join(',')
                    ? `auto: ${derived.gateways.filter(Boolean).join(',')}`
                    : 'auto: first address'
                }
                diagnostics={diagnostics}
                check={ipListSyntax}
                apply={(v) => edit((s) => updateNodeSubnet(s, i, { gateway: v }))}
              />
            </div>
          </div>
        );
      })}
    </div>
  );
}
