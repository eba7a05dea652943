#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-hostile.sh: hostile-input tests of elfk, run inside the QEMU guest
# after run-e2e.sh (run-all.sh runs both).  Busybox ash.
#
#   caps      each module parameter set low in /sys/module/elfk/parameters
#             makes a load (or call) that exceeds it fail with E2BIG
#             (EFBIG for max_image_size) and a log naming the parameter
#   mutate    mutated noctor.so and fixture images through ELFK_IOC_LOAD
#             (tools/testing/stress/mutate.c)
#   failnth   a fail-nth fault-injection sweep of one load of each of
#             noctor.so, hello.so, kcalls.so, fptr.so and weak.so, and of
#             calls into kcalls.so (failnth.sh; skipped on a kernel without
#             fault injection)
#   race      loaders, unloaders, callers and listers racing on kcalls.so
#             (race.c)
#
# Prints TAP lines "ok - hostile: ..." / "not ok - hostile: ..." with "# "
# diagnostics, then "# hostile: N passed, N failed".  Exits 1 on failure.
#
# Environment (defaults sized for `make check` on the debug kernel):
#   ELFK_ROOT                tree root (default: parent of this directory)
#   ELFK_PLUGINS             plugin directory (default: $ELFK_ROOT/plugins)
#   ELFK_CTL                 elfk-ctl command (default: elfk-ctl)
#   ELFK_PARAMS              module parameters (/sys/module/elfk/parameters)
#   ELFK_HOSTILE_ONLY        tests to run (default: "caps mutate failnth race")
#   ELFK_MUTATE_ITERATIONS   mutation-loop iterations (default 20000)
#   ELFK_MUTATE_SEED         its PRNG seed (default 1)
#   ELFK_MUTATE_MAX_SECONDS  stop the loop early after this long (default 90)
#   ELFK_FAILNTH_PLUGINS     plugins to sweep (default "noctor hello kcalls fptr weak")
#   ELFK_RACE_SECONDS        duration of the race (default 15)

set -u

TAG=hostile TAP_PREFIX="hostile: "
. "$(dirname "$0")/lib.sh"
PARAMS=${ELFK_PARAMS:-/sys/module/elfk/parameters}
ONLY=${ELFK_HOSTILE_ONLY:-caps mutate failnth race}
MUTATE_ITERATIONS=${ELFK_MUTATE_ITERATIONS:-20000}
MUTATE_SEED=${ELFK_MUTATE_SEED:-1}
MUTATE_MAX_SECONDS=${ELFK_MUTATE_MAX_SECONDS:-90}
FAILNTH_PLUGINS=${ELFK_FAILNTH_PLUGINS:-noctor hello kcalls fptr weak}
RACE_SECONDS=${ELFK_RACE_SECONDS:-15}

wanted() {
	case " $ONLY " in *" $1 "*) return 0 ;; esac
	return 1
}

# program NAME CMD...: run a stress program that prints its own TAP lines;
# relay them as hostile results, and fail if it exits nonzero without one.
program() {
	_name=$1
	shift
	_t0=$(date +%s)
	"$@" </dev/null >"$T/prog.out" 2>&1
	_rc=$?
	_secs=$(($(date +%s) - _t0))
	_bad=0
	while IFS= read -r _l; do
		case $_l in
		"ok - "*)
			NPASS=$((NPASS + 1))
			echo "ok - hostile: ${_l#ok - }"
			;;
		"not ok - "*)
			NFAIL=$((NFAIL + 1))
			_bad=1
			echo "not ok - hostile: ${_l#not ok - }"
			;;
		*) echo "# $_l" ;;
		esac
	done <"$T/prog.out"
	echo "# $_name: exit status $_rc after ${_secs}s"
	if [ $_rc != 0 ] && [ $_bad = 0 ]; then
		fail "$_name exited $_rc" "command: $*"
	fi
}

loaded_count() {
	"$CTL" list 2>/dev/null | awk '$1 ~ /^[0-9]+$/ { n++ } END { print n + 0 }'
}

# unload_all: leave nothing loaded (after a test that failed halfway).
unload_all() {
	for _id in $("$CTL" list 2>/dev/null | awk '$1 ~ /^[0-9]+$/ { print $1 }'); do
		"$CTL" unload "$_id" >/dev/null 2>&1
	done
}

# --- caps ------------------------------------------------------------------------

# with_param PARAM VALUE: set it, remembering the old value in OLD.
with_param() {
	OLD=$(cat "$PARAMS/$1") || return 1
	echo "$2" >"$PARAMS/$1" || return 1
	[ "$(cat "$PARAMS/$1")" = "$2" ]
}

restore_param() {
	echo "$OLD" >"$PARAMS/$1" || fail "caps: restoring $1 to $OLD"
}

# expect_refusal NAME ENAME PARAM CMD...: CMD fails, stderr carries
# "(ENAME)" and names PARAM (as a word, so max_objects does not match
# max_objects_per_user).
expect_refusal() {
	_n=$1 _e=$2 _p=$3
	shift 3
	"$@" </dev/null >"$T/out" 2>"$T/err"
	_rc=$?
	if [ $_rc = 0 ]; then
		fail "$_n" "succeeded: $*"
		unload_all
	elif ! grep -qF "($_e)" "$T/err"; then
		fail "$_n" "expected $_e from: $*; stderr: $(tr '\n' '|' <"$T/err")"
	elif [ -n "$_p" ] && ! grep -qw -- "$_p" "$T/err"; then
		fail "$_n" "the log does not name $_p; stderr: $(tr '\n' '|' <"$T/err")"
	else
		pass "$_n ($(grep -w -- "${_p:-$_e}" "$T/err" | head -n 1 | sed 's/^[[:space:]]*//'))"
	fi
}

