/**
 * `-m NAME --option value` matches: the modules kube-proxy, kubelet and flannel use, with the
 * options iptables(8) / iptables-extensions(8) define for them. An option no loaded module
 * understands is an error, never silently ignored.
 */
import { err, ok, type Result } from '../util/result';

import { parseMarkMask, parsePortRange, parseU32 } from './parseValues';
import type { Match, PortRange, TypeMatch } from './ruleset';

/** A `-m` module being filled in by its options. */
export interface ModuleDraft {
  readonly name: string;
  /** Implicit `-p tcp --dport` module: its protocol comes from `-p`. */
  readonly implicit: boolean;
  readonly opts: Map<string, { value?: string; neg: boolean }>;
}

/** Matches that take --sport/--dport, with their IP protocol. */
export const PORT_MODULES: Readonly<Record<string, number>> = { tcp: 6, udp: 17, sctp: 132 };

/** Each module's options: whether it takes a value, and whether `!` may precede it. */
const OPTIONS: Readonly<
  Record<string, Readonly<Record<string, { value: boolean; neg: boolean; values?: number }>>>
> = {
  tcp: portOpts(),
  udp: portOpts(),
  sctp: portOpts(),
  addrtype: {
    '--src-type': { value: true, neg: true },
    '--dst-type': { value: true, neg: true },
    '--limit-iface-in': { value: false, neg: false },
    '--limit-iface-out': { value: false, neg: false },
  },
  comment: { '--comment': { value: true, neg: false } },
  statistic: { '--mode': { value: true, neg: false }, '--probability': { value: true, neg: true } },
  recent: {
    '--name': { value: true, neg: false },
    '--set': { value: false, neg: true },
    '--rcheck': { value: false, neg: true },
    '--update': { value: false, neg: true },
    '--remove': { value: false, neg: true },
    '--seconds': { value: true, neg: false },
    '--reap': { value: false, neg: false },
    '--rsource': { value: false, neg: false },
    '--rdest': { value: false, neg: false },
  },
  mark: { '--mark': { value: true, neg: true } },
  conntrack: { '--ctstate': { value: true, neg: true } },
  state: { '--state': { value: true, neg: true } },
  nfacct: { '--nfacct-name': { value: true, neg: false } },
  // `--match-set NAME FLAGS` takes two values (iptables-extensions(8) "set").
  set: { '--match-set': { value: true, neg: true, values: 2 } },
};

function portOpts(): Record<string, { value: boolean; neg: boolean }> {
  const o = { value: true, neg: true };
  return { '--dport': o, '--destination-port': o, '--sport': o, '--source-port': o };
}

/** Whether `-m name` is a match the simulator understands. */
export const isKnownModule = (name: string): boolean => name in OPTIONS;

/** The spec of `option` in module `name`, if that module defines it. */
export function optionSpec(
  name: string,
  option: string,
): { value: boolean; neg: boolean; values?: number } | undefined {
  return OPTIONS[name]?.[option];
}

const ADDR_TYPES = new Set([
  'UNSPEC',
  'UNICAST',
  'LOCAL',
  'BROADCAST',
  'ANYCAST',
  'MULTICAST',
  'BLACKHOLE',
  'UNREACHABLE',
  'PROHIBIT',
  'THROW',
  'NAT',
  'XRESOLVE',
]);
const CT_STATES = new Set([
  'NEW',
  'ESTABLISHED',
  'RELATED',
  'INVALID',
  'UNTRACKED',
  'SNAT',
  'DNAT',
]);

