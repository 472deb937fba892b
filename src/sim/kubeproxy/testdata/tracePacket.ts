/**
 * The services behind kube-proxy's TestTracePacket / TestOverallIPTablesRules (the static rules
 * described in the fixture's notes), as a fixture case, so their flows and the reference's
 * excerpt rules can be checked against generated rules.
 */
import type { FixtureCase, FixtureService, FixtureSlice } from './cases';

const svc = (
  ns: string,
  over: Partial<FixtureService> & { clusterIP: string },
): FixtureService => ({
  namespace: ns,
  name: ns.replace('ns', 'svc'),
  type: null,
  ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: null, targetPort: null }],
  ...over,
});

const slice = (service: string, ips: string[]): FixtureSlice => ({
  service,
  addressType: 'IPv4',
  endpoints: ips.map((ip) => ({
    addresses: [ip],
    nodeName: null,
    ready: null,
    serving: null,
    terminating: null,
  })),
  ports: [{ name: 'p80', port: 80, protocol: 'TCP' }],
  sliceNum: 1,
});

const withNodePort = (n: number): FixtureService['ports'] => [
  { name: 'p80', port: 80, protocol: 'TCP', nodePort: n, targetPort: null },
];

/** TestTracePacket's services and endpoints as a fixture case (flows from `base`). */
export function tracePacketCase(base: FixtureCase): FixtureCase {
  return {
    ...base,
    proxier_defaults: {
      ...base.proxier_defaults,
      ipFamily: 'IPv4',
      localhostNodePorts: true,
      nodePortAddresses: null,
    },
    services: [
      svc('ns1', { clusterIP: '172.30.0.41' }),
      svc('ns2', {
        clusterIP: '172.30.0.42',
        type: 'LoadBalancer',
        externalIPs: ['192.168.99.22'],
        loadBalancerIPs: ['1.2.3.4'],
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 30000,
        ports: withNodePort(3001),
      }),
      svc('ns3', { clusterIP: '172.30.0.43', type: 'NodePort', ports: withNodePort(3003) }),
      svc('ns4', { clusterIP: '172.30.0.44', externalIPs: ['192.168.99.33'] }),
      svc('ns5', {
        clusterIP: '172.30.0.45',
        type: 'LoadBalancer',
        loadBalancerIPs: ['5.6.7.8'],
        loadBalancerSourceRanges: ['203.0.113.0/25'],
        sessionAffinity: 'ClientIP',
        ports: withNodePort(3002),
      }),
      svc('ns6', { clusterIP: '172.30.0.46' }),
    ],
    endpointSlices: [
      slice('ns1/svc1', ['10.180.0.1']),
      slice('ns2/svc2', ['10.180.0.2']),
      slice('ns3/svc3', ['10.180.0.3']),
      slice('ns4/svc4', ['10.180.0.4', '10.180.0.5']),
      slice('ns5/svc5', ['10.180.0.3']),
    ],
  };
}
