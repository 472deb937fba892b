/** A trace as readable text for the terminal. */
import type { Hop, Packet, Trace } from '@/sim';

const ep = (ip: string, port?: number): string =>
  port === undefined ? ip : ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;

function headers(p: Packet): string {
  const inner = `${ep(p.srcIP, p.srcPort)} → ${ep(p.dstIP, p.dstPort)} ${p.protocol}${p.ttl !== undefined ? ` ttl=${p.ttl}` : ''}`;
  return p.outer
    ? `[outer ${ep(p.outer.srcIP, p.outer.srcPort)} → ${ep(p.outer.dstIP, p.outer.dstPort)} UDP vni=${p.vni ?? 1}] ${inner}`
    : inner;
}

export function formatTrace(t: Trace): string {
  const lines: string[] = [];
  if (t.summary)
    lines.push(
      `${t.summary.from} → ${t.summary.to} · ${t.summary.protocol}${t.summary.port !== undefined ? ` ${t.summary.port}` : ''}`,
      '',
    );
  let dir: Hop['direction'] | 'dns' | undefined;
  t.hops.forEach((h, i) => {
    const d = h.phase === 'dns' ? 'dns' : h.direction;
    if (d !== dir) {
      lines.push(d === 'dns' ? '── DNS lookup' : d === 'request' ? '── request' : '── reply');
      dir = d;
    }
    lines.push(
      `${String(i + 1).padStart(3)}  ${h.kind.padEnd(9)} ${(h.node ?? '').padEnd(10)} ${h.title ?? ''}`,
    );
    lines.push(`     ${headers(h.packet)}`);
    if (h.rule) lines.push(`     ${h.rule.source}: ${h.rule.text}`);
    // Every rule the packet traversed at this hop, in order (iptables-save line numbers).
    if (h.rules && h.rules.length > 1)
      for (const r of h.rules) lines.push(`       ${String(r.line).padStart(5)}  ${r.text}`);
    lines.push(`     ${h.explain}`);
  });
  lines.push('');
  if (t.candidates.length)
    lines.push(
      `candidates: ${t.candidates.map((c, i) => `${c}${t.probabilities?.[i] !== undefined ? ` (p=${(t.probabilities[i] ?? 0).toFixed(3)})` : ''}`).join(', ')}${t.chosen ? ` · followed ${t.chosen}` : ''}`,
    );
  if (t.masqueraded) lines.push('masqueraded: yes');
  lines.push(`verdict: ${t.verdict} — ${t.reason}`);
  return lines.join('\n');
}
