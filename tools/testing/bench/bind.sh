#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# bind.sh: issue 14's binding rows on the host (make bench's part "bind";
# BENCH_ONLY=bind make bench runs only this).
#
#   bind.sh OUT
#
# gen_bind.sh writes a provider exporting BENCH_BIND_N (default 20,000)
# functions, a consumer importing each once and an empty consumer; the
# host compiler builds them.  loadbench's "bind" mode loads them with the
# portable core built from this tree and with glibc's dlopen(), alternating,
# BENCH_BIND_LOADS times each (default 200), and prints medians and
# p10..p90.  With BENCH_BIND_BEFORE=REV (e.g. a commit of main) the core
# of REV's lib/ and arch/ is measured too, in the same run, for a before
# and after.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
OUT=${1:?OUT}/bind
CC=${CC:-gcc}
N=${BENCH_BIND_N:-20000}
LOADS=${BENCH_BIND_LOADS:-200}
mkdir -p "$OUT"

# core_srcs TREE: the portable core's sources in TREE, from its lib/core.mk.
core_srcs() {
	# shellcheck disable=SC2016 # make expands them
	printf 'include lib/core.mk\nall: ; @echo $(ELFK_CORE_SRCS) $(ELFK_ARCH_SRCS_x86_64)\n' |
		make -s -C "$1" -f - all | tr ' ' '\n' | sed "/^$/d; s|^|$1/|"
}

# build_loadbench TREE OUTPUT [CFLAGS]: loadbench with TREE's core.
build_loadbench() {
	# shellcheck disable=SC2046,SC2086 # lists of files and flags
	$CC -std=gnu11 -O2 -Wall -Wextra -Wno-unused-parameter \
		-Wno-missing-field-initializers ${3:-} -I"$ROOT/uapi" \
		-I"$ROOT/tools/lib" -I"$1/lib" -rdynamic -o "$2" \
		"$HERE/loadbench.c" "$HERE/loadbench_bind.c" \
		"$ROOT/tools/lib/elfk/fmap.c" $(core_srcs "$1") -ldl
}

SO=$OUT/so
# Built again only when N or the generator changed (cons.c takes a while).
key="$N $(cksum <"$HERE/gen_bind.sh")"
if [ ! -f "$SO/libbindempty.so" ] || [ "$(cat "$SO/key" 2>/dev/null)" != "$key" ]; then
	echo "bench: generating and building the $N-function pair" >&2
	"$HERE/gen_bind.sh" "$N" "$SO"
	flags="-O1 -fPIC -shared -nostdlib -Wl,-z,now -Wl,--hash-style=gnu"
	# shellcheck disable=SC2086,SC2016 # a list of flags; ld expands $ORIGIN
	{
		$CC $flags -Wl,-soname,libbindprov.so -o "$SO/libbindprov.so" "$SO/prov.c"
		$CC $flags -o "$SO/libbindcons.so" "$SO/cons.c" -L"$SO" -lbindprov \
			-Wl,-rpath,'$ORIGIN'
		$CC $flags -o "$SO/libbindempty.so" "$SO/empty.c" -Wl,--no-as-needed \
			-L"$SO" -lbindprov -Wl,-rpath,'$ORIGIN'
	}
	echo "$key" >"$SO/key"
fi

build_loadbench "$ROOT" "$OUT/loadbench-after" -DBENCH_LOOKUP_KEY
runs="after"
if [ -n "${BENCH_BIND_BEFORE:-}" ]; then
	rm -rf "$OUT/before"
	mkdir -p "$OUT/before"
	git -C "$ROOT" archive "$BENCH_BIND_BEFORE" lib arch | tar -x -C "$OUT/before"
	# A core without the in-place hook (before 96f0d9e): "map" maps the
	# image and copies every segment.
	# One with whole pages only (before elfk_elf_file_span()): "map" maps
	# those, and copies the partial pages.
	if grep -q elfk_elf_file_span "$OUT/before/lib/core.h"; then
		build_loadbench "$OUT/before" "$OUT/loadbench-before"
	elif grep -q elfk_elf_file_pages "$OUT/before/lib/core.h"; then
		build_loadbench "$OUT/before" "$OUT/loadbench-before" -DELFK_FMAP_WHOLE_PAGES
	else
		build_loadbench "$OUT/before" "$OUT/loadbench-before" -DBENCH_NO_IN_PLACE
	fi
	runs="before after"
