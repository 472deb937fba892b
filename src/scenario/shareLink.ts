/**
 * Share links (DESIGN.md §6): the URL fragment `s=<version>.<lz-string of the compact scenario
 * JSON>` (compact.ts; written as a delta against a frozen base when that is shorter, see
 * linkDelta.ts) plus the walk (`&from=..&to=..&port=..&proto=..&node=..&seed=..&endpoint=..
 * &step=..`). The fragment never reaches a server. Decoding never throws: a bad link is an error message, and the caller keeps
 * whatever scenario it had.
 */
import { SCENARIO_VERSION, err, ok, type Result, type Scenario, type TraceProtocol } from '@/sim';
import LZString from 'lz-string';

import { compactScenario } from './compact';
import { applyBase, deltaAgainstBase } from './linkDelta';
import { restore } from './restore';

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

export interface DecodedLink {
  readonly scenario: Scenario;
  readonly walk?: ShareWalk;
  readonly warnings: string[];
}

/** Links longer than this are refused before any decoding. */
export const MAX_LINK_CHARS = 1024 * 1024;
/** Decompressed scenarios longer than this are refused. */
const MAX_JSON_CHARS = 32 * 1024 * 1024;
/** Above this many characters a link still works but is unwieldy to paste (the UI may warn). */
export const LINK_WARN_CHARS = 8 * 1024;

const PROTOCOLS: readonly TraceProtocol[] = ['TCP', 'UDP', 'SCTP', 'ICMP'];
const LZ_ALPHABET = /^[A-Za-z0-9+\-$ ]*$/;

/** encodeURIComponent, keeping `/` and `:` readable (both are fine in a fragment). */
const enc = (v: string): string =>
  encodeURIComponent(v).replace(/%2F/gi, '/').replace(/%3A/gi, ':');

/**
 * A scenario (and optionally a walk) as a URL fragment without the `#`:
 * `s=1.<data>&from=pod/default/client&to=svc/shop/frontend&port=80&proto=TCP`.
 */
