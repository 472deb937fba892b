import { describe, expect, it } from 'vitest';

import { outerText, packetFields } from './packetDiff';

const inner = { srcIP: '10.244.1.2', dstIP: '10.244.2.3', protocol: 'TCP' as const, ttl: 63 };

describe('the outer header line', () => {
  it('IP-in-IP: node → node, protocol 4, no ports, the copied TTL', () => {
    const p = {
      ...inner,
      outer: { srcIP: '192.168.1.11', dstIP: '192.168.1.12', protocol: 'IPIP' as const, ttl: 63 },
    };
    expect(outerText(p)).toBe('192.168.1.11 → 192.168.1.12 IP-in-IP (protocol 4) · TTL 63');
    const f = packetFields(inner, p).find((x) => x.field === 'outer');
    expect(f).toMatchObject({ before: undefined, changed: true });
  });

  it('VXLAN: UDP ports and the VNI', () => {
    const p = {
      ...inner,
      vni: 4096,
      outer: {
        srcIP: '192.168.1.11',
        dstIP: '192.168.1.12',
        protocol: 'UDP' as const,
        srcPort: 51234,
        dstPort: 4789,
      },
    };
    expect(outerText(p)).toBe('192.168.1.11:51234 → 192.168.1.12:4789 UDP · VNI 4096');
    expect(outerText(inner)).toBeUndefined();
  });
});