fi
: >"$OUT/bind.out"
for r in $runs; do
	echo "bench: host: binding pair, $r, $LOADS loads each" >&2
	"$OUT/loadbench-$r" bind "$LOADS" "$SO/libbindprov.so" "$SO/libbindcons.so" \
		"$SO/libbindempty.so" | sed "s/^RESULT bind /RESULT bind $r /" >>"$OUT/bind.out"
done

echo "(j) binding, host, userspace: the core against glibc dlopen() + dlclose()"
echo "    $N exported functions; medians of $LOADS loads each (p10..p90), loaders alternating"
printf "    %-12s %-28s %22s %22s %7s\n" core row "core us (p10..p90)" "glibc us (p10..p90)" ratio
awk '$1 == "RESULT" && $2 == "bind" {
	run = $3; row = $4; c[run, row] = $8; d[run, row] = $11
	c10[run, row] = $7; d10[run, row] = $10
	name = row == "prov" ? "provider: LOAD + unload" : row == "cons" ? "consumer (" $6 " imports)" : "empty consumer"
	if (row == "cons") imp = $6
	printf "    %-12s %-28s %9.1f (%.1f..%.1f) %9.1f (%.1f..%.1f) %7.2f\n", run (NF >= 15 ? " copy" : ""), name, $8 / 1000, $7 / 1000, $9 / 1000, $11 / 1000, $10 / 1000, $12 / 1000, $8 / $11
	if (NF >= 15) {
		m[run, row] = $14; m10[run, row] = $13
		printf "    %-12s %-28s %9.1f (%.1f..%.1f) %22s %7.2f\n", run " map", "", $14 / 1000, $13 / 1000, $15 / 1000, "", $14 / $11
	}
	runs[run] = 1
}
END {
	for (r in runs) {
		if (!imp) continue
		ci = (c[r, "cons"] - c[r, "empty"]) / imp; di = (d[r, "cons"] - d[r, "empty"]) / imp
		printf "    %-7s per import (consumer - empty) / %d: core %.1f ns, glibc %.1f ns, ratio %.2f (goal <= 0.5)\n", r, imp, ci, di, ci / di
		ci = (c10[r, "cons"] - c10[r, "empty"]) / imp; di = (d10[r, "cons"] - d10[r, "empty"]) / imp
		printf "    %-7s the same from the p10s: core %.1f ns, glibc %.1f ns, ratio %.2f\n", r, ci, di, ci / di
		if ((r, "cons") in m) {
			ci = (m[r, "cons"] - m[r, "empty"]) / imp; di = (d[r, "cons"] - d[r, "empty"]) / imp
			printf "    %-7s per import, map: core %.1f ns, glibc %.1f ns, ratio %.2f\n", r, ci, di, ci / di
		}
	}
	if (("before", "prov") in c)
		printf "    after / before, core medians: provider %.2f, consumer %.2f\n", c["after", "prov"] / c["before", "prov"], c["after", "cons"] / c["before", "cons"]
}' "$OUT/bind.out"
echo "    provider goal: core / glibc <= 1.2.  copy: the image read once before;"
echo "    map: the core loads from the file each time as ld.so does (loadbench.h)."
echo "    core: parse, mmap, place, relocate"
echo "    (the consumer's imports through a scope walk shaped like the kernel's"
echo "    resolve_cb()), mprotect, munmap; glibc: dlopen(RTLD_NOW) + dlclose(), the"
echo "    provider held open by both for the consumer rows."
