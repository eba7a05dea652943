#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run.sh: "make bench".  Benchmarks, not timed tests: each compares two
# things side by side in one run and prints the ratio; nothing passes or
# fails on a number.
#
#   (a) the __tls_get_addr() fast path: tls_bench(N) against plain_bench(N)
#       of tools/examples/tls.c, in a guest running Debian's stock kernel
#       (no KASAN or lockdep), from a task whose block exists;
#   (b) load time, on the host: the portable core built for userspace
#       (parse, place, relocate, mprotect) against the host's dlopen() and
#       dlclose() of the same plugins;
#   (c) load time, in the guest: ELFK_IOC_LOAD + ELFK_IOC_UNLOAD of
#       plugins against finit_module() + delete_module() of a trivial
#       module (kmod/bench_hello.c) built against the stock headers;
#   (d) LOAD + UNLOAD with 0, 10, ... 10,000 other objects loaded, as a
#       ratio to the empty case (the caps are raised for it in the guest);
#   (e) TLB shootdown IPIs per LOAD + UNLOAD, in the 2-vCPU guest and in a
#       second, 4-vCPU one (ELFK_VM_SMP=4);
#   (f) verified mode, host userspace: CALLs of the kernel's LZ4 compression
#       and xxh64 built with the SDK's VERIFIED=1, in the host runner
#       (tools/testing/verify/run), against the same sources built natively,
#       and the verifier's throughput on that code (BENCH_VERIFIED_RUNS).
#   (g) same code, guest: the kernel's lib/lz4/lz4_compress.c built as a
#       plugin against Debian's lz4_compress.ko of the guest's kernel, LOAD
#       and UNLOAD against finit_module() and delete_module(), with the two
#       outputs of LZ4_compress_default() on one buffer compared; big images
#       (256 KiB to 2 MiB of data) as plugins and as modules (same.sh);
#   (h) host: the core against dlopen() + dlclose() of the kernel's lib/zstd
#       built as a plugin (same.sh).
#   (i) verified mode, guest: the same CALLs of LZ4, xxh64 and SHA-256 in
#       the guest of (a)-(d), verified against native, and LOAD with and
#       without verification (verified.sh);
#   (j) binding, host: a provider of 20,000 functions and a consumer of
#       20,000 imports, the core against dlopen() (bind.sh).
#   BENCH_ONLY=tls runs (a) alone, BENCH_ONLY=same (g) and (h) alone,
#   BENCH_ONLY=verified (i), BENCH_ONLY=bind (j), BENCH_ONLY=tlb (e),
#   BENCH_ONLY=host the host's core-vs-dlopen rows (b), (h) and (j), no
#   guest and no kernel module.
#
# tools/elfk-vm always runs QEMU's TCG, /dev/kvm or not: absolute guest
# figures are those of an emulated CPU and only the ratios mean something.
#
# Environment: ELFK_BENCH_OUT (default build/bench), ELFK_BENCH_KO (an
# elfk.ko to measure instead of this tree's, e.g. an older build for a
# before/after comparison), BENCH_TLS_N, BENCH_REPS, BENCH_LOADS,
# BENCH_SCALE, BENCH_SCALE_N (see guest.sh), BENCH_HOST_LOADS (default 2000),
# BENCH_TLB_BEFORE_2, BENCH_TLB_BEFORE_4 (the documented "before" CAL per
# cycle that (e) compares with).

set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
OUT=${ELFK_BENCH_OUT:-$ROOT/build/bench}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
CC=${CC:-gcc}
HOST_LOADS=${BENCH_HOST_LOADS:-2000}
LOG=$OUT/run.log
: >"$LOG"

say() { echo "bench: $*" >&2; }

# --- (j) binding, host: the 20,000-function pair (issue 14, item 4) -------
# bind.sh builds and runs it; BENCH_ONLY=bind runs nothing else.  See bind.sh
# for BENCH_BIND_N, BENCH_BIND_LOADS and BENCH_BIND_BEFORE (a before/after).
if [ "${BENCH_ONLY:-}" = bind ]; then
	echo "elfk benchmarks ($(date -u +%Y-%m-%d)), (j) only"
	exec "$HERE/bind.sh" "$OUT"
