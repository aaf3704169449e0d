#!/usr/bin/env bash
# A real Docker engine for the end-to-end tests. Idempotent:
#   bash scripts/services/docker-engine.sh        # install docker.io if needed, start dockerd unless one answers
#   bash scripts/services/docker-engine.sh stop   # stop the dockerd this script started (and only that one)
# There is no systemd here, so dockerd runs in the background of whoever calls this, detached (setsid) so it
# outlives the calling test run; its log and pid file are in .tools/services/.
# Environment: DOCKER_ENGINE_TIMEOUT (seconds to wait for the engine to answer, default 60).
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

log_file="$state_dir/dockerd.log"
pid_file="$state_dir/dockerd.pid"
timeout_s="${DOCKER_ENGINE_TIMEOUT:-60}"

engine_answers() { timeout 10 "$docker_cli" info >/dev/null 2>&1; }

server_version() { timeout 10 "$docker_cli" version --format '{{.Server.Version}}' 2>/dev/null || echo unknown; }

if [[ ${1:-start} == stop ]]; then
  stop_pidfile docker-engine "$pid_file" '(^|/)dockerd( |$)'
  exit 0
elif [[ ${1:-start} != start ]]; then
  die "usage: $0 [start|stop]"
fi

if [[ ! -x $docker_cli ]] || ! command -v dockerd >/dev/null 2>&1; then
  apt_install docker.io
fi

if engine_answers; then
  if pid_alive "$pid_file" '(^|/)dockerd( |$)'; then
    echo "docker-engine: running (dockerd $(server_version), pid $(<"$pid_file"), started by these scripts)"
  else
    echo "docker-engine: running (dockerd $(server_version), already up, not started by these scripts)"
  fi
  exit 0
fi

# A dockerd we started earlier that does not answer yet (another caller is starting it right now, or it is
# slow): wait for it rather than start a second daemon on the same socket and data root.
if ! pid_alive "$pid_file" '(^|/)dockerd( |$)'; then
  # Without systemd nothing may have mounted the cgroup hierarchies dockerd needs; Debian's cgroupfs-mount
  # (recommended by docker.io) does that on sysvinit systems.
  if ! grep -Eq ' /sys/fs/cgroup(/[^ ]*)? (cgroup2?|tmpfs) ' /proc/mounts && command -v cgroupfs-mount >/dev/null 2>&1; then
    log "mounting cgroups with cgroupfs-mount"
    as_root cgroupfs-mount >&2 || true
  fi
  log "starting dockerd (log: $log_file)"
  printf '\n==== %s dockerd start\n' "$(date -u +%FT%TZ)" >>"$log_file"
  # The error report shows only this start's part of the log (it is appended to across starts).
  log_from=$(wc -l <"$log_file")
  # --bridge=none etc.: this machine may not create bridges or iptables rules (builds use --network host).
  spawn_daemon "$log_file" "$pid_file" dockerd --bridge=none --iptables=false --ip-masq=false
fi

# Only the pid is checked here, not the command line: right after the fork the process is still a subshell
# on its way to exec setsid, nohup, then dockerd.
daemon_gone() { ! pid_alive "$pid_file"; }

engine_up_or_dead() {
  engine_answers && return 0
  # Stop waiting early when the daemon has already exited: the log says why.
  daemon_gone && return 0
  return 1
}

if ! wait_for "$timeout_s" "dockerd to answer '$docker_cli info'" engine_up_or_dead || ! engine_answers; then
  {
    if daemon_gone; then
      echo "error: the Docker engine did not come up: dockerd exited."
    else
      echo "error: the Docker engine did not come up within ${timeout_s} s: dockerd (pid $(<"$pid_file")) is" \
        "running but '$docker_cli info' does not answer."
    fi
    echo "Last lines of $log_file:"
    tail -n +"$((${log_from:-0} + 1))" "$log_file" | tail -n 30 | sed 's/^/  /'
  } >&2
  exit 1
fi
echo "docker-engine: started (dockerd $(server_version), pid $(<"$pid_file"))"
