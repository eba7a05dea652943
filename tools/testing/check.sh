#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh: the body of `make check`.  Runs every stage, never stopping at a
# failed one, and prints TAP-style lines (`ok - NAME` / `not ok - NAME`),
# also collected in build/check/results.txt.  A piece that doesn't exist yet
# is `not ok`, never a silent pass.  Ends with the line `N passed, N failed`
# and exits nonzero if anything failed or nothing ran.
#
# Stages, in order:
#   deps          apt-get install what's missing (needs root)
#   host          make -C tools/testing/host check        (TAP, one line each)
#   tools         tools/testing/tools-check.sh: elfk-ctl, uapi ABI, SDK (TAP)
#   fuzz          libFuzzer smoke over the portable core, seeds replayed (TAP)
#   docs          tools/testing/docs.sh: Documentation/*.rst parse (TAP)
#   style         tools/testing/style.sh                  (TAP, one line each)
#   kernel-debug  build or reuse the cached debug kernel (tools/testing/vm/)
#   module-debug  tools/testing/build-module.sh <debug KDIR> build/check/module-debug
#   module-stock  tools/testing/build-module.sh <Debian headers> build/check/module-stock
#   guest-tools   make -C tools guest DESTDIR=build/guest
#   guest-debug   tools/elfk-vm on the debug kernel: KUnit (KTAP from the
#                 kernel log), e2e (/elfk/tests/run-e2e.sh), log scan
#   guest-stock   the same on Debian's kernel (no KUnit there)
#   guest-debug-signed
#                 the trust gates, three short boots of the debug kernel
#                 with a signed elfk.ko and signed/tampered/wrong-key images
#                 (tools/testing/guest/mk-signed.sh): run-policy.sh (no
#                 enforcement), run-signed.sh under lockdown=integrity and
#                 under module.sig_enforce=1
#
# Environment:
#   ELFK_CHECK_ONLY=host,style   run only these stages (comma-separated).
#                 Stages a selected one needs are pulled in (guest-debug
#                 brings kernel-debug, module-debug, guest-tools).
#   ELFK_VM_TIMEOUT              per-guest timeout in seconds (default 2400)
#   ELFK_CACHE, ELFK_JOBS        see tools/testing/vm/lib.sh
#
# e2e protocol: the guest command's own console lines that start with
# `ok ` or `not ok ` are results (TAP; `# SKIP` counts as skipped).  Kernel
# lines carry a `[ time]` prefix, so they never count as e2e results.

set -uo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$TOP" || exit 1
# shellcheck source-path=SCRIPTDIR source=vm/lib.sh
. "$TOP/tools/testing/vm/lib.sh"

OUT=$TOP/build/check
RESULTS=$OUT/results.txt
mkdir -p "$OUT"
: >"$RESULTS"

ALL_STAGES="deps host tools fuzz docs style kernel-debug module-debug module-stock guest-tools guest-debug guest-stock guest-debug-signed"
DEPS_PKGS=(linux-source-6.1 linux-headers-amd64 qemu-system-x86 sparse busybox-static
	flex bison libelf-dev cpio bc dwarves kmod libssl-dev rsync xz-utils
	gcc make libc6-dev clang libclang-rt-14-dev python3-docutils git)

# --- stage selection --------------------------------------------------------
declare -A want=()
if [ -n "${ELFK_CHECK_ONLY:-}" ]; then
	IFS=', ' read -r -a only <<<"$ELFK_CHECK_ONLY"
	for s in "${only[@]}"; do
		case " $ALL_STAGES " in
		*" $s "*) want[$s]=1 ;;
		*) echo "check.sh: unknown stage '$s' (stages: $ALL_STAGES)" >&2; exit 2 ;;
		esac
	done
	[ -z "${want[guest-debug]:-}" ] || want[module-debug]=1 want[guest-tools]=1
	[ -z "${want[guest-debug-signed]:-}" ] || want[module-debug]=1 want[guest-tools]=1
	[ -z "${want[guest-stock]:-}" ] || want[module-stock]=1 want[guest-tools]=1
	[ -z "${want[module-debug]:-}" ] || want[kernel-debug]=1
else
	for s in $ALL_STAGES; do want[$s]=1; done
fi

# --- reporting --------------------------------------------------------------
tap() { # ok|not-ok NAME [DETAIL]
	local line
	if [ "$1" = ok ]; then line="ok - $2"; else line="not ok - $2"; fi
	[ -z "${3:-}" ] || line+=" ($3)"
	printf '%s\n' "$line" | tee -a "$RESULTS"
}

