# docker_tweaks ROOT SUITE — what Docker's official debian image does to a
# debootstrapped root (debuerreotype-minimizing-config and friends, which
# come from moby's contrib/mkimage/debootstrap), so Dockerfiles written for
# debian:bookworm behave the same here.
docker_tweaks() {
  local root=$1 suite=$2 conf="$1/etc/apt/apt.conf.d"

  # Builds run apt without an init: a postinst must not try to start its
  # daemon (invoke-rc.d asks policy-rc.d; 101 = action forbidden).
  cat >"$root/usr/sbin/policy-rc.d" <<'SH'
#!/bin/sh
# Docker-style: refuse every service start/stop while packages are installed.
exit 101
SH
  chmod 0755 "$root/usr/sbin/policy-rc.d"

  # dpkg's fsync after every file only slows a layer that is committed whole.
  echo 'force-unsafe-io' >"$root/etc/dpkg/dpkg.cfg.d/docker-apt-speedup"

  # apt-get clean after every install, so a RUN layer holds no .debs.
  cat >"$conf/docker-clean" <<'APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
APT
  echo 'Acquire::Languages "none";' >"$conf/docker-no-languages"
  printf '%s\n' 'Acquire::GzipIndexes "true";' 'Acquire::CompressionTypes::Order:: "gz";' >"$conf/docker-gzip-indexes"
  echo 'Apt::AutoRemove::SuggestsImportant "false";' >"$conf/docker-autoremove-suggests"
  # A container has no kernel for apt to protect from autoremove.
  rm -f "$conf/01autoremove-kernels"

  # The official image's sources: deb822, with updates and security, all on
  # deb.debian.org (security too, as /debian-security).
  rm -f "$root/etc/apt/sources.list"
  cat >"$root/etc/apt/sources.list.d/debian.sources" <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: $suite $suite-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: $suite-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC

  # Nothing of the build host: debootstrap copied its resolv.conf and
  # hostname. The runtime bind-mounts these three, so empty files stay.
  : >"$root/etc/hostname"
  : >"$root/etc/hosts"
  rm -f "$root/etc/resolv.conf"
  : >"$root/etc/resolv.conf"
  ln -sfn ../proc/self/mounts "$root/etc/mtab"
  # The runtime mounts its own /dev; debootstrap's device nodes are not image content.
  rm -rf "${root:?}"/dev/* "${root:?}"/tmp/* "${root:?}"/run/*
  chmod 1777 "$root/tmp"
  # /var/lock is a link to /run/lock; the official image keeps that directory
  # (apache2's lock dir and others live under it).
  mkdir -p "$root/run/lock"
  chmod 1777 "$root/run/lock"

  # Apt state the image should not carry: package caches, lists, logs of the bootstrap.
  rm -rf "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  mkdir -p "$root/var/lib/apt/lists/partial" "$root/var/cache/apt/archives/partial"
  rm -f "$root/var/log/bootstrap.log" "$root/var/cache/ldconfig/aux-cache"
  local f
  for f in "$root"/var/log/dpkg.log "$root"/var/log/alternatives.log "$root"/var/log/apt/*.log; do
    [ -f "$f" ] && : >"$f"
  done
  return 0
}
