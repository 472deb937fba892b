import {
  DEFAULT_SCENARIO,
  deriveCluster,
  emptyScenario,
  trace,
  validate,
  type Scenario,
} from '@/sim';
import { describe, expect, it } from 'vitest';

import { dnsServiceIp } from './defaultNodes';
import { exportManifests } from './exportManifests';
import { importManifests } from './importManifests';

/** Application manifests: a Deployment behind a Service, and a client pod; no nodes. */
const APP = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: nginx, image: nginx, ports: [{ containerPort: 80 }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: client }
spec: { containers: [{ name: shell, image: busybox }] }
`;

const kubeadm = (networking: string): string =>
  `apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking: ${networking}\n---\n`;
const explorer = (body: string): string =>
  `apiVersion: explorer.k8snet.dev/v1alpha1\nkind: ExplorerSettings\n${body}\n---\n`;

function imported(text: string) {
  const r = importManifests(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const dnsOf = (s: Scenario) =>
  s.services.find((x) => x.metadata.namespace === 'kube-system' && x.metadata.name === 'kube-dns');
const errorsOf = (s: Scenario): string[] =>
  validate(s)
    .filter((d) => d.severity === 'error')
    .map((d) => d.message);
const walk = (s: Scenario, to: string) =>
  trace(deriveCluster(s), { from: 'default/client', to, port: 80 }).verdict;

describe('dnsServiceIp: the 10th address of the first service range, as kubeadm picks it', () => {
  it.each([
    ['10.96.0.0/12', '10.96.0.10'],
    ['10.100.0.0/16', '10.100.0.10'],
    ['fd00:20::/112,10.96.0.0/12', 'fd00:20::a'],
    ['10.0.0.0/29', undefined],
    ['not-a-cidr', undefined],
  ])('%s → %s', (subnet, ip) => expect(dnsServiceIp(subnet)).toBe(ip));
});

describe('the default DNS on the default nodes', () => {
  it('is on the 10th address of a configured service range, and validates', () => {
    const r = imported(kubeadm('{ serviceSubnet: 10.100.0.0/16 }') + APP);
    expect(dnsOf(r.scenario)?.spec.clusterIP).toBe('10.100.0.10');
    expect(r.notes).toContain(
      "The default cluster's DNS is added: CoreDNS behind kube-system/kube-dns (10.100.0.10, the 10th address of the service range 10.100.0.0/16, as kubeadm picks it), so walks to Service names resolve.",
    );
    expect(errorsOf(r.scenario)).toEqual([]);
    expect(walk(r.scenario, 'web.default.svc.cluster.local')).toBe('delivered');
  });

  it('keeps 10.96.0.10 on the default service range', () => {
    const r = imported(APP);
    expect(dnsOf(r.scenario)).toStrictEqual(dnsOf(DEFAULT_SCENARIO));
  });

  it('is allocated in a range too small for a 10th address', () => {
    const r = imported(kubeadm('{ serviceSubnet: 10.100.0.0/28 }') + APP);
    expect(dnsOf(r.scenario)?.spec.clusterIP).toBe('10.100.0.10');
    const tiny = imported(kubeadm('{ serviceSubnet: 10.100.0.0/29 }') + APP);
    expect(dnsOf(tiny.scenario)?.spec.clusterIP).toBeUndefined();
    expect(
      tiny.notes.some((n) => /allocated from the service range 10\.100\.0\.0\/29/.test(n)),
    ).toBe(true);
  });
});

describe('ExplorerSettings without Node objects', () => {
  it('lands on the default nodes and DNS, as without settings, and says so', () => {
    const r = imported(explorer('nodeNetwork: 10.0.0.0/24\ncni: { mode: vxlan }') + APP);
    expect(r.scenario.nodes.map((n) => n.metadata.name)).toEqual(['node-1', 'node-2']);
    expect(r.scenario.cluster.cni.mode).toBe('vxlan');
    expect(r.notes[0]).toMatch(/^The input has no Node objects, so its objects run on the default/);
    expect(dnsOf(r.scenario)?.spec.clusterIP).toBe('10.96.0.10');
    expect(errorsOf(r.scenario)).toEqual([]);
    expect(walk(r.scenario, 'web.default.svc.cluster.local')).toBe('delivered');
    expect(walk(r.scenario, 'svc/default/web')).toBe('delivered');
  });

  it('creates the nodes the pods name, as without settings', () => {
    const r = imported(
      explorer('cni: { ipBlockMatchesPods: false }') +
        'apiVersion: v1\nkind: Pod\nmetadata: { name: a }\nspec: { nodeName: w1, containers: [] }\n',
    );
    expect(r.scenario.nodes.map((n) => n.metadata.name)).toEqual(['w1']);
    expect(r.scenario.cluster.cni.ipBlockMatchesPods).toBe(false);
  });

  it('keeps a node-less cluster node-less with defaultNodes: false', () => {
    const r = imported(explorer('defaultNodes: false') + APP);
    expect(r.scenario.nodes).toEqual([]);
    expect(dnsOf(r.scenario)).toBeUndefined();
    expect(r.notes.some((n) => /Node objects/.test(n))).toBe(false);
  });

  it('an export of a cluster without nodes says defaultNodes: false; one with nodes does not', () => {
    expect(exportManifests(emptyScenario(), 'yaml')).toContain('\ndefaultNodes: false\n');
    expect(exportManifests(DEFAULT_SCENARIO, 'yaml')).not.toContain('defaultNodes');
  });
});
