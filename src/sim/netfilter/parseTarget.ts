/** `-j TARGET [options]`: the standard verdicts, user chains and the MARK / NAT / REJECT targets. */
import { err, ok, type Result } from '../util/result';

import { parseMarkMask, parseNatAddr, parseU32 } from './parseValues';
import type { Target } from './ruleset';

/** Options each target accepts (all take a value unless listed in FLAGS). */
const TARGET_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  REJECT: ['--reject-with'],
  MARK: ['--set-xmark', '--set-mark', '--or-mark', '--xor-mark', '--and-mark'],
  DNAT: ['--to-destination', '--random', '--persistent'],
  SNAT: ['--to-source', '--random', '--random-fully', '--persistent'],
  MASQUERADE: ['--to-ports', '--random', '--random-fully'],
};
const FLAGS = new Set(['--random', '--random-fully', '--persistent']);
const STANDARD = new Set([
  'ACCEPT',
  'DROP',
  'RETURN',
  'REJECT',
  'MARK',
  'DNAT',
  'SNAT',
  'MASQUERADE',
]);

/** Unsupported targets that exist in iptables (a clear message instead of "no such chain"). */
const UNSUPPORTED = new Set([
  'LOG',
  'TRACE',
  'CT',
  'NOTRACK',
  'REDIRECT',
  'TPROXY',
  'CONNMARK',
  'NFLOG',
  'QUEUE',
  'NFQUEUE',
  'TCPMSS',
  'CHECKSUM',
]);

/** A `-j` target being filled in by its options. */
export interface TargetDraft {
  readonly name: string;
  readonly opts: Map<string, string | true>;
}

/** Whether `option` belongs to target `name`, and whether it is a flag (no value). */
export function targetOption(name: string, option: string): { flag: boolean } | undefined {
  if (!(TARGET_OPTIONS[name] ?? []).includes(option)) return undefined;
  return { flag: FLAGS.has(option) };
}

/** Refuses targets the simulator does not implement (LOG, CT, REDIRECT …). */
export function checkTargetName(name: string): Result<void> {
  if (UNSUPPORTED.has(name)) return err(`target ${name} is not supported by the simulator`);
  if (name === '') return err('-j needs a target');
  return ok(undefined);
}

/** Turns a filled-in target into a Target (validating its options). */
export function finishTarget(d: TargetDraft): Result<Target> {
  const val = (k: string): string | undefined => {
    const v = d.opts.get(k);
    return typeof v === 'string' ? v : undefined;
  };
  switch (d.name) {
    case 'ACCEPT':
    case 'DROP':
    case 'RETURN':
      return ok({ kind: d.name });
    case 'REJECT': {
      const w = val('--reject-with');
      return ok({ kind: 'REJECT', ...(w !== undefined ? { with: w } : {}) });
    }
    case 'MARK':
      return finishMark(d, val);
    case 'DNAT':
    case 'SNAT': {
      const key = d.name === 'DNAT' ? '--to-destination' : '--to-source';
      const t = val(key);
      if (t === undefined) return err(`${d.name} needs ${key}`);
      const a = parseNatAddr(t);
      if (!a.ok) return a;
      return ok({ kind: d.name, to: a.value });
    }
    case 'MASQUERADE': {
      const p = val('--to-ports');
      let toPort: number | undefined;
      if (p !== undefined) {
        const n = parseU32(p.split('-')[0] ?? '');
        if (!n.ok || n.value > 65535) return err(`invalid --to-ports "${p}"`);
        toPort = n.value;
      }
      return ok({
        kind: 'MASQUERADE',
        randomFully: d.opts.has('--random-fully'),
        ...(toPort !== undefined ? { toPort } : {}),
      });
    }
    default:
      if (STANDARD.has(d.name)) return err(`target ${d.name} is not handled`);
      return ok({ kind: 'jump', chain: d.name });
  }
}

function finishMark(d: TargetDraft, val: (k: string) => string | undefined): Result<Target> {
  const ops = [
    ['--set-xmark', 'xset'],
    ['--set-mark', 'set'],
    ['--or-mark', 'or'],
    ['--xor-mark', 'xor'],
    ['--and-mark', 'and'],
  ] as const;
  const given = ops.filter(([k]) => d.opts.has(k));
  const first = given[0];
  if (given.length !== 1 || !first)
    return err(
      'MARK needs exactly one of --set-xmark, --set-mark, --or-mark, --xor-mark, --and-mark',
    );
  const [key, op] = first;
  const text = val(key) ?? '';
  if (op === 'xset' || op === 'set') {
    const v = parseMarkMask(text);
    if (!v.ok) return v;
    return ok({ kind: 'MARK', op, value: v.value.value, mask: v.value.mask });
  }
  const v = parseU32(text);
  if (!v.ok) return v;
  return ok({ kind: 'MARK', op, value: v.value, mask: 0xffffffff });
}
