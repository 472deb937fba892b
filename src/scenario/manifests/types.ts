/** Shared types of Kubernetes manifest import. */
import type { Scenario } from '@/sim';

/** Why an import failed, and where: the 1-based document number and line. */
export interface ImportError {
  /** The whole message, location included ("document 2, line 14: …"). */
  readonly message: string;
  readonly doc?: number;
  readonly line?: number;
}

export interface ImportResult {
  readonly scenario: Scenario;
  /** Objects kept but not modelled, settings approximated, duplicates replaced. */
  readonly warnings: string[];
  /** What the import filled in or decided (default nodes, pods taken from the input). */
  readonly notes: string[];
}

export interface ImportOptions {
  /** Names the imported scenario (meta.name) when the input does not. */
  readonly fileName?: string;
}

/** A plain JSON object. */
export type Json = Record<string, unknown>;

/** A non-null, non-array object. */
export const isJsonObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** One object of the input with its place in the text. */
export interface SourceObject {
  readonly value: Json;
  /** 1-based document number. */
  readonly doc: number;
  /** 0-based index in a List's `items` (or a top-level array), if it came from one. */
  readonly item?: number;
  /** The 1-based line of a field of this object (the object itself for []), if known. */
  readonly lineOf: (path?: readonly PropertyKey[]) => number | undefined;
}

/** "document 2, line 14" / "document 1, item 3, line 40". */
export function locate(
  doc: number | undefined,
  item: number | undefined,
  line: number | undefined,
): string {
  const parts: string[] = [];
  if (doc !== undefined) parts.push(`document ${doc}`);
  if (item !== undefined) parts.push(`item ${item + 1}`);
  if (line !== undefined) parts.push(`line ${line}`);
  return parts.join(', ');
}

/** An ImportError at a field of an object. */
export function errorAt(
  src: SourceObject,
  path: readonly PropertyKey[],
  text: string,
): ImportError {
  const line = src.lineOf(path);
  return {
    message: `${locate(src.doc, src.item, line)}: ${text}`,
    doc: src.doc,
    ...(line !== undefined ? { line } : {}),
  };
}
