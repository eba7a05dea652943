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
# The kernel log stand-in: elfk-ctl must show only what is appended later.
printf '6,1,0,-;elfk: demo: an old line\n' >"$T/kmsg"
export ELFK_CTL_KMSG="$T/kmsg"
# Typed-call images: what ELFK_EXPORT_TYPED() emits, written out in
# assembler so that greet3 has the size the fake device reports (40).
types_image() { # NAME SIZE DESCRIPTOR...
	o=$1 size=$2
	shift 2
	{
		printf '.text\n.globl greet3\n.type greet3,@function\n'
		printf 'greet3: .skip %s\n.size greet3, %s\n' "$size" "$size"
		printf '.section .elfk.types,"",@progbits\n'
		for d in "$@"; do printf '.asciz "%s"\n' "$d"; done
	} >"$T/$o.s"
	${CC:-cc} -c -o "$T/$o" "$T/$o.s"
}
types_image typed.o 40 "add(elfk_int,elfk_int)" "greet3(elfk_str, elfk_out(2), elfk_len)"
types_image other.o 41 "greet3(elfk_str, elfk_out(2), elfk_len)"
types_image badlen.o 40 "greet3(elfk_str, elfk_out(0), elfk_len)"
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
t "list --json" 0 '[{"id":1,"name":"demo","soname":"demo.so","type":"DYN","state":"live","mem_size":8192,"alloc_bytes":0,"refcount":2,"nr_symbols":7,"verified":false},{"id":4,"name":"other","soname":"","type":"DYN","state":"live","mem_size":32768,"alloc_bytes":300,"refcount":1,"nr_symbols":7,"verified":false}]' list --json
t "info by name" 0 "id: 4
name: other
soname: 
type: DYN
state: live
mem_size: 32768
alloc_bytes: 300
refcount: 1
nr_symbols: 7
verified: no" info other
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
t "call of a missing function: exit 1" 1 "" call demo nope 1
check "a failed call names the object, symbol and why" \
	grep -qx "elfk-ctl: call demo nope: object 1 (demo) exports no symbol 'nope' (ENOENT)" "$T/err"
t "call of a data symbol: exit 1" 1 "" call demo counter
check "a call of a data symbol says it is not a function" \
	grep -qx "elfk-ctl: call demo counter: 'counter' of object 1 (demo) is OBJECT, not a function (ENOENT)" "$T/err"
t "call of an unknown id: exit 1" 1 "" call 7 add 1 2
check "... says no object has the id" \
	grep -q "^elfk-ctl: call 7 add: no object has id 7 " "$T/err"
t "sym unknown names the object" 1 "" sym demo nope
check "... with the object's id and name" \
	grep -qx "elfk-ctl: sym demo nope: object 1 (demo) exports no symbol 'nope' (ENOENT)" "$T/err"
t "failed call: ENOMEM explained, elfk's new kernel log lines" 1 "" call demo nomem
check "... and only those" \
	sh -c "grep -q '^elfk-ctl: call demo nomem: kernel memory ran out .* (ENOMEM)\$' '$T/err' &&
	       test \"\$(sed 1d '$T/err')\" = '  elfk: demo: nomem ran
  elfk: demo: TLS block: out of memory'"
t "failed call --json: object, id, symbol, log" 1 '{"error":{"op":"call","target":"nope","object":"demo","id":1,"symbol":"nope","errno":2,"errno_name":"ENOENT","message":"object 1 (demo) exports no symbol '"'"'nope'"'"'"}}' -j call demo nope
t "--pretty indents" 0 '{
    "id": 1,
    "name": "add",
    "offset": 4384,
    "size": 23,
    "type": "FUNC",
    "bind": "GLOBAL"
}' --pretty sym demo add
t "-p: empty array on one line" 0 '{
    "ret": 42,
    "out": []
}' call -p demo add 40 2

# batch: one process for many commands.
cat >"$T/batch" <<'EOF_BATCH'
# a comment, then a blank line

call demo add 40 2
  call --hex demo add 255 1   # trailing comment
call demo greet 'str:big world' outstr:32
sym demo nope
call demo add 1 1
EOF_BATCH
t "batch stops at the first failure" 1 "42
0x100
0
arg2: hello, big world" batch "$T/batch"
check "... and names its line" \
	grep -qx "elfk-ctl: batch $T/batch:6: command failed (exit status 1)" "$T/err"
t "batch --keep-going runs every line" 1 "42
0x100
0
arg2: hello, big world
2" batch --keep-going "$T/batch"
t "batch - --json: a document per command, then the failure" 1 '{"ret":42,"out":[]}
{"ret":"0x100","out":[]}
{"ret":0,"out":[{"arg":2,"text":"hello, big world"}]}
{"error":{"op":"sym","target":"nope","object":"demo","id":1,"symbol":"nope","errno":2,"errno_name":"ENOENT","message":"object 1 (demo) exports no symbol '"'"'nope'"'"'"}}
{"error":{"op":"batch","target":"<stdin>:6","line":6,"status":1,"message":"command failed"}}' -j batch - <"$T/batch"
printf 'call demo add 1 2\ncall demo greet "str:open\n' >"$T/batch2"
t "batch: an unterminated quote is a usage error at its line" 2 "3" batch "$T/batch2"
check "... reported with the line" \
	grep -qx "elfk-ctl: batch $T/batch2:2: unterminated \" quote (exit status 2)" "$T/err"
