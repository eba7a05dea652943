#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-deb.sh: the body of "make deb".  Copies the tree's files (git's
# tracked and untracked-but-not-ignored files, as they are on disk) to
# OUTDIR/src/elfk-VERSION, writes debian/changelog there with VERSION,
# and runs dpkg-buildpackage in that copy, so the source tree stays clean
# and nothing is written outside OUTDIR.  The .debs, .buildinfo and
# .changes end up in OUTDIR.
#
# VERSION is the VERSION file's, then "+gitN.gSHA" (N commits, SHA the
# commit) in a git clone, then ".dirty" when the work tree differs from it.
#
# usage: build-deb.sh [OUTDIR]        (default: build/deb)
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$top/build/deb}
mkdir -p "$out"
out=$(cd "$out" && pwd)

version=$(tr -d ' \n' <"$top/VERSION")
when=$(date -u +%s)
if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
	version+="+git$(git -C "$top" rev-list --count HEAD)"
	version+=".g$(git -C "$top" rev-parse --short=7 HEAD)"
	git -C "$top" diff --quiet HEAD -- || version+=.dirty
	when=$(git -C "$top" log -1 --format=%ct)
	list() { git -C "$top" ls-files -z --cached --others --exclude-standard; }
else
	list() { (cd "$top" && find . -path ./build -prune -o -type f -print0); }
fi

stage=$out/src/elfk-$version
rm -rf "$out/src"
mkdir -p "$stage"
# A file git still lists but the work tree deleted is skipped.
# shellcheck disable=SC2016 # $f is the inner shell's
list | (cd "$top" && xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh) |
	rsync -a --from0 --files-from=- "$top/" "$stage/"

maint=$(sed -n 's/^Maintainer: //p' "$stage/debian/control")
{
	echo "elfk ($version) unstable; urgency=medium"
	echo
	echo "  * Snapshot of elfk $version."
	echo
	echo " -- $maint  $(date -u -R -d "@$when")"
} >"$stage/debian/changelog"

rm -f "$out"/elfk*.deb "$out"/libelfk*.deb "$out"/elfk_*.buildinfo "$out"/elfk_*.changes
(cd "$stage" && SOURCE_DATE_EPOCH=$when dpkg-buildpackage -b -us -uc) >"$out/build.log" 2>&1 || {
	tail -n 40 "$out/build.log" >&2
	echo "build-deb.sh: dpkg-buildpackage failed; log $out/build.log" >&2
	exit 1
}
mv "$out"/src/elfk*.deb "$out"/src/libelfk*.deb "$out"/src/elfk_*.buildinfo "$out"/src/elfk_*.changes "$out/"
ls "$out"/*.deb
