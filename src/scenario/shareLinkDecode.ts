/**
 * Reading a share link back (see shareLink.ts for the format). Never throws: a bad link is an
 * error message, and the caller keeps whatever scenario it had. Separate from encoding because it
 * brings the schema validator (restore), which the app loads only when there is a link to read.
 */
import { SCENARIO_VERSION, err, ok, type Result, type TraceProtocol } from '@/sim';
import LZString from 'lz-string';

import { applyBase } from './linkDelta';
import { restore } from './restore';
import {
  MAX_LINK_CHARS,
  rememberEncoded,
  type DecodedLink,
  type ShareView,
  type ShareWalk,
} from './shareLink';

/** Decompressed scenarios longer than this are refused. */
const MAX_JSON_CHARS = 32 * 1024 * 1024;
const PROTOCOLS: readonly TraceProtocol[] = ['TCP', 'UDP', 'SCTP', 'ICMP'];
const LZ_ALPHABET = /^[A-Za-z0-9+\-$ ]*$/;

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

/** `expand=node-1,node-7`: node names (DNS-1123 names never hold a comma). */
function readView(params: Map<string, string>): ShareView | undefined {
  const names = (params.get('expand') ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '' && n.length <= 253);
  return names.length ? { expanded: [...new Set(names)] } : undefined;
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
  const view = readView(params);
  rememberEncoded(restored.value.scenario, `s=${s.trim()}`);
  return ok({
    scenario: restored.value.scenario,
    ...(walk ? { walk } : {}),
    ...(view ? { view } : {}),
    warnings,
  });
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