fi

# build_loadbench: loadbench with the portable core's files, as the host
# unit tests build them.
build_loadbench() {
	# shellcheck disable=SC2016 # make expands them
	CORE=$(make -s -C "$ROOT/tools/testing/host" --no-print-directory \
		--eval='bench-print-core: ; @echo $(abspath $(CORE) $(ARCH))' bench-print-core)
	# shellcheck disable=SC2086 # a list of files
	(cd "$ROOT" && $CC -std=gnu11 -O2 -Wall -Wextra -Wno-unused-parameter \
		-Wno-missing-field-initializers -Iuapi -Itools/lib -Ilib -rdynamic \
		-o "$OUT/loadbench" "$HERE/loadbench.c" "$HERE/loadbench_bind.c" \
		tools/lib/elfk/fmap.c $CORE -ldl)
}

report_host() {
	echo "(b) load + unload, host, userspace (median of $HOST_LOADS, the ways in turn)"
	printf "    %-12s %7s %14s %14s %14s %14s %8s %8s\n" plugin bytes "core, copy" \
		"core, map" "core, no mm" "dlopen+close" "copy/dl" "map/dl"
	awk '$1 == "RESULT" && $2 == "host" {
		printf "    %-12s %7d %11.1f us %11.1f us %11.1f us %11.1f us %8.2f %8.2f\n", $3, $4, $5 / 1000, $8 / 1000, $6 / 1000, $7 / 1000, $5 / $7, $8 / $7
	}' "$OUT/host.out"
	echo "    core, copy: parse + place a copy of the image (read once, before the"
	echo "    loop) in fresh mmap() memory + relocate + mprotect + munmap; core,"
	echo "    map: as dlopen, from the file each time (open, map it, the segments'"
	echo "    file pages in place, read-only ones with their final permission:"
	echo "    loadbench.h, fmap.c);"
	echo "    \"core, no mm\": parse + place + relocate into a reused buffer (no"
	echo "    system calls: the core's own work); dlopen includes reading the file"
	echo "    and running constructors.  On this host mmap+mprotect+munmap alone"
	echo "    cost $(awk '$1 == "RESULT" && $2 == "host" { s += $5 - $6; n++ } END { printf "%.0f", s / n / 1000 }' "$OUT/host.out") us per copying load."
}

# --- (b), (h), (j) alone: the host's rows (BENCH_ONLY=host) ------------------
if [ "${BENCH_ONLY:-}" = host ]; then
	KDIR=$("$ROOT/tools/elfk-vm" --kdir stock 2>>"$LOG")
	say "building loadbench and the example plugins"
	build_loadbench
	make -C "$ROOT/tools" guest O="$OUT/tools" DESTDIR="$OUT/guest" >>"$LOG" 2>&1
	# shellcheck source-path=SCRIPTDIR source=same.sh
	. "$HERE/same.sh"
	same_build_host
	P=$OUT/tools
	say "host: elfk core vs dlopen, $HOST_LOADS loads each"
	"$OUT/loadbench" "$HOST_LOADS" "$P/hello.so" "$P/noctor.so" "$P/tls.so" >"$OUT/host.out"
	same_host
	"$HERE/bind.sh" "$OUT" >"$OUT/bind.txt"
	echo "elfk benchmarks ($(date -u +%Y-%m-%d)), (b), (h) and (j) only"
	echo "host: $(uname -r), $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
	echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) CPUs)"
	echo
	report_host
	echo
	same_report_host
	echo
	cat "$OUT/bind.txt"
	exit 0
fi

