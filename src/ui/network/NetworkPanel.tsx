/**
 * The cluster's address plan: pod network, service range, node mask size, node network, each
 * node's address and pod range (auto or pinned), the CNI and kube-proxy's settings — with
 * validation as the user types and a capacity summary.
 */
import { updateCluster } from '@/sim';
import { selectCluster, useAppStore } from '@/state';

import { Section } from '../primitives/Section';

import { useDiagnosticsNow } from '../diagnostics/useDiagnosticsNow';

import { CapacitySummaryView } from './CapacitySummaryView';
import { CidrField } from './CidrField';
import { CniChoice } from './CniChoice';
import { KubeProxySection } from './KubeProxySection';
import { cidrSyntax } from './cidrSyntax';
import { NodeRows } from './NodeRows';
import { SubnetRows } from './SubnetRows';

const maskSyntax = (v: string): string | undefined =>
  /^\d{1,3}$/.test(v.trim()) && Number(v) <= 128 ? undefined : 'A mask size is a number, e.g. 24';

export function NetworkPanel() {
  const cluster = useAppStore(selectCluster);
  const edit = useAppStore((s) => s.edit);
  const diagnostics = useDiagnosticsNow();
  const c = cluster.settings;
  const set = (patch: Parameters<typeof updateCluster>[1]) => edit((s) => updateCluster(s, patch));
  const settingsDiags = diagnostics.filter((d) => d.field?.startsWith('cluster.'));
  return (
    <div data-testid="network.panel">
      <Section title="Cluster network">
        <CidrField
          id="net.podSubnet"
          label="Pod CIDR (podSubnet / --cluster-cidr)"
          field="cluster.podSubnet"
          value={c.podSubnet}
          diagnostics={diagnostics}
          check={(v) => cidrSyntax(v, 'Pod CIDR', '10.244.0.0/16')}
          apply={(v) => set({ podSubnet: v.trim() })}
          hint="Dual-stack: 10.244.0.0/16,fd00:10:244::/56"
        />
        <CidrField
          id="net.serviceSubnet"
          label="Service CIDR (serviceSubnet / --service-cluster-ip-range)"
          field="cluster.serviceSubnet"
          value={c.serviceSubnet}
          diagnostics={diagnostics}
          check={(v) => cidrSyntax(v, 'Service CIDR', '10.96.0.0/12')}
          apply={(v) => set({ serviceSubnet: v.trim() })}
        />
        <div className="grid grid-cols-2 gap-3">
          <CidrField
            id="net.mask4"
            label="Node mask (IPv4)"
            field="cluster.nodeCIDRMaskSize"
            value={String(c.nodeCIDRMaskSize ?? 24)}
            diagnostics={diagnostics}
            check={maskSyntax}
            apply={(v) => set({ nodeCIDRMaskSize: Number(v) })}
          />
          <CidrField
            id="net.mask6"
            label="Node mask (IPv6)"
            field="cluster.nodeCIDRMaskSizeIPv6"
            value={String(c.nodeCIDRMaskSizeIPv6 ?? 64)}
            diagnostics={diagnostics}
            check={maskSyntax}
            apply={(v) => set({ nodeCIDRMaskSizeIPv6: Number(v) })}
          />
        </div>
        <SubnetRows diagnostics={diagnostics} />
        <CniChoice />
        {settingsDiags.length > 0 && (
          <ul className="mt-2 space-y-1 text-xs" data-testid="network.settings-diagnostics">
            {settingsDiags.map((d, i) => (
              <li
                key={i}
                className={
                  d.severity === 'error'
                    ? 'text-red-700 dark:text-red-300'
                    : 'text-amber-700 dark:text-amber-300'
                }
              >
                {d.severity === 'error' ? '⚠' : '△'} <span className="font-mono">{d.code}</span>{' '}
                {d.message}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <CapacitySummaryView />
      <NodeRows diagnostics={diagnostics} />
      <KubeProxySection diagnostics={diagnostics} />
    </div>
  );
}
