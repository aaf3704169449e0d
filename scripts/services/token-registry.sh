#!/usr/bin/env bash
# A registry that authenticates like ghcr.io, for the end-to-end tests: a second distribution v2.8 (Debian's
# docker-registry) on 127.0.0.1:5001 with `auth: token`, and its token server on 127.0.0.1:5002
# (scripts/services/token-server.mjs, plain Node) that signs ES256 JWTs with a self-signed certificate the
# registry trusts (rootcertbundle; the certificate travels in each token's x5c header). Users:
#   ci-user / ci-password               pull and push everywhere
#   ci-reader / reader-password         read-only: asking for push gets 403 "permission_denied: write_package"
#   ci-installation / installation-password
#                                       read-only: 403 "installation not allowed to Write organization package"
# Idempotent:
#   bash scripts/services/token-registry.sh        # install if needed, (re)write the config, start what is not running
#   bash scripts/services/token-registry.sh stop   # stop the registry and token server this script started
# Key, certificate, configs, storage, logs and pid files live in .tools/services/token-registry/.
# Environment: TOKEN_REGISTRY_TIMEOUT (seconds to wait for each service to answer, default 30).
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

addr=127.0.0.1:5001
token_addr=127.0.0.1:5002
realm="http://$token_addr/token"
service=ghcr-publish-test-token-registry
issuer=ghcr-publish-test-token-server
dir="$state_dir/token-registry"
config="$dir/config.yml"
token_config="$dir/token-server.json"
key_file="$dir/token-signing.key"
cert_file="$dir/token-signing.crt"
registry_log="$dir/registry.log"
registry_pid="$dir/registry.pid"
token_log="$dir/token-server.log"
token_pid="$dir/token-server.pid"
token_server="$services_dir/token-server.mjs"
timeout_s="${TOKEN_REGISTRY_TIMEOUT:-30}"
# What the command lines of our two processes look like (to recognise them, never anything else).
registry_pattern="docker-registry serve ${config//./\\.}( |$)"
token_pattern="token-server\.mjs ${token_config//./\\.}( |$)"
# name password actions denial (the users of the token server; the denials are GHCR's exact texts).
users=(
  'ci-user|ci-password|pull,push,delete,*|'
  'ci-reader|reader-password|pull|permission_denied: write_package'
  'ci-installation|installation-password|pull|installation not allowed to Write organization package'
)

# adopt PORT PID_FILE PATTERN: when PID_FILE names no process of ours, the process of ours listening on PORT (its
# pid file lost to a crash or a SIGKILLed caller), recognised by its command line, gets it back. Prints the pids
# of anything else on the port.
adopt() {
  local port=$1 pid_file=$2 pattern=$3 pid
  pid_alive "$pid_file" "$pattern" && return 0
  rm -f "$pid_file"
  stop_orphaned_listeners "$port"
  for pid in $(listeners "$port"); do
    if grep -Eq -- "$pattern" <<<"$(cmdline_of "$pid")"; then
      echo "$pid" >"$pid_file"
    else
      echo "$pid"
    fi
  done
}

if [[ ${1:-start} == stop ]]; then
  adopt "${addr##*:}" "$registry_pid" "$registry_pattern" >/dev/null
  adopt "${token_addr##*:}" "$token_pid" "$token_pattern" >/dev/null
  registry_line="$(stop_pidfile registry "$registry_pid" "$registry_pattern")"
  token_line="$(stop_pidfile token-server "$token_pid" "$token_pattern")"
  echo "token-registry: ${registry_line#registry: }; token server ${token_line#token-server: }"
  exit 0
elif [[ ${1:-start} != start ]]; then
  die "usage: $0 [start|stop]"
fi

