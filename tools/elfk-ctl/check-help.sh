#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Check that elfk-ctl's --help and its man page agree:
#  - the commands of "elfk-ctl --help" are those of the COMMANDS section;
#  - every usage line of "elfk-ctl CMD --help" is a SYNOPSIS line;
#  - the long options of all --help texts are those of the page;
#  - each command's own long options are those of its COMMANDS entry.
# Prints one TAP line; mismatches as "# " diagnostics.
#
# Usage: check-help.sh [ELFK_CTL [RST]]

set -u
cd "$(dirname "$0")" || exit 1
BIN=${1:-./elfk-ctl}
RST=${2:-../../Documentation/elfk-ctl.rst}
NAME="elfk-ctl help matches man page"
TMP=$(mktemp -d) || exit 1
trap '[ -n "${KEEP:-}" ] || rm -rf "$TMP"' EXIT
fail=0

mismatch() {
	echo "# $1"
	fail=1
}

# $1: what; $2, $3: files of sorted lines; report lines in one only.
compare() {
	comm -23 "$2" "$3" >"$TMP/only.help"
	comm -13 "$2" "$3" >"$TMP/only.rst"
	while IFS= read -r w; do
		mismatch "$1: '$w' is in --help but not in $RST"
	done <"$TMP/only.help"
	while IFS= read -r w; do
		mismatch "$1: '$w' is in $RST but not in --help"
	done <"$TMP/only.rst"
}

longopts() {
	grep -o -- '--[a-z][a-z0-9-]*' | sort -u
}

if [ ! -x "$BIN" ] || [ ! -r "$RST" ]; then
	echo "not ok - $NAME"
	echo "# missing $BIN or $RST"
	exit 1
fi

"$BIN" --help >"$TMP/help" || mismatch "elfk-ctl --help failed"

# Commands: the "Commands:" block of --help, the COMMANDS entries.
sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' "$TMP/help" |
	sort -u >"$TMP/cmds.help"
grep -o '^\*\*elfk-ctl [a-z][a-z-]*\*\*' "$RST" |
	sed 's/^\*\*elfk-ctl \(.*\)\*\*$/\1/' | sort -u >"$TMP/cmds.rst"
[ -s "$TMP/cmds.help" ] || mismatch "no command found in --help"
compare "command" "$TMP/cmds.help" "$TMP/cmds.rst"

# Options every command takes: those of the global --help.
sed -n '/^Options:/,$p' "$TMP/help" | longopts >"$TMP/opts.global"

# SYNOPSIS lines, markup removed, against each command's usage line.
sed -n '/^SYNOPSIS$/,/^[A-Z][A-Z ]*$/s/^| //p' "$RST" |
	sed 's/\*//g; s/\\//g' | sort -u >"$TMP/syn.rst"
: >"$TMP/syn.help"
cp "$TMP/help" "$TMP/all.help"
# shellcheck disable=SC2013 # one command name per line, no blanks
for c in $(cat "$TMP/cmds.help"); do
	if ! "$BIN" "$c" --help >"$TMP/help.$c"; then
		mismatch "elfk-ctl $c --help failed"
		continue
	fi
	cat "$TMP/help.$c" >>"$TMP/all.help"
	sed -n '1s/^Usage: //p' "$TMP/help.$c" >>"$TMP/syn.help"

	# This command's own options: its help less the global ones,
	# against its COMMANDS entry (up to the next entry or section).
	longopts <"$TMP/help.$c" | comm -23 - "$TMP/opts.global" \
		>"$TMP/opts.help.$c"
	awk -v c="$c" '
		/^\*\*elfk-ctl / { on = index($0, "**elfk-ctl " c "**") == 1; }
		/^[A-Z][A-Z ]*$/ { on = 0 }
		on' "$RST" | longopts >"$TMP/opts.rst.$c"
	compare "option of $c" "$TMP/opts.help.$c" "$TMP/opts.rst.$c"
done
sort -u -o "$TMP/syn.help" "$TMP/syn.help"
compare "usage line" "$TMP/syn.help" "$TMP/syn.rst"

# Every long option anywhere.
longopts <"$TMP/all.help" >"$TMP/opts.help"
longopts <"$RST" >"$TMP/opts.rst"
compare "option" "$TMP/opts.help" "$TMP/opts.rst"

if [ "$fail" = 0 ]; then
	echo "ok - $NAME"
else
	echo "not ok - $NAME"
fi
exit "$fail"