report_tls() {
	echo "(a) __tls_get_addr() fast path, guest ($ACCEL), stock kernel (${BENCH_REPS:-5} runs each)"
	awk '$1 == "RESULT" && $2 == "tls" {
		n = $3; t = $4 / n; p = $5 / n
		printf "    %-38s %10s %16s %8s\n", "", "ns/access", "median..worst", "ratio"
		printf "    %-38s %10.2f %7.2f..%-7.2f %8s\n", "plain global (GOT, plain_bench)", p, $7 / n, $9 / n, "1.00"
		printf "    %-38s %10.2f %7.2f..%-7.2f %8.2f\n", "__thread, general-dynamic (tls_bench)", t, $6 / n, $8 / n, t / p
		printf "    (best of each; N = %d accesses per run; median ratio %.2f)\n", n, ($6 / n) / ($7 / n)
	}' "$1"
	echo "    What rewriting the GD sequence at LOAD could gain (tls_model.c, one"
	echo "    object, the rounds interleaved; median, best..worst, median ratio to m_plain):"
	awk '$1 == "RESULT" && $2 == "fn" {
		name[++k] = $3; n = $4; lo[k] = $5 / n; med[k] = $6 / n; hi[k] = $7 / n
		if ($3 == "m_plain") p = $6 / n
	}
	END {
		what["m_plain"] = "plain access"
		what["m_tls"] = "__thread, general-dynamic"
		what["m_indirect"] = "bare indirect call + access"
		what["m_direct"] = "direct call + access"
		what["m_far"] = "direct call to another page + access"
		what["m_inline"] = "%gs load + dependent load + access"
		for (i = 1; i <= k; i++)
			printf "    %-12s %-36s %7.2f %7.2f..%-7.2f %6.2f\n", name[i], what[name[i]], med[i], lo[i], hi[i], p ? med[i] / p : 0
	}' "$1"
}

# --- build --------------------------------------------------------------------

KDIR=$("$ROOT/tools/elfk-vm" --kdir stock 2>>"$LOG")
say "building elfk.ko and bench_hello.ko against $KDIR"
"$ROOT/tools/testing/build-module.sh" "$KDIR" "$OUT/module" >>"$LOG" 2>&1
KO=${ELFK_BENCH_KO:-$OUT/module/elfk.ko}
mkdir -p "$OUT/kmod"
cp "$HERE/kmod/Kbuild" "$HERE/kmod/bench_hello.c" "$OUT/kmod/"
make -C "$KDIR" M="$OUT/kmod" modules >>"$LOG" 2>&1

say "building the guest tree and the bench programs"
rm -rf "$OUT/guest"
make -C "$ROOT/tools" guest O="$OUT/tools" DESTDIR="$OUT/guest" >>"$LOG" 2>&1
mkdir -p "$OUT/guest/bench"
$CC -static -O2 -Wall -Wextra -I"$ROOT/uapi" -o "$OUT/guest/bench/bench_guest" \
	"$HERE/bench_guest.c"
# Without its debug information, as distributions install modules.
strip --strip-debug -o "$OUT/guest/bench/bench_hello.ko" "$OUT/kmod/bench_hello.ko"
install -m 0755 "$HERE/guest.sh" "$OUT/guest/bench/guest.sh"
make -f "$HERE/tls_model.mk" ELFK_OUT="$OUT/guest/bench" >>"$LOG" 2>&1

build_loadbench

say "building the verified-mode host bench (tools/testing/verify bench-real)"
make -C "$ROOT/tools/testing/verify" O="$OUT/verify" bench-real >>"$LOG" 2>&1

# --- (i) issue 15: verified mode in the guest -------------------------------------
# Verified against native CALLs of the kernel's LZ4 compression, xxh64 and
# SHA-256 over the same 64 KiB, and LOAD of the same object with and without
# verification, in the stock guest of (a)-(d): guest.sh runs verified.sh
# last.  "BENCH_ONLY=verified make bench" runs only this part.  The images
# are run-verified.sh's (tools/testing/verify guest: real.so, real-native.so).
# Environment: BENCH_VERIFIED_GUEST_RUNS, BENCH_VERIFIED_LOADS (verified.sh).
$CC -static -O2 -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers \
	-I"$ROOT/uapi" -I"$ROOT/tools/lib" -I"$ROOT/lib" \
	-o "$OUT/guest/bench/bench_verified" "$HERE/bench_verified.c" \
	"$ROOT/arch/x86_64/verify.c" "$ROOT/arch/x86_64/verify_decode.c" "$ROOT/lib/log.c"
