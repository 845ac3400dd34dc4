# Shared by scripts/demo and scripts/test: Debian packages and the CMake build.
# shellcheck shell=bash

TOLK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Everything tolk builds, runs and tests with, from Debian 12.
TOLK_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libicu-dev libhunspell-dev hunspell-nl hunspell-en-us hunspell-ru
  liblmdb-dev libboost-locale-dev nlohmann-json3-dev libcli11-dev libxml2-dev
  gettext catch2 libbenchmark-dev clang-format clang libclang-rt-14-dev valgrind
  omegat translate-toolkit libxml2-utils
  default-jdk-headless
  libcpp-httplib-dev neovim
  libpoppler-cpp-dev libzip-dev libncursesw5-dev tmux
  chromium
)

say() { printf '\033[1m==> [%s] %s\033[0m\n' "$(date +%T)" "$*" >&2; }

# Installs the packages that are not installed yet; does nothing (and needs no network) when
# all are present.
ensure_packages() {
  local missing=() package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; return 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# configure_and_build PRESET [TARGET...]: CMake preset from CMakePresets.json.
configure_and_build() {
  local preset=$1
  shift
  say "Configuring and building ($preset)"
  cmake --preset "$preset" -S "$TOLK_ROOT" >/dev/null
  if [ $# -gt 0 ]; then
    cmake --build --preset "$preset" --target "$@"
  else
    cmake --build --preset "$preset"
  fi
}

tolk_sources() {
  git -C "$TOLK_ROOT" ls-files --cached --others --exclude-standard -- '*.cpp' '*.hpp' '*.h' |
    sed "s|^|$TOLK_ROOT/|"
}
