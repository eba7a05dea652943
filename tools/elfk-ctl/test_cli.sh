#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Output and exit-status tests of elfk-ctl against fake_elfload.so, an
# LD_PRELOAD stand-in for /dev/elfload (see its header for the registry).
# Prints TAP.  Usage: test_cli.sh [ELFK_CTL [FAKE_SO]]

set -u
cd "$(dirname "$0")" || exit 1
BIN=${1:-./elfk-ctl}
FAKE=$(realpath "${2:-./fake_elfload.so}")
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
touch "$T/fake-elfload"
printf '\177ELFxx' >"$T/ok.so"
printf 'junk' >"$T/bad.so"
printf '\177ELFBIGLOG' >"$T/big.so"
printf 'abc' >"$T/in"
n=0
failed=0

# t NAME EXPECTED_STATUS EXPECTED_STDOUT [ARGS...]
t() {
	name=$1 status=$2 want=$3
	shift 3
	got=$(LD_PRELOAD=$FAKE "$BIN" -d "$T/fake-elfload" "$@" 2>"$T/err")
	rc=$?
	n=$((n + 1))
	if [ "$rc" = "$status" ] && [ "$got" = "$want" ]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		echo "# exit $rc (want $status); stdout:"
		echo "$got" | sed 's/^/#   /'
		sed 's/^/#   stderr: /' "$T/err"
		failed=$((failed + 1))
	fi
}

# check NAME COMMAND...: a test that is a shell command.
check() {
	name=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		failed=$((failed + 1))
	fi
}

t "list table" 0 "ID  NAME   SONAME   TYPE  STATE  SIZE   ALLOC  REFS
 1  demo   demo.so  DYN   live    8192      0     2
 4  other  -        DYN   live   32768    300     1" list
t "list --json" 0 '[{"id":1,"name":"demo","soname":"demo.so","type":"DYN","state":"live","mem_size":8192,"alloc_bytes":0,"refcount":2,"nr_symbols":7},{"id":4,"name":"other","soname":"","type":"DYN","state":"live","mem_size":32768,"alloc_bytes":300,"refcount":1,"nr_symbols":7}]' list --json
t "info by name" 0 "id: 4
name: other
soname: 
type: DYN
state: live
mem_size: 32768
alloc_bytes: 300
refcount: 1
nr_symbols: 7" info other
t "sym" 0 "0x1120 23 FUNC GLOBAL" sym demo add
t "sym --json" 0 '{"id":1,"name":"add","offset":4384,"size":23,"type":"FUNC","bind":"GLOBAL"}' -j sym 1 add
t "sym unknown: exit 1" 1 "" sym demo nope
t "load prints the id" 0 "5" load "$T/ok.so" --name x
t "load retries once on ENOSPC" 0 "5" load "$T/big.so"
t "load --verbose --json carries the log" 0 '{"id":5,"name":null,"log":"copy: 4 bytes\nvalidate: ok\n"}' -j load --verbose "$T/ok.so"
t "refused load: exit 1" 1 "" load "$T/bad.so"
check "refused load prints errno name and log" \
	sh -c "grep -q '^elfk-ctl: load .*bad.so: Exec format error (ENOEXEC)\$' '$T/err' &&
	       grep -q '^  validate: bad ELF magic\$' '$T/err'"
t "refused load --json" 1 "{\"error\":{\"op\":\"load\",\"target\":\"$T/bad.so\",\"errno\":8,\"errno_name\":\"ENOEXEC\",\"message\":\"Exec format error\",\"log\":\"validate: bad ELF magic\\ne_ident[0] = 0x00\\n\"}}" -j load "$T/bad.so"
t "missing FILE: exit 3" 3 "" load "$T/none.so"
t "call unsigned" 0 "42" call demo add 40 2
t "call --signed with --" 0 "-42" call --signed demo add -- -50 8
t "call negative ARG without --" 0 "18446744073709551574" call demo add -50 8
t "call --hex" 0 "0x100" call -x demo add 255 1
t "call outstr" 0 "0
arg2: hello, world" call demo greet str:world outstr:32
t "call out --json" 0 '{"ret":0,"out":[{"arg":2,"hex":"68656c6c6f2c2000"}]}' -j call demo greet str:world out:8
t "call inout" 0 "18446744073709551614
arg1: 626364" call other bump "inout:$T/in"
t "call out:N:FILE" 0 "0" call demo greet str:w "out:6:$T/o"
check "out:N:FILE holds the 6 bytes" \
	test "$(od -An -tx1 "$T/o" | tr -d ' ')" = 68656c6c6f00
t "call --kthread sets ELFK_CALL_KTHREAD" 0 "1000042" call --kthread demo add 40 2
t "call -w sets ELFK_CALL_WORKQUEUE" 0 "2000042" call -w demo add 40 2
t "call without either sets no flag" 0 "42" call demo add 40 2
t "call --kthread --workqueue: exit 2" 2 "" call --kthread --workqueue demo add 40 2
t "7 ARGs: exit 2" 2 "" call demo add 1 2 3 4 5 6 7
t "bad ARG --json: exit 2" 2 '{"error":{"op":"call","message":"argument 1 '"'"'0x'"'"': not an integer nor KIND:VALUE"}}' -j call demo add 0x 1
t "unload busy: exit 1" 1 "" unload demo
t "unload --json" 0 '{"id":4}' --json unload other
t "unload unknown name: exit 1" 1 "" unload nope
t "unknown command: exit 2" 2 "" frob
t "unknown option --json: exit 2" 2 '{"error":{"op":"list","message":"unknown option '"'"'--frob'"'"'"}}' list --frob --json

echo "1..$n"
echo "$((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