install -m 0755 "$HERE/verified.sh" "$OUT/guest/bench/verified.sh"
make -C "$ROOT/tools/testing/verify" O="$OUT/verify" big >>"$LOG" 2>&1
install -m 0644 "$OUT/verify/big/big.so" "$OUT/guest/bench/big.so"
make -C "$ROOT/tools/testing/verify" O="$OUT/verify" bench-real-static >>"$LOG" 2>&1
install -m 0755 "$OUT/verify/run/sbx-bench-static" "$OUT/guest/bench/sbx-bench"

report_verified() {
	echo "(i) verified mode vs native, guest (${ACCEL:-TCG}), stock kernel: real.so"
	echo "    (VERIFIED=1) against real-native.so (the same sources as an ordinary plugin)"
	grep -q '^RESULT vcall' "$1" || { echo "    no results (no linux-source: see $1)"; return 0; }
	printf "    %-5s %-12s %4s %5s %11s %11s %6s %6s %11s\n" CALL function runs iters \
		native verified ratio best "p25..p75"
	awk '$1 == "RESULT" && $2 == "vcall" {
		printf "    %-5s %-12s %4d %5d %8.1f us %8.1f us %6.2f %6.2f %5.2f..%-5.2f\n", $3, $4, $6, $7, $8 / 1000, $9 / 1000, $10, $11, $12, $13
	}' "$1"
	echo "    64 KiB of text-like data.  loop: one CALL repeats the function iters"
	echo "    times inside the object (the ratio of the code); ioctl: one CALL per"
	echo "    function call, buffers copied in and out each time.  Per function"
	echo "    call: medians of the runs and their ratio; best: the ratio of the"
	echo "    fastest runs; p25..p75: quartiles of the per-run ratios (runs"
	echo "    alternate native and verified).  Goal (issue 15): <= 1.15."
	if grep -q '^RESULT vsbx' "$1"; then
		echo "    control: (f)'s userspace runner in this guest (the same real.so):"
		awk '$1 == "RESULT" && $2 == "vsbx" {
			printf "      %-14s %6d bytes: ratio %.2f (runs %.2f..%.2f)\n", $3, $4, $11, $12, $13
		}' "$1"
	fi
	printf "    %-15s %-9s %8s %5s %12s %22s %12s\n" LOAD mode bytes N median "p10..p90" unload
	awk '$1 == "RESULT" && $2 == "vload" {
		printf "    %-15s %-9s %8d %5d %9.1f us %9.1f..%-9.1f us %9.1f us\n", $3, $4, $5, $6, $7 / 1000, $8 / 1000, $9 / 1000, $10 / 1000
		if ($4 == "verified") v = $7
		else if ($3 == "real.so") p = $7
		else n = $7
	}
	END {
		if (p && v && n)
			printf "    LOAD ratio, verified over plain, the same real.so: %.2f; over real-native.so: %.2f\n", v / p, v / n
	}' "$1"
	awk '$1 == "RESULT" && $2 == "vverify" {
		printf "    the verifier alone (its C code in guest userspace, -O2) on %d bytes\n    of code: %.1f MiB/s, %.0f us per run\n", $3, $4, $5
	}' "$1"
	awk '$1 == "RESULT" && $2 == "vkverify" {
		printf "    the verifier in the module at LOAD (big.so, %d bytes of code, N %d):\n    median %.1f MiB/s, p10..p90 %.1f..%.1f, min..max %.1f..%.1f (goal: >= 50)\n", $3, $4, $5, $6, $7, $8, $9
	}' "$1"
}

