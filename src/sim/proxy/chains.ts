/** Running a hook's chains one after another, as the kernel runs a hook's registered functions. */
import type { NfPacket } from '../netfilter/types';

import type { ChainRun, HookRun } from './types';

/**
 * Runs `steps` in order, each on the packet the previous one left; a drop or reject ends the
 * hook (NF_DROP stops the traversal, nf_hook_slow), accept moves on to the next chain.
 */
export function runChains(
  packet: NfPacket,
  steps: readonly ((pkt: NfPacket) => ChainRun)[],
): HookRun {
  const chains: ChainRun[] = [];
  let pkt = packet;
  for (const step of steps) {
    const run = step(pkt);
    chains.push(run);
    pkt = run.packet;
    if (run.verdict !== 'ACCEPT') return { verdict: run.verdict, packet: pkt, chains };
  }
  return { verdict: 'ACCEPT', packet: pkt, chains };
}
