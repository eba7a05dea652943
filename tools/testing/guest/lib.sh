# SPDX-License-Identifier: GPL-2.0
#
# lib.sh: the setup and TAP helpers every guest suite shares (run-e2e.sh,
# run-ctl.sh, run-deps.sh, run-tls.sh, run-big.sh, run-hostile.sh,
# run-modules.sh, run-lockdown.sh).  Sourced, never run: each script sets
# TAG (e2e, deps, tls, ...; it names the temporary directory and the
# kernel-log markers), optionally TAP_PREFIX (put before every result
# name, e.g. "hostile: "), and then
#   . "$(dirname "$0")/lib.sh"
# Busybox ash.  Script-specific helpers stay in the scripts.
#
# Sets HERE (the script's directory), ROOT, P, CTL, KMSG, DMESG and T (a
# temporary directory, removed on exit), puts $ROOT/bin on PATH, and defines
#   pass NAME / fail NAME [REASON]        one TAP line (fail adds diagnostics)
#   run CMD... / ctl ARG...               run, output in $T/out, $OUT, $T/err, $RC
#   expect NAME RC STDOUT                 exit status and the whole stdout
#   expect_err NAME RC TEXT...            exit status, each TEXT in stderr
#   mark / since_mark                     the kernel log from a point on
#   tap_end                               the plan and summary lines; exit status
#
# Environment (the defaults are the guest's):
#   ELFK_ROOT     tree root (default: the parent of the script's directory)
#   ELFK_PLUGINS  plugin directory (default: $ELFK_ROOT/plugins)
#   ELFK_CTL      elfk-ctl command (default: elfk-ctl)
#   ELFK_KMSG     where markers are written (default: /dev/kmsg)
#   ELFK_DMESG    command printing the kernel log (default: dmesg)

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=${ELFK_ROOT:-$(dirname "$HERE")}
P=${ELFK_PLUGINS:-$ROOT/plugins}
CTL=${ELFK_CTL:-elfk-ctl}
KMSG=${ELFK_KMSG:-/dev/kmsg}
DMESG=${ELFK_DMESG:-dmesg}
[ -d "$ROOT/bin" ] && PATH=$ROOT/bin:$PATH
export PATH

T=$(mktemp -d "${TMPDIR:-/tmp}/elfk-$TAG.XXXXXX") || { echo "not ok - mktemp"; exit 1; }
trap 'rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

NPASS=0
NFAIL=0
RC=0
LAST=
OUT=

# --- TAP and command helpers -------------------------------------------------

pass() {
	NPASS=$((NPASS + 1))
	echo "ok - ${TAP_PREFIX:-}$1"
}

# fail NAME [REASON]: report, with the last command's output ($T/out and
# $T/err, also when the script wrote them itself).
fail() {
	NFAIL=$((NFAIL + 1))
	echo "not ok - ${TAP_PREFIX:-}$1"
	[ $# -ge 2 ] && echo "# $2"
	if [ -n "$LAST" ]; then
		echo "# command: $LAST"
		echo "# exit status: $RC"
	fi
	sed 's/^/# stdout: /' "$T/out" 2>/dev/null
	sed 's/^/# stderr: /' "$T/err" 2>/dev/null
	return 0
}

# run CMD [ARG]...: run with stdin from /dev/null; stdout in $T/out and $OUT,
# stderr in $T/err, exit status in $RC.
run() {
	LAST="$*"
	"$@" </dev/null >"$T/out" 2>"$T/err"
	RC=$?
	OUT=$(cat "$T/out")
}

# ctl ARG...: run elfk-ctl.
ctl() {
	run "$CTL" "$@"
}

# expect NAME RC STDOUT: exit status and the whole stdout.  (run-tls.sh
# defines its own expect, with other arguments.)
expect() {
	if [ "$RC" != "$2" ]; then
		fail "$1" "expected exit status $2"
	elif [ "$OUT" != "$3" ]; then
		fail "$1" "expected stdout: $(echo "$3" | tr '\n' '|')"
	else
		pass "$1"
	fi
}

# expect_err NAME RC TEXT...: exit status, and each TEXT is in stderr.
expect_err() {
	_n=$1 _rc=$2
	shift 2
	if [ "$RC" != "$_rc" ]; then
		fail "$_n" "expected exit status $_rc"
		return
	fi
	for _t in "$@"; do
		if ! grep -qF -- "$_t" "$T/err"; then
			fail "$_n" "expected in stderr: $_t"
			return
		fi
	done
	pass "$_n"
}

# tap_end: the plan line and the summary; true if nothing failed.  The last
# command of each script.
tap_end() {
	echo "1..$((NPASS + NFAIL))"
	echo "# $NPASS passed, $NFAIL failed"
	[ "$NFAIL" = 0 ]
}

# --- the kernel log ------------------------------------------------------------

# mark: remember where the log is now; since_mark prints what came after.
MARKN=0
mark() {
	MARKN=$((MARKN + 1))
	MARK="elfk-$TAG: mark $$.$MARKN"
	if ! { echo "$MARK" >"$KMSG"; } 2>/dev/null; then
		MARK=
		MARKLINES=$($DMESG 2>/dev/null | wc -l)
	fi
}

since_mark() {
	if [ -n "$MARK" ]; then
		$DMESG 2>/dev/null | awk -v m="$MARK" 'seen { print } index($0, m) { seen = 1 }'
	else
		$DMESG 2>/dev/null | awk -v n="$MARKLINES" 'NR > n'
	fi
}