if [ "${BENCH_ONLY:-}" = verified ]; then
	say "guest (TCG, stock kernel): verified mode"
	"$ROOT/tools/elfk-vm" --kernel stock --ko "$KO" --add "$OUT/guest" --timeout 1800 \
		--log "$OUT/guest-verified.log" -- /elfk/bench/verified.sh \
		>"$OUT/guest-verified.out" 2>&1 ||
		{ cat "$OUT/guest-verified.out" >&2; say "the guest run failed"; exit 1; }
	echo "elfk benchmarks ($(date -u +%Y-%m-%d)), (i) only; module: $KO"
	echo "guest: $(grep '^# guest:\|^# verified:' "$OUT/guest-verified.out" | head -n 1 | sed 's/^# [a-z]*: //')"
	report_verified "$OUT/guest-verified.out"
	exit 0
fi
# --- end of (i) -------------------------------------------------------------------
# --- (g), (h): same code, big images, zstd.so (same.sh) ----------------------
# shellcheck source-path=SCRIPTDIR source=same.sh
. "$HERE/same.sh"
same_build

report_tlb() {
	echo "(e) flush IPIs per LOAD + UNLOAD of noctor.so, guest ($ACCEL), /proc/interrupts"
	# Before elfk stopped flushing at LOAD and UNLOAD (Documentation/tls.rst,
	# 2026-12-06, "before #2", stock 6.12 guest under TCG): CAL per cycle.
	awk -v b2="${BENCH_TLB_BEFORE_2:-2.06}" -v b4="${BENCH_TLB_BEFORE_4:-6.16}" '
	$1 == "RESULT" && $2 == "tlb" {
		printf "    %d vCPUs, %d cycles: TLB %d (%.2f per cycle), CAL %d (%.2f per cycle); idle as long: TLB %d, CAL %d\n", $6, $3, $4, $4 / $3, $5, $5 / $3, $7, $8
		before = $6 == 2 ? b2 : $6 == 4 ? b4 : 0
		if (before > 0)
			printf "      CAL per cycle %.3f against %.2f before: ratio %.3f\n", $5 / $3, before, ($5 / $3) / before
		if (NF >= 9 && $9 >= 0)
			printf "      elfk global flushes: %d (%.3f per cycle; before: 2 per cycle, ratio %.3f; goal <= 0.1)\n", $9, $9 / $3, ($9 / $3) / 2
	}' "$@"
	echo "    TLB: shootdowns of user address spaces; CAL: function-call IPIs,"
	echo "    which is how flush_tlb_all() and kernel-range flushes (set_memory_*,"
	echo "    vfree's lazy purge) reach other CPUs.  Summed over the CPUs that"
	echo "    received them; the idle interval is the background.  elfk's flushes"
	echo "    (/sys/kernel/debug/elfk/tlb) are the batched ones before code pages"
	echo "    are freed; the \"before\" figures are the documented ones, not this run."
	awk 'FNR == 1 { file++ } $1 == "IPISRC" {
		if (!shown[file]++)
			printf "    senders of the IPIs (guest %d, the loop again under the ipi events):\n", file
		line = $0; sub(/^IPISRC [0-9]+ /, "", line)
		printf "      %4d  %s\n", $2, line
	}' "$@"
}

# --- run ----------------------------------------------------------------------

# elfk-vm passes -accel tcg whether or not /dev/kvm exists.
ACCEL=TCG
# (e) alone (BENCH_ONLY=tlb): a 2-vCPU and a 4-vCPU guest, nothing else.
if [ "${BENCH_ONLY:-}" = tlb ]; then
	for smp in 2 4; do
		say "guest ($ACCEL, $smp vCPUs): TLB shootdowns"
		ELFK_VM_SMP=$smp "$ROOT/tools/elfk-vm" --kernel stock --ko "$KO" \
			--add "$OUT/guest" --log "$OUT/guest-tlb$smp.log" \
			-- /elfk/bench/guest.sh tlb >"$OUT/guest-tlb$smp.out" 2>&1 ||
			{ cat "$OUT/guest-tlb$smp.out" >&2; say "the guest run failed"; exit 1; }
	done
	echo "elfk benchmarks ($(date -u +%Y-%m-%d)), (e) only; module: $KO"
	report_tlb "$OUT/guest-tlb2.out" "$OUT/guest-tlb4.out"
	exit 0
fi

