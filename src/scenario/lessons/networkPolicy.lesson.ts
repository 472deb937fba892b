import {
  DEFAULT_SCENARIO,
  isolationOf,
  trace,
  upsertNetworkPolicy,
  type NetworkPolicy,
} from '@/sim';

import { holds, verdictIs, walkFrom, walkTo } from './checks';
import type { Lesson } from './types';

const denyAll: NetworkPolicy = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'default-deny', namespace: 'shop' },
  spec: { podSelector: {}, policyTypes: ['Ingress'] },
};

const allowClient: NetworkPolicy = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'allow-client', namespace: 'shop' },
  spec: {
    podSelector: { matchLabels: { app: 'frontend' } },
    policyTypes: ['Ingress'],
    ingress: [
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'default' } },
            podSelector: { matchLabels: { app: 'client' } },
          },
        ],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
    ],
  },
};

/** Lesson 7: namespaces do not isolate; a NetworkPolicy does — on the pod's port. */
export const networkPolicyLesson = {
  id: 'network-policy',
  title: '7 · NetworkPolicy: deny, then allow',
  summary: 'Namespaces are names, not walls. Isolate the shop, then let the client back in.',
  minutes: 8,
  scenario: DEFAULT_SCENARIO,
  steps: [
    {
      id: 'open',
      title: 'Across namespaces, by default',
      narration:
        'The client is in namespace default, the frontend in shop. Without any NetworkPolicy every pod reaches every pod.',
      goal: 'Send a packet from pod default/client to the Service shop/frontend on port 80.',
      checks: 'The walk’s source, its destination Service, and that it is delivered.',
      check: (ctx) => [
        walkFrom(ctx, 'default/client'),
        walkTo(ctx, 'svc', 'shop/frontend'),
        verdictIs(ctx, 'delivered'),
      ],
      hints: ['From `pod/default/client` · To `svc/shop/frontend` · Port `80`.'],
      showMe: [
        { kind: 'walk', walk: { from: 'pod/default/client', to: 'svc/shop/frontend', port: 80 } },
      ],
      takeaway: 'Delivered: a namespace is a scope for names, not a network boundary.',
    },
    {
      id: 'deny',
      title: 'Isolate the shop',
      narration:
        'A policy that selects a pod for Ingress isolates it: only what some policy allows may reach it. A policy with an empty podSelector and no rules denies everything to every pod of its namespace.',
      goal: 'Add a default-deny ingress policy for all pods in namespace shop (Policies tab).',
      checks:
        'Whether the frontend and cart pods are isolated for ingress, and the open walk’s verdict.',
      check: (ctx) => [
        holds(
          'Every pod in shop is isolated for ingress',
          ctx.cluster.pods
            .filter((p) => p.namespace === 'shop')
            .every((p) => isolationOf(ctx.cluster, p.key).ingress),
        ),
        verdictIs(ctx, 'dropped'),
      ],
      hints: [
        'Policies tab → new policy: namespace shop, all pods, Ingress, no rules.',
        'In YAML: `podSelector: {}` and `policyTypes: [Ingress]` with no `ingress` list.',
      ],
      showMe: [
        {
          kind: 'edit',
          label: 'add shop/default-deny',
          edit: (s) => upsertNetworkPolicy(s, denyAll),
        },
        { kind: 'panel', panel: 'trace' },
      ],
      takeaway:
        'Dropped at the frontend pod’s ingress, naming the policy — after kube-proxy’s DNAT.',
    },
    {
      id: 'allow',
      title: 'Let the client back in',
      narration:
        'Policies add up: an allow rule opens a hole in the isolation. Its `ports` are the pod’s port as the packet arrives — after DNAT — not the Service port.',
      goal: 'Allow ingress from pods labelled app=client in namespace default to the frontend pods, on their port.',
      checks:
        'The open walk’s verdict, that the frontend stays isolated, and (computed) that the client still cannot reach cart.',
      check: (ctx) => {
        const cart = trace(ctx.cluster, {
          from: 'pod/default/client',
          to: 'svc/shop/cart',
          port: 7070,
        });
        return [
          verdictIs(ctx, 'delivered'),
          holds(
            'The frontend pods are still isolated',
            isolationOf(ctx.cluster, 'shop/frontend-1').ingress,
          ),
          holds('The client still cannot reach shop/cart', cart.verdict === 'dropped'),
        ];
      },
      hints: [
        'Select the frontend pods (app=frontend); allow from namespace default, pods app=client.',
        'The port is 8080 — the targetPort the DNAT wrote — not the Service’s 80.',
      ],
      showMe: [
        {
          kind: 'edit',
          label: 'add shop/allow-client',
          edit: (s) => upsertNetworkPolicy(s, allowClient),
        },
      ],
      takeaway:
        'Delivered again, and only for the client and only the frontend: least privilege, written on the pod’s port.',
    },
  ],
  finish:
    'You have walked the four networking problems. Try predict mode on any walk, or the quiz.',
} satisfies Lesson;
