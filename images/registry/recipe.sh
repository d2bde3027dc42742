# registry:2 — the distribution registry server from Debian's docker-registry
# package, laid out like Docker's official registry:2 image: /bin/registry,
# /entrypoint.sh, /etc/docker/registry/config.yml storing in
# /var/lib/registry and listening on :5000. REGISTRY_* environment variables
# override the config as usual, e.g. -e REGISTRY_HTTP_ADDR=127.0.0.1:5001.
REPO=registry
TAG=2
MESSAGE="registry:2 built from Debian's docker-registry"
CHANGES=(
  'VOLUME ["/var/lib/registry"]'
  'EXPOSE 5000'
  'ENTRYPOINT ["/entrypoint.sh"]'
  'CMD ["/etc/docker/registry/config.yml"]'
)

build_rootfs() {
  local root=$1 bin=/usr/bin/docker-registry bb=/bin/busybox
  [ -x "$bin" ] || die "$bin not found: apt-get install docker-registry"
  [ -x "$bb" ] || die "$bb not found: apt-get install busybox-static"
  mkdir -p "$root"/{bin,etc/docker/registry,var/lib/registry,tmp,dev,proc,sys}
  chmod 1777 "$root/tmp"
  install -m 0755 "$bin" "$root/bin/registry"
  # The Debian binary is linked against glibc: bring the libraries ldd names.
  local lib
  for lib in $(ldd "$bin" | grep -o '/[^ ]*'); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
  # The official image's entrypoint is a shell script: a static busybox runs it.
  install -m 0755 "$bb" "$root/bin/busybox"
  ln -s busybox "$root/bin/sh"
  cat >"$root/entrypoint.sh" <<'ENTRY'
#!/bin/sh
set -e
case "$1" in
  *.yaml|*.yml) set -- registry serve "$@" ;;
  serve|garbage-collect|help|-*) set -- registry "$@" ;;
esac
exec "$@"
ENTRY
  chmod 0755 "$root/entrypoint.sh"
  cat >"$root/etc/docker/registry/config.yml" <<'CONFIG'
version: 0.1
log:
  fields:
    service: registry
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: /var/lib/registry
http:
  addr: :5000
  headers:
    X-Content-Type-Options: [nosniff]
health:
  storagedriver:
    enabled: true
    interval: 10s
    threshold: 3
CONFIG
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  : >"$root/etc/hostname"
  : >"$root/etc/hosts"
  : >"$root/etc/resolv.conf"
}
