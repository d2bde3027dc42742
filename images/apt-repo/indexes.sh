# The signed index files of each suite, copied byte for byte from the real
# mirror so apt's signature and hash checks pass unchanged: InRelease, and
# main's Packages.gz and Packages.xz (the image asks for .gz first, other
# images for .xz), each also under by-hash/SHA256/ since Debian's InRelease
# says Acquire-By-Hash and apt fetches by hash. The indexes are fetched by
# hash too, so they always match the InRelease next to them even when the
# mirror updates meanwhile.

arch=$(dpkg --print-architecture)
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

# "HASH SIZE PATH" lines of the SHA256 section of a Release file.
release_sha256() { awk '/^[^ ]/ { on = ($1 == "SHA256:") ; next } on { print $1, $2, $3 }' "$1"; }

# True when every suite has an InRelease whose Valid-Until (bookworm-security
# has one, a week ahead) is more than a day away.
indexes_fresh() {
  local d root suite f until
  for d in "${DISTS[@]}"; do
    read -r root suite <<<"$d"
    f="$mirror/$root/dists/$suite/InRelease"
    [ -s "$f" ] || return 1
    until=$(sed -n 's/^Valid-Until: //p' "$f")
    if [ -n "$until" ] && [ "$(date -d "$until" +%s)" -lt "$(($(date +%s) + 86400))" ]; then return 1; fi
  done
  return 0
}

fetch_indexes() {
  local d root suite base new hash size path got
  for d in "${DISTS[@]}"; do
    read -r root suite <<<"$d"
    base="$UPSTREAM/$root/dists/$suite"
    new="$mirror/$root/dists/.$suite.new"
    rm -rf "$new"
    mkdir -p "$new"
    echo "apt-repo: fetching $root $suite indexes" >&2
    curl -fsS "$base/InRelease" -o "$new/InRelease" || die "cannot fetch $base/InRelease"
    gpgv --keyring "$keyring" "$new/InRelease" 2>/dev/null || die "$base/InRelease: bad signature"
    while read -r hash size path; do
      case "$path" in
        main/binary-$arch/Packages.gz | main/binary-$arch/Packages.xz) ;;
        *) continue ;;
      esac
      mkdir -p "$new/$(dirname "$path")/by-hash/SHA256"
      curl -fsS "$base/$(dirname "$path")/by-hash/SHA256/$hash" -o "$new/$path" || die "cannot fetch $base/$path"
      got=$(sha256sum "$new/$path" | cut -d' ' -f1)
      [ "$got" = "$hash" ] || die "$base/$path: sha256 $got, InRelease says $hash"
      ln -f "$new/$path" "$new/$(dirname "$path")/by-hash/SHA256/$hash"
    done < <(release_sha256 "$new/InRelease")
    [ -n "$(ls "$new/main/binary-$arch" 2>/dev/null)" ] || die "$base/InRelease lists no main/binary-$arch/Packages"
    rm -rf "$mirror/$root/dists/$suite"
    mv "$new" "$mirror/$root/dists/$suite"
  done
}
