import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { derivedMac, isMac } from './mac';

describe('derivedMac', () => {
  it('is a stable, locally administered unicast address', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const mac = derivedMac(seed);
        expect(isMac(mac)).toBe(true);
        expect(derivedMac(seed)).toBe(mac);
        const first = parseInt(mac.slice(0, 2), 16);
        expect(first & 0x02).toBe(0x02); // locally administered
        expect(first & 0x01).toBe(0); // unicast
      }),
    );
  });

  it('differs between seeds', () => {
    expect(derivedMac('cni0:node-1')).not.toBe(derivedMac('cni0:node-2'));
  });

  it.each([
    ['02:42:ac:11:00:02', true],
    ['02:42:AC:11:00:02', true],
    ['02:42:ac:11:00', false],
    ['02-42-ac-11-00-02', false],
    ['0242.ac11.0002', false],
    ['', false],
  ])('isMac(%j) = %s', (text, want) => {
    expect(isMac(text)).toBe(want);
  });
});
