/** Ethernet MAC addresses, derived deterministically where Linux would pick random ones. */
import { hash32 } from '../util/hash';

/**
 * A locally administered unicast MAC derived from `seed` — what the kernel does for a veth or a
 * bridge created without an explicit address (random, with the "local" bit set and the
 * "multicast" bit clear), but stable so a scenario always shows the same values.
 */
export function derivedMac(seed: string): string {
  const a = hash32(seed);
  const b = hash32(seed, a ^ 0x9e3779b9);
  const bytes = [
    ((a >>> 24) & 0xfe) | 0x02,
    (a >>> 16) & 0xff,
    (a >>> 8) & 0xff,
    a & 0xff,
    (b >>> 8) & 0xff,
    b & 0xff,
  ];
  return bytes.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

const MAC_RE = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/** Six colon-separated hex bytes, either case ("02:42:ac:11:00:02"). */
export function isMac(text: string): boolean {
  return MAC_RE.test(text.toLowerCase());
}
