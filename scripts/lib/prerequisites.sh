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

# ensure_aws4_testsuite: the AWS SigV4 test suite from botocore's source distribution (the same
# version as the installed botocore), unpacked into .cache/; prints its folder.
ensure_aws4_testsuite() {
    local version dir archive
    version=$(python3 -c 'import botocore; print(botocore.__version__)') || die "botocore is not importable"
    dir=".cache/botocore-$version"
    if [ ! -f "$dir/tests/unit/auth/aws4_testsuite/get-vanilla/get-vanilla.req" ]; then
        log "fetching botocore $version's source distribution (for the AWS SigV4 test suite)"
        mkdir -p .cache/sdist
        archive=".cache/sdist/botocore-$version.tar.gz"
        if [ ! -f "$archive" ]; then
            python3 -m pip download --quiet --disable-pip-version-check --no-binary :all: --no-deps \
                -d .cache/sdist "botocore==$version" >&2 || die "could not download botocore's source distribution with pip"
        fi
        rm -rf "$dir" && mkdir -p "$dir"
        tar -xzf "$archive" -C "$dir" --strip-components=1 "botocore-$version/tests/unit/auth/aws4_testsuite" \
            || die "botocore's source distribution has no tests/unit/auth/aws4_testsuite"
    fi
    printf '%s\n' "$PWD/$dir/tests/unit/auth/aws4_testsuite"
}
