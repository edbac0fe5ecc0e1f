#!/usr/bin/env bash
# Installs the Debian packages mailtrail builds and tests with, when missing.
# Usage: scripts/install-deps.sh [--fuzz]
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libgmime-3.0-dev libsoci-dev libboost-dev libsqlite3-dev
  nlohmann-json3-dev libcli11-dev libtomlplusplus-dev libspdlog-dev libsodium-dev libcpp-httplib-dev libgumbo-dev
  libgtest-dev jq dovecot-imapd openssl libetpan-dev libssl-dev postgresql libpq-dev
  cyrus-common sasl2-bin libwrap0  # Cyrus IMAP, the second server the mail store is tested against
  python3  # Debian's /usr/bin/python3 runs the Python baselines of `make bench`
  notmuch  # `notmuch new`, a baseline of the Maildir benchmark
  chromium  # the web UI's browser test, with Node.js below (playwright-core from npm, pinned in tests/browser)
)
# `make fuzz` also needs clang and its libFuzzer runtime; nothing else uses them,
# so `make test` and `make run` (and CI) do without the download.
[[ ${1:-} == --fuzz ]] && packages+=(clang libclang-rt-14-dev)

# Cyrus's imapd package conflicts with dovecot-imapd (both provide imap-server), so
# its programs are unpacked here instead of installed; see src/testing/cyrus_server.cc.
cyrus_dir=/usr/local/lib/mailtrail-test/cyrus-imapd

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
# Node.js and npm: any install will do (Debian's packages, or NodeSource's nodejs,
# which carries npm itself and conflicts with Debian's npm package).
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
[[ ${#missing[@]} -eq 0 && -x "$cyrus_dir/usr/lib/cyrus/bin/imapd" ]] && exit 0

sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "Installing missing packages: ${missing[*]}"
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [[ ! -x "$cyrus_dir/usr/lib/cyrus/bin/imapd" ]]; then
  echo "Unpacking cyrus-imapd into $cyrus_dir"
  version=$(dpkg-query -W -f='${Version}' cyrus-common)
  download=$(mktemp -d)
  chmod 755 "$download"  # apt fetches as its own user
  (cd "$download" && apt-get download -qq "cyrus-imapd=$version")
  "${sudo[@]}" mkdir -p "$cyrus_dir"
  "${sudo[@]}" dpkg -x "$download"/cyrus-imapd_*.deb "$cyrus_dir"
  rm -rf "$download"
fi
