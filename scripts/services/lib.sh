# shellcheck shell=bash
# Sourced by the service scripts in this directory (not run on its own). Shared paths and helpers: where the
# state of the services lives, a bounded wait, and an apt-get install that never starts packaged services.
#
# Conventions every service script follows, so start-all.sh can print one line per service:
# - stdout gets exactly one line, "<service>: <state>"; progress, apt output and errors go to stderr;
# - every wait is bounded and a failure exits non-zero with the reason (and the service's log tail).

set -euo pipefail

services_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$services_dir/../.." && pwd)"
# Logs, pid files and the registry's data live with the other generated tools (.tools/ is git-ignored).
state_dir="$repo_root/.tools/services"
mkdir -p "$state_dir"

# The Debian client: the docker 28 client first on PATH (/usr/local/bin/docker) has no buildx and refuses
# DOCKER_BUILDKIT=1, while this one's built-in BuildKit works against the 20.10 engine.
# shellcheck disable=SC2034 # used by the scripts that source this file
docker_cli=/usr/bin/docker
# The tests' docker() helper talks to the local engine on /var/run/docker.sock whatever the caller's
# environment says; so do these checks, or a DOCKER_HOST elsewhere would pass for a running engine.
unset DOCKER_HOST DOCKER_CONTEXT

log() { printf '%s\n' "$*" >&2; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# now_us: microseconds since the epoch ($EPOCHREALTIME without its locale-dependent decimal separator).
now_us() { echo "${EPOCHREALTIME//[!0-9]/}"; }

# wait_for SECONDS DESCRIPTION COMMAND...: runs COMMAND every 0.25 s until it succeeds or SECONDS (a whole
# number) pass. The deadline is a clock time, not a count of attempts, so a slow COMMAND cannot stretch it.
wait_for() {
  local limit=$1 what=$2 deadline
  shift 2
  deadline=$(($(now_us) + limit * 1000000))
  while (($(now_us) < deadline)); do
    if "$@"; then
      return 0
    fi
    sleep 0.25
  done
  log "timed out after ${limit} s waiting for $what"
  return 1
}

# pid_alive PIDFILE [PATTERN]: true when PIDFILE names a live process whose command line matches PATTERN
# (an extended regular expression). The pattern guards against a recycled pid after a reboot or crash: we
# only ever signal a process that is still the program we started.
pid_alive() {
  local file=$1 pattern=${2:-} pid
  [[ -s $file ]] || return 1
  pid="$(<"$file")"
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/cmdline ]] || return 1
  # A daemon that died before this script reaped it is a zombie: gone, though its /proc entry remains.
  [[ "$(cut -d')' -f2 "/proc/$pid/stat" 2>/dev/null)" != " Z "* ]] || return 1
  [[ -z $pattern ]] && return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -Eq -- "$pattern"
}

pid_gone() { ! kill -0 "$1" 2>/dev/null; }

# stop_pidfile NAME PIDFILE PATTERN: TERM the process, wait up to 30 s, then KILL; removes the pid file.
stop_pidfile() {
  local name=$1 file=$2 pattern=$3 pid
  if ! pid_alive "$file" "$pattern"; then
    rm -f "$file"
    echo "$name: not running (nothing started by these scripts)"
    return 0
  fi
  pid="$(<"$file")"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_for 30 "$name (pid $pid) to exit" pid_gone "$pid"; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
  echo "$name: stopped (pid $pid)"
}

# spawn_daemon LOGFILE PIDFILE COMMAND...: starts COMMAND in the background, detached from the caller so it
# outlives it (setsid: own session, no SIGHUP; nohup), output appended to LOGFILE, pid in PIDFILE.
# Every inherited descriptor above 2 is closed first: otherwise the daemon would keep start-all.sh's lock
# (fd 9, so the next start-all.sh waits forever) and the caller's pipes (a test runner waiting for EOF).
spawn_daemon() {
  local log_file=$1 pid_file=$2
  shift 2
  (
    for fd_path in /proc/"$BASHPID"/fd/*; do
      fd=${fd_path##*/}
      if [[ $fd =~ ^[0-9]+$ ]] && ((fd > 2)); then
        eval "exec $fd>&-" 2>/dev/null || true
      fi
    done
    exec setsid nohup "$@" </dev/null >>"$log_file" 2>&1
  ) &
  echo $! >"$pid_file"
}

