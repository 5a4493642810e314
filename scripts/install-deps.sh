#!/usr/bin/env bash
# Installs the Debian packages Flashlake needs to build, test and run its demo.
# Idempotent: asks apt-get only for what is missing, and is quiet when all is present.
set -euo pipefail

packages=(
    build-essential cmake ninja-build ccache pkg-config git python3
    libgtest-dev libgmock-dev libbenchmark-dev
    libzstd-dev liblz4-dev libsnappy-dev zlib1g-dev libbrotli-dev libssl-dev
    libroaring-dev libedit-dev libre2-dev libmariadb-dev
    nodejs npm curl mariadb-client openssl
    clang libclang-rt-14-dev  # libFuzzer targets (test/fuzz)
)

missing=()
for pkg in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
# A node/npm that did not come from Debian's packages (e.g. a newer one on PATH) serves as well.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    filtered=()
    for pkg in "${missing[@]}"; do
        [[ "$pkg" == nodejs || "$pkg" == npm ]] || filtered+=("$pkg")
    done
    missing=("${filtered[@]+"${filtered[@]}"}")
fi
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
