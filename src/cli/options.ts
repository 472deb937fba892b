/** Option values shared by the commands: ports and protocols, checked as usage errors. */
import type { TraceProtocol } from '@/sim';

import { flag, has, UsageError, type Args } from './args';

const PROTOCOLS: readonly TraceProtocol[] = ['TCP', 'UDP', 'SCTP', 'ICMP'];

/** A protocol name (any case), or undefined when absent; `where` names the flag or field. */
export function protocolOf(v: unknown, where: string): TraceProtocol | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const p = String(v).toUpperCase();
  if (!PROTOCOLS.includes(p as TraceProtocol))
    throw new UsageError(`${where}: protocol must be TCP, UDP, SCTP or ICMP (got "${String(v)}")`);
  return p as TraceProtocol;
}

/** A port 1–65535, or undefined when absent; `where` names the flag or field. */
export function portOf(v: unknown, where: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  // Decimal digits only: Number() would also take "0x50", "8e1" or " ".
  const n = typeof v === 'number' ? v : /^\s*\d+\s*$/.test(String(v)) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new UsageError(`${where}: port must be 1–65535 (got "${String(v)}")`);
  return n;
}

/** The value of `--name`; a flag given without a value is a usage error naming `expects`. */
function valueFlag(args: Args, name: string, expects: string): string | undefined {
  const v = flag(args, name);
  if (v === undefined && has(args, name))
    throw new UsageError(`--${name} needs a value: ${expects}`);
  return v;
}

/** `--port N`, checked. */
export const portFlag = (args: Args): number | undefined =>
  portOf(valueFlag(args, 'port', 'a port 1–65535'), '--port');

/** `--protocol P`, checked. */
export const protocolFlag = (args: Args): TraceProtocol | undefined =>
  protocolOf(valueFlag(args, 'protocol', 'TCP, UDP, SCTP or ICMP'), '--protocol');
