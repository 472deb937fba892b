/**
 * A NetworkPolicy from YAML text, with problems located on their line — what the API server's
 * validation would reject (networking/validation: ValidateNetworkPolicyPeer, …Port, IPBlock).
 */
import { Document, isMap, LineCounter, parseDocument, stringify } from 'yaml';

import { cidrContainsCidr, parseCidr, type NetworkPolicy } from '@/sim';

export interface YamlProblem {
  readonly line: number;
  readonly message: string;
  readonly from: number;
  readonly to: number;
}

export type PolicyParse =
  | { readonly ok: true; readonly policy: NetworkPolicy }
  | { readonly ok: false; readonly problems: readonly YamlProblem[] };

type Path = (string | number)[];

export function parsePolicyYaml(text: string, defaultNamespace: string): PolicyParse {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const problems: YamlProblem[] = [];
  const at = (path: Path, message: string): void => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const r = node?.range ?? [0, 0, 0];
    problems.push({
      line: lc.linePos(r[0]).line,
      message,
      from: r[0],
      to: Math.max(r[1], r[0] + 1),
    });
  };
  for (const e of doc.errors)
    problems.push({
      line: lc.linePos(e.pos[0]).line,
      message: e.message.split('\n')[0] ?? e.message,
      from: e.pos[0],
      to: e.pos[1],
    });
  if (problems.length) return { ok: false, problems };
  const obj = doc.toJS() as Record<string, unknown> | null;
  if (!obj || typeof obj !== 'object' || Array.isArray(obj))
    return {
      ok: false,
      problems: [
        {
          line: 1,
          message: 'Expected a NetworkPolicy object (kind: NetworkPolicy)',
          from: 0,
          to: Math.max(1, text.length),
        },
      ],
    };
  if (obj.kind !== 'NetworkPolicy') at(['kind'], 'kind must be NetworkPolicy');
  if (obj.apiVersion !== undefined && obj.apiVersion !== 'networking.k8s.io/v1')
    at(['apiVersion'], 'apiVersion must be networking.k8s.io/v1');
  const meta = (obj.metadata ?? {}) as Record<string, unknown>;
  if (typeof meta.name !== 'string' || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(meta.name))
    at(['metadata', 'name'], 'metadata.name is required: lowercase letters, digits, "-" and "."');
  const spec = (obj.spec ?? {}) as Record<string, unknown>;
  if (!isMap(doc.get('spec')))
    at(['spec'], 'spec is required (use podSelector: {} for every pod in the namespace)');
  for (const [i, t] of ((spec.policyTypes as unknown[] | undefined) ?? []).entries())
    if (t !== 'Ingress' && t !== 'Egress')
      at(['spec', 'policyTypes', i], `policyTypes[${i}] must be Ingress or Egress`);
  for (const dir of ['ingress', 'egress'] as const) {
    const rules = spec[dir];
    if (rules === undefined || rules === null) continue;
    if (!Array.isArray(rules)) {
      at(['spec', dir], `spec.${dir} must be a list of rules`);
      continue;
    }
    rules.forEach((rule: Record<string, unknown> | null, ri) => {
      const peersKey = dir === 'ingress' ? 'from' : 'to';
      for (const [pi, peer] of (
        ((rule ?? {})[peersKey] as Record<string, unknown>[] | undefined) ?? []
      ).entries())
        checkPeer(peer ?? {}, ['spec', dir, ri, peersKey, pi], at);
      for (const [qi, port] of (
        ((rule ?? {}).ports as Record<string, unknown>[] | undefined) ?? []
      ).entries())
        checkPort(port ?? {}, ['spec', dir, ri, 'ports', qi], at);
    });
  }
  if (problems.length) return { ok: false, problems };
  const policy = {
    ...obj,
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { ...meta, namespace: (meta.namespace as string | undefined) ?? defaultNamespace },
    spec: { podSelector: {}, ...spec },
  } as unknown as NetworkPolicy;
  return { ok: true, policy };
}

function checkPeer(
  peer: Record<string, unknown>,
  path: Path,
  at: (p: Path, m: string) => void,
): void {
  const keys = Object.keys(peer);
  const where = path.join('.').replace(/\.(\d+)/g, '[$1]');
  if (keys.length === 0)
    return at(
      path,
      `${where}: a peer must set podSelector, namespaceSelector or ipBlock ("must specify a peer")`,
    );
  if (
    peer.ipBlock !== undefined &&
    (peer.podSelector !== undefined || peer.namespaceSelector !== undefined)
  )
    return at(
      path,
      `${where}: ipBlock cannot be combined with a selector in one peer — make them two peers`,
    );
  const block = peer.ipBlock as { cidr?: unknown; except?: unknown[] } | undefined;
  if (block) {
    const c = typeof block.cidr === 'string' ? parseCidr(block.cidr) : undefined;
    if (!c?.ok)
      return at(
        [...path, 'ipBlock', 'cidr'],
        `${where}.ipBlock.cidr: ${c && !c.ok ? c.error : 'required, e.g. 203.0.113.0/24'}`,
      );
    for (const [i, ex] of (block.except ?? []).entries()) {
      const e = typeof ex === 'string' ? parseCidr(ex) : undefined;
      if (!e?.ok) at([...path, 'ipBlock', 'except', i], `except[${i}] is not a CIDR`);
      else if (!(cidrContainsCidr(c.value, e.value) && e.value.prefix > c.value.prefix))
        at(
          [...path, 'ipBlock', 'except', i],
          `except[${i}] ${String(ex)} must be a strict subset of ${block.cidr as string}`,
        );
    }
  }
}

function checkPort(
  port: Record<string, unknown>,
  path: Path,
  at: (p: Path, m: string) => void,
): void {
  if (port.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(String(port.protocol)))
    at([...path, 'protocol'], 'protocol must be TCP, UDP or SCTP');
  const p = port.port;
  if (typeof p === 'number' && (p < 1 || p > 65535 || !Number.isInteger(p)))
    at([...path, 'port'], 'port must be 1–65535');
  if (typeof p === 'string' && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(p))
    at([...path, 'port'], 'a named port must be a valid port name (e.g. http)');
  if (port.endPort !== undefined) {
    if (typeof p !== 'number') at([...path, 'endPort'], 'endPort needs a numeric port');
    else if (typeof port.endPort !== 'number' || port.endPort < p || port.endPort > 65535)
      at([...path, 'endPort'], `endPort must be between port (${p}) and 65535`);
  }
}

export function policyToYaml(p: NetworkPolicy): string {
  const doc = new Document(p);
  return stringify(doc.toJS(), { lineWidth: 0 });
}
