#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Package smoke test: builds the .deb and .tar.gz with CPack from an already built tree, checks
# their contents and metadata, validates the desktop integration files, and runs the packaged
# binary from a private extraction (nothing is installed system-wide).
#
# usage: check_package.sh BINARY_DIR SOURCE_DIR
# environment: CPACK, CMAKE (default: from PATH); KEEP_TMP=1 keeps the scratch directory.
# exit status: 0 all checks passed, 1 a check failed, 2 usage, 77 skipped (not a Debian system).
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 BINARY_DIR SOURCE_DIR" >&2
    exit 2
fi
bindir=$(cd "$1" && pwd) || exit 2
srcdir=$(cd "$2" && pwd) || exit 2
cpack=${CPACK:-cpack}
cmake=${CMAKE:-cmake}
app_id=io.github.clearance.Clearance
fixture=$srcdir/tests/data/package/rbac.yaml

failures=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
skip() { echo "SKIP: $*"; }
have() { command -v "$1" >/dev/null 2>&1; }
# Shows a log indented under the FAIL line it explains.
show() { sed 's/^/    | /' "$1"; }

for tool in dpkg-deb dpkg-shlibdeps; do
    if ! have "$tool"; then
        skip "$tool not found: the Debian package cannot be built here"
        exit 77
    fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/clearance-package.XXXXXX") || exit 1
# cpack and cmake --install both (re)write BINARY_DIR/install_manifest.txt, which users keep to
# uninstall with: save theirs now and put it back on exit.
manifest=$bindir/install_manifest.txt
[ -e "$manifest" ] && cp -p "$manifest" "$tmp/install_manifest.saved"
cleanup() {
    if [ -e "$tmp/install_manifest.saved" ]; then
        mv -f "$tmp/install_manifest.saved" "$manifest"
    else
        rm -f "$manifest"
    fi
    if [ "${KEEP_TMP:-0}" = 1 ]; then
        echo "scratch directory kept: $tmp"
    else
        rm -rf "$tmp"
    fi
}
trap cleanup EXIT

# The version CPack was configured with, i.e. PROJECT_VERSION.
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$bindir/CPackConfig.cmake")
if [ -z "$version" ]; then
    fail "no CPACK_PACKAGE_VERSION in $bindir/CPackConfig.cmake (configure the build first)"
    exit 1
fi
echo "checking clearance $version packages from $bindir"

# Files every installation must have, relative to the prefix.
payload=(
    bin/clearance
    share/applications/$app_id.desktop
    share/metainfo/$app_id.metainfo.xml
    share/icons/hicolor/scalable/apps/$app_id.svg
    share/man/man1/clearance.1.gz
)

# ---- build the packages --------------------------------------------------------------------------
cd "$bindir" || exit 1
if "$cpack" -G DEB -B "$tmp/packages" >"$tmp/cpack-deb.log" 2>&1; then
    pass "cpack -G DEB"
else
    fail "cpack -G DEB"; show "$tmp/cpack-deb.log"
fi
if "$cpack" -G TGZ -B "$tmp/packages" >"$tmp/cpack-tgz.log" 2>&1; then
    pass "cpack -G TGZ"
else
    fail "cpack -G TGZ"; show "$tmp/cpack-tgz.log"
fi

deb=$(ls "$tmp/packages"/clearance_"$version"_*.deb 2>/dev/null | head -n 1)
tgz=$(ls "$tmp/packages"/clearance-"$version"-*.tar.gz 2>/dev/null | head -n 1)

# ---- the .tar.gz ---------------------------------------------------------------------------------
if [ -n "$tgz" ]; then
    tar -tzf "$tgz" >"$tmp/tgz.list"
    for f in "${payload[@]}"; do
        if grep -q "^clearance-$version-[^/]*/$f\$" "$tmp/tgz.list"; then
            pass "$(basename "$tgz") contains $f"
        else
            fail "$(basename "$tgz") lacks $f"
        fi
    done
else
    fail "no clearance-$version-*.tar.gz produced"
fi

# ---- cmake --install into a prefix of our own ----------------------------------------------------
if "$cmake" --install "$bindir" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1; then
    missing=0
    for f in "${payload[@]}"; do
        [ -e "$tmp/prefix/$f" ] || { fail "cmake --install --prefix: $f missing"; missing=1; }
    done
    [ $missing = 0 ] && pass "cmake --install --prefix installs all ${#payload[@]} files"
else
    fail "cmake --install --prefix"; show "$tmp/install.log"
fi

if [ -z "$deb" ]; then
    fail "no clearance_${version}_*.deb produced: the remaining checks need it"
    echo "$failures check(s) FAILED"
    exit 1
fi

# ---- the .deb: contents and control fields -------------------------------------------------------
dpkg-deb -c "$deb" >"$tmp/deb.list"
for f in "${payload[@]}"; do
    if grep -q " \./usr/$f\$" "$tmp/deb.list"; then
        pass "$(basename "$deb") contains /usr/$f"
    else
        fail "$(basename "$deb") lacks /usr/$f"
    fi
done

dpkg-deb -I "$deb" >"$tmp/deb.info"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = clearance ] && pass "Package: clearance" || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] && pass "Version: $version" || fail "Version: $(field Version), want $version"
[ "$(field Section)" = utils ] && pass "Section: utils" || fail "Section: $(field Section)"
depends=$(field Depends)
if echo "$depends" | grep -q 'libqt6[a-z]*6'; then
    pass "computed Depends names Qt 6: $depends"
else
    fail "Depends has no libqt6 package: '$depends'"; show "$tmp/deb.info"
