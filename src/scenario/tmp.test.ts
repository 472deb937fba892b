import { DEFAULT_SCENARIO, emptyScenario } from '@/sim';
import { it, expect } from 'vitest';
import { decodeShareLink, encodeShareLink } from './shareLink';
it('size', () => {
  for (const s of [DEFAULT_SCENARIO, emptyScenario(), { ...DEFAULT_SCENARIO, pods: DEFAULT_SCENARIO.pods.slice(1) }]) {
    const l = encodeShareLink(s);
    console.log(l.length, l.slice(0, 80));
    const d = decodeShareLink(l);
    if (!d.ok) console.log(d.error);
    expect(d.ok && d.value.scenario).toStrictEqual(s);
  }
});