printf 'batch x\n' >"$T/batch3"
t "batch cannot nest" 2 "" batch "$T/batch3"
printf 'call demo greet in:- out:4\n' >"$T/batch4"
t "batch -: in:- refused (stdin holds the commands)" 2 "" batch - <"$T/batch4"
printf -- '-j call demo add 1 2\ncall demo add 1 2\n' >"$T/batch5"
t "batch: a line's options end with the line" 0 '{"ret":3,"out":[]}
3' batch "$T/batch5"
t "batch: missing FILE: exit 3" 3 "" batch "$T/none"
t "typed call: elfk-ctl passes the length" 0 "32
arg2: hello, typed" call -i "$T/typed.o" demo greet3 str:typed outstr:32
t "typed call --json: arg counts ARGs" 0 '{"ret":4,"out":[{"arg":2,"hex":"68656c00"}]}' -j call --image "$T/typed.o" demo greet3 str:x out:4
t "typed call: too many ARGs: exit 2" 2 "" call -i "$T/typed.o" demo greet3 str:x outstr:32 32
check "... says how many the function declares" \
	grep -q "greet3: 3 ARGs given, the function declares 2 (lengths are passed by elfk-ctl)" "$T/err"
t "typed call: wrong kind: exit 2" 2 "" call -i "$T/typed.o" demo greet3 5 outstr:32
check "... names the declared kind" \
	grep -q "argument 1: the function declares ELFK_STR here: give str:TEXT" "$T/err"
t "typed call: in:FILE is no ELFK_STR" 2 "" call -i "$T/typed.o" demo greet3 "in:$T/in" outstr:8
t "typed call: declared ints" 0 "42" call --image "$T/typed.o" demo add 40 2
t "undeclared function: the plain syntax" 0 "0
arg2: hello, w" call -i "$T/typed.o" demo greet str:w outstr:9
t "--image of another build: exit 2" 2 "" call -i "$T/other.o" demo greet3 str:x outstr:8
check "... says the sizes differ" \
	grep -q "is not the image of demo: 'greet3' is 41 bytes there, 40 in the object" "$T/err"
t "--image with a bad descriptor: exit 3" 3 "" call -i "$T/badlen.o" demo greet3 str:x outstr:8
check "... says why" \
	grep -q "greet3: parameter 1 (ELFK_OUT_BUF) names parameter 0 as its length, which is not an ELFK_LEN (EINVAL)" "$T/err"
t "--image that is not ELF: exit 3" 3 "" call -i "$T/in" demo add 1 2
t "--image missing: exit 3" 3 "" call -i "$T/none" demo add 1 2
# check: the kernel's validator (libelfk), on real objects "cc -c" makes.
rel() { # NAME SOURCE
	printf '%s\n' "$2" >"$T/$1.c"
	${CC:-cc} -c -O2 -fPIC -fno-asynchronous-unwind-tables -o "$T/$1" "$T/$1.c"
}
rel good.o 'long f(long x) { return x + 1; }'
rel undef.o 'long g(long); long f(long x) { return g(x) + 1; }'
rel kcall.o 'unsigned long strlen(const char *); long f(const char *s) { return strlen(s); }'
printf 'g\n# a comment\n' >"$T/syms"
t "check a valid object: exit 0" 0 "$T/good.o: accepted by elfk's validator" check "$T/good.o"
t "check binds to the SDK's exported names" 0 "$T/kcall.o: accepted by elfk's validator" check "$T/kcall.o"
t "check an undefined import: exit 1" 1 "" check "$T/undef.o"
check "... with the kernel's message, as load prints it" \
	test "$(cat "$T/err")" = "elfk-ctl: check $T/undef.o: No such file or directory (ENOENT)
  undefined symbol 'g'"
t "check --symbols FILE: the import is exported" 0 "$T/undef.o: accepted by elfk's validator" check --symbols "$T/syms" "$T/undef.o"
t "check --symbols FILE replaces the SDK's list" 1 "" check --symbols "$T/syms" "$T/kcall.o"
t "check --json: the refusal with errno and log" 1 "{\"error\":{\"op\":\"check\",\"target\":\"$T/bad.so\",\"errno\":8,\"errno_name\":\"ENOEXEC\",\"message\":\"Exec format error\",\"log\":\"image is 4 bytes, smaller than an ELF header (64)\\n\"}}" -j check "$T/bad.so"
LD_PRELOAD=$FAKE "$BIN" check --verbose "$T/good.o" >"$T/out" 2>&1
check "... the core's log of each, and what was assumed" \
	grep -qx 'check: accepted (0 references assumed to come from DT_NEEDED objects)' "$T/out"
