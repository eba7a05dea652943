# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh disable=SC2034 # SAME_FAILED: run.sh reads it
#
# same.sh: make bench's part (g), sourced by run.sh (which sets ROOT, HERE,
# OUT, KDIR, CC, LOG and say()): issue 14's same-code rows.
#
#   same_build        the plugins of same/same.mk from Debian's
#                     linux-source of the guest's series, Debian's
#                     lz4_compress.ko from that series' stock kernel
#                     package (as tools/elfk-vm extracts it), the modules
#                     of kmod-same/, bench_pair; into $OUT/guest/bench
#   same_build_host   only what (h) needs: zstd.so and lz4_compress.so, from
#                     the linux-source of $KDIR's series (BENCH_ONLY=host)
#   same_host         the host's zstd.so row: loadbench, BENCH_ZSTD_RUNS
#                     runs of BENCH_ZSTD_LOADS loads each
#   same_report FILE... the table, from the guest's RESULT lines in FILE...
#                     (guest_same.sh) and $OUT/zstd.out; sets SAME_FAILED=1
#                     unless the identical-output check passed
#   same_report_host  (h)'s table alone, from $OUT/zstd.out
#
# Environment: BENCH_BIG_SIZES (KiB, default "256 1024 2048"),
# BENCH_ZSTD_RUNS (default 11), BENCH_ZSTD_LOADS (default 200),
# BENCH_SAME_N (guest rounds, guest_same.sh).

SAME_BIG=${BENCH_BIG_SIZES:-256 1024 2048}

