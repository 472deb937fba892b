/**
 * Test-only helpers for validate's tests: edit a copy of the default scenario, build nodes and
 * pods, and assert one expected diagnostic. Not exported from the sim index.
 */
import { expect } from 'vitest';

import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { Node, Pod } from '../model/k8s';
import type { Scenario } from '../model/scenario';

import type { Diagnostic } from './types';
import { validate } from './validate';

/** A deeply writable view of a readonly model type, for editing copies in tests. */
export type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;

/** A deep, writable copy of the default scenario (or `base`), edited by `edit`. */
export function tweak(
  edit: (s: Mutable<Scenario>) => void,
  base: Scenario = DEFAULT_SCENARIO,
): Scenario {
  const copy = JSON.parse(JSON.stringify(base)) as Mutable<Scenario>;
  edit(copy);
  return copy as Scenario;
}

/** The diagnostics with `code` (and `field`, when given). */
export function withCode(list: readonly Diagnostic[], code: string, field?: string): Diagnostic[] {
  return list.filter((d) => d.code === code && (field === undefined || d.field === field));
}

/** A Node with one InternalIP and, optionally, a given pod range. */
export const node = (name: string, ip: string, podCIDR?: string): Mutable<Node> => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  ...(podCIDR ? { spec: { podCIDR } } : {}),
  status: { addresses: [{ type: 'InternalIP', address: ip }] },
});

/** A pod in `default` bound to `nodeName`, one container named app. */
export const podOn = (
  name: string,
  nodeName: string,
  extra: Partial<Mutable<Pod['spec']>> = {},
): Mutable<Pod> => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { nodeName, containers: [{ name: 'app' }], ...extra },
});

/** One table row: a scenario and the diagnostic it must produce (message exact, or a pattern). */
export interface Case {
  readonly name: string;
  readonly scenario: Scenario;
  readonly want: Omit<Partial<Diagnostic>, 'message'> & {
    readonly code: string;
    readonly message: string | RegExp;
  };
}

/** Asserts that validating `scenario` yields a diagnostic matching `want` in every given key. */
export function expectDiagnostic(scenario: Scenario, want: Case['want']): void {
  const found = withCode(validate(scenario), want.code, want.field);
  const { message, ...rest } = want;
  const matches = (m: string): boolean =>
    typeof message === 'string' ? m === message : message.test(m);
  expect(found.map((d) => d.message)).toContainEqual(
    typeof message === 'string' ? message : expect.stringMatching(message),
  );
  expect(found.find((d) => matches(d.message))).toMatchObject(rest);
}