as_root() {
  if ((EUID == 0)); then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@"
  else
    die "'$*' needs root (and sudo is not available)"
  fi
}

# apt_install PACKAGE...: apt-get update, then install. Debian's docker.io and docker-registry try to start
# their own services on install, with their own configuration (the packaged registry takes :5000); a
# policy-rc.d answering 101 ("action forbidden") stops invoke-rc.d from doing that. An existing policy-rc.d
# (container images ship one) is left as it is; a temporary one is removed afterwards.
apt_install() {
  local policy=/usr/sbin/policy-rc.d created=0 status=0
  if [[ ! -e $policy ]]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    created=1
  fi
  log "installing $* with apt-get"
  # Bounded: a stuck mirror must fail the run instead of hanging it.
  # NEEDRESTART_SUSPEND: Debian's needrestart hook must not restart services (or print its report) here.
  as_root env DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 timeout 600 apt-get update -qq >&2 || status=$?
  if ((status == 0)); then
    as_root env DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 timeout 900 apt-get install -y -qq "$@" >&2 || status=$?
  fi
  if ((created)); then
    as_root rm -f "$policy"
  fi
  ((status == 0)) || die "apt-get install $* failed (exit $status)"
}

# http_status URL: prints the HTTP status code of a GET (000 when nothing answers), within 5 s. Extra
# arguments go to curl (e.g. -u user:password).
http_status() {
  local url=$1
  shift
  curl --silent --output /dev/null --write-out '%{http_code}' --max-time 5 "$@" "$url" 2>/dev/null || true
}

# Pids of the processes listening on PORT (ss from iproute2; empty when ss is missing).
listeners() {
  command -v ss >/dev/null 2>&1 || return 0
  ss -H -ltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u || true
}
cmdline_of() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true; }

# stop_orphaned_listeners PORT: stops what listens on PORT when it is one of these scripts' services started
# from a checkout whose .tools/ is gone (its command line names a file under .tools/services/ that no longer
# exists). Such a process would hold the port forever for every later clone, answering with lost state.
stop_orphaned_listeners() {
  local pid cmd file
  for pid in $(listeners "$1"); do
    cmd="$(cmdline_of "$pid")"
    file="$(grep -Eo '/[^ ]*/\.tools/services/[^ ]+' <<<"$cmd" | head -n 1 || true)"
    [[ -n $file && ! -e $file ]] || continue
    log "stopping pid $pid on :$1, left by a removed checkout ($cmd)"
    kill -TERM "$pid" 2>/dev/null || true
    wait_for 15 "pid $pid to exit" pid_gone "$pid" || kill -KILL "$pid" 2>/dev/null || true
  done
}

# write_if_changed FILE CONTENT: prints 1 when the file was (re)written, 0 when it already held CONTENT.
write_if_changed() {
  if [[ -f $1 ]] && [[ "$(<"$1")"$'\n' == "$2" ]]; then
    echo 0
  else
    printf '%s' "$2" >"$1"
    echo 1
  fi
}

# registry_config SERVICE DATA_DIR ADDR SECRET: the part of distribution's configuration both test registries
# share (the caller adds its auth section). No blob descriptor cache: with deletes enabled, a cache can answer
# for blobs that are gone. The fixed secret signs upload state between requests and avoids a warning.
registry_config() {
  printf '%s\n' "log:
  level: info
  fields:
    service: $1
storage:
  filesystem:
    rootdirectory: $2
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: $3
  secret: $4
  headers:
    X-Content-Type-Options: [nosniff]"
}