check "... starting with the parser's" grep -q '^ET_REL: [0-9]* sections, 3 symbols, 0 relocations$' "$T/out"
t "check a missing FILE: exit 3" 3 "" check "$T/none.o"
t "check a missing --symbols FILE: exit 3" 3 "" check --symbols "$T/none" "$T/good.o"
t "check without FILE: exit 2" 2 "" check
# A regular file is mapped (elfk_map_input()), anything else read: the same
# answers.  dyn.so has three whole pages of file bytes in one segment, and
# its three others one page each that the file pads with zeroes around
# them (elfk_elf_file_span()): six pages mapped.
printf '%s\n' 'long f(long x) { return x + 1; }' \
	'__attribute__((used, aligned(4096))) static const char pad[3 * 4096] = { 1 };' \
	'long g(void) { return pad[5]; }' >"$T/dyn.c"
${CC:-cc} -O2 -fPIC -shared -nostdlib -fno-asynchronous-unwind-tables -Wl,-z,now \
	-o "$T/dyn.so" "$T/dyn.c"
LD_PRELOAD=$FAKE "$BIN" check --verbose "$T/dyn.so" >"$T/map.out" 2>&1
echo "exit $?" >>"$T/map.out"
check "check a file: its pages of file bytes are mapped in place, not copied" \
	grep -qx 'check: 24576 bytes of the file mapped in place' "$T/map.out"
# shellcheck disable=SC2002 # standard input a pipe, not the file
cat "$T/dyn.so" | LD_PRELOAD=$FAKE "$BIN" check --verbose - >"$T/pipe.out" 2>&1
echo "exit $?" >>"$T/pipe.out"
grep -v 'mapped in place' "$T/map.out" | sed "s|^$T/dyn.so:|-:|" >"$T/map2.out"
check "... from a pipe, read: the same log and exit, nothing mapped" \
	cmp -s "$T/map2.out" "$T/pipe.out"
same_load() { # FILE: load FILE and load - from a pipe say the same
	a=$(LD_PRELOAD=$FAKE "$BIN" -d "$T/fake-elfload" -j load --verbose "$1" 2>&1)
	# shellcheck disable=SC2002 # standard input a pipe, not the file
	b=$(cat "$1" | LD_PRELOAD=$FAKE "$BIN" -d "$T/fake-elfload" -j load --verbose - 2>&1)
	[ "$a" = "$b" ] && [ "$a" = '{"id":5,"name":null,"log":"copy: 4 bytes\nvalidate: ok\n"}' ]
}
check "load a file (mapped) and from a pipe (read): the same image" same_load "$T/ok.so"
# Each level of nested dependencies keeps its file mapped while the next
# loads: six files, lib1.so needing lib2.so ... lib6.so, all loaded.
mkdir -p "$T/chain"
prev=""
for i in 6 5 4 3 2 1; do
	echo "long f$i(void) { return $i; }" >"$T/chain/l$i.c"
	# shellcheck disable=SC2086 # no flags, or two
	${CC:-cc} -shared -fPIC -nostdlib -Wl,--no-as-needed -Wl,-soname,lib$i.so \
		-o "$T/chain/lib$i.so" "$T/chain/l$i.c" $prev
	prev="-L$T/chain -l$i"
done
LD_PRELOAD=$FAKE "$BIN" -d "$T/fake-elfload" load "$T/chain/lib1.so" >"$T/out" 2>"$T/err"
echo "exit $?" >>"$T/out"
check "load with dependencies nested 5 deep, each file mapped: all loaded" \
	test "$(cat "$T/out") $(grep -c '^elfk-ctl: loaded lib' "$T/err")" = "5
exit 0 5"
# A file that shrinks under the mapping: exit 3 and say so, not SIGBUS.
cp "$T/ok.so" "$T/shrink.so"
FAKE_TRUNCATE=$T/shrink.so t "load of a file that shrinks while mapped: exit 3" 3 "" \
	load "$T/shrink.so"
check "... naming it" test "$(cat "$T/err")" = \
	"elfk-ctl: $T/shrink.so: the file changed size while it was read (SIGBUS)"
cp "$T/dyn.so" "$T/shrink.so"
FAKE_TRUNCATE=$T/shrink.so t "check of a file that shrinks while mapped: exit 3" 3 "" \
	check "$T/shrink.so"
check "... naming it" test "$(cat "$T/err")" = \
	"elfk-ctl: $T/shrink.so: the file changed size while it was read (SIGBUS)"
unset FAKE_TRUNCATE
t "unload busy: exit 1" 1 "" unload demo
t "unload --json" 0 '{"id":4}' --json unload other
t "unload unknown name: exit 1" 1 "" unload nope
t "--version is the VERSION file's" 0 "elfk-ctl $(tr -d ' \n' <../../VERSION)" --version
t "unknown command: exit 2" 2 "" frob
t "unknown option --json: exit 2" 2 '{"error":{"op":"list","message":"unknown option '"'"'--frob'"'"'"}}' list --frob --json

echo "1..$n"
echo "$((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
