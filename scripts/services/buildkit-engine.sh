#!/usr/bin/env bash
# A real buildx and a real BuildKit for the end-to-end tests: Debian 13 (trixie) dockerd 26.1.5 with the
# containerd image store (its built-in BuildKit, the docker driver), containerd 1.7.24 and docker-buildx 0.13.1,
# unpacked from their .deb files (they need only libc6 >= 2.34, so they run on Debian 12), plus bookworm's QEMU
# for linux/arm64 and static busybox binaries for amd64 and arm64 (the content of FROM scratch test images).
#   bash scripts/services/buildkit-engine.sh        # fetch and unpack what is missing, start dockerd 26 unless it answers
#   bash scripts/services/buildkit-engine.sh stop   # stop the dockerd 26 this script started
#   bash scripts/services/buildkit-engine.sh env    # print the paths the tests use, as shell assignments
#
# The machine's apt sources are never changed: the trixie packages (and the arm64 busybox) are fetched with
# `apt-get download` and apt state of their own. Everything lives outside the checkout, under
# $GHCR_PUBLISH_MACHINE_DIR (default /var/lib/ghcr-publish), so every clone on the machine shares one engine
# and a removed clone leaves nothing running that a later one cannot use:
#   tools/trixie/root/      the unpacked packages (usr/sbin/dockerd, usr/bin/containerd, .../docker-buildx)
#   tools/busybox/<arch>/   busybox for amd64 and arm64
#   buildkit-engine/        dockerd's data root, exec root, socket (docker.sock), log and pid file
# dockerd runs with --bridge=none --iptables=false --ip-masq=false, so RUN steps need `--network host`.
# Environment: BUILDKIT_ENGINE_TIMEOUT (seconds to wait for dockerd to answer, default 60).
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

machine_dir="${GHCR_PUBLISH_MACHINE_DIR:-/var/lib/ghcr-publish}"
tools="$machine_dir/tools"
trixie_root="$tools/trixie/root"
busybox_dir="$tools/busybox"
engine_dir="$machine_dir/buildkit-engine"
socket="$engine_dir/docker.sock"
log_file="$engine_dir/dockerd.log"
pid_file="$engine_dir/dockerd.pid"
buildx_plugin="$trixie_root/usr/libexec/docker/cli-plugins/docker-buildx"
timeout_s="${BUILDKIT_ENGINE_TIMEOUT:-60}"
# The versions the tests were written against; a change here fetches and unpacks again.
trixie_packages=(docker.io=26.1.5+dfsg1-9+deb13u1+b1 containerd=1.7.24~ds1-6+deb13u1 docker-buildx=0.13.1+ds1-3)
ours_pattern="(^|/)dockerd .*--data-root ${engine_dir//./\\.}/data( |$)"

if [[ ${1:-start} == env ]]; then
  printf 'BUILDKIT_ENGINE_HOST=unix://%s\nBUILDX_PLUGIN=%s\nBUSYBOX_AMD64=%s\nBUSYBOX_ARM64=%s\n' \
    "$socket" "$buildx_plugin" "$busybox_dir/amd64/busybox" "$busybox_dir/arm64/busybox"
  exit 0
elif [[ ${1:-start} == stop ]]; then
  stop_pidfile buildkit-engine "$pid_file" "$ours_pattern"
  exit 0
elif [[ ${1:-start} != start ]]; then
  die "usage: $0 [start|stop|env]"
fi

mkdir -p "$tools" "$engine_dir" || die "cannot create $machine_dir (set GHCR_PUBLISH_MACHINE_DIR to a writable folder)"

# apt_download STATE_DIR ARCH SUITE OUT_DIR PACKAGE...: `apt-get download` with apt state of its own (sources,
# lists, cache, an empty dpkg status), so the machine's sources and package state are left as they are.
apt_download() {
  local state=$1 arch=$2 suite=$3 out=$4
  shift 4
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$out"
  printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian %s main\n' \
    "$suite" >"$state/sources.list"
  touch "$state/status"
  local options=(
    -o "Dir::Etc::SourceList=$state/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State=$state" -o "Dir::State::status=$state/status" -o "Dir::Cache=$state/cache"
    -o "APT::Architecture=$arch" -o "APT::Architectures::=$arch" -o Debug::NoLocking=1
    -o APT::Sandbox::User=root -qq
  )
  log "fetching $* ($suite, $arch) with apt state in $state"
  timeout 600 apt-get "${options[@]}" update >&2 || die "apt-get update for $suite ($arch) failed"
  (cd "$out" && timeout 900 apt-get "${options[@]}" download "$@" >&2) || die "apt-get download $* failed"
}

