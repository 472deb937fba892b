/**
 * Small deterministic hashes for derived names (veth names, MACs, ephemeral ports, pod-name
 * suffixes). Not cryptographic; kube-proxy's chain names use SHA-256 (see kubeproxy/chainNames.ts).
 */

/** FNV-1a, 32 bit, over the UTF-16 code units of `s`. */
export function fnv1a32(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: spreads small input differences over all output bits. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A well-mixed 32-bit hash of `s`. */
export function hash32(s: string, seed?: number): number {
  return mix32(fnv1a32(s, seed));
}

/** `n` hex characters derived from `s` (n ≤ 16). */
export function hexDigest(s: string, n: number): string {
  const a = hash32(s).toString(16).padStart(8, '0');
  const b = hash32(s, 0x01000193 ^ 0x5bd1e995)
    .toString(16)
    .padStart(8, '0');
  return (a + b).slice(0, n);
}

/** Kubernetes' "safe" alphabet for generated name suffixes (apimachinery rand.SafeEncodeString). */
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** A suffix like the ones controllers append to pod names (`-7d9c6b5f4`, `-x2x9k`). */
export function safeSuffix(s: string, n: number): string {
  let h = hash32(s);
  let out = '';
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % 6 === 0) h = hash32(s + out, h);
    out += SAFE[h % SAFE.length];
    h = Math.floor(h / SAFE.length);
  }
  return out;
}

/** A seeded pseudo-random generator (mulberry32); the simulator's only source of "randomness". */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