# (a) alone (BENCH_ONLY=tls): one stock guest, the TLS rows only.
if [ "${BENCH_ONLY:-}" = tls ]; then
	say "guest ($ACCEL, stock kernel, $KO): TLS fast path and its models"
	"$ROOT/tools/elfk-vm" --kernel stock --ko "$KO" --add "$OUT/guest" --timeout 1800 \
		--log "$OUT/guest.log" -- /elfk/bench/guest.sh tls >"$OUT/guest.out" 2>&1 ||
		{ cat "$OUT/guest.out" >&2; say "the guest run failed"; exit 1; }
	echo "elfk benchmarks ($(date -u +%Y-%m-%d)), (a) only; module: $KO"
	echo "guest: $(grep '^# guest:' "$OUT/guest.out" | head -n 1 | sed 's/^# guest: //'), QEMU $ACCEL"
	report_tls "$OUT/guest.out"
	exit 0
fi

# (j): the 20,000-function pair, printed at the end.
"$HERE/bind.sh" "$OUT" >"$OUT/bind.txt"
# (g) and (h) alone (BENCH_ONLY=same).
if [ "${BENCH_ONLY:-}" = same ]; then
	same_host
	say "guest ($ACCEL): same code and big images"
	"$ROOT/tools/elfk-vm" --kernel stock --ko "$KO" --add "$OUT/guest" --timeout 1800 \
		--log "$OUT/guest-same.log" -- /elfk/bench/guest_same.sh >"$OUT/guest-same.out" 2>&1 ||
		{ cat "$OUT/guest-same.out" >&2; say "the guest run failed"; exit 1; }
	echo "elfk benchmarks ($(date -u +%Y-%m-%d)), (g) and (h) only; module: $KO"
	echo "guest: $(grep '^# guest:' "$OUT/guest-same.out" | head -n 1 | sed 's/^# guest: //'), QEMU $ACCEL"
	same_report "$OUT/guest-same.out"
	exit "${SAME_FAILED:-0}"
fi

say "host: verified vs native CALLs (sbx-bench, ${BENCH_VERIFIED_RUNS:-21} runs)"
"$OUT/verify/run/sbx-bench" "$OUT/verify/run/real.so" "${BENCH_VERIFIED_RUNS:-21}" >"$OUT/verified.out"

P=$OUT/tools
say "host: elfk core vs dlopen, $HOST_LOADS loads each"
"$OUT/loadbench" "$HOST_LOADS" "$P/hello.so" "$P/noctor.so" "$P/tls.so" >"$OUT/host.out"

same_host

say "guest ($ACCEL, stock kernel, $KO): TLS fast path, load times, scale"
"$ROOT/tools/elfk-vm" --kernel stock --ko "$KO" --add "$OUT/guest" --timeout 1800 \
	--log "$OUT/guest.log" -- /elfk/bench/guest.sh >"$OUT/guest.out" 2>&1 ||
	{ cat "$OUT/guest.out" >&2; say "the guest run failed"; exit 1; }
say "guest ($ACCEL, 4 vCPUs): TLB shootdowns"
ELFK_VM_SMP=4 "$ROOT/tools/elfk-vm" --kernel stock --ko "$KO" --add "$OUT/guest" \
	--log "$OUT/guest4.log" -- /elfk/bench/guest.sh tlb >"$OUT/guest4.out" 2>&1 ||
	{ cat "$OUT/guest4.out" >&2; say "the 4-vCPU guest run failed"; exit 1; }

# --- report -------------------------------------------------------------------

host_cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
guest_line=$(grep '^# guest:' "$OUT/guest.out" | head -n 1 | sed 's/^# guest: //')

echo
echo "elfk benchmarks ($(date -u +%Y-%m-%d))"
echo "host:  $(uname -r), $host_cpu"
echo "guest: $guest_line, QEMU $ACCEL"
echo "       (the guest CPU is emulated by TCG; guest times are emulation"
echo "       times, several times slower than hardware, and only the ratios"
echo "       between two rows of the same table carry over)"
echo "module: $KO"

echo
report_tls "$OUT/guest.out"

echo
report_host

