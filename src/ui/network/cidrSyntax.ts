/** Syntax check of a CIDR or a dual-stack pair; semantic problems come from validation. */
import { parseCidr, splitDualStack } from '@/sim';

export function cidrSyntax(draft: string, what: string, example: string): string | undefined {
  const parts = splitDualStack(draft);
  if (parts.length === 0) return `${what} is required, e.g. ${example}`;
  if (parts.length > 2) return `${what}: at most two blocks (one IPv4, one IPv6), comma-separated`;
  for (const p of parts) {
    const r = parseCidr(p);
    if (!r.ok) return `${what}: ${r.error}`;
  }
  return undefined;
}