export function encodeShareLink(scenario: Scenario, walk?: ShareWalk): string {
  const doc = deltaAgainstBase(compactScenario(scenario), scenario.meta);
  const data = LZString.compressToEncodedURIComponent(JSON.stringify(doc));
  let out = `s=${scenario.version}.${data}`;
  if (walk) {
    out += `&from=${enc(walk.from)}&to=${enc(walk.to)}`;
    if (walk.port !== undefined) out += `&port=${walk.port}`;
    if (walk.protocol !== undefined) out += `&proto=${walk.protocol}`;
    if (walk.node !== undefined) out += `&node=${enc(walk.node)}`;
    if (walk.seed !== undefined) out += `&seed=${walk.seed}`;
    if (walk.endpoint !== undefined) out += `&endpoint=${enc(walk.endpoint)}`;
    if (walk.step !== undefined) out += `&step=${walk.step}`;
  }
  return out;
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** The `key=value` pairs of a full URL, a `#fragment` or a bare `s=…&…` string. */
function linkParams(input: string): Map<string, string> {
  const text = input.trim();
  const hash = text.indexOf('#');
  let query = hash >= 0 ? text.slice(hash + 1) : text;
  if (hash < 0 && !/^[#/?]*s=/.test(query)) {
    const q = query.indexOf('?');
    if (q >= 0) query = query.slice(q + 1);
  }
  query = query.replace(/^[#/?]+/, '');
  const params = new Map<string, string>();
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = safeDecode(part.slice(0, eq));
    if (!params.has(key)) params.set(key, safeDecode(part.slice(eq + 1)));
  }
  return params;
}

function readWalk(params: Map<string, string>, warnings: string[]): ShareWalk | undefined {
  const from = params.get('from')?.trim();
  const to = params.get('to')?.trim();
  if (!from || !to) {
    if (from || to) warnings.push('the link names only one end of the walk; the walk is ignored');
    return undefined;
  }
  const walk: { -readonly [K in keyof ShareWalk]: ShareWalk[K] } = { from, to };
  const port = params.get('port');
  if (port !== undefined) {
    if (/^\d{1,5}$/.test(port) && Number(port) <= 65535) walk.port = Number(port);
    else warnings.push(`port "${port}" in the link is not a port number (0–65535); ignored`);
  }
  const proto = params.get('proto') ?? params.get('protocol');
  if (proto !== undefined) {
    const p = proto.toUpperCase() as TraceProtocol;
    if (PROTOCOLS.includes(p)) walk.protocol = p;
    else
      warnings.push(
        `protocol "${proto}" in the link is not one of ${PROTOCOLS.join(', ')}; ignored`,
      );
  }
  const node = params.get('node')?.trim();
  if (node) walk.node = node;
  const seed = params.get('seed');
  if (seed !== undefined) {
    if (/^\d{1,15}$/.test(seed)) walk.seed = Number(seed);
    else warnings.push(`seed "${seed}" in the link is not a whole number; ignored`);
  }
  const endpoint = params.get('endpoint')?.trim();
  if (endpoint) walk.endpoint = endpoint;
  const step = params.get('step');
  if (step !== undefined) {
    if (/^\d{1,6}$/.test(step)) walk.step = Number(step);
    else warnings.push(`step "${step}" in the link is not a hop number; ignored`);
  }
  return walk;
}

const CORRUPT = "the link's scenario data is truncated or corrupted — copy the whole link again";

function decompress(data: string): Result<unknown, string> {
  if (!LZ_ALPHABET.test(data)) return err(`${CORRUPT} (it contains characters a link never has)`);
  let json: string | null;
  try {
    json = LZString.decompressFromEncodedURIComponent(data);
  } catch {
    return err(CORRUPT);
  }
  if (!json) return err(CORRUPT);
  if (json.length > MAX_JSON_CHARS) return err('the link decompresses to more than 32 MB; refused');
  try {
    return ok(JSON.parse(json) as unknown);
  } catch {
    return err(CORRUPT);
  }
}

function decode(input: string): Result<DecodedLink, string> {
  if (input.length > MAX_LINK_CHARS)
    return err(`the link is too long (${input.length} characters; links up to 1 MB are read)`);
  const params = linkParams(input);
  const s = params.get('s');
  if (s === undefined) return err('not a share link: expected "#s=<version>.<data>" in it');
  const m = /^(\d{1,9})\.(.*)$/s.exec(s.trim());
  if (!m) return err('the link has no version: expected s=<version>.<data>, e.g. s=1.N4Ig…');
  const version = Number(m[1]);
  const data = m[2] ?? '';
  if (version > SCENARIO_VERSION)
    return err(
      `this link was made by a newer version (v${version}); this app reads up to v${SCENARIO_VERSION}`,
    );
  if (version < 1)
    return err(`the link's version v${version} does not exist; versions start at v1`);
  if (data === '') return err('the link has no scenario data after its version');
  const doc = decompress(data);
  if (!doc.ok) return doc;
  if (typeof doc.value !== 'object' || doc.value === null || Array.isArray(doc.value))
    return err(CORRUPT);
  const based = applyBase(doc.value as Record<string, unknown>);
  if (!based.ok) return based;
  const restored = restore({ ...based.value, version });
  if (!restored.ok) return err(`the link's scenario is invalid: ${restored.error}`);
  const warnings = [...restored.value.warnings];
  const walk = readWalk(params, warnings);
  return ok({ scenario: restored.value.scenario, ...(walk ? { walk } : {}), warnings });
}

/**
 * Reads a share link: a full URL, `#s=…` or `s=…`. Never throws; a link that is too long,
 * truncated, corrupted or from a newer version is an error message.
 */
export function decodeShareLink(fragmentOrUrl: string): Result<DecodedLink, string> {
  if (typeof fragmentOrUrl !== 'string') return err('not a share link: expected text');
  try {
    return decode(fragmentOrUrl);
  } catch (e) {
    return err(`could not read the link: ${e instanceof Error ? e.message : String(e)}`);
  }
}
