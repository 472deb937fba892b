/**
 * What the API server's validation rejects in a NetworkPolicy spec (VAL: kubernetes/kubernetes
 * pkg/apis/networking/validation/validation.go — ValidateNetworkPolicyPeer, …Port, ValidateIPBlock,
 * and metav1 ValidateLabelSelector). Shared by `validate` (diagnostics) and the YAML editor (marks
 * on lines), so both say the same thing. Defensive: any shape is accepted, nothing throws.
 */
import { cidrContainsCidr, parseCidr } from '../addr/cidr';
import type { NetworkPolicy } from '../model/k8s';

/** A path into the policy object, e.g. ['spec', 'ingress', 0, 'from', 1]. */
export type FieldPath = readonly (string | number)[];

/** One thing the API server would reject, at `path` (from the policy's root). */
export interface PolicyProblem {
  readonly path: FieldPath;
  /** What is wrong and how to fix it; does not repeat the path. */
  readonly message: string;
  /** `cidr`: a CIDR that does not parse (validate reports those as cidr-invalid); else `rule`. */
  readonly kind: 'cidr' | 'rule';
}

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

type Obj = Readonly<Record<string, unknown>>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const isPortNum = (n: unknown): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;

/** "spec.ingress[0].from[1]" */
export function formatFieldPath(path: FieldPath): string {
  return path.reduce<string>(
    (s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k),
    '',
  );
}

/**
 * IANA service name, as VAL `IsValidPortName`: 1–15 of [a-z0-9-], at least one letter, no
 * leading, trailing or doubled "-".
 */
export function isValidPortName(s: string): boolean {
  return (
    s.length >= 1 &&
    s.length <= 15 &&
    /^[a-z0-9-]+$/.test(s) &&
    /[a-z]/.test(s) &&
    !s.startsWith('-') &&
    !s.endsWith('-') &&
    !s.includes('--')
  );
}

type Report = (path: FieldPath, message: string, kind?: PolicyProblem['kind']) => void;

function checkSelector(sel: unknown, path: FieldPath, report: Report): void {
  if (!isObj(sel)) return;
  list(sel.matchExpressions).forEach((req, i) => {
    if (!isObj(req)) return;
    const at = [...path, 'matchExpressions', i];
    const n = list(req.values).length;
    if ((req.operator === 'In' || req.operator === 'NotIn') && n === 0)
      report([...at, 'values'], `operator ${req.operator} needs at least one value`);
    if ((req.operator === 'Exists' || req.operator === 'DoesNotExist') && n > 0)
      report([...at, 'values'], `operator ${req.operator} takes no values: remove values`);
  });
}

function checkIpBlock(block: unknown, path: FieldPath, report: Report): void {
  const at = [...path, 'ipBlock'];
  if (!isObj(block)) return report(at, 'ipBlock must be a map with cidr (and optionally except)');
  const c = typeof block.cidr === 'string' ? parseCidr(block.cidr.trim()) : undefined;
  if (!c?.ok)
    return report(
      [...at, 'cidr'],
      c ? `${c.error}; use a block like 203.0.113.0/24` : 'cidr is required, e.g. 203.0.113.0/24',
      'cidr',
    );
  list(block.except).forEach((ex, i) => {
    const e = typeof ex === 'string' ? parseCidr(ex.trim()) : undefined;
    if (!e?.ok)
      return report([...at, 'except', i], `except entry ${String(ex)} is not a CIDR`, 'cidr');
    if (!(cidrContainsCidr(c.value, e.value) && e.value.prefix > c.value.prefix))
      report(
        [...at, 'except', i],
        `${String(ex)} is not a strict subset of cidr ${String(block.cidr)}: an except block ` +
          'must lie inside cidr and be smaller — narrow it or remove it',
      );
  });
}

function checkPeer(peer: unknown, path: FieldPath, report: Report): void {
  if (!isObj(peer))
    return report(path, 'a peer must be a map with podSelector, namespaceSelector or ipBlock');
  const has = (k: string): boolean => peer[k] !== undefined && peer[k] !== null;
  const selectors = has('podSelector') || has('namespaceSelector');
  if (!selectors && !has('ipBlock'))
    return report(
      path,
      'an empty peer is rejected ("must specify a peer"): set podSelector, namespaceSelector ' +
        'or ipBlock — or remove the peer list to allow every peer',
    );
  if (selectors && has('ipBlock'))
    return report(
      path,
      'ipBlock cannot be combined with podSelector or namespaceSelector in one peer: make them ' +
        'two peers (two "- " entries)',
    );
  if (has('ipBlock')) return checkIpBlock(peer.ipBlock, path, report);
  checkSelector(peer.podSelector, [...path, 'podSelector'], report);
  checkSelector(peer.namespaceSelector, [...path, 'namespaceSelector'], report);
}

function checkPort(port: unknown, path: FieldPath, report: Report): void {
  if (!isObj(port))
    return report(path, 'a ports entry must be a map, e.g. {protocol: TCP, port: 80}');
  const { protocol, port: p, endPort } = port;
  if (protocol !== undefined && !PROTOCOLS.includes(String(protocol)))
    report(
      [...path, 'protocol'],
      `protocol ${String(protocol)} is not supported: use TCP, UDP or SCTP`,
    );
  if (typeof p === 'number' && !isPortNum(p))
    report([...path, 'port'], `port ${p} is not a port number: use 1–65535`);
  else if (typeof p === 'string' && !isValidPortName(p))
    report(
      [...path, 'port'],
      `"${p}" is not a valid port name (lowercase letters, digits and "-", at most 15, with a ` +
        'letter, e.g. http); write a port number without quotes',
    );
  else if (p !== undefined && typeof p !== 'number' && typeof p !== 'string')
    report([...path, 'port'], 'port must be a number (1–65535) or a port name such as http');
  if (endPort === undefined) return;
  const at = [...path, 'endPort'];
  if (p === undefined) report(at, 'endPort needs port: set port to the first port of the range');
  else if (typeof p === 'string')
    report(at, `endPort cannot be used with the named port "${p}": give port as a number`);
  else if (!isPortNum(endPort))
    report(at, `endPort ${String(endPort)} is not a port number: use 1–65535`);
  else if (typeof p === 'number' && endPort < p)
    report(at, `endPort ${endPort} is less than port ${p}: set endPort to ${p} or more`);
}

/**
 * Every problem the API server would reject in `policy.spec`, in document order: the pod
 * selector, then each ingress and egress rule's peers and ports.
 * @example checkPolicySpec(p) // [{ path: ['spec','ingress',0,'from',0], message: 'an empty peer…' }]
 */
export function checkPolicySpec(policy: NetworkPolicy): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  const report: Report = (path, message, kind = 'rule') => void out.push({ path, message, kind });
  const spec: unknown = (policy as { spec?: unknown }).spec;
  if (!isObj(spec)) return out;
  checkSelector(spec.podSelector, ['spec', 'podSelector'], report);
  list(spec.policyTypes).forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress')
      report(
        ['spec', 'policyTypes', i],
        `${String(t)} is not a policy type: use Ingress or Egress`,
      );
  });
  for (const [dir, peersKey] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const)
    list(spec[dir]).forEach((rule, r) => {
      if (!isObj(rule)) return;
      const at = ['spec', dir, r];
      list(rule[peersKey]).forEach((peer, i) => checkPeer(peer, [...at, peersKey, i], report));
      list(rule.ports).forEach((port, i) => checkPort(port, [...at, 'ports', i], report));
    });
  return out;
}
