import { describe, expect, it } from 'vitest';

import { base32, endpointChain, serviceChains, servicePortName } from './chainNames';
import { probability } from './endpointRules';

const bytes = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

describe('base32 (RFC 4648 §10 test vectors)', () => {
  it.each([
    ['', ''],
    ['f', 'MY======'],
    ['fo', 'MZXQ===='],
    ['foo', 'MZXW6==='],
    ['foob', 'MZXW6YQ='],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI======'],
  ])('%j → %s', (input, want) => {
    expect(base32(bytes(input))).toBe(want);
  });
});

describe('kube-proxy chain names (known pairs from proxier_test.go)', () => {
  it.each([
    ['ns1/svc1:p80', 'KUBE-SVC-XPGD46QRK7WJZT7O'],
    ['ns2/svc2:p80', 'KUBE-SVC-GNZBNJ2PO5MGZ6GT'],
    ['ns3/svc3:p80', 'KUBE-SVC-X27LE4BHSL4DOUIK'],
    ['ns4/svc4:p80', 'KUBE-SVC-4SW47YFZTEDKD3PK'],
    ['ns5/svc5:p80', 'KUBE-SVC-NUKIZ6OKUXPJNT4C'],
    ['ns2/svc2:p8080', 'KUBE-SVC-2VJB64SDSIJUP5T6'],
  ])('%s + tcp → %s', (name, want) => {
    const c = serviceChains(name, 'tcp');
    expect(c.svc).toBe(want);
    const h = want.slice('KUBE-SVC-'.length);
    expect([c.svl, c.ext, c.fw]).toEqual([`KUBE-SVL-${h}`, `KUBE-EXT-${h}`, `KUBE-FW-${h}`]);
  });

  it.each([
    ['ns1/svc1:p80', '10.180.0.1:80', 'KUBE-SEP-SXIVWICOYRO3J4NJ'],
    ['ns2/svc2:p80', '10.180.0.2:80', 'KUBE-SEP-RS4RBKLTHTF2IUXJ'],
    ['ns4/svc4:p80', '10.180.0.4:80', 'KUBE-SEP-UKSFD7AGPMPPLUHC'],
    ['ns4/svc4:p80', '10.180.0.5:80', 'KUBE-SEP-C6EBXVWJJZMIWKLZ'],
    ['ns5/svc5:p80', '10.180.0.3:80', 'KUBE-SEP-I77PXRDZVX7PMWMN'],
    ['ns3/svc3:p80', '10.180.0.3:80', 'KUBE-SEP-OYPFS5VJICHGATKP'],
    ['ns1/svc1:p80', '10.0.1.1:80', 'KUBE-SEP-SNQ3ZNILQDEJNDQO'],
  ])('%s + tcp + %s → %s', (name, ep, want) => {
    expect(endpointChain(name, 'tcp', ep)).toBe(want);
  });

  it('names an unnamed port without a colon', () => {
    expect(servicePortName('ns1', 'svc1', '')).toBe('ns1/svc1');
    expect(servicePortName('ns1', 'svc1', 'p80')).toBe('ns1/svc1:p80');
  });

  it('the protocol is part of the hash', () => {
    expect(serviceChains('ns1/svc1:p80', 'udp').svc).not.toBe(
      serviceChains('ns1/svc1:p80', 'tcp').svc,
    );
  });
});

describe('computeProbability (%0.10f of 1/n; TestComputeProbability)', () => {
  it.each([
    [1, '1.0000000000'],
    [2, '0.5000000000'],
    [3, '0.3333333333'],
    [10, '0.1000000000'],
    [100, '0.0100000000'],
    [1000, '0.0010000000'],
    [10000, '0.0001000000'],
    [100000, '0.0000100000'],
    [100001, '0.0000099999'],
  ])('%i → %s', (n, want) => {
    expect(probability(n)).toBe(want);
  });

  it('strictly increases as n decreases from 100000 to 2', () => {
    const bad: number[] = [];
    let prev = Number(probability(100000));
    for (let n = 99999; n >= 2; n--) {
      const p = Number(probability(n));
      if (!(p > prev)) bad.push(n);
      prev = p;
    }
    expect(bad).toEqual([]);
  });
});