declare -A stage_ok=()
t0=$(date +%s)
stage_begin() {
	stage_t0=$(date +%s)
	echo "# --- stage $1 ($(date -u +%H:%M:%S))"
}
stage_end() { # NAME STATUS [DETAIL]
	local secs=$(($(date +%s) - stage_t0))
	if [ "$2" = 0 ]; then
		stage_ok[$1]=1
		tap ok "$1" "${3:-${secs}s}"
	else
		tap not-ok "$1" "${3:-${secs}s}"
	fi
	echo "# stage $1: ${secs}s"
}
missing() { # NAME WHAT
	stage_begin "$1"
	stage_end "$1" 1 "missing: $2"
}

# relay_tap PREFIX FILE: re-emit TAP result lines (`ok N - x`, `not ok N x`,
# `# SKIP` kept) as our own lines; they are also left in FILE.tap.
relay_tap() {
	local prefix=$1 file=$2
	sed 's/\r$//' "$file" | awk -v p="$prefix" '
		/^(not )?ok( |$)/ {
			st = ($1 == "not") ? "not ok" : "ok"
			rest = $0; sub(/^(not )?ok */, "", rest)
			sub(/^[0-9]+ */, "", rest); sub(/^- */, "", rest)
			if (rest == "") rest = "(unnamed)"
			print st " - " p ": " rest
		}' >"$file.tap"
	tee -a "$RESULTS" <"$file.tap"
}

