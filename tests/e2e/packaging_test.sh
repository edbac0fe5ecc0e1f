#!/usr/bin/env bash
# Installing: `mailtrail --version`, `cmake --install` into a prefix, the example
# configuration, the manual pages (one per command of src/cli/main.cc), and the
# Debian package that cpack makes, read with dpkg-deb.
source "$(dirname "$0")/lib.sh"

BUILD=$(dirname "$MAILTRAIL_BIN")
project_version=$(sed -n 's/^project(mailtrail VERSION \([0-9.]*\) .*/\1/p' "$REPO/CMakeLists.txt")

out=$("$MAILTRAIL_BIN" --version)
check "--version gives project()'s version" bash -c "[[ '$out' =~ ^mailtrail\ $project_version( \(git [^ ]+\))?$ ]]"

# ---- cmake --install ----
prefix="$WORK/prefix"
out=$(cmake --install "$BUILD" --prefix "$prefix" 2>&1)
check "cmake --install into a prefix" equals "$?" 0
for file in bin/mailtrail etc/mailtrail/mailtrail.toml lib/systemd/system/mailtrail.service \
  share/man/man1/mailtrail.1.gz share/man/man1/mailtrail-backup.1.gz share/doc/mailtrail/README.md; do
  check "installs $file" test -f "$prefix/$file"
done
unit="$prefix/lib/systemd/system/mailtrail.service"
check "the unit runs the installed binary" grep -qx "ExecStart=$prefix/bin/mailtrail serve" "$unit"
check "with the installed configuration" grep -qx "Environment=MAILTRAIL_CONFIG=$prefix/etc/mailtrail/mailtrail.toml" "$unit"
if command -v systemd-analyze >/dev/null; then
  # --man=no: the unit's Documentation= page is installed under the prefix only.
  out=$(systemd-analyze verify --man=no "$unit" 2>&1)
  check "systemd-analyze verify passes the unit" equals "$?:$out" "0:"
fi

# ---- the example configuration ----
config="$prefix/etc/mailtrail/mailtrail.toml"
out=$(MAILTRAIL_DATABASE="$DB" "$prefix/bin/mailtrail" --config "$config" init 2>&1)
check "the example configuration loads" equals "$?:$out" "0:Database ready: $DB"
sed 's/^max_mime_depth = 64/max_mime_depth = 0/' "$config" >"$WORK/broken.toml"
out=$(MAILTRAIL_DATABASE="$DB" "$prefix/bin/mailtrail" --config "$WORK/broken.toml" init 2>&1)
check "and is read: a bad value in it is refused" contains "$out" "limits.max_mime_depth"

# ---- manual pages: one per command ----
commands=$(grep -o 'Add[A-Z][A-Za-z]*Command' "$REPO/src/cli/main.cc" |
  sed -e 's/^Add//' -e 's/Command$//' -e 's/\([a-z]\)\([A-Z]\)/\1-\2/g' | tr 'A-Z' 'a-z' | sort -u)
pages=$(cd "$prefix/share/man/man1" && ls mailtrail-*.1.gz | sed -e 's/^mailtrail-//' -e 's/\.1\.gz$//' | sort)
check "a manual page for each command of main.cc, and no other" equals "$pages" "$commands"
zcat "$prefix/share/man/man1/mailtrail-contact.1.gz" >"$WORK/contact.1"
check "a command's page has a NAME" grep -qx '.SH NAME' "$WORK/contact.1"
check "and holds its subcommands at every level" grep -qx '.SH "mailtrail contact alt-address add"' "$WORK/contact.1"
if command -v groff >/dev/null; then
  for page in "$prefix"/share/man/man1/*.gz; do zcat "$page" | groff -man -Tutf8 -ww -z; done >"$WORK/groff.out" 2>&1
  check "the pages render without warnings" test ! -s "$WORK/groff.out"
fi

# ---- the Debian package ----
if ! command -v dpkg-deb >/dev/null; then
  echo "ok - # SKIP no dpkg-deb: the Debian package is not checked"
  finish
  exit
fi
out=$(cpack --config "$BUILD/CPackConfig.cmake" -B "$WORK/package" 2>&1)
check "cpack makes the package" equals "$?" 0
deb=$(ls "$WORK"/package/mailtrail_*.deb 2>/dev/null)
check "named mailtrail_VERSION_ARCH.deb" bash -c "[[ '$deb' == *mailtrail_${project_version}_$(dpkg --print-architecture).deb ]]"
info=$(dpkg-deb -f "$deb" Package Version Depends)
check "package mailtrail of project()'s version" bash -c \
  "grep -qx 'Package: mailtrail' <<<'$info' && grep -qx 'Version: $project_version' <<<'$info'"
depends=$(dpkg-deb -f "$deb" Depends)
check "depends on adduser and the shared libraries (shlibdeps)" bash -c \
  "[[ '$depends' == *adduser* && '$depends' == *libc6* && '$depends' == *libgmime-3.0* && '$depends' == *libsqlite3* ]]"
mkdir "$WORK/control"
dpkg-deb -e "$deb" "$WORK/control"
check "the configuration is a conffile" grep -qx /etc/mailtrail/mailtrail.toml "$WORK/control/conffiles"
check "postinst makes the mailtrail user and /var/lib/mailtrail" bash -c \
  "grep -q 'adduser .*--system.* mailtrail' '$WORK/control/postinst' && grep -q 'install -d -o mailtrail -g mailtrail .* /var/lib/mailtrail' '$WORK/control/postinst'"
for script in postinst prerm postrm; do
  check "$script is a valid shell script" sh -n "$WORK/control/$script"
done
contents=$(dpkg-deb -c "$deb")
for file in ./usr/bin/mailtrail ./lib/systemd/system/mailtrail.service ./etc/mailtrail/mailtrail.toml \
  ./usr/share/man/man1/mailtrail.1.gz ./usr/share/man/man1/mailtrail-restore.1.gz; do
  check "the package holds $file" bash -c "awk '{ print \$6 }' <<<'$contents' | grep -qx '$file'"
done
check "every file belongs to root" bash -c "! awk '{ print \$2 }' <<<'$contents' | grep -vx root/root"
mkdir "$WORK/unpacked"
dpkg-deb -x "$deb" "$WORK/unpacked"
check "the packaged unit is the one in packaging/" \
  cmp "$REPO/packaging/mailtrail.service" "$WORK/unpacked/lib/systemd/system/mailtrail.service"
check "the packaged binary runs" bash -c "'$WORK/unpacked/usr/bin/mailtrail' --version | grep -q '^mailtrail $project_version'"

finish
