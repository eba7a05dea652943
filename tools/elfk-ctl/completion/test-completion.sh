#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# test-completion.sh: source the bash completion of elfk-ctl and check what
# it offers, one TAP line per check:
#  - the commands are those of the man page's SYNOPSIS;
#  - each command's options (and the program's) are the long options its
#    --help lists;
#  - files for load's, check's and batch's FILE, check's --symbols,
#    --device and call's --image,
#    directories only for --path,
#    commands after help, object ids and names for OBJ (from a stand-in
#    "elfk-ctl list"), call's ARG prefixes and a file after in:.
#
# usage: test-completion.sh COMPLETION ELFK_CTL RST
set -u
comp=$(realpath "$1")
real=$(realpath "$2")
rst=$(realpath "$3")
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
n=0 fails=0

# A stand-in elfk-ctl: the real one, except that "list" shows two objects.
cat >"$t/elfk-ctl" <<SH
#!/bin/sh
[ "\$1" = list ] && [ \$# = 1 ] && {
	printf 'ID NAME SONAME TYPE STATE SIZE ALLOC REFS\n'
	printf '3 hello hello DYN live 8192 0 1\n7 obj7 - REL live 4096 0 1\n'
	exit 0
}
exec "$real" "\$@"
SH
chmod +x "$t/elfk-ctl"
mkdir -p "$t/dir/sub"
: >"$t/dir/plugin.so"

# candidates WORD...: what completing the last WORD offers, sorted, one a line.
candidates() {
	(
		cd "$t/dir" || exit 1
		# shellcheck source=/dev/null
		. "$comp"
		COMP_WORDS=("$t/elfk-ctl" "$@")
		COMP_CWORD=$#
		COMPREPLY=()
		_elfk_ctl
		printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort
	)
}

# check NAME EXPECTED WORD...: EXPECTED is a space-separated list.
check() {
	local name=$1 want got
	want=$(tr ' ' '\n' <<<"$2" | sed '/^$/d' | sort)
	shift 2
	got=$(candidates "$@")
	n=$((n + 1))
	if [ "$got" = "$want" ]; then
		echo "ok $n - completion: $name"
	else
		echo "not ok $n - completion: $name"
		echo "# expected: $(tr '\n' ' ' <<<"$want")"
		echo "# got:      $(tr '\n' ' ' <<<"$got")"
		fails=$((fails + 1))
	fi
}

# Options of "elfk-ctl [CMD] --help": the "Options:" section's long options.
helpopts() {
	"$real" "$@" --help | sed -n '/^Options:/,/^$/p' | grep -o -- '--[a-z][a-z0-9-]*' | sort -u
}

cmds=$(sed -n 's/^| \*\*elfk-ctl\*\* \[\*OPTIONS\*\] \*\*\([a-z-]*\)\*\*.*/\1/p' "$rst")
[ -n "$cmds" ] || { echo "not ok 1 - completion: no commands in $rst's SYNOPSIS"; exit 1; }
check "commands (man page SYNOPSIS)" "$cmds" ""
check "a command after an option" "list" -j li
check "program options" "$(helpopts)" --
for c in $cmds; do
	check "$c options" "$(helpopts "$c")" "$c" --
done
check "load FILE: files" "plugin.so sub" load ""
check "--device PATH: files" "plugin.so sub" --device ""
check "load --path DIR: directories" "sub" load --path ""
check "after --path DIR, no second FILE" "" load x.so --path sub ""
check "help COMMAND: commands" "$cmds" help ""
check "OBJ: ids and names" "3 hello 7 obj7" unload ""
check "OBJ after -d PATH" "hello" -d /dev/elfload info h
if "$real" batch --help >/dev/null 2>&1; then
	check "batch FILE: files" "plugin.so sub" batch ""
fi
if helpopts call | grep -qx -- --image; then
	check "call --image FILE: files" "plugin.so sub" call --image ""
	check "call OBJ after --image FILE" "hello" call --image plugin.so h
fi
check "check FILE: files" "plugin.so sub" check ""
check "check --symbols FILE: files" "plugin.so sub" check --symbols ""
check "check FILE after --symbols FILE" "plugin.so sub" check --symbols x.txt ""
check "call ARG: prefixes" "str: in: out: outstr: inout:" call hello f 1 ""
check "call in:FILE" "in:plugin.so" call hello f in:p
exit $((fails != 0))
