/**
 * One rule's arguments (everything after `-A CHAIN`) → header, matches and target, the way
 * iptables(8) reads them: `!` negates the option that follows, `-m NAME` loads a match whose
 * options may come later, `-p tcp --dport N` loads the protocol match implicitly, options after
 * `-j TARGET` go to the target first. Anything unknown is an error.
 */
import { err, ok, type Result } from '../util/result';

import {
  finishModule,
  isKnownModule,
  optionSpec,
  PORT_MODULES,
  type ModuleDraft,
} from './parseMatch';
import { checkTargetName, finishTarget, targetOption, type TargetDraft } from './parseTarget';
import { parseAddrMatch, parseProto } from './parseValues';
import type { AddrMatch, Header, IfaceMatch, Match, Target } from './ruleset';

/** A rule's parsed body. */
export interface RuleParts {
  readonly header: Header;
  readonly matches: readonly Match[];
  readonly target?: Target;
  readonly probability?: number;
}

interface Draft {
  src?: AddrMatch;
  dst?: AddrMatch;
  proto?: { num: number; neg: boolean };
  inIface?: IfaceMatch;
  outIface?: IfaceMatch;
  modules: ModuleDraft[];
  target?: TargetDraft;
}

const HEADER_OPTS = new Set([
  '-s',
  '--source',
  '--src',
  '-d',
  '--destination',
  '--dst',
  '-p',
  '--protocol',
  '-i',
  '--in-interface',
  '-o',
  '--out-interface',
]);

/** Parses a rule's arguments (after `-A CHAIN`); unknown options are errors. */
export function parseRuleArgs(args: readonly string[]): Result<RuleParts> {
  const d: Draft = { modules: [] };
  let neg = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '!') {
      if (neg) return err('double "!"');
      neg = true;
      continue;
    }
    const next = (): Result<string> => {
      const v = args[i + 1];
      if (v === undefined || v === '!') return err(`${a} needs a value`);
      i++;
      return ok(v);
    };
    let r: Result<void>;
    if (HEADER_OPTS.has(a)) {
      const v = next();
      r = v.ok ? header(d, a, v.value, neg) : v;
    } else if (a === '-m' || a === '--match') {
      const v = next();
      if (!v.ok) return v;
      if (!isKnownModule(v.value)) return err(`unknown match "-m ${v.value}"`);
      d.modules.push({ name: v.value, implicit: false, opts: new Map() });
      r = neg ? err('"!" cannot precede -m') : ok(undefined);
    } else if (a === '-j' || a === '--jump') {
      const v = next();
      if (!v.ok) return v;
      if (d.target) return err('more than one -j');
      const c = checkTargetName(v.value);
      if (!c.ok) return c;
      d.target = { name: v.value, opts: new Map() };
      r = neg ? err('"!" cannot precede -j') : ok(undefined);
    } else if (a === '-g' || a === '--goto') {
      return err('-g/--goto is not supported by the simulator');
    } else if (a.startsWith('-')) {
      r = option(d, a, neg, next);
    } else {
      return err(`unexpected argument "${a}"`);
    }
    if (!r.ok) return r;
    neg = false;
  }
  if (neg) return err('"!" at the end of the rule');
  return finish(d);
}

function header(d: Draft, opt: string, value: string, neg: boolean): Result<void> {
  switch (opt) {
    case '-s':
    case '--source':
    case '--src':
    case '-d':
    case '--destination':
    case '--dst': {
      const m = parseAddrMatch(value, neg);
      if (!m.ok) return err(`${opt}: ${m.error}`);
      if (opt.startsWith('-s') || opt === '--source' || opt === '--src') d.src = m.value;
      else d.dst = m.value;
      return ok(undefined);
    }
    case '-p':
    case '--protocol': {
      const p = parseProto(value);
      if (!p.ok) return p;
      d.proto = { num: p.value, neg };
      return ok(undefined);
    }
    default: {
      if (value === '' || /\s/.test(value)) return err(`invalid interface "${value}"`);
      const prefix = value.endsWith('+');
      const m: IfaceMatch = { name: prefix ? value.slice(0, -1) : value, prefix, neg };
      if (opt === '-i' || opt === '--in-interface') d.inIface = m;
      else d.outIface = m;
      return ok(undefined);
    }
  }
}

/** An option of the target or of a loaded match (the most recently loaded that knows it). */
function option(d: Draft, opt: string, neg: boolean, next: () => Result<string>): Result<void> {
  if (d.target) {
    const t = targetOption(d.target.name, opt);
    if (t) {
      if (neg) return err(`"!" cannot precede ${opt}`);
      if (t.flag) d.target.opts.set(opt, true);
      else {
        const v = next();
        if (!v.ok) return v;
        d.target.opts.set(opt, v.value);
      }
      return ok(undefined);
    }
  }
  let mod: ModuleDraft | undefined;
  for (let k = d.modules.length - 1; k >= 0 && !mod; k--) {
    const m = d.modules[k];
    if (m && optionSpec(m.name, opt)) mod = m;
  }
  if (!mod) mod = implicitProtocolModule(d, opt);
  if (!mod)
    return err(
      `unknown option "${opt}"${d.target ? ` (for -j ${d.target.name} or any loaded match)` : ''}`,
    );
  const spec = optionSpec(mod.name, opt);
  if (!spec) return err(`unknown option "${opt}"`);
  if (neg && !spec.neg) return err(`"!" cannot precede ${opt}`);
  let value: string | undefined;
  if (spec.value) {
    const v = next();
    if (!v.ok) return v;
    value = v.value;
    for (let i = 1; i < (spec.values ?? 1); i++) {
      const more = next();
      if (!more.ok) return more;
      value += ` ${more.value}`;
    }
  }
  mod.opts.set(opt, { ...(value !== undefined ? { value } : {}), neg });
  return ok(undefined);
}

/** `-p tcp --dport 80` without `-m tcp`: iptables loads the protocol's match implicitly. */
function implicitProtocolModule(d: Draft, opt: string): ModuleDraft | undefined {
  const name = Object.keys(PORT_MODULES).find((k) => PORT_MODULES[k] === d.proto?.num);
  if (!name || d.proto?.neg || !optionSpec(name, opt)) return undefined;
  const m: ModuleDraft = { name, implicit: true, opts: new Map() };
  d.modules.push(m);
  return m;
}

function finish(d: Draft): Result<RuleParts> {
  const proto = d.proto && !d.proto.neg ? d.proto.num : undefined;
  const matches: Match[] = [];
  let probability: number | undefined;
  for (const m of d.modules) {
    const r = finishModule(m, proto);
    if (!r.ok) return r;
    if (r.value.kind === 'statistic') probability = r.value.probability;
    matches.push(r.value);
  }
  let target: Target | undefined;
  if (d.target) {
    const t = finishTarget(d.target);
    if (!t.ok) return t;
    target = t.value;
  }
  const h: Header = {
    ...(d.src ? { src: d.src } : {}),
    ...(d.dst ? { dst: d.dst } : {}),
    ...(d.proto ? { proto: d.proto } : {}),
    ...(d.inIface ? { inIface: d.inIface } : {}),
    ...(d.outIface ? { outIface: d.outIface } : {}),
  };
  return ok({
    header: h,
    matches,
    ...(target ? { target } : {}),
    ...(probability !== undefined ? { probability } : {}),
  });
}
