# add_closure RECOMMENDS PKG... — resolves PKG's dependency closure with apt
# in a private state dir reading the copied indexes (file: sources, so it
# sees exactly what the containers will see, verified the same way), then
# downloads each missing .deb from the real mirror to the same pool path,
# checked against the index's SHA256. The closure takes every alternative
# of an "a | b" dependency, so whatever the container's apt picks is there.

private_apt() {
  local etc="$cache/etc" state="$cache/state"
  mkdir -p "$etc/apt.conf.d" "$etc/preferences.d" "$etc/sources.list.d" "$state/lists/partial" "$cache/archives/partial"
  [ -f "$state/status" ] || : >"$state/status"
  local d root suite
  : >"$etc/sources.list"
  for d in "${DISTS[@]}"; do
    read -r root suite <<<"$d"
    echo "deb [signed-by=$keyring] file:$mirror/$root $suite main" >>"$etc/sources.list"
  done
  APT_OPTS=(-o "Dir::Etc=$etc" -o "Dir::State=$state" -o "Dir::State::status=$state/status"
    -o "Dir::Cache=$cache" -o "Dir::Cache::archives=$cache/archives"
    -o "APT::Architecture=$arch" -o "APT::Architectures=$arch" -o "Acquire::Languages=none" -q)
}

add_closure() {
  local recommends=$1
  shift
  private_apt
  apt-get "${APT_OPTS[@]}" update >/dev/null || die "apt-get update against the copied indexes failed"
  local no=(--no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances)
  [ "$recommends" = 1 ] || no+=(--no-recommends)
  local names
  # <virtual> names are left out; their providers are listed on their own.
  names=$(apt-cache "${APT_OPTS[@]}" depends --recurse "${no[@]}" "$@" | grep '^[a-z0-9]' | sort -u) ||
    die "cannot resolve $*"
  local uri file size sum rel path urls=() outs=() sums=()
  # shellcheck disable=SC2086
  while read -r uri file size sum; do
    uri=${uri//\'/}
    rel=${uri#file:"$mirror"/}
    # apt prints URIs percent-encoded ('+' as %2b); the file on disk has
    # the plain name, which is what the HTTP server maps a request to.
    path=$(printf '%b' "${rel//%/\\x}")
    [ -s "$mirror/$path" ] && continue
    mkdir -p "$mirror/$(dirname "$path")"
    urls+=("$UPSTREAM/$rel") outs+=("$mirror/$path") sums+=("${sum#SHA256:}")
  done < <(apt-get "${APT_OPTS[@]}" download --print-uris $names)
  [ ${#urls[@]} -gt 0 ] || { echo "apt-repo: $(wc -w <<<"$names") packages, all there" >&2; return 0; }
  echo "apt-repo: downloading ${#urls[@]} of $(wc -w <<<"$names") packages" >&2
  local i args=()
  for i in "${!urls[@]}"; do args+=("${urls[i]}" -o "${outs[i]}.part"); done
  curl -fsS --no-progress-meter --parallel --parallel-max 4 "${args[@]}" || die "downloading packages failed (try apt-repo add --refresh)"
  for i in "${!urls[@]}"; do
    [ "$(sha256sum "${outs[i]}.part" | cut -d' ' -f1)" = "${sums[i]}" ] || die "${urls[i]}: sha256 mismatch"
    mv -f "${outs[i]}.part" "${outs[i]}"
  done
}
