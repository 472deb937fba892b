/** The preset gallery (issue 6), in the order the gallery shows it: simple to involved. */
import { calicoIpip } from './calicoIpip.scenario';
import { cidrOverlap } from './cidrOverlap.scenario';
import { ciliumKpr } from './ciliumKpr.scenario';
import { containerToContainer } from './containerToContainer.scenario';
import { dnsHeadless } from './dnsHeadless.scenario';
import { externalLoadBalancerLocal } from './externalLoadBalancerLocal.scenario';
import { externalNodePort } from './externalNodePort.scenario';
import { podToPodRoutes } from './podToPodRoutes.scenario';
import { podToPodSameNode } from './podToPodSameNode.scenario';
import { podToPodVxlan } from './podToPodVxlan.scenario';
import { podToService } from './podToService.scenario';
import { twoSubnets } from './twoSubnets.scenario';
import type { Preset } from './types';
import { zonesTopology } from './zonesTopology.scenario';

/** Every built-in scenario (each `satisfies Preset`). */
export const PRESETS: readonly Preset[] = [
  containerToContainer,
  podToPodSameNode,
  podToPodRoutes,
  podToPodVxlan,
  calicoIpip,
  podToService,
  externalNodePort,
  externalLoadBalancerLocal,
  cidrOverlap,
  dnsHeadless,
  ciliumKpr,
  twoSubnets,
  zonesTopology,
];

/** The preset with this id, if any. */
export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
