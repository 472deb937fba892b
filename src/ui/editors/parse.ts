/** Parsing the small text formats of the editing forms (labels, ports), with messages. */
import type { ContainerPort, Protocol } from '@/sim';

const NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 label, as Kubernetes requires for names of pods, Services and namespaces. */
export function nameError(v: string, what: string): string | undefined {
  if (v.trim() === '') return `${what} is required`;
  if (v.length > 63) return `${what} must be at most 63 characters`;
  if (!NAME_RE.test(v))
    return `${what} must be lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. "web-1")`;
  return undefined;
}

/** "app=web, tier=front" → labels. */
export function parseLabels(text: string): { labels: Record<string, string>; error?: string } {
  const labels: Record<string, string> = {};
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z0-9][-A-Za-z0-9_./]*)=([-A-Za-z0-9_.]*)$/.exec(part);
    if (!m) return { labels, error: `"${part}" is not key=value (e.g. app=web)` };
    labels[m[1] as string] = m[2] as string;
  }
  return { labels };
}

/** "8080/TCP http, 53/UDP dns" → container ports. */
export function parsePorts(text: string): { ports: ContainerPort[]; error?: string } {
  const ports: ContainerPort[] = [];
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,5})(?:\/(tcp|udp|sctp))?(?:\s+([a-z0-9-]{1,15}))?$/i.exec(part);
    const n = m ? Number(m[1]) : NaN;
    if (!m || n < 1 || n > 65535)
      return { ports, error: `"${part}" is not a port: write 8080, 53/UDP or "8080/TCP http"` };
    const protocol = (m[2]?.toUpperCase() ?? 'TCP') as Protocol;
    ports.push({
      containerPort: n,
      ...(protocol !== 'TCP' ? { protocol } : {}),
      ...(m[3] ? { name: m[3].toLowerCase() } : {}),
    });
  }
  return { ports };
}
