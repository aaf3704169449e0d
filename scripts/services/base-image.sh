#!/usr/bin/env bash
# A tiny local base image for the end-to-end builds, localhost/ghcr-publish-test/busybox:latest: base images
# cannot be pulled here (no internet), so it is made by `docker import` of a rootfs holding Debian's static
# busybox with /bin/sh and the usual applet links. Idempotent: does nothing when the image exists.
# Needs a running engine (scripts/services/docker-engine.sh).
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

image=localhost/ghcr-publish-test/busybox:latest
busybox=/bin/busybox

[[ ${1:-start} == start ]] || die "usage: $0 [start]"

timeout 10 "$docker_cli" info >/dev/null 2>&1 ||
  die "the Docker engine does not answer '$docker_cli info': run scripts/services/docker-engine.sh first"

if id="$(timeout 20 "$docker_cli" image inspect --format '{{.Id}}' "$image" 2>/dev/null)"; then
  echo "base-image: present ($image, ${id:0:19})"
  exit 0
fi

# Debian's plain busybox package is dynamically linked and would not run in an image without libc: only
# busybox-static's binary does (the two packages replace each other).
if [[ "$(dpkg-query -W -f '${Status}' busybox-static 2>/dev/null || true)" != "install ok installed" ]]; then
  apt_install busybox-static
fi
[[ -x $busybox ]] || die "$busybox is missing after installing busybox-static"

rootfs="$(mktemp -d "${TMPDIR:-/tmp}/ghcr-publish-rootfs.XXXXXX")"
trap 'rm -rf "$rootfs"' EXIT

mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,root,proc,sys,dev,var/tmp}
install -d -m 1777 "$rootfs/tmp"
cp "$busybox" "$rootfs/bin/busybox"
# Every applet busybox knows, at the path it reports (bin/sh, usr/bin/env, ...), as a link to /bin/busybox.
applets=0
while IFS= read -r applet; do
  [[ -n $applet && $applet != bin/busybox ]] || continue
  mkdir -p "$rootfs/$(dirname "$applet")"
  ln -sf /bin/busybox "$rootfs/$applet"
  applets=$((applets + 1))
done < <("$busybox" --list-full)
[[ -L $rootfs/bin/sh ]] || die "$busybox --list-full did not list bin/sh"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"

# Owned by root and with fixed timestamps whoever runs this, so the layer is the same on every machine.
tar --create --numeric-owner --owner=0 --group=0 --sort=name --mtime=@0 -C "$rootfs" . |
  timeout 120 "$docker_cli" import \
    --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/sh"]' \
    --message "static busybox $("$busybox" 2>&1 | head -n 1 | cut -d' ' -f2) with $applets applets" \
    - "$image" >/dev/null
id="$(timeout 20 "$docker_cli" image inspect --format '{{.Id}}' "$image")"
echo "base-image: created ($image, ${id:0:19}, $applets applets)"