# The engine's runtime and the emulator come from bookworm (the machine's own sources): runc (installed with
# the 20.10 engine's docker.io), qemu-user-static, binfmt-support, and busybox-static for amd64.
missing=()
command -v runc >/dev/null 2>&1 || missing+=(runc)
[[ -x /usr/libexec/qemu-binfmt/aarch64-binfmt-P ]] || missing+=(qemu-user-static)
command -v update-binfmts >/dev/null 2>&1 || missing+=(binfmt-support)
[[ "$(dpkg-query -W -f '${Status}' busybox-static 2>/dev/null || true)" == "install ok installed" ]] ||
  missing+=(busybox-static)
((${#missing[@]} == 0)) || apt_install "${missing[@]}"

stamp="$tools/trixie/packages"
if [[ ! -x $trixie_root/usr/sbin/dockerd || ! -x $buildx_plugin || "$(cat "$stamp" 2>/dev/null)" != "${trixie_packages[*]}" ]]; then
  rm -rf "$tools/trixie"
  apt_download "$tools/trixie/apt" amd64 trixie "$tools/trixie/debs" "${trixie_packages[@]}"
  for deb in "$tools/trixie/debs"/*.deb; do dpkg-deb -x "$deb" "$trixie_root"; done
  rm -rf "$tools/trixie/debs"
  echo "${trixie_packages[*]}" >"$stamp"
fi

mkdir -p "$busybox_dir/amd64" "$busybox_dir/arm64"
install -m 755 /bin/busybox "$busybox_dir/amd64/busybox"
if [[ ! -x $busybox_dir/arm64/busybox ]]; then
  apt_download "$tools/busybox/apt-arm64" arm64 bookworm "$tools/busybox/debs" busybox-static:arm64
  rm -rf "$tools/busybox/unpacked"
  dpkg-deb -x "$tools/busybox/debs"/busybox-static_*_arm64.deb "$tools/busybox/unpacked"
  install -m 755 "$tools/busybox/unpacked/bin/busybox" "$busybox_dir/arm64/busybox"
  rm -rf "$tools/busybox/debs" "$tools/busybox/unpacked"
fi

# linux/arm64 through QEMU: binfmt_misc mounted, and qemu-aarch64 enabled with the F flag (the interpreter is
# opened at registration, so it works inside the build's containers whose root has no /usr/libexec/qemu-binfmt).
binfmt=/proc/sys/fs/binfmt_misc
if [[ ! -e $binfmt/register ]]; then
  as_root mount -t binfmt_misc binfmt_misc "$binfmt" || die "cannot mount binfmt_misc on $binfmt"
fi
if ! grep -qx enabled "$binfmt/qemu-aarch64" 2>/dev/null; then
  as_root update-binfmts --enable qemu-aarch64 >&2 || die "update-binfmts --enable qemu-aarch64 failed"
fi
grep -Eq '^flags: .*F' "$binfmt/qemu-aarch64" || die "$binfmt/qemu-aarch64 has no F flag: $(tr '\n' ' ' <"$binfmt/qemu-aarch64")"

engine_answers() { DOCKER_HOST="unix://$socket" timeout 10 "$docker_cli" info >/dev/null 2>&1; }
server_version() { DOCKER_HOST="unix://$socket" timeout 10 "$docker_cli" version --format '{{.Server.Version}}' 2>/dev/null || echo unknown; }

if engine_answers; then
  echo "buildkit-engine: running (dockerd $(server_version) on unix://$socket, pid $(cat "$pid_file" 2>/dev/null || echo '?'))"
  exit 0
fi

if ! pid_alive "$pid_file" "$ours_pattern"; then
  printf '{"features": {"containerd-snapshotter": true}}\n' >"$engine_dir/daemon.json"
  log "starting dockerd 26 (log: $log_file)"
  printf '\n==== %s dockerd start\n' "$(date -u +%FT%TZ)" >>"$log_file"
  log_from=$(wc -l <"$log_file")
  rm -f "$socket"
  # PATH: dockerd starts the containerd (1.7) and the shims it finds first; runc is bookworm's.
  PATH="$trixie_root/usr/bin:$trixie_root/usr/sbin:$PATH" spawn_daemon "$log_file" "$pid_file" \
    "$trixie_root/usr/sbin/dockerd" --config-file "$engine_dir/daemon.json" --host "unix://$socket" \
    --data-root "$engine_dir/data" --exec-root "$engine_dir/exec" --pidfile "$engine_dir/dockerd.own.pid" \
    --bridge=none --iptables=false --ip-masq=false
fi

daemon_gone() { ! pid_alive "$pid_file"; }
up_or_dead() { engine_answers || daemon_gone; }
if ! wait_for "$timeout_s" "dockerd 26 to answer on unix://$socket" up_or_dead || ! engine_answers; then
  {
    echo "error: dockerd 26 did not come up on unix://$socket."
    echo "Last lines of $log_file:"
    tail -n +"$((${log_from:-0} + 1))" "$log_file" | tail -n 30 | sed 's/^/  /'
  } >&2
  exit 1
fi
echo "buildkit-engine: started (dockerd $(server_version) on unix://$socket, pid $(<"$pid_file"))"
