/**
 * Which view shows kube-proxy's rules, per mode: iptables-save (in the first bundle) or
 * `nft list ruleset` (loaded with nftables mode). The one place the inspectors look at the mode.
 */
import { lazy, Suspense, type ComponentType } from 'react';

import type { DerivedNode, DerivedService, ProxyMode } from '@/sim';
import { useAppStore } from '@/state';

import { Loading } from '../primitives/Loading';

import { IptablesView } from './IptablesView';
import { ServiceChainsView } from './ServiceChainsView';

const NftRulesView = lazy(() =>
  import('./NftRulesView').then((m) => ({ default: m.NftRulesView })),
);
const NftServiceChains = lazy(() =>
  import('./NftRulesView').then((m) => ({ default: m.NftServiceChains })),
);

const NODE_VIEWS = {
  iptables: IptablesView,
  nftables: NftRulesView,
} satisfies Record<ProxyMode, ComponentType<{ node: DerivedNode }>>;

const SERVICE_VIEWS = {
  iptables: ServiceChainsView,
  nftables: NftServiceChains,
} satisfies Record<ProxyMode, ComponentType<{ service: DerivedService }>>;

/** The node's kube-proxy rules as its mode's tool prints them. */
export function NodeRulesView({ node }: { readonly node: DerivedNode }) {
  const mode = useAppStore((s) => s.scenario.cluster.kubeProxy.mode);
  const View = NODE_VIEWS[mode];
  return (
    <Suspense fallback={<Loading />}>
      <View node={node} />
    </Suspense>
  );
}

/** One Service's rules on a node, as its mode writes them. */
export function ServiceRulesView({ service }: { readonly service: DerivedService }) {
  const mode = useAppStore((s) => s.scenario.cluster.kubeProxy.mode);
  const View = SERVICE_VIEWS[mode];
  return (
    <Suspense fallback={<Loading />}>
      <View service={service} />
    </Suspense>
  );
}
