/**
 * The one entry point for text from a user (the CLI's <file>, the UI's Import): a scenario JSON
 * exported by the app, a share link or URL, or Kubernetes manifests. Never throws.
 */
import { err, ok, type Result, type Scenario } from '@/sim';

import { importManifests } from './manifests/importManifests';
import { restore } from './restore';
import type { ShareView, ShareWalk } from './shareLink';
import { decodeShareLink } from './shareLinkDecode';

export interface Loaded {
  readonly scenario: Scenario;
  readonly warnings: string[];
  readonly notes: string[];
  /** The walk a share link carried. */
  readonly walk?: ShareWalk;
  /** The nodes a share link opened in full. */
  readonly view?: ShareView;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A scenario document: `version` and `cluster`, and no `kind` (Kubernetes objects have one). */
const isScenarioDoc = (v: unknown): v is Record<string, unknown> =>
  isRecord(v) && 'version' in v && 'cluster' in v && !('kind' in v);

/** One line with `s=` in it: a share link, a URL holding one, or its fragment. */
const isShareLink = (text: string): boolean => !/\s/.test(text) && /(^|[#?&/])s=/.test(text);

/**
 * Reads a scenario JSON (has `version` and `cluster`), a share link or URL (contains `s=`), or
 * Kubernetes manifests (YAML/JSON, multi-document, `v1 List`, kubeadm/kube-proxy configuration).
 */
export function loadScenarioText(text: string, fileName?: string): Result<Loaded, string> {
  try {
    if (typeof text !== 'string') return err('expected text');
    const trimmed = text.trim();
    if (trimmed === '')
      return err(
        'the input is empty — give a scenario JSON, a share link, or Kubernetes YAML/JSON',
      );
    if (trimmed.startsWith('{')) {
      let doc: unknown;
      try {
        doc = JSON.parse(trimmed);
      } catch {
        doc = undefined; // not one JSON object: maybe several documents; the importer says where
      }
      if (isScenarioDoc(doc)) {
        const r = restore(doc);
        return r.ok ? ok({ ...r.value, notes: [] }) : err(`not a valid scenario: ${r.error}`);
      }
    }
    if (isShareLink(trimmed)) {
      const r = decodeShareLink(trimmed);
      return r.ok ? ok({ ...r.value, notes: [] }) : err(r.error);
    }
    const r = importManifests(text, fileName !== undefined ? { fileName } : {});
    return r.ok ? ok(r.value) : err(r.error.message);
  } catch (e) {
    return err(`could not read the input: ${e instanceof Error ? e.message : String(e)}`);
  }
}
