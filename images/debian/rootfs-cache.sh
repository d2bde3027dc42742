# debian_rootfs ROOT SUITE VARIANT MIRROR — fills ROOT with a debootstrapped
# Debian, from the cached tar when there is one. The cache is keyed on suite
# and variant (the mirror only decides where the same packages come from) and
# is written to a temp name and renamed, so an interrupted run leaves no half
# tar. A lock keeps two builds (./setup and a test, two test files) from
# running debootstrap twice at once; the second one waits and then unpacks.
debian_rootfs() {
  local root=$1 suite=$2 variant=$3 mirror=$4
  local dir=${BERTH_CACHE:-/var/cache/berth}
  local tarball="$dir/debian-$suite-$variant.tar"
  mkdir -p "$dir"
  command -v flock >/dev/null || die "flock is required (util-linux)"
  exec 9>"$tarball.lock"
  flock 9
  if [ ! -s "$tarball" ]; then
    command -v debootstrap >/dev/null || die "debootstrap not found: apt-get install debootstrap"
    echo "images/build: debootstrap --variant=$variant $suite (first time only, about a minute; cached in $tarball)" >&2
    local t0=$SECONDS log="$dir/debootstrap-$suite-$variant.log"
    debootstrap --variant="$variant" "$suite" "$root" "$mirror" >"$log" 2>&1 ||
      { tail -n 20 "$log" >&2; flock -u 9; die "debootstrap failed (log: $log)"; }
    # The packages debootstrap downloaded and its index files are 80 MB the
    # image never needs (apt-get update fetches fresh ones).
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
    mkdir -p "$root/var/lib/apt/lists/partial"
    tar --numeric-owner -C "$root" -cf "$tarball.tmp" .
    mv -f "$tarball.tmp" "$tarball"
    echo "images/build: debootstrap took $((SECONDS - t0)) s" >&2
  else
    tar --numeric-owner -xpf "$tarball" -C "$root"
  fi
  flock -u 9
  exec 9>&-
}
