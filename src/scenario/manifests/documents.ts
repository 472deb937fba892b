/**
 * Splitting manifest text into objects with their place in it: multi-document YAML, a JSON object
 * or array, and `v1 List`s (what `kubectl get … -o yaml|json` prints) are all flattened into one
 * sequence of objects. Lines come from the yaml package's LineCounter; large JSON takes a fast
 * path through JSON.parse and is only re-read for line numbers when a message needs one.
 */
import { err, ok, type Result } from '@/sim';
import { LineCounter, parseAllDocuments, parseDocument, type Document } from 'yaml';

import { isJsonObject, locate, type ImportError, type Json, type SourceObject } from './types';

const YAML_OPTIONS = { merge: true, prettyErrors: true } as const;

type Locator = (path: readonly PropertyKey[]) => number | undefined;

/** The line of the deepest existing node along `path` in a parsed YAML document. */
function locator(doc: Document.Parsed, counter: LineCounter): Locator {
  return (path) => {
    for (let n = path.length; n >= 0; n--) {
      let node: unknown;
      try {
        node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
      } catch {
        node = undefined;
      }
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) return counter.linePos(range[0]).line;
    }
    return undefined;
  };
}

function kindName(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'string'
    ? `the text "${v.length > 30 ? `${v.slice(0, 30)}…` : v}"`
    : String(v);
}

/** Objects of one document: the document itself, or the items of a List or an array. */
function flatten(value: unknown, docNo: number, at: Locator): Result<SourceObject[], ImportError> {
  const make = (v: Json, prefix: readonly PropertyKey[], item?: number): SourceObject => ({
    value: v,
    doc: docNo,
    ...(item !== undefined ? { item } : {}),
    lineOf: (path = []) => at([...prefix, ...path]),
  });
  const notObject = (v: unknown, prefix: PropertyKey[], item?: number): ImportError => {
    const line = at(prefix);
    return {
      message: `${locate(docNo, item, line)}: not a Kubernetes object (got ${kindName(v)}) — expected a mapping with apiVersion, kind and metadata`,
      doc: docNo,
      ...(line !== undefined ? { line } : {}),
    };
  };
  let items: unknown[] | undefined;
  let prefix: PropertyKey[] = [];
  if (Array.isArray(value)) items = value;
  else if (isJsonObject(value) && /List$/.test(String(value.kind)) && Array.isArray(value.items)) {
    items = value.items;
    prefix = ['items'];
  } else if (
    isJsonObject(value) &&
    /List$/.test(String(value.kind)) &&
    (value.items === null || value.items === undefined)
  ) {
    return ok([]); // `kubectl get` found nothing: `items: []` or null
  }
  if (!items) return isJsonObject(value) ? ok([make(value, [])]) : err(notObject(value, []));
  const out: SourceObject[] = [];
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    if (!isJsonObject(v)) return err(notObject(v, [...prefix, i], i));
    out.push(make(v, [...prefix, i], i));
  }
  return ok(out);
}

function fromYaml(text: string): Result<SourceObject[], ImportError> {
  const counter = new LineCounter();
  const docs = parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter: counter });
  const out: SourceObject[] = [];
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] as Document.Parsed;
    const bad = doc.errors[0];
    if (bad) {
      const line = bad.linePos?.[0]?.line;
      const what = bad.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '';
      return err({
        message: `${locate(i + 1, undefined, line)}: YAML syntax error — ${what}`,
        doc: i + 1,
        ...(line !== undefined ? { line } : {}),
      });
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      return err({
        message: `document ${i + 1}: ${e instanceof Error ? e.message : String(e)}`,
        doc: i + 1,
      });
    }
    if (value === null || value === undefined) continue; // an empty document (comments only)
    const objs = flatten(value, i + 1, locator(doc, counter));
    if (!objs.ok) return objs;
    out.push(...objs.value);
  }
  return ok(out);
}

/** A JSON text as one document; its lines are computed only when asked for. */
function fromJson(value: unknown, text: string): Result<SourceObject[], ImportError> {
  let at: Locator | undefined;
  const lazy: Locator = (path) => {
    if (!at) {
      const counter = new LineCounter();
      at = locator(parseDocument(text, { ...YAML_OPTIONS, lineCounter: counter }), counter);
    }
    return at(path);
  };
  return flatten(value, 1, lazy);
}

/**
 * Every object in `text` (YAML documents, JSON, Lists flattened), in order, each with its
 * document number and a way to find the line of any of its fields.
 */
export function readDocuments(text: string): Result<SourceObject[], ImportError> {
  if (/^\s*[[{]/.test(text)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return fromYaml(text); // several JSON documents, or a syntax error the YAML reader locates
    }
    return fromJson(value, text);
  }
  return fromYaml(text);
}
