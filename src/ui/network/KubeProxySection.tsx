/**
 * kube-proxy's settings in the Network tab: the mode (iptables or nftables, a
 * KubeProxyConfiguration `mode`), the local-traffic detector, nodePortAddresses and
 * masqueradeAll. What differs between the modes is said next to the choice; validation says
 * when a setting does not do in nftables mode what it did in iptables mode.
 */
import { PROXY_MODES, updateCluster, type Diagnostic, type ProxyMode } from '@/sim';
import { selectCluster, useAppStore } from '@/state';

import { Section } from '../primitives/Section';

import { CidrField } from './CidrField';
import { cidrSyntax } from './cidrSyntax';

export interface KubeProxySectionProps {
  readonly diagnostics: readonly Diagnostic[];
}

const MODE_HINT: Readonly<Record<ProxyMode, string>> = {
  iptables:
    'KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-… chains; NodePorts answer on every local address (and 127.0.0.1).',
  nftables:
    'GA since Kubernetes 1.33: table ip kube-proxy with verdict maps and numgen; NodePorts answer only on nodePortAddresses (default: the node’s primary IP), never on 127.0.0.1.',
};

/** nodePortAddresses entries: CIDRs or "primary". */
function nodePortSyntax(v: string): string | undefined {
  for (const part of v.split(',').map((p) => p.trim()))
    if (part !== '' && part !== 'primary') {
      const e = cidrSyntax(part, 'nodePortAddresses', '192.168.1.0/24');
      if (e) return `${e} (or "primary")`;
    }
  return undefined;
}

export function KubeProxySection({ diagnostics }: KubeProxySectionProps) {
  const cluster = useAppStore(selectCluster);
  const edit = useAppStore((s) => s.edit);
  const c = cluster.settings;
  const kp = c.kubeProxy;
  const set = (patch: Partial<typeof kp>) =>
    edit((s) => updateCluster(s, { kubeProxy: { ...s.cluster.kubeProxy, ...patch } }));
  return (
    <Section title="kube-proxy">
      <div className="mb-3" data-testid="net.kubeProxy.mode">
        <span className="mb-1 block text-xs font-semibold text-slate-600 dark:text-slate-300">
          Mode (KubeProxyConfiguration mode)
        </span>
        <div className="flex gap-3 text-sm" role="radiogroup" aria-label="kube-proxy mode">
          {(Object.keys(PROXY_MODES) as ProxyMode[]).map((m) => (
            <label key={m} className="flex items-center gap-1.5">
              <input
                type="radio"
                name="kube-proxy-mode"
                checked={kp.mode === m}
                onChange={() => set({ mode: m })}
                data-testid={`net.kubeProxy.${m}`}
              />
              {m}
            </label>
          ))}
        </div>
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{MODE_HINT[kp.mode]}</p>
      </div>
      <CidrField
        id="net.clusterCIDR"
        label="clusterCIDR (local-traffic detector)"
        field="cluster.kubeProxy.clusterCIDR"
        value={kp.clusterCIDR ?? ''}
        diagnostics={diagnostics}
        check={(v) => (v.trim() === '' ? undefined : cidrSyntax(v, 'clusterCIDR', '10.244.0.0/16'))}
        apply={(v) => set(v.trim() === '' ? { clusterCIDR: undefined } : { clusterCIDR: v.trim() })}
        placeholder={`(the pod network: ${c.podSubnet})`}
      />
      <CidrField
        id="net.nodePortAddresses"
        label="nodePortAddresses (where NodePorts answer)"
        field="cluster.kubeProxy.nodePortAddresses"
        value={(kp.nodePortAddresses ?? []).join(', ')}
        diagnostics={diagnostics}
        check={nodePortSyntax}
        apply={(v) => {
          const list = v
            .split(',')
            .map((p) => p.trim())
            .filter((p) => p !== '');
          set({ nodePortAddresses: list.length > 0 ? list : undefined });
        }}
        placeholder={
          kp.mode === 'nftables' ? '(primary: the node’s own IP)' : '(every local address)'
        }
      />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={kp.masqueradeAll === true}
          onChange={(e) => set({ masqueradeAll: e.target.checked })}
        />
        masqueradeAll (SNAT every Service connection)
      </label>
    </Section>
  );
}