missing=()
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if ((${#missing[@]})); then
  apt_install "${missing[@]}"
  # As registry.sh: the package stays for its binary, its own service (on :5000) never comes back at boot.
  if [[ " ${missing[*]} " == *" docker-registry "* ]] && command -v update-rc.d >/dev/null 2>&1; then
    as_root update-rc.d docker-registry disable >/dev/null 2>&1 || true
  fi
fi

# The token server needs Node 20 or later: the node on PATH when it is recent enough, else the project's
# Node 24 (scripts/node24.sh installs it from the npm registry).
node_bin="$(command -v node || true)"
if [[ -z $node_bin ]] || ! "$node_bin" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then
  node_bin="$(bash "$repo_root/scripts/node24.sh")"
fi

mkdir -p "$dir/data"

# The signing key and its self-signed certificate: made once, again only when missing, not matching each
# other, or expiring within a week.
key_matches_cert() {
  [[ -s $key_file && -s $cert_file ]] || return 1
  openssl x509 -checkend 604800 -noout -in "$cert_file" >/dev/null 2>&1 || return 1
  [[ "$(openssl x509 -noout -pubkey -in "$cert_file" 2>/dev/null)" == "$(openssl pkey -pubout -in "$key_file" 2>/dev/null)" ]]
}
if ! key_matches_cert; then
  log "creating the token signing key and certificate in $dir"
  (
    umask 077
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$key_file.tmp" 2>/dev/null
    openssl req -x509 -new -sha256 -days 3650 -key "$key_file.tmp" -subj "/CN=$issuer" -out "$cert_file.tmp" 2>/dev/null
    mv "$key_file.tmp" "$key_file"
    mv "$cert_file.tmp" "$cert_file"
  ) || die "openssl could not create the token signing key and certificate"
  key_matches_cert || die "the new token signing certificate does not match its key"
fi
# Part of both configurations: a new certificate changes them, so both processes restart and agree. (The token
# server's configuration also holds the hash of its code: an edited token-server.mjs restarts it.)
fingerprint="$(openssl x509 -noout -fingerprint -sha256 -in "$cert_file" | cut -d= -f2)"

desired_config="version: 0.1
# token signing certificate (sha256 fingerprint): $fingerprint
$(registry_config ghcr-publish-test-token-registry "$dir/data" "$addr" ghcr-publish-test-token-local-only)
auth:
  token:
    realm: $realm
    service: $service
    issuer: $issuer
    rootcertbundle: $cert_file
"

json_users=()
for entry in "${users[@]}"; do
  IFS='|' read -r name password actions denial <<<"$entry"
  hash="$(printf '%s' "$password" | sha256sum | cut -d' ' -f1)"
  json_actions="\"${actions//,/\",\"}\""
  json_users+=("{\"name\": \"$name\", \"passwordSha256\": \"$hash\", \"actions\": [$json_actions]${denial:+, \"denial\": \"$denial\"}}")
done
joined_users="$(printf '    %s,\n' "${json_users[@]}")"
desired_token_config="{
  \"host\": \"${token_addr%:*}\",
  \"port\": ${token_addr##*:},
  \"issuer\": \"$issuer\",
  \"service\": \"$service\",
  \"key\": \"$key_file\",
  \"certificate\": \"$cert_file\",
  \"certificateSha256\": \"$fingerprint\",
  \"serverSha256\": \"$(sha256sum "$token_server" | cut -d' ' -f1)\",
  \"ttlSeconds\": 300,
  \"users\": [
${joined_users%,}
  ]
}
"

registry_changed="$(write_if_changed "$config" "$desired_config")"
token_changed="$(write_if_changed "$token_config" "$desired_token_config")"

token_status() { http_status "http://$token_addr/token?service=$service"; }
# Anonymous: 401 from both; the registry's challenge must point at our token server.
token_ready() { [[ $(token_status) == 401 ]]; }
registry_ready() {
  local headers
  headers="$(curl --silent --max-time 5 --output /dev/null --dump-header - "http://$addr/v2/" 2>/dev/null || true)"
  [[ ${headers,,} == *$'\n'"www-authenticate: bearer realm=\"$realm\""* ]] && [[ $headers == "HTTP/1.1 401 "* ]]
}

# ready_or_gone READY_FUNCTION PID_FILE: stops the wait for a starting process early when it has exited. Only the
# pid is checked: right after the fork the process is still on its way to exec.
ready_or_gone() { "$1" || ! pid_alive "$2"; }

# ensure_running NAME PORT PID_FILE PATTERN CHANGED READY_FUNCTION LOG_FILE COMMAND...: leaves one process of
# ours answering on PORT, started with COMMAND; restarts it when its configuration CHANGED (1). A process of
# ours whose pid file was lost is adopted (see adopt). Prints "started" or "running".
ensure_running() {
  local name=$1 port=$2 pid_file=$3 pattern=$4 changed=$5 ready=$6 log_file=$7 pid log_from
  shift 7
  for pid in $(adopt "$port" "$pid_file" "$pattern"); do
    die "127.0.0.1:$port is taken by pid $pid ($(cmdline_of "$pid")), which is not the $name of these scripts:" \
      "stop it or free the port"
  done
  if pid_alive "$pid_file" "$pattern"; then
    if ((changed)); then
      log "$name configuration changed: restarting"
      stop_pidfile "$name" "$pid_file" "$pattern" >&2
    elif wait_for "$timeout_s" "the $name (pid $(<"$pid_file")) to answer" "$ready"; then
      echo running
      return 0
    else
      die "the $name started by these scripts (pid $(<"$pid_file")) does not answer on 127.0.0.1:$port (see $log_file)"
    fi
  fi

  log "starting the $name (log: $log_file)"
  printf '\n==== %s %s start\n' "$(date -u +%FT%TZ)" "$name" >>"$log_file"
  log_from=$(wc -l <"$log_file")
  spawn_daemon "$log_file" "$pid_file" "$@"
  if ! wait_for "$timeout_s" "the $name on 127.0.0.1:$port" ready_or_gone "$ready" "$pid_file" || ! "$ready"; then
    {
      if ! pid_alive "$pid_file"; then
        echo "error: the $name did not come up: it exited."
      else
        echo "error: the $name (pid $(<"$pid_file")) did not answer on 127.0.0.1:$port within ${timeout_s} s."
      fi
      echo "Last lines of $log_file:"
      tail -n +"$((log_from + 1))" "$log_file" | tail -n 30 | sed 's/^/  /'
    } >&2
    exit 1
  fi
  echo started
}

# The whole flow once, as docker does it: a token for ci-user, then /v2/ with it, and ci-reader refused a push.
# Proves the registry accepts the token server's signatures (issuer, audience, certificate). Prints what is
# wrong and returns 1 otherwise. The token stays in this shell.
whole_flow_problem() {
  local answer token status reader_status
  answer="$(curl --silent --max-time 5 --user ci-user:ci-password \
    "$realm?service=$service&scope=repository:readiness/check:pull" 2>/dev/null || true)"
  token="$(sed -n 's/^{"token":"\([^"]*\)".*/\1/p' <<<"$answer")"
  if [[ -z $token ]]; then
    echo "the token server at $realm gave ci-user no token (see $token_log)"
    return 1
  fi
  status="$(http_status "http://$addr/v2/" --header "Authorization: Bearer $token")"
  if [[ $status != 200 ]]; then
    echo "the registry on http://$addr refuses the token server's token (HTTP $status); last lines of $registry_log:"
    tail -n 10 "$registry_log" 2>/dev/null | sed 's/^/  /'
    return 1
  fi
  reader_status="$(http_status "$realm?service=$service&scope=repository:readiness/check:pull,push" \
    --user ci-reader:reader-password)"
  if [[ $reader_status != 403 ]]; then
    echo "the token server gives ci-reader HTTP $reader_status for push, not 403"
    return 1
  fi
}

# Both ports held by another checkout's pair that passes the whole flow: as good as ours (registry.sh accepts
# another checkout's registry the same way), so two clones can run their tests on one machine.
foreign_pair() {
  local pid
  if pid_alive "$token_pid" "$token_pattern" || pid_alive "$registry_pid" "$registry_pattern"; then
    return 1
  fi
  [[ -n "$(listeners "${addr##*:}")" && -n "$(listeners "${token_addr##*:}")" ]] || return 1
  for pid in $(listeners "${addr##*:}") $(listeners "${token_addr##*:}"); do
    [[ "$(cmdline_of "$pid")" != *"$dir"* ]] || return 1
  done
  whole_flow_problem >/dev/null
}
if foreign_pair; then
  echo "token-registry: running (http://$addr, token server $realm, not started by these scripts)"
  exit 0
fi

# The token server first: the registry's readiness check below asks it for a token.
token_state="$(ensure_running token-server "${token_addr##*:}" "$token_pid" "$token_pattern" "$token_changed" \
  token_ready "$token_log" "$node_bin" "$token_server" "$token_config")"
registry_state="$(ensure_running registry "${addr##*:}" "$registry_pid" "$registry_pattern" "$registry_changed" \
  registry_ready "$registry_log" docker-registry serve "$config")"

if ! problem="$(whole_flow_problem)"; then
  die "$problem"
fi
if [[ $registry_state == running && $token_state == running ]]; then
  echo "token-registry: running (http://$addr, token server $realm, pids $(<"$registry_pid")/$(<"$token_pid"), started by these scripts)"
else
  echo "token-registry: started (http://$addr, token server $realm, pids $(<"$registry_pid")/$(<"$token_pid"))"
fi
