/**
 * `lab.sh probe FROM TO PORT [PROTO] [--node NAME] [--sport N] [--count N]`: connects from the
 * source's namespace and prints one JSON line per connection — {"result", "endpoint" (who answered), "source" (the
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
    ip -n "$P-lan" route replace "$ip/32" via "$CLIENT_IP" dev "$LAN_BRIDGE"
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
  [ $# -ge 3 ] || die "usage: $SELF probe FROM TO PORT [TCP|UDP|ICMP] [--node NAME] [--sport N] [--count N]"
  local from=$1 to=$2 port=$3 proto=TCP node="" sport="" count=1 src ns bind dst entry="" i timeouts=0 line
  shift 3
  while [ $# -gt 0 ]; do
    case $1 in
      --node) node=\${2:-}; shift 2 ;;
      --node=*) node=\${1#--node=}; shift ;;
      --sport) sport=\${2:-}; shift 2 ;;
      --sport=*) sport=\${1#--sport=}; shift ;;
      --count) count=\${2:-}; shift 2 ;;
      --count=*) count=\${1#--count=}; shift ;;
      tcp | TCP | udp | UDP | icmp | ICMP) proto=\${1^^}; shift ;;
      *) die "probe: unexpected argument \"$1\"" ;;
    esac
  done
  [ -f "$STATE/netns" ] || die "lab $P is not up: sudo bash $SELF up"
  [[ $port =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "probe: PORT must be 1-65535, got \"$port\""
  [[ $count =~ ^[0-9]+$ ]] && [ "$count" -ge 1 ] || die "probe: --count must be a positive number, got \"$count\""
  [ -n "$sport" ] || sport=$((20000 + RANDOM % 12000))
  [[ $sport =~ ^[0-9]+$ ]] && [ $((sport + count - 1)) -le 65535 ] || die "probe: --sport must leave room for --count ports below 65536"
  [ -z "$node" ] || node_ns "$node" >/dev/null || die "probe: --node $node: no such node (nodes: $NODES)"
  src=$(probe_source "$from" "$node") || exit 1
  ns=\${src% *}; bind=\${src#* }
  if ! dst=$(ref_ip "$to"); then
    is_ip "$to" || die "probe: unknown destination \"$to\" (refs: pod/NS/NAME, NS/NAME, svc/NS/NAME, node/NAME, NAME.NS.svc.$DOMAIN, or an IP)"
    dst=$to
  fi
  [ "$dst" != none ] || die "probe: $to has no IPv4 address in this lab (a headless Service?)"
  local target
  if [ "$ns" = client ] && target=$(svc_outside "$to" "$port"); then
    case $target in
      nodeport*) port=\${target#nodeport }; dst=$(node_ip "\${node:-\${NODES%%,*}}") ;;
      ip*) read -r _ dst port <<<"$target" ;;
    esac
  fi
  local outside=0
  if [ "$ns" != client ] && ! ip_ns "$dst" >/dev/null && ! is_internal "$dst" && [[ $dst != 127.* ]]; then outside=1; fi
  if [ "$ns" = client ] || [ "$outside" = 1 ]; then
    # The outside client is shared by every probe: one at a time changes its addresses and routes.
    exec 9>"$STATE/client.lock"
    flock -w 60 9 || die "another probe has held the outside client for a minute"
  fi
  # An address of nothing in the cluster is an outside host: the client holds it and listens.
  if [ "$outside" = 1 ]; then
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
  [ "$proto" != ICMP ] || command -v ping >/dev/null 2>&1 || die "probe ICMP needs ping: apt-get install -y iputils-ping"
  # The connections run in the source's namespace: one bash given just the two functions (not this
  # whole script again), its settings passed in the environment.
  CONNECT_TIMEOUT=$CONNECT_TIMEOUT ANSWER_TIMEOUT=$ANSWER_TIMEOUT \
    nsenter --net="/run/netns/$P-$ns" -- timeout $((count * (CONNECT_TIMEOUT + ANSWER_TIMEOUT) + 5)) \
    bash -c "$(declare -f connect_loop connect_once)"'; connect_loop "$@"' connect \
    "$bind" "$dst" "$port" "$proto" "$sport" "$count" || true
  if [ -n "$entry" ]; then ip -n "$P-client" route del "$dst/32" 2>/dev/null || true; fi
  return 0
}

# Inside the source's namespace: COUNT connections from consecutive source ports, a JSON line each.
# A drop costs the whole connect timeout: after two, the remaining connections are not tried.
connect_loop() {
  local bind=$1 dst=$2 port=$3 proto=$4 sport=$5 count=$6 i timeouts=0 line
  for ((i = 0; i < count && timeouts < 2; i++)); do
    line=$(connect_once "$bind" "$dst" "$port" "$proto" $((sport + i)))
    echo "$line"
    [[ $line != *'"timeout"'* ]] || timeouts=$((timeouts + 1))
  done
}

connect_once() {
  local bind=$1 dst=$2 port=$3 proto=$4 sport=$5 opt out l detail="" result
  if [ "$bind" = - ]; then opt="sourceport=$sport"; else opt="bind=$bind:$sport"; fi
  case $proto in
    # -t: after stdin's EOF socat waits only this long for the answer (0.5 s by default, which a
    # busy machine can miss); a TCP server's close still ends it at once.
    TCP) out=$(socat -d -d -t "$ANSWER_TIMEOUT" -T "$ANSWER_TIMEOUT" - "TCP:$dst:$port,connect-timeout=$CONNECT_TIMEOUT,$opt,reuseaddr" </dev/null 2>&1) || true ;;
    UDP) out=$(echo probe | socat -t "$CONNECT_TIMEOUT" -T $((CONNECT_TIMEOUT + 1)) - "UDP:$dst:$port,$opt" 2>&1) || true ;;
    ICMP) out=$(ping -n -c 1 -W "$CONNECT_TIMEOUT" $([ "$bind" = - ] || echo -I "$bind") "$dst" 2>&1) || true ;;
  esac
  if [[ $out =~ (^|$'\n')ep=([^ ]*)\ port=([^ ]*)\ peer=([^ ]*)\ peerport=([^ $'\n']*) ]]; then
    printf '{"result": "connected", "endpoint": "%s:%s", "source": "%s:%s", "sport": %s}\n' \
      "\${BASH_REMATCH[2]}" "\${BASH_REMATCH[3]}" "\${BASH_REMATCH[4]}" "\${BASH_REMATCH[5]}" "$sport"
    return 0
  fi
  if [ "$proto" = ICMP ] && [[ $out =~ \ from\ ([0-9.]+) ]]; then
    printf '{"result": "connected", "endpoint": "%s", "source": null, "sport": null}\n' "\${BASH_REMATCH[1]}"
    return 0
  fi
  if [ "$proto" = TCP ] && [[ $out == *"starting data transfer loop"* ]]; then
    printf '{"result": "connected", "endpoint": null, "source": null, "sport": %s, "detail": "connected, but no answer within %ss"}\n' "$sport" "$ANSWER_TIMEOUT"
    return 0
  fi
  case $out in
    # A local sender learns of a REJECT in OUTPUT as EPERM on write, not as ICMP.
    *"Connection refused"* | *"Destination Port Unreachable"* | *"Operation not permitted"*) result=refused ;;
    *) result=timeout ;;
  esac
  while IFS= read -r l; do
    case $l in
      *" E "*) detail=\${l##* E } ;;
      *nreachable*) detail=$l ;;
    esac
  done <<<"$out"
  detail=\${detail//[\\\"]/}
  [ -n "$detail" ] || detail="no answer within \${CONNECT_TIMEOUT}s"
  printf '{"result": "%s", "endpoint": null, "source": null, "sport": %s, "detail": "%s"}\n' "$result" "$sport" "$detail"
}
`);
