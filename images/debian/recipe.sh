# debian:bookworm (also debian:12, debian:latest) — a minimal Debian 12 made
# with debootstrap --variant=minbase on this machine, then given the tweaks
# Docker's official debian image (debuerreotype) makes: apt cleans up after
# itself, no translations, gzipped indexes, no service starts during builds,
# no host files (hostname, resolv.conf) left behind, the deb822 sources of the
# official image (bookworm, bookworm-updates, bookworm-security, all on
# deb.debian.org, so images/apt-repo can stand in for it in builds).
#
# debootstrap downloads ~30 MB and takes about 40 s; its result is kept in
# $BERTH_CACHE (/var/cache/berth) as debian-SUITE-VARIANT.tar and reused, so
# later builds only unpack it (a few seconds). Delete the tar to refresh it.
SUITE=bookworm
VARIANT=minbase
MIRROR=http://deb.debian.org/debian
REPO=debian
TAG=$SUITE
EXTRA_TAGS=(debian:12 debian:latest)
MESSAGE="debian:$SUITE built with debootstrap --variant=$VARIANT"
CHANGES=(
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  'CMD ["bash"]'
)

# shellcheck source=/dev/null
source "$RECIPE_DIR/rootfs-cache.sh"
# shellcheck source=/dev/null
source "$RECIPE_DIR/docker-tweaks.sh"

build_rootfs() {
  local root=$1
  debian_rootfs "$root" "$SUITE" "$VARIANT" "$MIRROR"
  docker_tweaks "$root" "$SUITE"
}