# --- stages -----------------------------------------------------------------
st_deps() {
	stage_begin deps
	if [ "$(id -u)" != 0 ]; then
		local miss=() p
		for p in "${DEPS_PKGS[@]}"; do elfk_pkg_installed "$p" || miss+=("$p"); done
		[ ${#miss[@]} -eq 0 ]
		stage_end deps $? "${miss[*]:+not root; missing ${miss[*]}}"
		return
	fi
	elfk_need_pkgs "${DEPS_PKGS[@]}" >"$OUT/deps.log" 2>&1
	local rc=$?
	[ $rc = 0 ] || tail -n 20 "$OUT/deps.log" >&2
	stage_end deps $rc
}

st_tap_cmd() { # NAME WHAT CMD...: a command printing TAP lines
	local name=$1 what=$2 rc n
	shift 2
	stage_begin "$name"
	"$@" >"$OUT/$name.log" 2>&1
	rc=$?
	sed 's/^/# /' "$OUT/$name.log"
	relay_tap "$name" "$OUT/$name.log"
	n=$(wc -l <"$OUT/$name.log.tap")
	if [ "$rc" != 0 ]; then
		stage_end "$name" 1 "$what exited $rc; log $OUT/$name.log"
	elif [ "$n" = 0 ]; then
		stage_end "$name" 1 "$what printed no TAP results"
	else
		stage_end "$name" 0 "$n results"
	fi
}

st_host() {
	if [ ! -f tools/testing/host/Makefile ]; then
		missing host tools/testing/host/Makefile
		return
	fi
	st_tap_cmd host "make -C tools/testing/host check" make -C tools/testing/host check
}

st_tools() {
	st_tap_cmd tools tools/testing/tools-check.sh tools/testing/tools-check.sh
}

st_fuzz() {
	st_tap_cmd fuzz "make -C tools/testing/fuzz smoke" make -C tools/testing/fuzz smoke
}

st_docs() {
	st_tap_cmd docs tools/testing/docs.sh tools/testing/docs.sh
}

st_style() {
	if [ ! -x tools/testing/style.sh ]; then
		missing style tools/testing/style.sh
		return
	fi
	st_tap_cmd style tools/testing/style.sh tools/testing/style.sh
}

DEBUG_KDIR=
st_kernel_debug() {
	stage_begin kernel-debug
	DEBUG_KDIR=$(elfk_debug_kernel 2> >(tee "$OUT/kernel-debug.log" >&2))
	local rc=$?
	local secs
	secs=$(cat "$DEBUG_KDIR/.elfk-build-seconds" 2>/dev/null || echo "?")
	stage_end kernel-debug $rc "KDIR $DEBUG_KDIR, build took ${secs}s when built"
}

st_module() { # debug|stock
	local which=$1 name=module-$1 kdir rc
	if [ ! -x tools/testing/build-module.sh ]; then
		missing "$name" tools/testing/build-module.sh
		return
	fi
	stage_begin "$name"
	if [ "$which" = debug ]; then
		if [ -z "${stage_ok[kernel-debug]:-}" ]; then
			stage_end "$name" 1 "needs kernel-debug, which failed"
			return
		fi
		kdir=$DEBUG_KDIR
	else
		kdir=$(elfk_stock_kdir 2>>"$OUT/$name.log")
	fi
	if [ -z "$kdir" ] || [ ! -f "$kdir/Makefile" ]; then
		stage_end "$name" 1 "no KDIR (see $OUT/$name.log)"
		return
	fi
	rm -rf "${OUT:?}/$name"
	tools/testing/build-module.sh "$kdir" "$OUT/$name" >"$OUT/$name.log" 2>&1
	rc=$?
	if [ $rc = 0 ] && [ ! -f "$OUT/$name/elfk.ko" ]; then
		echo "no $OUT/$name/elfk.ko after build-module.sh" >>"$OUT/$name.log"
		rc=1
	fi
	[ $rc = 0 ] || tail -n 30 "$OUT/$name.log" >&2
	stage_end "$name" $rc "$([ $rc = 0 ] || echo "log $OUT/$name.log")"
}

st_guest_tools() {
	if [ ! -f tools/Makefile ]; then
		missing guest-tools tools/Makefile
		return
	fi
	stage_begin guest-tools
	rm -rf build/guest
	make -C tools guest DESTDIR="$TOP/build/guest" >"$OUT/guest-tools.log" 2>&1
	local rc=$?
	local f
	for f in build/guest/bin/elfk-ctl build/guest/tests/run-e2e.sh; do
		[ -e "$f" ] || { echo "missing $f" >>"$OUT/guest-tools.log"; rc=1; }
	done
	[ $rc = 0 ] || tail -n 30 "$OUT/guest-tools.log" >&2
	stage_end guest-tools $rc "$([ $rc = 0 ] || echo "log $OUT/guest-tools.log")"
}

# kunit_tap LOG: KTAP in the kernel log -> one TAP line per leaf case.
# Kernel lines are `[  1.234567] <indent>ok N name [# SKIP why]`; a result is
# a leaf unless a `# Subtest: name` header sat one level deeper.
kunit_tap() {
	sed 's/\r$//' "$1" | awk '
		!/^\[ *[0-9]+\.[0-9]+\] / { next }
		{ sub(/^\[ *[0-9]+\.[0-9]+\] /, "") }
		match($0, /^ *# Subtest: /) {
			ind = RLENGTH - length("# Subtest: ")
			nm = substr($0, RLENGTH + 1)
			hdr[ind, nm] = 1
			path[ind] = nm
			next
		}
		match($0, /^ *(not )?ok [0-9]+ /) {
			line = $0
			ind = match(line, /[^ ]/) - 1
			st = (line ~ /^ *not ok/) ? "not ok" : "ok"
			sub(/^ *(not )?ok [0-9]+ (- )?/, "", line)
			skip = ""
			if (match(line, / # SKIP/)) { skip = substr(line, RSTART); line = substr(line, 1, RSTART - 1) }
			if (((ind + 4) SUBSEP line) in hdr) { delete hdr[ind + 4, line]; next }
			full = line
			for (i = ind; i >= 4; i -= 4) if (i in path) full = path[i] "." full
			if (skip != "") print "ok - kunit: " full " # SKIP" substr(skip, 8)
			else print st " - kunit: " full
		}'
}

# e2e_tap LOG: lines of the guest command that are TAP results.
e2e_tap() {
	sed 's/\r$//' "$1" | awk '
		/^(not )?ok( |$)/ {
			st = ($1 == "not") ? "not ok" : "ok"
			rest = $0; sub(/^(not )?ok */, "", rest)
			sub(/^[0-9]+ */, "", rest); sub(/^- */, "", rest)
			print st " - e2e: " rest
		}'
}

st_guest() { # debug|stock
	local which=$1 name=guest-$1 ko=$OUT/module-$1/elfk.ko log rc cmd
	log=$OUT/$name.log
	stage_begin "$name"
	rm -f "$log"
	if [ ! -f "$ko" ]; then
		stage_end "$name" 1 "no module: module-$which did not produce $ko"
		return
	fi
	# Every guest suite runs in one boot (run-all.sh); it needs more than
	# elfk-vm's default ten minutes on the debug kernel under TCG.
	local args=(--kernel "$which" --ko "$ko" --log "$log"
		--timeout "${ELFK_VM_TIMEOUT:-2400}")
	if [ -x build/guest/tests/run-all.sh ]; then
		args+=(--add build/guest)
		cmd=/elfk/tests/run-all.sh
	else
		tap not-ok "$name: e2e" "missing build/guest/tests/run-all.sh"
		[ -d build/guest ] && args+=(--add build/guest)
		cmd=true
	fi
	tools/elfk-vm "${args[@]}" -- "$cmd" >"$OUT/$name.console" 2>"$OUT/$name.stderr"
	rc=$?
	cat "$OUT/$name.stderr" >&2
	[ -f "$log" ] || cp "$OUT/$name.console" "$log"
	{
		kunit_tap "$log"
		e2e_tap "$log"
	} | sed "s/^\(\(not \)\{0,1\}ok - \)/\1$name: /" | tee -a "$RESULTS"
	"$TOP/tools/testing/vm/scan-log.sh" "$log" | while IFS= read -r l; do
		tap not-ok "$name: kernel log" "${l#scan-log: }"
	done
	if [ $rc != 0 ]; then
		echo "# $name failed; log: $log" >&2
		stage_end "$name" 1 "elfk-vm exited $rc; log $log"
	else
		stage_end "$name" 0 "$(grep -E 'elfk-vm: boot-to-init' "$OUT/$name.stderr" | sed 's/^elfk-vm: //')"
	fi
}

# One boot of the signed-image stage: NAME APPEND CMD; results are prefixed
# with "guest-debug-signed: NAME: ".
signed_boot() {
	local name=$1 append=$2 cmd=$3 dir=$OUT/guest-debug-signed rc
	local log=$dir/$name.log
	tools/elfk-vm --kernel debug --ko "$dir/elfk.ko" --log "$log" \
		--timeout "${ELFK_VM_TIMEOUT:-1200}" --add build/guest --add "$dir/add" \
		${append:+--append "$append"} -- "$cmd" >"$dir/$name.console" 2>"$dir/$name.stderr"
	rc=$?
	[ -f "$log" ] || cp "$dir/$name.console" "$log"
	e2e_tap "$log" | sed "s/^\(\(not \)\{0,1\}ok - \)e2e: /\1guest-debug-signed: $name: /" |
		tee -a "$RESULTS"
	"$TOP/tools/testing/vm/scan-log.sh" "$log" | while IFS= read -r l; do
		tap not-ok "guest-debug-signed: $name: kernel log" "${l#scan-log: }"
	done
	if [ $rc != 0 ]; then
		tap not-ok "guest-debug-signed: $name: boot" "elfk-vm exited $rc; log $log"
		return 1
	fi
}

st_guest_signed() {
	local dir=$OUT/guest-debug-signed ko=$OUT/module-debug/elfk.ko fails=0
	local sign=tools/sdk/elfk-sign.sh
	stage_begin guest-debug-signed
	if [ ! -f "$ko" ] || [ -z "$DEBUG_KDIR" ] || [ ! -d build/guest ]; then
		stage_end guest-debug-signed 1 "needs module-debug, kernel-debug and guest-tools"
		return
	fi
	rm -rf "$dir"
	mkdir -p "$dir/add/tests"
	# KUnit runs in guest-debug; without it these boots are short, and the
	# KUnit cases loading unsigned fixtures are not refused here.  The
	# lockdown and sig_enforce boots only load a signed elfk.ko.
	if ! tools/testing/build-module.sh "$DEBUG_KDIR" "$dir/module" CONFIG_KUNIT= \
		>"$dir/sign.log" 2>&1 ||
		! "$sign" -k "$DEBUG_KDIR" "$DEBUG_KDIR/certs/signing_key.pem" \
		"$DEBUG_KDIR/certs/signing_key.x509" "$dir/module/elfk.ko" "$dir/elfk.ko" \
		>>"$dir/sign.log" 2>&1 ||
		! tools/testing/guest/mk-signed.sh "$DEBUG_KDIR" build/guest/plugins \
			"$dir/add/signed" >>"$dir/sign.log" 2>&1; then
		cat "$dir/sign.log" >&2
		stage_end guest-debug-signed 1 "signing failed; log $dir/sign.log"
		return
	fi
	install -m 0755 tools/testing/guest/run-policy.sh tools/testing/guest/run-signed.sh \
		"$dir/add/tests/"
	signed_boot policy "" /elfk/tests/run-policy.sh || fails=1
	signed_boot lockdown lockdown=integrity "/elfk/tests/run-signed.sh lockdown" || fails=1
	signed_boot enforce module.sig_enforce=1 "/elfk/tests/run-signed.sh enforce" || fails=1
	stage_end guest-debug-signed $fails
}

# --- run --------------------------------------------------------------------
for s in $ALL_STAGES; do
	[ -n "${want[$s]:-}" ] || continue
	case $s in
	deps) st_deps ;;
	host) st_host ;;
	tools) st_tools ;;
	fuzz) st_fuzz ;;
	docs) st_docs ;;
	style) st_style ;;
	kernel-debug) st_kernel_debug ;;
	module-debug) st_module debug ;;
	module-stock) st_module stock ;;
	guest-tools) st_guest_tools ;;
	guest-debug) st_guest debug ;;
	guest-stock) st_guest stock ;;
	guest-debug-signed) st_guest_signed ;;
	esac
done

passed=$(grep -c '^ok ' "$RESULTS" | tr -d ' ')
skipped=$(grep -ciE '^ok .*# skip' "$RESULTS" | tr -d ' ')
passed=$((passed - skipped))
failed=$(grep -c '^not ok ' "$RESULTS" | tr -d ' ')
echo "# results: $RESULTS; total $(($(date +%s) - t0))s"
grep '^not ok ' "$RESULTS" | sed 's/^/# FAILED: /'
echo "$skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ $((passed + skipped)) -gt 0 ]
