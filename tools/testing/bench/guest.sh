#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# guest.sh: the guest half of "make bench" (run.sh), run in QEMU with elfk
# loaded.  Prints "RESULT ..." lines (see bench_guest.c); anything else is
# commentary.  Environment: BENCH_TLS_N (accesses, default 10000000),
# BENCH_REPS (default 5), BENCH_LOADS (load/unload pairs, default 200),
# BENCH_SCALE (other objects loaded, default "0 10 100 1000 10000"),
# BENCH_SCALE_N (timed cycles at each, default 200).  With the argument
# "tlb", only the TLB shootdown count (run.sh boots a 4-vCPU guest for it);
# with "tls", only part (a)'s rows.

set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
PATH=$ROOT/bin:$PATH
B=$HERE/bench_guest
N=${BENCH_TLS_N:-10000000}
REPS=${BENCH_REPS:-5}
LOADS=${BENCH_LOADS:-200}
SCALE=${BENCH_SCALE:-0 10 100 1000 10000}
SCALE_N=${BENCH_SCALE_N:-200}
PARAMS=/sys/module/elfk/parameters

echo "# guest: $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"

# Who sends the IPIs the tlb count sees: the same loop again (the count
# above is taken untraced) under the ipi_send_cpu/ipi_send_cpumask events
# (Linux 6.3 and later) with a stack trace each, printed as "IPISRC count
# callsite <- callers" lines.  Nothing on kernels without the events.
tlb_senders() {
	T=/sys/kernel/tracing
	mount -t tracefs none "$T" 2>/dev/null || true
	[ -e "$T/events/ipi/ipi_send_cpu/enable" ] || return 0
	echo 4096 >"$T/buffer_size_kb"
	for e in ipi_send_cpu ipi_send_cpumask; do
		echo 1 >"$T/events/ipi/$e/enable"
		echo stacktrace >"$T/events/ipi/$e/trigger"
	done
	echo >"$T/trace"
	echo 1 >"$T/tracing_on"
	"$B" tlb "$ROOT/plugins/noctor.so" "$LOADS" >/dev/null
	# Before the events go: turning them off patches text on every CPU.
	echo 0 >"$T/tracing_on"
	for e in ipi_send_cpu ipi_send_cpumask; do
		echo 0 >"$T/events/ipi/$e/enable"
		echo '!stacktrace' >"$T/events/ipi/$e/trigger"
	done
	# An event line, "<stack trace>", then "=> frame" lines: frames 3 to 6
	# are the callers of the IPI (0-2 are the tracepoint and the queueing).
	awk '/ ipi_send_cpu(mask)?: / {
		if (cs != "") n[cs " <- " chain]++
		cs = $0; sub(/.*callsite=/, "", cs); sub(/[+ ].*/, "", cs)
		chain = ""; f = 0; next
	}
	/^ *=> / && cs != "" {
		f++; fr = $0; sub(/^ *=> /, "", fr); sub(/\+.*/, "", fr)
		if (f >= 4 && f <= 6) chain = chain (chain == "" ? "" : " <- ") fr
	}
	END {
		if (cs != "") n[cs " <- " chain]++
		for (k in n) print "IPISRC", n[k], k
	}' "$T/trace" | sort -k2,2nr
	echo >"$T/trace"
	echo 1 >"$T/tracing_on"
}

if [ "${1:-}" = tlb ]; then
	"$B" tlb "$ROOT/plugins/noctor.so" "$LOADS"
	tlb_senders
	exit 0
fi
# (a): the TLS fast path, then what each part of it costs (tls_model.c).
tls_rows() {
	id=$(elfk-ctl load "$ROOT/plugins/tls.so")
	"$B" tls "$id" "$N" "$REPS"
	elfk-ctl unload "$id"
	id=$(elfk-ctl load "$HERE/tls_model.so")
	"$B" fns "$id" "$N" "$REPS" m_plain m_tls m_indirect m_direct m_far m_inline
	elfk-ctl unload "$id"
}

if [ "${1:-}" = tls ]; then
	tls_rows
	exit 0
fi
tls_rows
"$B" elfk "$ROOT/plugins/hello.so" "$LOADS"
"$B" elfk "$ROOT/plugins/noctor.so" "$LOADS"
"$B" elfk "$ROOT/plugins/tls.so" "$LOADS"
"$B" elfk "$ROOT/plugins/tls_rel.o" "$LOADS"
"$B" kmod "$HERE/bench_hello.ko" bench_hello "$LOADS"
"$B" tlb "$ROOT/plugins/noctor.so" "$LOADS"

# The scale sweep needs more objects than the default caps allow (the
# largest K, plus the one measured): raised for the sweep only.
max=$(cat "$PARAMS/max_objects")
per_user=$(cat "$PARAMS/max_objects_per_user")
need=$(echo "$SCALE" | tr ' ' '\n' | sort -n | tail -n 1)
echo $((need + 1)) >"$PARAMS/max_objects"
echo $((need + 1)) >"$PARAMS/max_objects_per_user"
# shellcheck disable=SC2086 # a list of numbers
"$B" scale "$ROOT/plugins/noctor.so" "$ROOT/plugins/noctor.so" "$SCALE_N" $SCALE
echo "$max" >"$PARAMS/max_objects"
echo "$per_user" >"$PARAMS/max_objects_per_user"

# --- (i) issue 15: verified mode (verified.sh) --------------------------------
"$HERE/verified.sh"
# --- (g): same code and big images (guest_same.sh) ---------------------------
"$HERE/guest_same.sh"