fi
# QtKeychain opens libsecret with dlopen at run time: dpkg-shlibdeps cannot see it.
if echo "$depends" | grep -q 'libsecret-1-0'; then
    pass "Depends names libsecret-1-0 (QtKeychain's Secret Service backend)"
else
    fail "Depends lacks libsecret-1-0: '$depends'"; show "$tmp/deb.info"
fi
if echo "$depends" | grep -q 'libqt6keychain1'; then
    pass "computed Depends names QtKeychain"
else
    fail "Depends has no libqt6keychain1: '$depends'"
fi

root=$tmp/root
mkdir -p "$root"
if dpkg-deb -x "$deb" "$root"; then
    pass "dpkg-deb -x into $root"
else
    fail "dpkg-deb -x"
fi
share=$root/usr/share

# ---- desktop integration files -------------------------------------------------------------------
desktop=$share/applications/$app_id.desktop
if have desktop-file-validate; then
    # Exit status 1 means errors; warnings must not pass either (hints may).
    if desktop-file-validate "$desktop" >"$tmp/desktop.log" 2>&1 \
        && ! grep -Eq '(error|warning):' "$tmp/desktop.log"; then
        pass "desktop-file-validate $app_id.desktop"
    else
        fail "desktop-file-validate $app_id.desktop"; show "$tmp/desktop.log"
    fi
else
    skip "desktop-file-validate not found (package desktop-file-utils)"
fi

metainfo=$share/metainfo/$app_id.metainfo.xml
if have appstreamcli; then
    if appstreamcli validate --no-net "$metainfo" >"$tmp/metainfo.log" 2>&1; then
        pass "appstreamcli validate --no-net $app_id.metainfo.xml"
    else
        fail "appstreamcli validate --no-net $app_id.metainfo.xml"; show "$tmp/metainfo.log"
    fi
    # The tree check also cross-checks the launchable .desktop file in the same package.
    if appstreamcli validate-tree --no-net "$root" >"$tmp/tree.log" 2>&1; then
        pass "appstreamcli validate-tree --no-net (metainfo + desktop file)"
    else
        fail "appstreamcli validate-tree --no-net"; show "$tmp/tree.log"
    fi
else
    skip "appstreamcli not found (package appstream)"
fi

icon=$share/icons/hicolor/scalable/apps/$app_id.svg
if grep -q '<svg' "$icon" 2>/dev/null; then
    pass "icon is an SVG document"
else
    fail "icon $icon is not an SVG document"
fi

manpage=$share/man/man1/clearance.1.gz
if have man; then
    MANWIDTH=80 man -l "$manpage" >"$tmp/man.txt" 2>&1
    if grep -q '^CLEARANCE(1)' "$tmp/man.txt" && grep -Eq '^ +clearance +- +who can do what' "$tmp/man.txt"; then
        pass "man -l clearance.1.gz renders"
    else
        fail "man -l clearance.1.gz: no CLEARANCE(1) header or NAME line"
        head -n 12 "$tmp/man.txt" | sed 's/^/    | /'
    fi
else
    skip "man not found (package man-db)"
fi
if have groff; then
    # -ww -z: all warnings, no output; a clean page prints nothing.
    if gzip -dc "$manpage" | groff -man -Tutf8 -ww -z >"$tmp/groff.log" 2>&1 && [ ! -s "$tmp/groff.log" ]; then
        pass "groff -man reports no warnings"
    else
        fail "groff -man warnings"; show "$tmp/groff.log"
    fi
else
    skip "groff not found"
fi

# ---- the packaged binary -------------------------------------------------------------------------
bin=$root/usr/bin/clearance
export QT_QPA_PLATFORM=offscreen # a wrong guess must not need a display; the timeout ends it
run() {
    # run EXPECTED_STATUS DESCRIPTION ARGS...: stdout in $tmp/out, stderr in $tmp/err, status in $status
    local expected=$1 what=$2
    shift 2
    if have timeout; then
        timeout 60 "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    else
        "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    fi
    status=$?
    if [ "$status" -ne "$expected" ]; then
        fail "$what: exit status $status, want $expected"
        echo "    stdout:"; show "$tmp/out"
        echo "    stderr:"; show "$tmp/err"
        return 1
    fi
}
trimmed() { tr -d '[:space:]' <"$tmp/out"; }

if run 0 "clearance --version" --version; then
    if grep -qF "$version" "$tmp/out"; then
        pass "clearance --version prints $version: $(head -n 1 "$tmp/out")"
    else
        fail "clearance --version does not print $version"; show "$tmp/out"
    fi
fi

if run 0 "clearance --help" --help; then
    if grep -q 'can-i' "$tmp/out"; then
        pass "clearance --help mentions can-i"
    else
        fail "clearance --help does not mention can-i"; show "$tmp/out"
    fi
fi

[ -f "$fixture" ] || fail "fixture $fixture missing: the can-i answers below mean nothing"
ask=(pods -n finance-app --as alice@contoso.com -f "$fixture")
if run 0 "can-i get pods" can-i get "${ask[@]}"; then
    [ "$(trimmed)" = yes ] && pass "can-i get pods: yes, exit 0" \
        || { fail "can-i get pods: printed '$(cat "$tmp/out")', want 'yes'"; }
fi
if run 1 "can-i delete pods" can-i delete "${ask[@]}"; then
    [ "$(trimmed)" = no ] && pass "can-i delete pods: no, exit 1" \
        || { fail "can-i delete pods: printed '$(cat "$tmp/out")', want 'no'"; }
fi

if [ "$failures" -eq 0 ]; then
    echo "all package checks passed"
    exit 0
fi
echo "$failures package check(s) FAILED"
exit 1
