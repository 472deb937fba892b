/**
 * Share links (DESIGN.md §6): the URL fragment `s=<version>.<lz-string of the compact scenario
 * JSON>` (compact.ts; written as a delta against a frozen base when that is shorter, see
 * linkDelta.ts) plus the walk (`&from=..&to=..&port=..&proto=..&node=..&seed=..&endpoint=..
 * &step=..`). The fragment never reaches a server. Decoding never throws: a bad link is an error message, and the caller keeps
 * whatever scenario it had.
 */
import type { Scenario, TraceProtocol } from '@/sim';
import LZString from 'lz-string';

import { compactScenario } from './compact';
import { deltaAgainstBase } from './linkDelta';

/** The walk a link reopens: refs as the CLI takes them (`pod/NS/NAME`, `svc/NS/NAME`, an IP…). */
export interface ShareWalk {
  readonly from: string;
  readonly to: string;
  readonly port?: number;
  readonly protocol?: TraceProtocol;
  /** Where an outside client's packet enters. */
  readonly node?: string;
  /** Chooses among load-balanced endpoints (the trace's seed). */
  readonly seed?: number;
  /** The endpoint ("ip:port") the walk follows when kube-proxy load-balances. */
  readonly endpoint?: string;
  /** The hop the walk is shown at. */
  readonly step?: number;
}

/** How the graph is shown: on a large cluster's overview, the nodes opened in full. */
export interface ShareView {
  readonly expanded?: readonly string[];
}

export interface DecodedLink {
  readonly scenario: Scenario;
  readonly walk?: ShareWalk;
  readonly view?: ShareView;
  readonly warnings: string[];
}

/** Links longer than this are refused before any decoding. */
export const MAX_LINK_CHARS = 1024 * 1024;
/** Above this many characters a link still works but is unwieldy to paste (the UI may warn). */
export const LINK_WARN_CHARS = 8 * 1024;

/** encodeURIComponent, keeping `/` and `:` readable (both are fine in a fragment). */
const enc = (v: string): string =>
  encodeURIComponent(v).replace(/%2F/gi, '/').replace(/%3A/gi, ':');

/**
 * A scenario (and optionally a walk) as a URL fragment without the `#`:
 * `s=1.<data>&from=pod/default/client&to=svc/shop/frontend&port=80&proto=TCP`.
 */
export function encodeShareLink(scenario: Scenario, walk?: ShareWalk, view?: ShareView): string {
  let out = encodedScenario(scenario);
  if (walk) {
    out += `&from=${enc(walk.from)}&to=${enc(walk.to)}`;
    if (walk.port !== undefined) out += `&port=${walk.port}`;
    if (walk.protocol !== undefined) out += `&proto=${walk.protocol}`;
    if (walk.node !== undefined) out += `&node=${enc(walk.node)}`;
    if (walk.seed !== undefined) out += `&seed=${walk.seed}`;
    if (walk.endpoint !== undefined) out += `&endpoint=${enc(walk.endpoint)}`;
    if (walk.step !== undefined) out += `&step=${walk.step}`;
  }
  if (view?.expanded?.length) out += `&expand=${view.expanded.map(enc).join(',')}`;
  return out;
}

/**
 * The `s=<version>.<data>` part, memoised per scenario object: compressing a large cluster takes
 * a few hundred ms, and the link is rewritten on every step of a walk.
 */
const encoded = new WeakMap<Scenario, string>();

function encodedScenario(scenario: Scenario): string {
  const hit = encoded.get(scenario);
  if (hit) return hit;
  const doc = deltaAgainstBase(compactScenario(scenario), scenario.meta);
  const data = LZString.compressToEncodedURIComponent(JSON.stringify(doc));
  const out = `s=${scenario.version}.${data}`;
  encoded.set(scenario, out);
  return out;
}

/** Records the `s=` part a scenario was read from, so re-encoding it costs nothing. */
export function rememberEncoded(scenario: Scenario, part: string): void {
  encoded.set(scenario, part);
}