echo
echo "(c) load + unload, guest ($ACCEL), stock kernel (mean of ${BENCH_LOADS:-200})"
printf "    %-18s %7s %12s %12s %12s %9s\n" object bytes load unload total "vs insmod"
awk '$1 == "RESULT" && ($2 == "elfk" || $2 == "kmod") {
	name[NR] = ($2 == "kmod" ? "insmod " : "elfk ") $3; b[NR] = $4; l[NR] = $5; u[NR] = $6
	if ($2 == "kmod") k = $5 + $6
}
END {
	for (i = 1; i <= NR; i++) if (i in name)
		printf "    %-18s %7d %9.1f us %9.1f us %9.1f us %9.2f\n", name[i], b[i], l[i] / 1000, u[i] / 1000, (l[i] + u[i]) / 1000, k ? (l[i] + u[i]) / k : 0
}' "$OUT/guest.out"
echo "    elfk: ELFK_IOC_LOAD (copy, check, vmalloc, relocate, set_memory_*,"
echo "    constructors) + ELFK_IOC_UNLOAD; insmod: finit_module() +"
echo "    delete_module() of an unsigned trivial module (signature check off),"
echo "    debug information stripped.  hello.so's constructors and exit"
echo "    function print to the kernel log (a serial console in the guest);"
echo "    tls_rel.o is tls.so's source as an ET_REL object (gcc -c, ld -r)."

echo
echo "(d) LOAD + UNLOAD of noctor.so with K other objects loaded, guest ($ACCEL)"
printf "    %7s %6s %12s %24s %8s %8s\n" K N median "p10..p90" "ratio" "p10 ratio"
awk '$1 == "RESULT" && $2 == "scale" {
	if (!base) { base = $5; base10 = $6 }
	printf "    %7d %6d %9.1f us %10.1f..%-8.1f us %8.2f %8.2f\n", $3, $4, $5 / 1000, $6 / 1000, $7 / 1000, $5 / base, $6 / base10
}' "$OUT/guest.out"
echo "    ratio: median over the K = 0 median; p10 ratio: the same for the"
echo "    10th percentile, which a busy host disturbs least.  One boot; the"
echo "    K objects are unnamed copies of noctor.so (max_objects and"
echo "    max_objects_per_user raised for the sweep only)."

echo
report_tlb "$OUT/guest.out" "$OUT/guest4.out"
echo
echo "(f) verified mode vs native CALL, host, userspace (${BENCH_VERIFIED_RUNS:-21} runs each)"
printf "    %-14s %7s %12s %12s %8s %14s\n" function bytes native verified ratio "ratio min..max"
awk '$1 == "RESULT" && $2 == "verified" {
	printf "    %-14s %7d %9.1f us %9.1f us %8.2f %7.2f..%-6.2f\n", $3, $4, $5 / 1000, $8 / 1000, $11, $12, $13
}' "$OUT/verified.out"
awk '$1 == "RESULT" && $2 == "verify" {
	printf "    verifier on real.so'"'"'s %d bytes of code: %.0f MiB/s (%.0f us per LOAD)\n", $3, $4, $5
}' "$OUT/verified.out"
echo "    the kernel's lib/lz4, lib/xxhash.c and lib/crypto/sha256.c built with"
echo "    the SDK's VERIFIED=1"
echo "    (elfk-sfi-rewrite, bundles, fuel) and run in tools/testing/verify/run's"
echo "    userspace model of the runtime (same window, trampolines, entry state),"
echo "    against the same sources built natively with the same codegen limits"
echo "    (no SIMD, no red zone, no jump tables); medians of thread CPU time,"
echo "    runs alternating.  Goal (issue 15): <= 1.15.  Guest CALLs: (i)."
echo
report_verified "$OUT/guest.out"	# (i), issue 15
echo
cat "$OUT/bind.txt"
echo
same_report "$OUT/guest.out"
echo
echo "raw results and logs: $OUT/host.out $OUT/verified.out $OUT/guest.out $OUT/guest4.out $OUT/guest.log"
exit "${SAME_FAILED:-0}"
