# busybox:latest — Debian's statically linked busybox with every applet
# hardlinked (as Docker's busybox image has them), plus the /etc files and
# empty mount-point placeholders such an image carries.
REPO=busybox
TAG=latest
MESSAGE="busybox built from Debian's busybox-static"
CHANGES=('CMD ["sh"]')

build_rootfs() {
  local root=$1 bb=/bin/busybox
  [ -x "$bb" ] || die "$bb not found: apt-get install busybox-static"
  # A dynamically linked busybox would not run in an image without libc.
  if ldd "$bb" >/dev/null 2>&1; then
    die "$bb is dynamically linked: install busybox-static, not busybox"
  fi
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,home,root,tmp,var/spool/mail,var/www,dev,proc,sys}
  chmod 1777 "$root/tmp"
  chmod 0700 "$root/root"
  install -m 0755 "$bb" "$root/bin/busybox"
  local applet
  for applet in $("$bb" --list-full); do
    case "$applet" in
      */*) ;;        # skip top-level entries such as linuxrc
      *) continue ;;
    esac
    [ "$applet" = bin/busybox ] && continue
    mkdir -p "$root/$(dirname "$applet")"
    ln -f "$root/bin/busybox" "$root/$applet"
  done
  [ -e "$root/bin/sh" ] || die "busybox has no sh applet"

  cat >"$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
PASSWD
  cat >"$root/etc/group" <<'GROUP'
root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
kmem:x:9:
wheel:x:10:root
cdrom:x:11:
dialout:x:18:
floppy:x:19:
video:x:28:
audio:x:29:
tape:x:32:
www-data:x:33:
operator:x:37:
utmp:x:43:
plugdev:x:46:
staff:x:50:
lock:x:54:
netdev:x:82:
users:x:100:
nogroup:x:65534:
GROUP
  local u
  : >"$root/etc/shadow"
  for u in root daemon bin sys sync mail www-data operator nobody; do
    echo "$u:*::0:::::" >>"$root/etc/shadow"
  done
  chmod 0640 "$root/etc/shadow"
  # Placeholders the runtime bind-mounts over.
  : >"$root/etc/hostname"
  : >"$root/etc/hosts"
  : >"$root/etc/resolv.conf"
  ln -s /proc/mounts "$root/etc/mtab"
}
