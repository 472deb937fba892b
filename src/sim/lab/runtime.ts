/**
 * The fixed part of every lab script: refusing where it cannot run (not Linux, not root, a tool
 * or a kernel feature missing), recording every namespace and process the moment it exists so
 * `down` removes exactly those, the host snapshot taken before `up` and compared after `down`,
 * and the helpers `up` calls. Bash, written once here (see `bash()` for how `${` is written).
 */
import type { KernelCheck } from './datapath';
import { bash, shq } from './shell';

/** A tool the script needs, and the Debian package that has it. */
export interface Tool {
  readonly cmd: string;
  readonly pkg: string;
}

export const BASE_TOOLS: readonly Tool[] = [
  { cmd: 'ip', pkg: 'iproute2' },
  { cmd: 'bridge', pkg: 'iproute2' },
  { cmd: 'ss', pkg: 'iproute2' },
  { cmd: 'nsenter', pkg: 'util-linux' },
  { cmd: 'sysctl', pkg: 'procps' },
  { cmd: 'timeout', pkg: 'coreutils' },
  { cmd: 'flock', pkg: 'util-linux' },
  { cmd: 'socat', pkg: 'socat' },
  { cmd: 'conntrack', pkg: 'conntrack' },
];

export function preflight(tools: readonly Tool[], kernel: readonly KernelCheck[]): string {
  const toolList = tools.map((t) => `${t.cmd}:${t.pkg}`).join(' ');
  const checks = kernel
    .map(
      (k, i) =>
        `  ip -n "$ns" link add lab-k${i} type ${k.linkType} >/dev/null 2>&1 || missing+=(${shq(k.what)})`,
    )
    .join('\n');
  return bash(String.raw`die() { echo "lab: $*" >&2; exit 1; }
note() { echo "lab: $*" >&2; }

# Refuses, with the reason and the fix, where the lab cannot run.
preflight() {
  [ "$(uname -s)" = Linux ] || die "this lab needs Linux (network namespaces, veth, bridges, iptables); this is $(uname -s). Run it in a Linux VM."
  [ "$(id -u)" = 0 ] || die "run it as root (sudo bash $SELF $CMD): creating network namespaces needs CAP_SYS_ADMIN and CAP_NET_ADMIN"
  local t missing=() pkgs=()
  for t in ${toolList}; do
    command -v "\${t%%:*}" >/dev/null 2>&1 || { missing+=("\${t%%:*}"); pkgs+=("\${t#*:}"); }
  done
  [ \${#missing[@]} -eq 0 ] || die "missing tools: \${missing[*]}. On Debian or Ubuntu: apt-get install -y $(printf '%s\n' "\${pkgs[@]}" | sort -u | tr '\n' ' ')"
}

# Probes the kernel in a scratch namespace (recorded like any other) before building anything.
check_kernel() {
  local ns="$P-check" missing=()
  record_ns check
  ip netns add "$ns" 2>/dev/null || die "cannot create a network namespace (ip netns add failed): an unprivileged container? Run the lab as root in a Linux VM or a privileged container."
${checks}
  nsenter --net="/run/netns/$ns" iptables -t nat -n -L >/dev/null 2>&1 || missing+=("iptables' nat table (nf_nat)")
  ip netns del "$ns"
  [ -e /proc/sys/net/bridge/bridge-nf-call-iptables ] || modprobe br_netfilter 2>/dev/null || missing+=("br_netfilter (bridged pod traffic through iptables)")
  [ \${#missing[@]} -eq 0 ] || die "this kernel cannot build the lab: no $(IFS=,; echo "\${missing[*]}" | sed 's/,/, /g')"
}

# The host's own network state; nothing the lab does may change it.
host_snapshot() {
  ip -br link | awk '{print $1, $3}'
  ip -br addr
  ip route show table all
  ip rule
  if command -v nft >/dev/null 2>&1; then nft list ruleset; else iptables-save; fi \
    | sed -E 's/\[[0-9]+:[0-9]+\]//; s/counter packets [0-9]+ bytes [0-9]+//; /^#/d'
}

record_ns() { echo "$P-$1" >>"$STATE/netns"; }

# A namespace, recorded before it exists, with the sysctls of reference/linux-lab.md §5: a new
# namespace copies the host's conf/all and conf/default, so everything is pinned explicitly.
mkns() {
  record_ns "$1"
  ip netns add "$P-$1"
  ip -n "$P-$1" link set lo up
  nsysctl "$1" net.ipv4.ip_forward=0 \
    net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 \
    net.ipv4.conf.all.rp_filter=2 net.ipv4.conf.default.rp_filter=2 \
    net.ipv4.conf.all.send_redirects=0 net.ipv4.conf.default.send_redirects=0 net.ipv4.icmp_ratelimit=0
}

nsysctl() { local ns=$1; shift; nsenter --net="/run/netns/$P-$ns" sysctl -qw "$@" >/dev/null; }

# Loads a node's rules from stdin. kube-proxy counts invalid packets with an nfacct object when
# it can create one, and writes the rule without "-m nfacct" when it cannot: so does the lab.
load_rules() {
  local ns=$1 view=$2 text
  text=$(cat)
  case $view in
    iptables)
      if command -v nfacct >/dev/null 2>&1 && nsenter --net="/run/netns/$P-$ns" nfacct add ct_state_invalid_dropped_pkts >/dev/null 2>&1; then :; else
        text=$(printf '%s\n' "$text" | sed 's/ -m nfacct --nfacct-name [^ ]*//')
      fi
      printf '%s\n' "$text" | nsenter --net="/run/netns/$P-$ns" iptables-restore ;;
    nft) printf '%s\n' "$text" | nsenter --net="/run/netns/$P-$ns" nft -f - ;;
    *) die "cannot load rules in the \"$view\" format" ;;
  esac
}

# A listener that answers with its own address and the peer it saw (no ':' or ',' in the reply:
# socat would split its address there). "timeout" bounds its life; its PID is recorded. It listens
# on every address of its namespace, unless given one to bind.
serve() {
  local ns=$1 proto=$2 port=$3 ip=$4 bind=\${5:+,bind=$5} addr ep
  case $proto in
    TCP) addr="TCP-LISTEN:$port,fork,reuseaddr$bind"; ep='$SOCAT_SOCKADDR' ;;
    UDP) addr="UDP-RECVFROM:$port,fork$bind"; ep=$ip ;;
  esac
  nsenter --net="/run/netns/$P-$ns" -- timeout "$TTL" socat "$addr" \
    SYSTEM:"echo ep=$ep port=$port peer=\$SOCAT_PEERADDR peerport=\$SOCAT_PEERPORT" </dev/null >/dev/null 2>&1 9>&- &
  echo "$! $ns $proto $port" >>"$STATE/pids"
}

# Waits until every recorded listener is up (ss shows it), at most 10 s: one ss per namespace
# and round, not one per listener (a lab has dozens).
wait_listeners() {
  local pid ns proto port i want have ok netid state rq sq local rest
  declare -A wants=()
  while read -r pid ns proto port; do
    wants[$ns]+=" \${proto,,}:$port"
  done <"$STATE/pids"
  for ns in "\${!wants[@]}"; do
    for ((i = 0; i < 100; i++)); do
      have=" "
      while read -r netid state rq sq local rest; do have+="$netid:\${local##*:} "; done \
        < <(nsenter --net="/run/netns/$P-$ns" ss -Hltun 2>/dev/null || true)
      ok=1
      for want in \${wants[$ns]}; do [[ $have == *" $want "* ]] || ok=0; done
      [ "$ok" = 0 ] || break
      sleep 0.1
    done
  done
  return 0
}

# Ends the recorded processes (checking each still runs in its namespace, against PID reuse),
# then anything else left in them, then deletes exactly the recorded namespaces.
teardown() {
  local pid ns rest i n stat
  if [ -f "$STATE/pids" ]; then
    while read -r pid ns rest; do
      # -ef: the same namespace (device and inode), tested by bash itself.
      if [ "/proc/$pid/ns/net" -ef "/run/netns/$P-$ns" ]; then kill "$pid" 2>/dev/null || true; fi
    done <"$STATE/pids"
  fi
  [ -f "$STATE/netns" ] || return 0
  for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    n=0
    while read -r ns; do
      if [ ! -e "/run/netns/$ns" ]; then continue; fi
      for pid in $(ip netns pids "$ns" 2>/dev/null || true); do
        stat=""
        read -r stat <"/proc/$pid/stat" 2>/dev/null || true
        stat=\${stat##*) }
        if [ "\${stat%% *}" = Z ] || [ -z "$stat" ]; then continue; fi
        n=$((n + 1))
        if [ "$i" -gt 10 ]; then kill -9 "$pid" 2>/dev/null || true; else kill "$pid" 2>/dev/null || true; fi
      done
    done <"$STATE/netns"
    if [ "$n" -eq 0 ]; then break; fi
    sleep 0.1
  done
  while read -r ns; do
    if [ -e "/run/netns/$ns" ]; then ip netns del "$ns" || true; fi
  done < <(tac "$STATE/netns")
  while read -r ns; do
    if [ -e "/run/netns/$ns" ]; then die "could not delete namespace $ns"; fi
  done <"$STATE/netns"
  return 0
}
`);
}
