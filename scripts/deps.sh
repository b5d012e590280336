# Sourced by scripts/run and scripts/test: installs the Debian 12 packages perfdash needs, only
# those that are missing, so a second run does nothing and needs no network.
# Usage: perfdash_install_deps PACKAGE...

perfdash_build_packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6opengl6-dev qt6-svg-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-translations-l10n libqt6svg6 qt6-qpa-plugins libssh2-1-dev
)
perfdash_test_packages=(xvfb xauth openssh-server openssh-client prometheus-node-exporter prometheus
    clang libclang-rt-14-dev)

perfdash_install_deps() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "perfdash: installing ${missing[*]}" >&2
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            echo "perfdash: these Debian packages are missing and this user cannot install them: ${missing[*]}" >&2
            return 1
        fi
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

perfdash_jobs() {
    nproc 2>/dev/null || echo 2
}

# Rebuilds go much faster through ccache when the machine has it (optional: nothing needs it).
# perfdash_use_ccache sets perfdash_launcher to the CMake arguments for it; paths are taken
# relative to the checkout, so another clone of the project on this machine reuses the cache.
perfdash_use_ccache() {
    perfdash_launcher=()
    if command -v ccache >/dev/null 2>&1; then
        export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
        perfdash_launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    fi
}
