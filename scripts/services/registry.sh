#!/usr/bin/env bash
# A real OCI registry (Debian's docker-registry, distribution v2.8) on 127.0.0.1:5000 with htpasswd auth
# (ci-user / ci-password) and deletes enabled, for the end-to-end tests. Idempotent:
#   bash scripts/services/registry.sh        # install if needed, (re)write the config, start unless running
#   bash scripts/services/registry.sh stop   # stop the registry this script started (and only that one)
# Config, htpasswd, storage, log and pid file live in .tools/services/registry/. Docker treats registries on
# 127.0.0.0/8 as insecure (plain HTTP) by default, so no TLS and no daemon.json change are needed.
# Environment: REGISTRY_TIMEOUT (seconds to wait for the registry to answer, default 30).
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

addr=127.0.0.1:5000
port=${addr##*:}
username=ci-user
password=ci-password
dir="$state_dir/registry"
config="$dir/config.yml"
htpasswd_file="$dir/htpasswd"
log_file="$dir/registry.log"
pid_file="$dir/registry.pid"
timeout_s="${REGISTRY_TIMEOUT:-30}"
# What the command line of the registry we start looks like (to recognise it, never anything else).
ours_pattern="docker-registry serve ${config//./\\.}( |$)"
# The packaged service: /etc/init.d/docker-registry runs `docker-registry serve /etc/docker/registry/config.yml`.
packaged_config=/etc/docker/registry/config.yml

if [[ ${1:-start} == stop ]]; then
  stop_pidfile registry "$pid_file" "$ours_pattern"
  exit 0
elif [[ ${1:-start} != start ]]; then
  die "usage: $0 [start|stop]"
fi

# Keeps the packaged service from coming back with its own configuration (and :5000) at the next boot; the
# package stays installed for its binary. Debian's update-rc.d also removes the systemd unit's links.
disable_packaged() {
  if command -v update-rc.d >/dev/null 2>&1; then
    as_root update-rc.d docker-registry disable >/dev/null 2>&1 || true
  fi
}

missing=()
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if ((${#missing[@]})); then
  apt_install "${missing[@]}"
  if [[ " ${missing[*]} " == *" docker-registry "* ]]; then
    disable_packaged
  fi
fi

mkdir -p "$dir/data"

# distribution only accepts bcrypt entries (-B). Regenerated only when it does not verify: bcrypt is slow
# on purpose, and an unchanged file keeps the warm path fast.
if ! htpasswd -vb "$htpasswd_file" "$username" "$password" >/dev/null 2>&1; then
  htpasswd -Bbn "$username" "$password" >"$htpasswd_file.tmp"
  mv "$htpasswd_file.tmp" "$htpasswd_file"
fi

desired_config="version: 0.1
$(registry_config ghcr-publish-test-registry "$dir/data" "$addr" ghcr-publish-test-local-only)
auth:
  htpasswd:
    realm: ghcr-publish-test
    path: $htpasswd_file
"
config_changed="$(write_if_changed "$config" "$desired_config")"

anonymous_status() { http_status "http://$addr/v2/"; }
authorized_status() { http_status "http://$addr/v2/" -u "$username:$password"; }
registry_ready() { [[ $(anonymous_status) == 401 ]]; }

# Stops the packaged registry: its init script first (it owns the pid file), then the process itself. Only
# called for a process whose command line is `docker-registry serve /etc/docker/registry/config.yml`.
stop_packaged() {
  local pid=$1
  log "stopping the packaged docker-registry service (pid $pid: $(cmdline_of "$pid")), it holds :$port"
  if [[ -x /etc/init.d/docker-registry ]]; then
    as_root /etc/init.d/docker-registry stop >&2 || true
  fi
  if kill -0 "$pid" 2>/dev/null; then
    as_root kill -TERM "$pid" 2>/dev/null || true
    wait_for 15 "the packaged registry (pid $pid) to exit" pid_gone "$pid" || as_root kill -KILL "$pid" || true
  fi
  disable_packaged
}

if pid_alive "$pid_file" "$ours_pattern"; then
  if ((config_changed)); then
    log "registry configuration changed: restarting"
    stop_pidfile registry "$pid_file" "$ours_pattern" >&2
  elif wait_for "$timeout_s" "the registry (pid $(<"$pid_file")) to answer" registry_ready; then
    echo "registry: running (http://$addr, pid $(<"$pid_file"), started by these scripts)"
    exit 0
  else
    die "the registry started by these scripts (pid $(<"$pid_file")) does not answer http://$addr/v2/ (see $log_file)"
  fi
fi

# Something else on the port: a registry of another checkout serving the same credentials is as good as
# ours; Debian's packaged service (its own config, storage and users) is stopped; anything else is left
# alone and reported.
stop_orphaned_listeners "$port"
for pid in $(listeners "$port"); do
  cmd="$(cmdline_of "$pid")"
  if [[ "$cmd " == *"docker-registry serve $config "* ]]; then
    # Ours, with the pid file lost: adopt it.
    echo "$pid" >"$pid_file"
    if ((config_changed)); then
      stop_pidfile registry "$pid_file" "$ours_pattern" >&2
      continue
    fi
    wait_for "$timeout_s" "the registry (pid $pid) to answer" registry_ready ||
      die "the registry (pid $pid) does not answer http://$addr/v2/"
    echo "registry: running (http://$addr, pid $pid, started by these scripts)"
    exit 0
  elif [[ $(anonymous_status) == 401 && $(authorized_status) == 200 ]]; then
    echo "registry: running (http://$addr, pid $pid: $cmd, not started by these scripts)"
    exit 0
  elif [[ "$cmd " == *"docker-registry serve $packaged_config "* ]]; then
    stop_packaged "$pid"
  else
    die "127.0.0.1:$port is taken by pid $pid ($cmd), which is neither this registry nor Debian's packaged" \
      "one: stop it or free the port"
  fi
done
# Without ss the loop above sees nothing: still stop a packaged registry found by its command line.
if ! command -v ss >/dev/null 2>&1; then
  for proc in /proc/[0-9]*; do
    pid=${proc#/proc/}
    if [[ "$(cmdline_of "$pid") " == *"docker-registry serve $packaged_config "* ]]; then
      stop_packaged "$pid"
    fi
  done
fi

log "starting the registry (log: $log_file)"
printf '\n==== %s registry start\n' "$(date -u +%FT%TZ)" >>"$log_file"
log_from=$(wc -l <"$log_file")
spawn_daemon "$log_file" "$pid_file" docker-registry serve "$config"

registry_gone() { ! pid_alive "$pid_file"; }
ready_or_dead() { registry_ready || registry_gone; }

if ! wait_for "$timeout_s" "http://$addr/v2/ to answer 401" ready_or_dead || ! registry_ready; then
  {
    if registry_gone; then
      echo "error: the registry did not come up: docker-registry exited."
    else
      echo "error: the registry (pid $(<"$pid_file")) did not answer 401 on http://$addr/v2/ within" \
        "${timeout_s} s (last status: $(anonymous_status))."
    fi
    echo "Last lines of $log_file:"
    tail -n +"$((log_from + 1))" "$log_file" | tail -n 30 | sed 's/^/  /'
  } >&2
  exit 1
fi
status=$(authorized_status)
[[ $status == 200 ]] || die "the registry answers 401 but $username:$password gets $status on http://$addr/v2/"
echo "registry: started (http://$addr, pid $(<"$pid_file"))"
