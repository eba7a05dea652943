#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh: the body of `make check`.  Runs every stage, never stopping at a
# failed one, and prints TAP-style lines (`ok - NAME` / `not ok - NAME`),
# also collected in build/check/results.txt.  A piece that doesn't exist yet
# is `not ok`, never a silent pass.  Ends with the line `N passed, N failed`
# and exits nonzero if anything failed or nothing ran.
#
# Stages, in order (SERIES: each of Debian's kernel series elfk supports,
# 6.1 and 6.12; see tools/testing/vm/lib.sh):
#   deps              apt-get install what's missing (needs root); the only
#                     step that installs anything (also `make deps`)
#   host              make -C tools/testing/host check        (TAP, one line each)
#   tools             tools/testing/tools-check.sh: elfk-ctl, uapi ABI, SDK (TAP)
#   fuzz              libFuzzer smoke over the portable core, seeds replayed (TAP)
#   docs              tools/testing/docs.sh: Documentation/*.rst parse (TAP)
#   style             tools/testing/style.sh                  (TAP, one line each)
#   kernel-debug-SERIES  build or reuse the cached debug kernel built from
#                     Debian's linux-source-SERIES (tools/testing/vm/)
#   module-debug-SERIES  build-module.sh against that debug kernel
#   module-stock-SERIES  build-module.sh against Debian's SERIES headers
#   guest-tools       make -C tools guest DESTDIR=build/guest
#   guest-debug-SERIES   tools/elfk-vm on the debug kernel, one boot each for
#                     KUnit (elfk_kunit.ko; KTAP from the kernel log) and
#                     for every suite of /elfk/tests/run-all.sh, log scans
#   guest-stock-SERIES   the same on Debian's kernel (no KUnit there), and a
#                     check that the exit status comes from the result port
#   guest-signed-SERIES  the trust gates: three short boots of the debug
#                     kernel with a signed elfk.ko and signed/tampered/
#                     wrong-key images (tools/testing/guest/mk-signed.sh):
#                     run-policy.sh (no enforcement), run-signed.sh under
#                     lockdown=integrity and under module.sig_enforce=1
#   packages          tools/packaging/test-packages.sh: make deb, lintian,
#                     completion, install and use in a clean Debian root (TAP)
#
# Environment:
#   ELFK_CHECK_ONLY=host,style   run only these stages (comma-separated).
#                 A stage name without its series means every series
#                 (guest-debug = guest-debug-6.1,guest-debug-6.12).  Stages
#                 a selected one needs are pulled in (guest-debug-6.1 brings
#                 kernel-debug-6.1, module-debug-6.1, guest-tools).
#   ELFK_CHECK_SERIES            series to test (default: all, "6.1 6.12")
#   ELFK_VM_TIMEOUT              per-boot timeout in seconds (default 1200)
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

SERIES_LIST=${ELFK_CHECK_SERIES:-$ELFK_SERIES_ALL}
ALL_STAGES="deps host tools fuzz docs style"
for sr in $SERIES_LIST; do
	ALL_STAGES+=" kernel-debug-$sr module-debug-$sr module-stock-$sr"
done
ALL_STAGES+=" guest-tools"
for sr in $SERIES_LIST; do
	ALL_STAGES+=" guest-debug-$sr guest-stock-$sr guest-signed-$sr"
done
ALL_STAGES+=" packages"
DEPS_PKGS=(qemu-system-x86 sparse busybox-static
	flex bison libelf-dev cpio bc dwarves kmod libssl-dev rsync xz-utils
	gcc make libc6-dev clang libclang-rt-14-dev python3-docutils git
	libcapstone-dev)
for sr in $SERIES_LIST; do
	DEPS_PKGS+=("linux-source-$sr" "$(elfk_headers_pkg "$sr")")
done
DEPS_PKGS+=(debhelper dh-dkms dkms lintian debootstrap)

# --- stage selection --------------------------------------------------------
declare -A want=()
if [ -n "${ELFK_CHECK_ONLY:-}" ]; then
	IFS=', ' read -r -a only <<<"$ELFK_CHECK_ONLY"
	for s in "${only[@]}"; do
		found=
		for st in $ALL_STAGES; do
			case $st in
			"$s" | "$s"-[0-9]*) want[$st]=1 found=1 ;;
			esac
		done
		[ -n "$found" ] || {
			echo "check.sh: unknown stage '$s' (stages: $ALL_STAGES)" >&2
			exit 2
		}
	done
	for sr in $SERIES_LIST; do
		if [ -n "${want[guest-debug-$sr]:-}" ]; then
			want[module-debug-$sr]=1 want[guest-tools]=1
		fi
		if [ -n "${want[guest-stock-$sr]:-}" ]; then
			want[module-stock-$sr]=1 want[guest-tools]=1
		fi
		if [ -n "${want[guest-signed-$sr]:-}" ]; then
			want[module-debug-$sr]=1 want[guest-tools]=1
		fi
		[ -z "${want[module-debug-$sr]:-}" ] || want[kernel-debug-$sr]=1
	done
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
	ELFK_INSTALL_DEPS=1 elfk_need_pkgs "${DEPS_PKGS[@]}" >"$OUT/deps.log" 2>&1
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

