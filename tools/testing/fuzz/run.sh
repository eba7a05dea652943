#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run.sh MODE SECONDS O CRASHES TARGET...: drive the libFuzzer targets
# (called by the Makefile).
#
#   run     fuzz each target for SECONDS from $O/seeds, regressions/ and its
#           own corpus $O/corpus/<target>; crashing inputs are written to
#           CRASHES/<target>-crash-*, and the run fails if any is found
#   smoke   replay every seed and regression once through each target,
#           then fuzz each for SECONDS; prints TAP lines
#
# Each target prints "ok - fuzz <target>: N execs, 0 crashes" or
# "not ok - fuzz <target>: ..." with the crash's file.  Exits 1 on any
# failure.

set -u
mode=$1 secs=$2 O=$3 crashes=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)
regress=$here/regressions
mkdir -p "$crashes"
fail=0

# Every regression input, without the README.
regression_files() {
	for f in "$regress"/*; do
		case $f in */README* | *'/*') ;; *) [ -f "$f" ] && echo "$f" ;; esac
	done
}

for t in "$@"; do
	bin=$O/$t
	corpus=$O/corpus/$t
	log=$O/$t.$mode.log
	mkdir -p "$corpus"
	: >"$log"
	before=$(ls "$crashes" | grep -c "^$t-" || true)
	rc=0
	if [ "$mode" = smoke ]; then
		# Replay: each file once, no mutation.
		# shellcheck disable=SC2046 # file list
		"$bin" -runs=0 -rss_limit_mb=4096 $(ls "$O"/seeds/* ) $(regression_files) \
			>>"$log" 2>&1 || rc=$?
		if [ $rc != 0 ]; then
			echo "not ok - fuzz $t: replay of the seeds and regressions crashed (log $log)"
			grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|fuzz invariant|Running: )' "$log" |
				tail -n 8 | sed 's/^/# /'
			fail=1
			continue
		fi
		nseeds=$(grep -c '^Executed ' "$log" || true)
	fi
	start=$(date +%s)
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 \
		-print_final_stats=1 -artifact_prefix="$crashes/$t-" \
		"$corpus" "$O/seeds" "$regress" >>"$log" 2>&1 || rc=$?
	took=$(($(date +%s) - start))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.* cov: \([0-9]*\) .*ft: \([0-9]*\).*/cov \1, ft \2/p')
	after=$(ls "$crashes" | grep -c "^$t-" || true)
	new=$((after - before))
	if [ $rc != 0 ] || [ "$new" != 0 ]; then
		echo "not ok - fuzz $t: ${execs:-?} execs in ${took}s, $new new crash(es) in $crashes (log $log)"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|fuzz invariant|artifact_prefix|Test unit written)' "$log" |
			tail -n 8 | sed 's/^/# /'
		fail=1
	else
		echo "ok - fuzz $t: ${execs:-?} execs, 0 crashes (${took}s${cov:+, $cov}${nseeds:+, $nseeds seeds replayed})"
	fi
done
exit $fail