/** Turns a filled-in module into a Match (validating required options and values). */
export function finishModule(d: ModuleDraft, proto: number | undefined): Result<Match> {
  const opt = (k: string) => d.opts.get(k);
  switch (d.name) {
    case 'tcp':
    case 'udp':
    case 'sctp': {
      const want = PORT_MODULES[d.name] ?? 0;
      // xt_tcpudp checkentry: the match is only valid with `-p <same protocol>`.
      if (proto !== want) return err(`-m ${d.name} needs -p ${d.name}`);
      const sport = portOf(opt('--sport') ?? opt('--source-port'));
      const dport = portOf(opt('--dport') ?? opt('--destination-port'));
      if (!sport.ok) return sport;
      if (!dport.ok) return dport;
      return ok({
        kind: 'ports',
        proto: want,
        ...(sport.value ? { sport: sport.value } : {}),
        ...(dport.value ? { dport: dport.value } : {}),
      });
    }
    case 'addrtype': {
      const src = typesOf(opt('--src-type'));
      const dst = typesOf(opt('--dst-type'));
      if (!src.ok) return src;
      if (!dst.ok) return dst;
      if (!src.value && !dst.value) return err('-m addrtype needs --src-type or --dst-type');
      return ok({
        kind: 'addrtype',
        ...(src.value ? { src: src.value } : {}),
        ...(dst.value ? { dst: dst.value } : {}),
      });
    }
    case 'comment':
      return ok({ kind: 'comment', text: opt('--comment')?.value ?? '' });
    case 'statistic': {
      const mode = opt('--mode')?.value;
      if (mode !== 'random')
        return err(`-m statistic --mode ${mode ?? '(missing)'} is not supported (only random)`);
      const p = opt('--probability');
      const n = Number(p?.value);
      if (!p || p.value === undefined || !/^[\d.]+$/.test(p.value) || !(n >= 0 && n <= 1))
        return err('-m statistic --mode random needs --probability between 0 and 1');
      return ok({ kind: 'statistic', probability: p.neg ? 1 - n : n });
    }
    case 'recent':
      return finishRecent(d);
    case 'mark': {
      const m = opt('--mark');
      if (!m?.value) return err('-m mark needs --mark');
      const v = parseMarkMask(m.value);
      if (!v.ok) return v;
      return ok({ kind: 'mark', value: v.value.value, mask: v.value.mask, neg: m.neg });
    }
    case 'conntrack':
    case 'state': {
      const s = opt(d.name === 'state' ? '--state' : '--ctstate');
      if (!s?.value) return err(`-m ${d.name} needs --${d.name === 'state' ? 'state' : 'ctstate'}`);
      const states = s.value.split(',');
      const bad = states.find((x) => !CT_STATES.has(x));
      if (bad !== undefined) return err(`unknown conntrack state "${bad}"`);
      return ok({ kind: 'conntrack', states, neg: s.neg });
    }
    case 'set': {
      const m = opt('--match-set');
      const [name, flags] = (m?.value ?? '').split(' ');
      const dirs = (flags ?? '').split(',');
      if (!name || !flags || dirs.some((x) => x !== 'src' && x !== 'dst'))
        return err('-m set needs --match-set NAME src|dst');
      return ok({ kind: 'set', name, dirs: dirs as ('src' | 'dst')[], neg: m?.neg ?? false });
    }
    case 'nfacct': {
      const n = opt('--nfacct-name')?.value;
      if (!n) return err('-m nfacct needs --nfacct-name');
      return ok({ kind: 'nfacct', name: n });
    }
    default:
      return err(`unknown match "-m ${d.name}"`);
  }
}

function finishRecent(d: ModuleDraft): Result<Match> {
  const modes = (['set', 'rcheck', 'update', 'remove'] as const).filter((m) =>
    d.opts.has(`--${m}`),
  );
  const mode = modes[0];
  if (modes.length !== 1 || mode === undefined)
    return err('-m recent needs exactly one of --set, --rcheck, --update, --remove');
  const secText = d.opts.get('--seconds')?.value;
  let seconds: number | undefined;
  if (secText !== undefined) {
    const s = parseU32(secText);
    if (!s.ok) return s;
    seconds = s.value;
  }
  return ok({
    kind: 'recent',
    name: d.opts.get('--name')?.value ?? 'DEFAULT',
    mode,
    ...(seconds !== undefined ? { seconds } : {}),
    reap: d.opts.has('--reap'),
  });
}

function portOf(o: { value?: string; neg: boolean } | undefined): Result<PortRange | undefined> {
  if (!o?.value) return ok(undefined);
  return parsePortRange(o.value, o.neg);
}

function typesOf(o: { value?: string; neg: boolean } | undefined): Result<TypeMatch | undefined> {
  if (!o?.value) return ok(undefined);
  const types = o.value.split(',').map((t) => t.toUpperCase());
  const bad = types.find((t) => !ADDR_TYPES.has(t));
  if (bad !== undefined) return err(`unknown address type "${bad}"`);
  return ok({ types, neg: o.neg });
}