same_build() {
	abi=${KDIR#/usr/src/linux-headers-}
	abi=${abi%-amd64}
	series=$(echo "$abi" | cut -d. -f1,2)
	LINUX_SRC=$(ELFK_SERIES=$series bash -c ". '$ROOT/tools/testing/vm/lib.sh' && elfk_source_dir" 2>>"$LOG")
	vmlinuz=$(ELFK_SERIES=$series bash -c ". '$ROOT/tools/testing/vm/lib.sh' && elfk_stock_kernel" 2>>"$LOG")
	stockmod=${vmlinuz%/boot/*}/lib/modules/$abi-amd64/kernel/lib/lz4/lz4_compress.ko
	say "(g) building lz4, zstd and big plugins from $LINUX_SRC"
	make -f "$HERE/same/same.mk" ELFK_OUT="$OUT/same" LINUX_SRC="$LINUX_SRC" \
		BIG_SIZES="$SAME_BIG" -j2 >>"$LOG" 2>&1
	dst=$OUT/guest/bench/same
	mkdir -p "$dst"
	for so in lz4_compress zstd $(for kb in $SAME_BIG; do echo "big_$kb"; done); do
		# Without debug information, as Debian ships its modules.
		strip --strip-debug -o "$dst/$so.so" "$OUT/same/$so.so"
	done
	if [ -f "$stockmod" ]; then
		cp "$stockmod" "$dst/lz4_compress.ko"
	elif [ -f "$stockmod.xz" ]; then
		xz -dc "$stockmod.xz" >"$dst/lz4_compress.ko"
	else
		say "no $stockmod(.xz)"
		return 1
	fi
	deps=$(modinfo -F depends "$dst/lz4_compress.ko")
	[ -z "$deps" ] || { say "lz4_compress.ko depends on $deps"; return 1; }
	# Debian signs its modules and the kernel checks the signature at
	# finit_module() even when it does not require one: the same module
	# without it (strip drops the appended signature) isolates the loader.
	strip --strip-debug -o "$dst/lz4_compress_nosig.ko" "$dst/lz4_compress.ko"
	if tail -c 28 "$dst/lz4_compress_nosig.ko" | grep -q 'Module signature appended'; then
		say "strip left lz4_compress.ko's signature"
		return 1
	fi

	say "(g) building bench_lz4check.ko and the big modules against $KDIR"
	km=$OUT/kmod-same
	rm -rf "$km"
	mkdir -p "$km"
	cp "$HERE/kmod-same/bench_lz4check.c" "$HERE/kmod-same/bench_big.c" \
		"$HERE/same/same_input.h" "$HERE/same/big.h" "$km/"
	objs=bench_lz4check.o
	for kb in $SAME_BIG; do
		printf '#define BIG_KB %s\n#include "bench_big.c"\n' "$kb" >"$km/bench_big_$kb.c"
		objs="$objs bench_big_$kb.o"
	done
	# shellcheck disable=SC2016 # $(src) is kbuild's
	printf 'obj-m := %s\nccflags-y := -I$(src)\n' "$objs" >"$km/Kbuild"
	make -C "$KDIR" M="$km" modules >>"$LOG" 2>&1
	for o in $objs; do
		strip --strip-debug -o "$dst/${o%.o}.ko" "$km/${o%.o}.ko"
	done
	$CC -static -O2 -Wall -Wextra -I"$ROOT/uapi" -o "$OUT/guest/bench/bench_pair" \
		"$HERE/bench_pair.c"
	install -m 0755 "$HERE/guest_same.sh" "$OUT/guest/bench/guest_same.sh"
}

same_build_host() {
	abi=${KDIR#/usr/src/linux-headers-}
	series=$(echo "$abi" | cut -d. -f1,2)
	LINUX_SRC=$(ELFK_SERIES=$series bash -c ". '$ROOT/tools/testing/vm/lib.sh' && elfk_source_dir" 2>>"$LOG")
	say "(h) building zstd.so and lz4_compress.so from $LINUX_SRC"
	make -f "$HERE/same/same.mk" ELFK_OUT="$OUT/same" LINUX_SRC="$LINUX_SRC" \
		BIG_SIZES= -j2 "$OUT/same/zstd.so" "$OUT/same/lz4_compress.so" >>"$LOG" 2>&1
	mkdir -p "$OUT/guest/bench/same"
	for so in lz4_compress zstd; do
		strip --strip-debug -o "$OUT/guest/bench/same/$so.so" "$OUT/same/$so.so"
	done
}

same_host() {
	runs=${BENCH_ZSTD_RUNS:-11}
	say "(g) host: elfk core vs dlopen of zstd.so, $runs runs of ${BENCH_ZSTD_LOADS:-200}"
	: >"$OUT/zstd.out"
	i=0
	while [ "$i" -lt "$runs" ]; do
		"$OUT/loadbench" "${BENCH_ZSTD_LOADS:-200}" "$OUT/guest/bench/same/zstd.so" \
			"$OUT/guest/bench/same/lz4_compress.so" >>"$OUT/zstd.out"
		i=$((i + 1))
	done
}

same_report() {
	echo "(g) same code, big images: LOAD and UNLOAD, guest ($ACCEL), stock kernel"
	printf '    %-9s %5s %8s %8s %22s %22s %8s %8s\n' row N plugin .ko \
		"elfk load med p10..p90" ".ko load med p10..p90" "load x" "unload x"
	awk '$1 == "RESULT" && $2 == "pair" {
		printf "    %-9s %5d %8d %8d %8.1f %6.1f..%-6.1f %8.1f %6.1f..%-6.1f %8.1f %8.1f\n", $3, $4, $5, $6, $7 / 1000, $8 / 1000, $9 / 1000, $13 / 1000, $14 / 1000, $15 / 1000, $13 / $7, $16 / $10
		printf "    %-9s %5s %8s %8s %8.1f %6.1f..%-6.1f %8.1f %6.1f..%-6.1f   (unload, us)\n", "", "", "", "", $10 / 1000, $11 / 1000, $12 / 1000, $16 / 1000, $17 / 1000, $18 / 1000
		printf "    %-9s load x, worst case (.ko p10 / elfk p90): %.1f; unload x: %.1f\n", "", $14 / $9, $17 / $12
	}' "$@"
	echo "    times in us; \"load x\" = the module's median finit_module() over"
	echo "    elfk's median LOAD (how many times faster elfk is), \"unload x\" the"
	echo "    same for delete_module() and UNLOAD; the two loaders alternate in"
	echo "    each of the N rounds.  lz4: the kernel's lib/lz4/lz4_compress.c built"
	echo "    as a plugin (plus lz4_check.c, a 30-line caller) against Debian's"
	echo "    lz4_compress.ko of the running kernel as shipped (signed: the kernel"
	echo "    checks the signature); lz4_nosig: the same module, signature removed;"
	echo "    big_KB: KB KiB of read-only data in both (same/big.h).  Goals"
	echo "    (issue 14): lz4 load >= 20x, unload >= 100x."
	# A difference, or a missing result, fails make bench (after the report).
	awk '$1 == "RESULT" && $2 == "call" { p = $4 } $1 == "RESULT" && $2 == "lz4ko" { k = $4; n = $3 }
	END {
		if (p == "" || k == "")
			print "    identical output: NOT CHECKED (a result is missing)"
		else
			printf "    identical output: %s (16 KiB of text, LZ4_compress_default: stock module %d bytes, FNV-1a %s; plugin %s)\n", p == k ? "yes" : "NO, THEY DIFFER", n, k, p
		exit !(p != "" && p == k)
	}' "$@" || SAME_FAILED=1
	echo
	same_report_host
}

same_report_host() {
	echo "(h) host: elfk core against glibc dlopen() + dlclose(), userspace"
	awk '$1 == "RESULT" && $2 == "host" {
		r = $5 / $7; c = $6 / $7; n[$3]++; b[$3] = $4
		ratio[$3, n[$3]] = r; cpu[$3, n[$3]] = c; e[$3, n[$3]] = $5; d[$3, n[$3]] = $7
		mr[$3, n[$3]] = $8 / $7; m[$3, n[$3]] = $8
	}
	function med(a, name, k,   v, i, j, t) {
		for (i = 1; i <= k; i++) v[i] = a[name, i]
		for (i = 2; i <= k; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
		lo = v[1]; hi = v[k]
		return v[int((k + 1) / 2)]
	}
	END {
		printf "    %-16s %7s %5s %-5s %10s %10s %8s %14s %12s\n", "object", "bytes", "runs", "mode", "core", "dlopen", "core/dl", "min..max", "no mm / dl"
		for (s in n) {
			x = med(ratio, s, n[s]); l = lo; h = hi
			printf "    %-16s %7d %5d %-5s %7.1f us %7.1f us %8.2f %6.2f..%-6.2f %12.2f\n", s, b[s], n[s], "copy", med(e, s, n[s]) / 1000, med(d, s, n[s]) / 1000, x, l, h, med(cpu, s, n[s])
			x = med(mr, s, n[s]); l = lo; h = hi
			printf "    %-16s %7s %5s %-5s %7.1f us %7s    %8.2f %6.2f..%-6.2f\n", "", "", "", "map", med(m, s, n[s]) / 1000, "", x, l, h
		}
	}' "$OUT/zstd.out"
	echo "    medians over the runs of each run's median load + unload (N loads"
	echo "    per run: BENCH_ZSTD_LOADS); zstd.so: the kernel's lib/zstd"
	echo "    (compression and decompression) and lib/xxhash.c as a plugin, debug"
	echo "    stripped.  copy: the core places a copy of the image, read once before"
	echo "    the runs; map: the core loads as ld.so does, each time (open, map the"
	echo "    file, read-only segments the file's pages with their final"
	echo "    permission, writable ones copy-on-write, the object laid over the"
	echo "    file's mapping when their layouts agree, close: loadbench.h, fmap.c)."
	echo "    \"no mm / dl\": the core's parse + place +"
	echo "    relocate into a reused buffer, no system calls.  min..max: of the"
	echo "    runs' ratios.  Goal (issue 14): core/dl <= 1.2."
}
