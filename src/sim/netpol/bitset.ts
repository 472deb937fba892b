/** Fixed-size bitsets over pod indexes, for the connectivity matrix's precomputed sets. */

export type Bitset = Uint32Array;

/** An empty set with room for `n` members. */
export function bitset(n: number): Bitset {
  return new Uint32Array((n + 31) >>> 5);
}

/** A set holding every index below `n`. */
export function fullBitset(n: number): Bitset {
  const b = bitset(n);
  b.fill(0xffffffff);
  const rest = n & 31;
  if (rest !== 0) b[b.length - 1] = (1 << rest) - 1;
  return b;
}

/** Adds index `i`. */
export function setBit(b: Bitset, i: number): void {
  b[i >>> 5] = (b[i >>> 5] ?? 0) | (1 << (i & 31));
}

/** Whether index `i` is a member. */
export function hasBit(b: Bitset, i: number): boolean {
  return (((b[i >>> 5] ?? 0) >>> (i & 31)) & 1) === 1;
}

/** `into |= from`, in place. */
export function orInto(into: Bitset, from: Bitset): void {
  for (let w = 0; w < into.length; w++) into[w] = (into[w] ?? 0) | (from[w] ?? 0);
}

/** The member indexes in ascending order. */
export function members(b: Bitset): number[] {
  const out: number[] = [];
  for (let w = 0; w < b.length; w++) {
    let word = b[w] ?? 0;
    while (word !== 0) {
      const low = word & -word;
      out.push((w << 5) + 31 - Math.clz32(low));
      word ^= low;
    }
  }
  return out;
}
