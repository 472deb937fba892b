/**
 * `lab.sh probe FROM TO PORT [PROTO] [--node NAME] [--sport N]`: connects from the source's
 * namespace and prints one JSON line — {"result", "endpoint" (who answered), "source" (the
 * client address the server saw), "sport" (the port the client used), "detail" (the kernel's
 * error, when it did not connect)}. Refs are resolved as `k8snet trace` resolves them, from
 * tables written for this cluster (refs.ts).
 */
import { bash } from './shell';

export const PROBE = bash(String.raw`
# The source of a probe: "namespace bind-address" (bind-address "-" lets the kernel choose).
probe_source() {
  local from=$1 node=$2 ns ip
  if ns=$(ref_ns "$from"); then echo "$ns -"; return; fi
  is_ip "$from" || die "probe: unknown source \"$from\" (refs: pod/NS/NAME, NS/NAME, node/NAME, or an IP)"
  if ns=$(ip_ns "$from"); then echo "$ns $from"; return; fi
  if [ -n "$node" ] && [[ $from == 127.* ]]; then echo "$(node_ns "$node") $from"; return; fi
  echo "client $from"
}

is_ip() { [[ $1 =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]]; }

# An outside client's address: the client holds every outside address a probe names (on the
# node network, or beyond the router, which then routes it to the client).
client_addr() {
  local ip=$1
  ip -n "$P-client" -br addr show dev eth0 | grep -qw "$ip" && return 0
  if in_lan "$ip"; then
    ip -n "$P-client" addr add "$ip/$LAN_PREFIX" dev eth0
  else
    ip -n "$P-client" addr add "$ip/32" dev eth0
    ip -n "$P-lan" route replace "$ip/32" via "$CLIENT_IP" dev br0
  fi
}

# A listener of the outside host at ip:port (kept, like the pods', until down).
outside_listener() {
  local ip=$1 port=$2 proto=$3 flag i
  [ "$proto" = ICMP ] && return 0
  [ "$proto" = TCP ] && flag=-Hltn || flag=-Hlun
  [ -z "$(nsenter --net="/run/netns/$P-client" ss "$flag" "src $ip:$port" 2>/dev/null)" ] || return 0
  serve client "$proto" "$port" "$ip" "$ip"
  for i in $(seq 50); do
    [ -n "$(nsenter --net="/run/netns/$P-client" ss "$flag" "sport = :$port" 2>/dev/null)" ] && break
    sleep 0.1
  done
}

probe() {
  [ $# -ge 3 ] || die "usage: $SELF probe FROM TO PORT [TCP|UDP|ICMP] [--node NAME] [--sport N]"
  local from=$1 to=$2 port=$3 proto=TCP node="" sport="" src ns bind dst entry out line result
  shift 3
  while [ $# -gt 0 ]; do
    case $1 in
      --node) node=\${2:-}; shift 2 ;;
      --node=*) node=\${1#--node=}; shift ;;
      --sport) sport=\${2:-}; shift 2 ;;
      --sport=*) sport=\${1#--sport=}; shift ;;
      tcp | TCP | udp | UDP | icmp | ICMP) proto=\${1^^}; shift ;;
      *) die "probe: unexpected argument \"$1\"" ;;
    esac
  done
  [ -f "$STATE/netns" ] || die "lab $P is not up: sudo bash $SELF up"
  [[ $port =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "probe: PORT must be 1-65535, got \"$port\""
  [ -z "$node" ] || node_ns "$node" >/dev/null || die "probe: --node $node: no such node (nodes: $NODES)"
  [ -n "$sport" ] || sport=$((20000 + RANDOM % 12000))
  src=$(probe_source "$from" "$node") || exit 1
  ns=\${src% *}; bind=\${src#* }
  if ! dst=$(ref_ip "$to"); then
    is_ip "$to" || die "probe: unknown destination \"$to\" (refs: pod/NS/NAME, NS/NAME, svc/NS/NAME, node/NAME, NAME.NS.svc.$DOMAIN, or an IP)"
    dst=$to
  fi
  [ "$dst" != none ] || die "probe: $to has no IPv4 address in this lab (a headless Service?)"
  # An address of nothing in the cluster is an outside host: the client holds it and listens.
  if [ "$ns" != client ] && ! ip_ns "$dst" >/dev/null && ! is_internal "$dst" && [[ $dst != 127.* ]]; then
    client_addr "$dst"
    outside_listener "$dst" "$port" "$proto"
  fi
  if [ "$ns" = client ]; then
    client_addr "$bind"
    # --node: the packet enters the cluster through that node (as k8snet trace --node);
    # without it, a load-balancer or external IP goes to the node the explorer would pick.
    entry=$node
    [ -n "$entry" ] || entry=$(default_entry "$dst") || entry=""
    [ -z "$entry" ] || ip -n "$P-client" route replace "$dst/32" via "$(node_ip "$entry")" src "$bind"
  fi
  out=$(run_probe "$ns" "$bind" "$dst" "$port" "$proto" "$sport") || true
  [ "$ns" != client ] || [ -z "\${entry:-}" ] || ip -n "$P-client" route del "$dst/32" 2>/dev/null || true
  line=$(printf '%s\n' "$out" | grep -m1 '^ep=' || true)
  if [[ $line =~ ^ep=([^ ]*)\ port=([^ ]*)\ peer=([^ ]*)\ peerport=([^ ]*) ]]; then
    printf '{"result": "connected", "endpoint": "%s:%s", "source": "%s:%s", "sport": %s}\n' \
      "\${BASH_REMATCH[1]}" "\${BASH_REMATCH[2]}" "\${BASH_REMATCH[3]}" "\${BASH_REMATCH[4]}" "$sport"
    return 0
  fi
  if [ "$proto" = ICMP ] && [[ $out =~ \ from\ ([0-9.]+) ]]; then
    printf '{"result": "connected", "endpoint": "%s", "source": null, "sport": null}\n' "\${BASH_REMATCH[1]}"
    return 0
  fi
  case $out in
    *"Connection refused"* | *"Destination Port Unreachable"*) result=refused ;;
    *) result=timeout ;;
  esac
  line=$(printf '%s\n' "$out" | grep -E ' E |unreachable|Unreachable' | tail -1 | sed -E 's/^.* E //; s/[\\"]//g') || true
  [ -n "$line" ] || line="no answer within \${CONNECT_TIMEOUT}s"
  printf '{"result": "%s", "endpoint": null, "source": null, "sport": %s, "detail": "%s"}\n' "$result" "$sport" "$line"
}

run_probe() {
  local ns=$1 bind=$2 dst=$3 port=$4 proto=$5 sport=$6 opt
  if [ "$bind" = - ]; then opt="sourceport=$sport"; else opt="bind=$bind:$sport"; fi
  case $proto in
    TCP) nsenter --net="/run/netns/$P-$ns" -- timeout $((CONNECT_TIMEOUT + 3)) \
      socat -T "$CONNECT_TIMEOUT" - "TCP:$dst:$port,connect-timeout=$CONNECT_TIMEOUT,$opt,reuseaddr" </dev/null 2>&1 ;;
    UDP) echo probe | nsenter --net="/run/netns/$P-$ns" -- timeout $((CONNECT_TIMEOUT + 3)) \
      socat -T "$CONNECT_TIMEOUT" - "UDP:$dst:$port,$opt" 2>&1 ;;
    ICMP)
      command -v ping >/dev/null 2>&1 || die "probe ICMP needs ping: apt-get install -y iputils-ping"
      nsenter --net="/run/netns/$P-$ns" -- ping -n -c 1 -W "$CONNECT_TIMEOUT" $([ "$bind" = - ] || echo -I "$bind") "$dst" 2>&1 ;;
  esac
}
`);
