#!/usr/bin/env bash
# Installs the Debian packages mailtrail builds and tests with, when missing.
# Usage: scripts/install-deps.sh
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libgmime-3.0-dev libsoci-dev libboost-dev libsqlite3-dev
  nlohmann-json3-dev libcli11-dev libtomlplusplus-dev libspdlog-dev libsodium-dev
  libgtest-dev jq dovecot-imapd openssl libetpan-dev libssl-dev postgresql libpq-dev
  python3  # Debian's /usr/bin/python3 runs the imaplib baseline of `make bench`
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing missing packages: ${missing[*]}"
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