# cap_load PARAM VALUE ENAME FILE: a load of FILE exceeds PARAM=VALUE.
cap_load() {
	if [ ! -e "$PARAMS/$1" ]; then
		fail "caps: $1: no such module parameter ($PARAMS/$1)"
		return
	fi
	if ! with_param "$1" "$2"; then
		fail "caps: $1: cannot set it to $2"
		return
	fi
	expect_refusal "caps: $1=$2 refuses $(basename "$4") with $3" "$3" "$1" \
		"$CTL" load "$4" --name "cap-$1"
	restore_param "$1"
}

# cap_count PARAM: with one object loaded and PARAM=1, a second load is E2BIG.
cap_count() {
	if [ ! -e "$PARAMS/$1" ]; then
		fail "caps: $1: no such module parameter ($PARAMS/$1)"
		return
	fi
	if ! "$CTL" load "$P/noctor.so" --name cap-first >"$T/out" 2>"$T/err"; then
		fail "caps: $1: first load" "$(tr '\n' '|' <"$T/err")"
		return
	fi
	if with_param "$1" 1; then
		expect_refusal "caps: $1=1 refuses a second object with E2BIG" E2BIG "$1" \
			"$CTL" load "$P/noctor.so" --name cap-second
		restore_param "$1"
	else
		fail "caps: $1: cannot set it to 1"
	fi
	"$CTL" unload cap-first >/dev/null 2>&1 || fail "caps: $1: unload cap-first"
}

caps() {
	if [ ! -d "$PARAMS" ]; then
		fail "caps: $PARAMS does not exist"
		return
	fi
	if [ "$(loaded_count)" != 0 ]; then
		fail "caps: objects are loaded before the test"
		unload_all
	fi
	cap_load max_image_size 4096 EFBIG "$P/noctor.so"
	cap_load max_symbols 2 E2BIG "$P/noctor.so"
	cap_load max_relocs 2 E2BIG "$P/noctor.so"
	if [ -e "$PARAMS/max_object_size" ]; then
		cap_load max_object_size 4096 E2BIG "$P/noctor.so"
	fi
	cap_count max_objects
	cap_count max_objects_per_user

	# max_call_buffer: a CALL has no log; the errno is the contract.
	if [ ! -e "$PARAMS/max_call_buffer" ]; then
		fail "caps: max_call_buffer: no such module parameter"
	elif ! "$CTL" load "$P/kcalls.so" --name cap-kc >"$T/out" 2>"$T/err"; then
		fail "caps: max_call_buffer: loading kcalls.so" "$(tr '\n' '|' <"$T/err")"
	else
		printf '0123456789' >"$T/in10"
		printf '%0100d' 0 >"$T/in100"
		if with_param max_call_buffer 16; then
			expect_refusal "caps: max_call_buffer=16 refuses a 100-byte IN buffer with E2BIG" \
				E2BIG "" "$CTL" call cap-kc checksum "in:$T/in100" 100
			if "$CTL" call cap-kc checksum "in:$T/in10" 10 >"$T/out" 2>"$T/err" &&
				[ "$(cat "$T/out")" = 2970 ]; then
				pass "caps: max_call_buffer=16 still passes a 10-byte buffer"
			else
				fail "caps: max_call_buffer=16 still passes a 10-byte buffer" \
					"stdout $(cat "$T/out"), stderr $(tr '\n' '|' <"$T/err")"
			fi
			restore_param max_call_buffer
		else
			fail "caps: max_call_buffer: cannot set it to 16"
		fi
		"$CTL" unload cap-kc >/dev/null 2>&1 || fail "caps: unload cap-kc"
	fi

	# The caps are back: the same plugin loads again.
	if "$CTL" load "$P/noctor.so" --name cap-after >"$T/out" 2>"$T/err" &&
		"$CTL" unload cap-after >/dev/null 2>&1; then
		pass "caps: restored caps load noctor.so again"
	else
		fail "caps: restored caps load noctor.so again" "$(tr '\n' '|' <"$T/err")"
	fi
	if [ "$(loaded_count)" = 0 ]; then
		pass "caps: nothing left loaded"
	else
		fail "caps: nothing left loaded"
		unload_all
	fi
}

# --- the tests -----------------------------------------------------------------

echo "# elfk hostile-input tests: plugins in $P"
if [ ! -c /dev/elfload ]; then
	fail "/dev/elfload exists"
	echo "# hostile: $NPASS passed, $NFAIL failed"
	exit 1
fi

wanted caps && caps

if wanted mutate; then
	seeds="$P/noctor.so"
	[ -f "$HERE/seeds/fixture-noinit.elf" ] && seeds="$seeds $HERE/seeds/fixture-noinit.elf"
	# shellcheck disable=SC2086 # seed list
	program mutate "$HERE/mutate" --seed "$MUTATE_SEED" --iterations "$MUTATE_ITERATIONS" \
		--max-seconds "$MUTATE_MAX_SECONDS" $seeds
fi

if wanted failnth; then
	plugins=
	for p in $FAILNTH_PLUGINS; do plugins="$plugins $P/$p.so"; done
	# shellcheck disable=SC2086 # plugin list
	program failnth sh "$HERE/failnth.sh" --calls "$P/kcalls.so" $plugins
fi

if wanted race; then
	program race "$HERE/race" --seconds "$RACE_SECONDS" "$P/kcalls.so"
fi

if [ "$(loaded_count)" = 0 ]; then
	pass "nothing loaded at the end"
else
	fail "nothing loaded at the end" "$("$CTL" list 2>&1 | tr '\n' '|')"
	unload_all
fi

echo "# hostile: $NPASS passed, $NFAIL failed"
[ "$NFAIL" = 0 ]
