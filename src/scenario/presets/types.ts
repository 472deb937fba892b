/** A built-in scenario of the gallery: a small cluster, the concept it teaches, and a walk. */
import type { Scenario, TraceProtocol } from '@/sim';

/** The walk a preset opens with; refs in CLI syntax (`pod/NS/NAME`, `svc/NS/NAME`, an IP…). */
export interface PresetWalk {
  readonly from: string;
  readonly to: string;
  readonly port?: number;
  readonly protocol: TraceProtocol;
  /** Where an outside client's packet enters the cluster. */
  readonly node?: string;
}

export interface Preset {
  /** Stable, URL-safe (`?preset=pod-to-service`). */
  readonly id: string;
  readonly title: string;
  /** One paragraph that teaches the concept the walk shows. */
  readonly summary: string;
  readonly scenario: Scenario;
  readonly walk: PresetWalk;
}