declare -A DEBUG_KDIR=()
st_kernel_debug() { # SERIES
	local name=kernel-debug-$1 kdir rc secs
	stage_begin "$name"
	kdir=$( (elfk_use_series "$1" && elfk_debug_kernel) 2> >(tee "$OUT/$name.log" >&2))
	rc=$?
	DEBUG_KDIR[$1]=$kdir
	secs=$(cat "$kdir/.elfk-build-seconds" 2>/dev/null || echo "?")
	stage_end "$name" $rc "KDIR $kdir, build took ${secs}s when built"
}

st_module() { # debug|stock SERIES
	local which=$1 sr=$2 name=module-$1-$2 kdir rc
	if [ ! -x tools/testing/build-module.sh ]; then
		missing "$name" tools/testing/build-module.sh
		return
	fi
	stage_begin "$name"
	if [ "$which" = debug ]; then
		if [ -z "${stage_ok[kernel-debug-$sr]:-}" ]; then
			stage_end "$name" 1 "needs kernel-debug-$sr, which failed"
			return
		fi
		kdir=${DEBUG_KDIR[$sr]}
	else
		kdir=$( (elfk_use_series "$sr" && elfk_stock_kdir) 2>>"$OUT/$name.log")
	fi
	if [ -z "$kdir" ] || [ ! -f "$kdir/Makefile" ]; then
		stage_end "$name" 1 "no KDIR (see $OUT/$name.log)"
		return
	fi
	rm -rf "${OUT:?}/$name"
	tools/testing/build-module.sh --examples "$kdir" "$OUT/$name" >"$OUT/$name.log" 2>&1
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

# guest_boot NAME SUITE ARGS... -- CMD: one boot of the guest stage NAME,
# for SUITE (kunit, or a run-*.sh of run-all.sh); its results, and a line
# "NAME: boot: SUITE" for the boot itself (elfk-vm's status).
guest_boot() {
	local name=$1 suite=$2 dir=$OUT/$1 rc
	shift 2
	local log=$dir/$suite.log
	tools/elfk-vm --log "$log" "$@" >"$dir/$suite.console" 2>"$dir/$suite.stderr"
	rc=$?
	cat "$dir/$suite.stderr" >&2
	[ -f "$log" ] || cp "$dir/$suite.console" "$log"
	cat "$log" >>"$OUT/$name.log"
	{
		kunit_tap "$log"
		e2e_tap "$log"
	} | sed "s/^\(\(not \)\{0,1\}ok - \)/\1$name: /" | tee -a "$RESULTS"
	"$TOP/tools/testing/vm/scan-log.sh" "$log" | while IFS= read -r l; do
		tap not-ok "$name: kernel log" "$suite: ${l#scan-log: }"
	done
	if [ $rc != 0 ]; then
		tap not-ok "$name: boot: $suite" "elfk-vm exited $rc; log $log"
		return 1
	fi
	tap ok "$name: boot: $suite" "$(sed -n 's/^elfk-vm: boot-to-init \(.*\), log .*/\1/p' "$dir/$suite.stderr")"
}

# One boot per suite, so that an oops (oops=panic) or a hang in one suite
# loses only that suite: on the debug kernel first KUnit alone (elfk.ko,
# then elfk_kunit.ko), then each suite of run-all.sh without KUnit.  A boot
# costs ~30 s of wall time under TCG (Documentation/testing.rst).
st_guest() { # debug|stock SERIES
	local which=$1 name=guest-$1-$2 ko=$OUT/module-$1-$2/elfk.ko fails=0 s
	stage_begin "$name"
	rm -rf "${OUT:?}/$name" "$OUT/$name.log"
	mkdir -p "$OUT/$name"
	: >"$OUT/$name.log"
	if [ ! -f "$ko" ]; then
		stage_end "$name" 1 "no module: module-$which-$2 did not produce $ko"
		return
	fi
	local args=(--kernel "$which-$2" --ko "$ko" --timeout "${ELFK_VM_TIMEOUT:-1200}")
	if [ -f "$(dirname "$ko")/elfk_kunit.ko" ]; then
		guest_boot "$name" kunit "${args[@]}" -- true || fails=1
	fi
	args+=(--no-kunit)
	# build-module.sh's example modules for this kernel: /elfk/modules.
	[ ! -d "$(dirname "$ko")/guest" ] || args+=(--add "$(dirname "$ko")/guest")
	if [ ! -x build/guest/tests/run-all.sh ]; then
		tap not-ok "$name: e2e" "missing build/guest/tests/run-all.sh"
		stage_end "$name" 1
		return
	fi
	args+=(--add build/guest)
	for s in $(sh build/guest/tests/run-all.sh --list); do
		guest_boot "$name" "$s" "${args[@]}" -- "/elfk/tests/run-all.sh $s" || fails=1
	done
	if [ "$which" = stock ]; then
		# The status comes from /init's result port, not the console: a
		# command that prints /init's console line and stops the guest
		# must not pass.
		tools/elfk-vm "${args[@]}" --no-module --timeout 300 -- \
			"echo 'ELFK-VM-EXIT: 0'; reboot -f" >"$OUT/$name/harness.console" 2>&1
		if [ $? = 125 ]; then
			tap ok "$name: harness: a command that stops the guest after printing ELFK-VM-EXIT: 0 fails"
		else
			tap not-ok "$name: harness: a command that stops the guest after printing ELFK-VM-EXIT: 0 fails" \
				"log $OUT/$name/harness.console"
			fails=1
		fi
	fi
	[ $fails = 0 ] || echo "# $name failed; logs: $OUT/$name/" >&2
	stage_end "$name" $fails
}

# One boot of the signed-image stage: SERIES NAME APPEND CMD; results are
# prefixed with "guest-signed-SERIES: NAME: ".
signed_boot() {
	local sr=$1 name=$2 append=$3 cmd=$4 stage=guest-signed-$1 rc
	local dir=$OUT/$stage log=$OUT/guest-signed-$1/$2.log
	tools/elfk-vm --kernel "debug-$sr" --ko "$dir/elfk.ko" --log "$log" \
		--timeout "${ELFK_VM_TIMEOUT:-1200}" --add build/guest --add "$dir/add" \
		${append:+--append "$append"} -- "$cmd" >"$dir/$name.console" 2>"$dir/$name.stderr"
	rc=$?
	[ -f "$log" ] || cp "$dir/$name.console" "$log"
	e2e_tap "$log" | sed "s/^\(\(not \)\{0,1\}ok - \)e2e: /\1$stage: $name: /" |
		tee -a "$RESULTS"
	"$TOP/tools/testing/vm/scan-log.sh" "$log" | while IFS= read -r l; do
		tap not-ok "$stage: $name: kernel log" "${l#scan-log: }"
	done
	if [ $rc != 0 ]; then
		tap not-ok "$stage: $name: boot" "elfk-vm exited $rc; log $log"
		return 1
	fi
}

st_guest_signed() { # SERIES
	local sr=$1 stage=guest-signed-$1 fails=0
	local dir=$OUT/$stage ko=$OUT/module-debug-$1/elfk.ko kdir=${DEBUG_KDIR[$1]:-}
	local sign=tools/sdk/elfk-sign.sh
	stage_begin "$stage"
	if [ ! -f "$ko" ] || [ -z "$kdir" ] || [ ! -d build/guest ]; then
		stage_end "$stage" 1 "needs module-debug-$sr, kernel-debug-$sr and guest-tools"
		return
	fi
	rm -rf "$dir"
	mkdir -p "$dir/add/tests"
	# KUnit runs in guest-debug; without elfk_kunit.ko these boots are
	# short, and the KUnit cases loading unsigned fixtures are not refused
	# here.  The
	# lockdown and sig_enforce boots only load a signed elfk.ko.
	if ! tools/testing/build-module.sh "$kdir" "$dir/module" ELFK_KUNIT=n \
		>"$dir/sign.log" 2>&1 ||
		! "$sign" -k "$kdir" "$kdir/certs/signing_key.pem" \
		"$kdir/certs/signing_key.x509" "$dir/module/elfk.ko" "$dir/elfk.ko" \
		>>"$dir/sign.log" 2>&1 ||
		! tools/testing/guest/mk-signed.sh "$kdir" build/guest/plugins \
			"$dir/add/signed" >>"$dir/sign.log" 2>&1; then
		cat "$dir/sign.log" >&2
		stage_end "$stage" 1 "signing failed; log $dir/sign.log"
		return
	fi
	install -m 0755 tools/testing/guest/run-policy.sh tools/testing/guest/run-signed.sh \
		"$dir/add/tests/"
	signed_boot "$sr" policy "" /elfk/tests/run-policy.sh || fails=1
	signed_boot "$sr" lockdown lockdown=integrity "/elfk/tests/run-signed.sh lockdown" ||
		fails=1
	signed_boot "$sr" enforce module.sig_enforce=1 "/elfk/tests/run-signed.sh enforce" ||
		fails=1
	stage_end "$stage" $fails
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
	kernel-debug-*) st_kernel_debug "${s#kernel-debug-}" ;;
	module-debug-*) st_module debug "${s#module-debug-}" ;;
	module-stock-*) st_module stock "${s#module-stock-}" ;;
	guest-tools) st_guest_tools ;;
	guest-debug-*) st_guest debug "${s#guest-debug-}" ;;
	guest-stock-*) st_guest stock "${s#guest-stock-}" ;;
	guest-signed-*) st_guest_signed "${s#guest-signed-}" ;;
	packages) st_tap_cmd packages tools/packaging/test-packages.sh tools/packaging/test-packages.sh ;;
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
