import { inFrom, egTo, client, runRows, t } from './testdata/world';

const nsIs = (values: string[], operator: 'In' | 'NotIn' = 'In') => ({
  matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator, values }],
});

// reference/netpol.md §3 (peers, label selectors) and §5 (ipBlock).
runRows('peers (API, DOCS, LBL)', [
  t('from: [] admits external addresses', 'allow', inFrom({ from: [] }), '203.0.113.9', 'shop/web'),
  t(
    'podSelector peer: same namespace only',
    'deny',
    inFrom({ from: [{ podSelector: client }] }),
    'other/client',
    'shop/web',
  ),
  t(
    'podSelector peer: same namespace admitted',
    'allow',
    inFrom({ from: [{ podSelector: client }] }),
    'shop/client',
    'shop/web',
  ),
  t(
    'podSelector {} peer: only the own namespace',
    'deny',
    inFrom({ from: [{ podSelector: {} }] }),
    'ext/x',
    'shop/web',
  ),
  t(
    'one entry with both selectors is AND (pod mismatch)',
    'deny',
    inFrom({
      from: [
        {
          namespaceSelector: { matchLabels: { team: 'b' } },
          podSelector: { matchLabels: { app: 'db' } },
        },
      ],
    }),
    'other/client',
    'shop/web',
  ),
  t(
    'one entry with both selectors is AND (ns mismatch)',
    'deny',
    inFrom({ from: [{ namespaceSelector: { matchLabels: { team: 'b' } }, podSelector: client }] }),
    'shop/client',
    'shop/web',
  ),
  t(
    'one entry with both selectors is AND (both match)',
    'allow',
    inFrom({ from: [{ namespaceSelector: { matchLabels: { team: 'b' } }, podSelector: client }] }),
    'other/client',
    'shop/web',
  ),
  t(
    'two entries are OR',
    'allow',
    inFrom({
      from: [
        { namespaceSelector: { matchLabels: { team: 'b' } } },
        { podSelector: { matchLabels: { app: 'db' } } },
      ],
    }),
    'other/client',
    'shop/web',
  ),
  t(
    'namespaceSelector {} + podSelector {} = every pod',
    'allow',
    inFrom({ from: [{ namespaceSelector: {}, podSelector: {} }] }),
    'ext/x',
    'shop/web',
  ),
  t(
    'namespaceSelector {} is not "anywhere"',
    'deny',
    inFrom({ from: [{ namespaceSelector: {} }] }),
    '203.0.113.9',
    'shop/web',
  ),
  t(
    'selector peers never match external IPs (egress)',
    'deny',
    egTo({ to: [{ namespaceSelector: {} }], ports: [{ port: 53, protocol: 'UDP' }] }),
    'shop/web',
    '203.0.113.9',
    'UDP 53',
  ),
  t(
    'NotIn matches a namespace without the key',
    'allow',
    inFrom({
      from: [
        {
          namespaceSelector: {
            matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['a'] }],
          },
        },
      ],
    }),
    'ext/x',
    'shop/web',
  ),
  t(
    'NotIn excludes the listed value',
    'deny',
    inFrom({ from: [{ namespaceSelector: nsIs(['other'], 'NotIn') }] }),
    'other/client',
    'shop/web',
  ),
  t(
    'In needs the key present',
    'deny',
    inFrom({
      from: [
        {
          namespaceSelector: {
            matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'b'] }],
          },
        },
      ],
    }),
    'ext/x',
    'shop/web',
  ),
  t(
    'Exists',
    'allow',
    inFrom({
      from: [
        {
          namespaceSelector: {},
          podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
        },
      ],
    }),
    'other/client',
    'shop/web',
  ),
  t(
    'DoesNotExist on pod labels',
    'allow',
    inFrom({
      from: [
        {
          namespaceSelector: {},
          podSelector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] },
        },
      ],
    }),
    'ext/x',
    'shop/web',
  ),
  t(
    'namespace by its kubernetes.io/metadata.name label',
    'allow',
    inFrom({ from: [{ namespaceSelector: nsIs(['ext']) }] }),
    'ext/x',
    'shop/web',
  ),
  t(
    'a pod IP is treated as that pod',
    'allow',
    inFrom({ from: [{ podSelector: client }] }),
    '10.244.2.10',
    'shop/web',
  ),
  t(
    'hostNetwork pods are not matched by selectors',
    'deny',
    inFrom({ from: [{ namespaceSelector: {} }] }),
    'kube-system/agent2',
    'shop/web',
  ),
]);

runRows('ipBlock (API, E2E, netpol.md §5)', [
  t(
    'inside cidr',
    'allow',
    egTo({ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }),
    'shop/web',
    '10.0.0.5',
  ),
  t(
    'except subtracts',
    'deny',
    egTo({ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }),
    'shop/web',
    '10.1.2.3',
  ),
  t(
    'outside cidr',
    'deny',
    egTo({ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }),
    'shop/web',
    '11.0.0.1',
  ),
  t(
    'except only subtracts from its own peer',
    'allow',
    egTo({
      to: [
        { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
        { ipBlock: { cidr: '10.1.2.0/24' } },
      ],
    }),
    'shop/web',
    '10.1.2.3',
  ),
  t(
    'cidr with host bits means the network',
    'allow',
    egTo({ to: [{ ipBlock: { cidr: '192.168.242.213/24' } }] }),
    'shop/web',
    '192.168.242.7',
  ),
  t(
    'IPv4 block never matches IPv6',
    'deny',
    egTo({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }),
    'shop/web',
    '2001:db8::1',
  ),
  t(
    '::/0 matches IPv6',
    'allow',
    egTo({ to: [{ ipBlock: { cidr: '::/0' } }] }),
    'shop/web',
    '2001:db8::1',
  ),
  t(
    'an unparsable cidr admits nothing',
    'deny',
    egTo({ to: [{ ipBlock: { cidr: '10.0.0/8' } }] }),
    'shop/web',
    '10.0.0.5',
  ),
  t(
    'matches pod IPs by default (e2e)',
    'allow',
    egTo({ to: [{ ipBlock: { cidr: '10.244.2.11/32' } }] }),
    'shop/web',
    'other/client',
  ),
  t(
    'ingress ipBlock matches a source pod IP (e2e)',
    'allow',
    inFrom({ from: [{ ipBlock: { cidr: '10.244.2.0/24' } }] }),
    'other/client',
    'shop/web',
  ),
  t(
    'ignores pod IPs when toggled off (Cilium)',
    'deny',
    egTo({ to: [{ ipBlock: { cidr: '10.244.2.11/32' } }] }),
    'shop/web',
    'other/client',
    'TCP 80',
    false,
  ),
  t(
    'toggled off: outside addresses still match',
    'allow',
    egTo({ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }),
    'shop/web',
    '10.9.9.9',
    'TCP 80',
    false,
  ),
  t(
    'another node matched by ipBlock',
    'allow',
    inFrom({ from: [{ ipBlock: { cidr: '192.168.1.0/24' } }] }),
    'node:node-2',
    'shop/web',
  ),
  t(
    'hostNetwork pod matched by ipBlock on its node IP',
    'allow',
    inFrom({ from: [{ ipBlock: { cidr: '192.168.1.12/32' } }] }),
    'kube-system/agent2',
    'shop/web',
    'TCP 80',
    false,
  ),
]);
