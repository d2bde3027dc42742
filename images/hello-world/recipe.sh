# hello-world:latest — one static binary, /hello, that prints a greeting.
REPO=hello-world
TAG=latest
MESSAGE="hello-world built from images/hello-world/hello.c"
CHANGES=('CMD ["/hello"]')

build_rootfs() {
  local root=$1
  command -v gcc >/dev/null || die "gcc is required (apt-get install gcc libc6-dev)"
  gcc -static -Os -s -o "$root/hello" "$RECIPE_DIR/hello.c" || die "compiling hello.c failed (is libc6-dev installed?)"
}
