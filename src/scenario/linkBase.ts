/**
 * Frozen base scenarios for share links. A link may say `"$base": 1` and then list only what
 * differs from base 1 (whole sections, or list elements, by index). Base 1 is the app's default
 * scenario as it was when link format v1 was made, in compact form.
 *
 * NEVER edit a base: links in the wild refer to it. To share links against a newer default,
 * append base 2 and make it LINK_BASE_CURRENT.
 */

/** The base new links are encoded against. */
export const LINK_BASE_CURRENT = 1;

/** Compact scenario documents (see compact.ts), by base id. */
export const LINK_BASES: Readonly<Record<number, Readonly<Record<string, unknown>>>> = {
  1: {
    meta: {
      name: 'Two-node cluster',
      description:
        'Two nodes with host-gw style routes, a shop frontend spread over both nodes behind a ClusterIP Service, a web server, a client and cluster DNS.',
    },
    namespaces: [
      { metadata: { name: 'default' } },
      { metadata: { name: 'shop' } },
      { metadata: { name: 'kube-system' } },
    ],
    nodes: [
      {
        metadata: { name: 'node-1' },
        spec: { podCIDR: '10.244.1.0/24' },
        status: { addresses: [{ type: 'InternalIP', address: '192.168.1.11' }] },
      },
      {
        metadata: { name: 'node-2' },
        spec: { podCIDR: '10.244.2.0/24' },
        status: { addresses: [{ type: 'InternalIP', address: '192.168.1.12' }] },
      },
    ],
    pods: [
      {
        metadata: { name: 'client', namespace: 'default', labels: { app: 'client' } },
        spec: { nodeName: 'node-1', containers: [{ name: 'shell', image: 'busybox:1.36' }] },
        status: { phase: 'Running' },
      },
      {
        metadata: { name: 'frontend-1', namespace: 'shop', labels: { app: 'frontend' } },
        spec: {
          nodeName: 'node-1',
          containers: [
            {
              name: 'app',
              image: 'shop/frontend:1.4',
              ports: [{ name: 'http', containerPort: 8080 }],
            },
            {
              name: 'metrics',
              image: 'prom/node-exporter:1.8',
              ports: [{ name: 'metrics', containerPort: 9100 }],
            },
          ],
        },
        status: { phase: 'Running' },
      },
      {
        metadata: {
          name: 'coredns-1',
          namespace: 'kube-system',
          labels: { 'k8s-app': 'kube-dns' },
        },
        spec: {
          nodeName: 'node-1',
          containers: [
            {
              name: 'coredns',
              image: 'registry.k8s.io/coredns/coredns:v1.11.3',
              ports: [
                { name: 'dns', containerPort: 53, protocol: 'UDP' },
                { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                { name: 'metrics', containerPort: 9153 },
              ],
            },
          ],
        },
        status: { phase: 'Running' },
      },
      {
        metadata: { name: 'frontend-2', namespace: 'shop', labels: { app: 'frontend' } },
        spec: {
          nodeName: 'node-2',
          containers: [
            {
              name: 'app',
              image: 'shop/frontend:1.4',
              ports: [{ name: 'http', containerPort: 8080 }],
            },
          ],
        },
        status: { phase: 'Running' },
      },
      {
        metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
        spec: {
          nodeName: 'node-2',
          containers: [
            { name: 'nginx', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] },
          ],
        },
        status: { phase: 'Running' },
      },
      {
        metadata: { name: 'cart', namespace: 'shop', labels: { app: 'cart' } },
        spec: {
          nodeName: 'node-2',
          containers: [
            { name: 'app', image: 'shop/cart:2.0', ports: [{ name: 'grpc', containerPort: 7070 }] },
          ],
        },
        status: { phase: 'Running' },
      },
    ],
    services: [
      {
        metadata: { name: 'frontend', namespace: 'shop' },
        spec: {
          selector: { app: 'frontend' },
          ports: [{ name: 'http', port: 80, targetPort: 'http' }],
        },
      },
      {
        metadata: { name: 'cart', namespace: 'shop' },
        spec: {
          selector: { app: 'cart' },
          ports: [{ name: 'grpc', port: 7070, targetPort: 7070 }],
        },
      },
      {
        metadata: { name: 'web', namespace: 'default' },
        spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 80 }] },
      },
      {
        metadata: { name: 'kube-dns', namespace: 'kube-system' },
        spec: {
          selector: { 'k8s-app': 'kube-dns' },
          clusterIP: '10.96.0.10',
          ports: [
            { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
            { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
            { name: 'metrics', port: 9153, targetPort: 9153 },
          ],
        },
      },
    ],
  },
};
