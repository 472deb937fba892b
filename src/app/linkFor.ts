/** The share link (fragment) for the current state; loaded with the link encoder on demand. */
import { encodeShareLink, MAX_LINK_CHARS, rememberEncoded, type ShareWalk } from '@/scenario';
import type { Scenario } from '@/sim';
import type { WalkSpec } from '@/state';

export { MAX_LINK_CHARS };

export function linkFor(s: {
  scenario: Scenario;
  walk: WalkSpec | undefined;
  step: number;
  expanded: readonly string[];
}): string {
  const walk: ShareWalk | undefined = s.walk ? { ...s.walk, step: s.step } : undefined;
  return encodeShareLink(s.scenario, walk, { expanded: s.expanded });
}

/** The scenario was read from this link: reuse its `s=` part instead of compressing it again. */
export function rememberLink(scenario: Scenario, hash: string): void {
  const part = /(?:^#?|[&#])(s=[^&]*)/.exec(hash)?.[1];
  if (part) rememberEncoded(scenario, decodeURIComponent(part));
}
