/**
 * Object names as the API server validates them (apimachinery validation): namespaces, Services
 * and pods are DNS-1123 labels or subdomains; anything else (a name from a hand-edited link or an
 * import, e.g. with "<" in it) is reported, since `kubectl apply` would reject it.
 */
import { keyOf } from '../model/labels';

import { diagnostic, type Diagnostic, type ValidateContext } from './types';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const shown = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}…` : s);

/** DNS-1123 names of namespaces, nodes, pods and Services. */
export function checkNames(ctx: ValidateContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (
    kind: string,
    name: string,
    ok: boolean,
    field: string,
    ref: string,
    rule: string,
  ): void => {
    if (ok) return;
    out.push(
      diagnostic(
        'error',
        'name-invalid',
        `${kind} name ${shown(name)} is not valid: Kubernetes requires ${rule}. kubectl apply would reject it; rename it (e.g. "web-1").`,
        { objects: [ref], field },
      ),
    );
  };
  const labelRule = 'a DNS-1123 label (lowercase letters, digits and "-", at most 63 characters)';
  const subRule =
    'a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", at most 253 characters)';
  (ctx.scenario.namespaces ?? []).forEach((n, i) => {
    const name = n.metadata.name;
    check(
      'Namespace',
      name,
      LABEL.test(name) && name.length <= 63,
      `namespaces[${i}].metadata.name`,
      `ns/${name}`,
      labelRule,
    );
  });
  (ctx.scenario.nodes ?? []).forEach((n, i) => {
    const name = n.metadata.name;
    check(
      'Node',
      name,
      SUBDOMAIN.test(name) && name.length <= 253,
      `nodes[${i}].metadata.name`,
      `node/${name}`,
      subRule,
    );
  });
  (ctx.scenario.pods ?? []).forEach((p, i) => {
    const name = p.metadata.name;
    check(
      'Pod',
      name,
      SUBDOMAIN.test(name) && name.length <= 253,
      `pods[${i}].metadata.name`,
      `pod/${keyOf(p.metadata)}`,
      subRule,
    );
  });
  (ctx.scenario.services ?? []).forEach((s, i) => {
    const name = s.metadata.name;
    check(
      'Service',
      name,
      LABEL.test(name) && name.length <= 63,
      `services[${i}].metadata.name`,
      `svc/${keyOf(s.metadata)}`,
      labelRule,
    );
  });
  return out;
}
