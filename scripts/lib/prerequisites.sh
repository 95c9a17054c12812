# Shared by scripts/test and scripts/demo: install what they need, idempotently.
# Under CI=true anything that cannot be installed is a failure, never a skip.

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi
}

# ensure_pip MODULE PIP_SPEC [PIP_SPEC...]: installs the specs unless `import MODULE` works.
ensure_pip() {
    local module=$1; shift
    if python3 -c "import $module" 2>/dev/null; then return 0; fi
    log "installing Python packages: $*"
    python3 -m pip install --quiet --disable-pip-version-check "$@" \
        || die "could not install $* with pip (needed by the tests)"
}

# ensure_apt COMMAND PACKAGE: installs the Debian package unless COMMAND is on PATH.
_apt_updated=""
ensure_apt() {
    local command=$1 package=$2
    if command -v "$command" >/dev/null 2>&1 || [ -x "$command" ]; then return 0; fi
    log "installing Debian package: $package"
    if [ -z "$_apt_updated" ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || die "apt-get update failed (needed to install $package)"
        _apt_updated=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >/dev/null \
        || die "could not install the Debian package $package (needed by the tests)"
}

# ensure_kubectl: the real kubectl client, which the sandbox's conformance checks drive.
ensure_kubectl() {
    if command -v kubectl >/dev/null 2>&1 && kubectl version --client >/dev/null 2>&1; then return 0; fi
    ensure_apt kubectl kubernetes-client
    command -v kubectl >/dev/null 2>&1 || die "kubectl is needed by the tests and could not be installed"
}

ensure_swift() {
    command -v swift >/dev/null 2>&1 || die "swift is not on PATH (Swift 6 toolchain needed)"
}
