/**
 * The rules that do not depend on any Service: kube-proxy's jumps from the built-in chains
 * (iptablesJumpChains, each prepended, so the last listed ends up first), KUBE-POSTROUTING,
 * KUBE-MARK-MASQ, KUBE-FORWARD, the NodePort tail rule of KUBE-SERVICES, and kubelet's
 * KUBE-FIREWALL (kube-proxy keeps a duplicate of it).
 */
import type { ProxyContext } from './context';
import { comment } from './writer';

const NEW = ['-m', 'conntrack', '--ctstate', 'NEW'];
const INVALID_COUNTER = 'ct_state_invalid_dropped_pkts';

/** Jump rules into kube-proxy's chains, in the order a node shows them. */
export function writeJumps(k: ProxyContext): void {
  const { nat, filter } = k;
  const lbFirewall = [
    NEW,
    comment('kubernetes load balancer firewall'),
    '-j',
    'KUBE-PROXY-FIREWALL',
  ];
  const externals = [
    NEW,
    comment('kubernetes externally-visible service portals'),
    '-j',
    'KUBE-EXTERNAL-SERVICES',
  ];
  filter.rule('INPUT', ...lbFirewall);
  filter.rule('INPUT', comment('kubernetes health check service ports'), '-j', 'KUBE-NODEPORTS');
  filter.rule('INPUT', ...externals);
  filter.rule('INPUT', '-j', 'KUBE-FIREWALL');
  filter.rule('FORWARD', ...lbFirewall);
  filter.rule('FORWARD', comment('kubernetes forwarding rules'), '-j', 'KUBE-FORWARD');
  filter.rule('FORWARD', NEW, comment('kubernetes service portals'), '-j', 'KUBE-SERVICES');
  filter.rule('FORWARD', ...externals);
  filter.rule('OUTPUT', ...lbFirewall);
  filter.rule('OUTPUT', NEW, comment('kubernetes service portals'), '-j', 'KUBE-SERVICES');
  filter.rule('OUTPUT', '-j', 'KUBE-FIREWALL');
  nat.rule('PREROUTING', comment('kubernetes service portals'), '-j', 'KUBE-SERVICES');
  nat.rule('OUTPUT', comment('kubernetes service portals'), '-j', 'KUBE-SERVICES');
  nat.rule('POSTROUTING', comment('kubernetes postrouting rules'), '-j', 'KUBE-POSTROUTING');
}

/** Chains and rules kube-proxy (and kubelet) write before any service. */
export function writeBaseChains(k: ProxyContext): void {
  const { nat, filter } = k;
  for (const c of [
    'KUBE-SERVICES',
    'KUBE-EXTERNAL-SERVICES',
    'KUBE-FORWARD',
    'KUBE-NODEPORTS',
    'KUBE-PROXY-FIREWALL',
    'KUBE-FIREWALL',
  ])
    filter.chain(c);
  for (const c of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ'])
    nat.chain(c);
  // Canary chains: kubelet and kube-proxy watch them to notice a flushed ruleset.
  for (const t of [nat, filter]) {
    t.chain('KUBE-KUBELET-CANARY');
    t.chain('KUBE-PROXY-CANARY');
  }
  const m = k.masqMark;
  nat.rule('KUBE-POSTROUTING', '-m', 'mark', '!', '--mark', `${m}/${m}`, '-j', 'RETURN');
  // Clear the mark so a packet re-traversing the stack is not masqueraded twice.
  nat.rule('KUBE-POSTROUTING', '-j', 'MARK', '--xor-mark', m);
  nat.rule(
    'KUBE-POSTROUTING',
    comment('kubernetes service traffic requiring SNAT'),
    '-j',
    'MASQUERADE',
    '--random-fully',
  );
  nat.rule('KUBE-MARK-MASQ', '-j', 'MARK', '--or-mark', m);
  if (k.family === 4) {
    // route_localnet makes 127.0.0.0/8 routable; this kubelet rule closes the hole (issue 90259).
    filter.rule(
      'KUBE-FIREWALL',
      comment('block incoming localnet connections'),
      ['-d', '127.0.0.0/8', '!', '-s', '127.0.0.0/8'],
      ['-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT'],
      '-j',
      'DROP',
    );
  }
}

/** Rules written after every service: the NodePort tail of KUBE-SERVICES and KUBE-FORWARD. */
export function writeTailRules(k: ProxyContext): void {
  const { nat, filter } = k;
  const tail = comment(
    'kubernetes service nodeports; NOTE: this must be the last rule in this chain',
  );
  if (k.nodePorts.matchAll) {
    // Localhost NodePorts never work on IPv6, and on IPv4 only with route_localnet.
    const notLoopback =
      k.family === 6
        ? ['!', '-d', '::1/128']
        : !k.localhostNodePorts
          ? ['!', '-d', '127.0.0.0/8']
          : [];
    nat.rule(
      'KUBE-SERVICES',
      tail,
      '-m',
      'addrtype',
      '--dst-type',
      'LOCAL',
      notLoopback,
      '-j',
      'KUBE-NODEPORTS',
    );
  } else {
    for (const ip of k.nodePorts.ips) {
      const loopback = ip.startsWith('127.') || ip === '::1';
      if (loopback && (k.family === 6 || !k.localhostNodePorts)) continue;
      nat.rule('KUBE-SERVICES', tail, '-d', ip, '-j', 'KUBE-NODEPORTS');
    }
  }
  // INVALID packets would reset connections unless nf_conntrack_tcp_be_liberal (issue 74839).
  filter.rule(
    'KUBE-FORWARD',
    '-m',
    'conntrack',
    '--ctstate',
    'INVALID',
    '-m',
    'nfacct',
    '--nfacct-name',
    INVALID_COUNTER,
    '-j',
    'DROP',
  );
  filter.rule(
    'KUBE-FORWARD',
    comment('kubernetes forwarding rules'),
    '-m',
    'mark',
    '--mark',
    `${k.masqMark}/${k.masqMark}`,
    '-j',
    'ACCEPT',
  );
  filter.rule(
    'KUBE-FORWARD',
    comment('kubernetes forwarding conntrack rule'),
    '-m',
    'conntrack',
    '--ctstate',
    'RELATED,ESTABLISHED',
    '-j',
    'ACCEPT',
  );
}
