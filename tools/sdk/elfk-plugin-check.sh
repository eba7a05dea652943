#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# elfk-plugin-check.sh: refuse a plugin that elfk would refuse or that was
# not built the way the SDK builds plugins.  Run after every link.
#
# usage: elfk-plugin-check.sh [--symbols FILE] [--expect-undefined NAME]...
#                             [--needed-path DIR]... [--no-codegen] [-q]
#                             PLUGIN.so
#
# Image checks (readelf), each an error:
#   - not an ELF64 x86-64 ET_DYN shared object
#   - a PT_INTERP segment, a writable and executable segment, an executable
#     stack (PT_GNU_STACK with E, or no PT_GNU_STACK at all)
#   - DT_TEXTREL (or DF_TEXTREL)
#   - a relocation type other than R_X86_64_{NONE,RELATIVE,64,GLOB_DAT,JUMP_SLOT,
#     IRELATIVE}
#     and the dynamic-TLS R_X86_64_{DTPMOD64,DTPOFF64}; the static-TLS types
#     (TPOFF64/TPOFF32: initial-exec) and TLS descriptors (TLSDESC: gnu2)
#     and DF_STATIC_TLS are refused with the flags to build with instead
#   - an undefined symbol not in the exported-symbol list and not defined
#     by the plugin's DT_NEEDED objects (weak undefined symbols are allowed:
#     elfk resolves an unknown one to 0); a versioned import (foo@V1) must
#     be defined with that version by a DT_NEEDED object
# DT_NEEDED objects (and theirs, breadth-first, as elfk's lookup scope) are
# looked for in the plugin's directory, then in each --needed-path DIR; one
# not found is only reported, but its symbols then count as undefined.
# Code checks (objdump; --no-codegen skips them):
#   - a .plt, .plt.got or .plt.sec section
#   - an exported function, DT_INIT/DT_FINI or init/fini array entry that
#     does not start with endbr64 (elfk calls them indirectly; IBT)
#   - a "ret" outside __x86_return_thunk/__x86_indirect_thunk_* (returns must
#     go through the return thunk)
#   - an indirect "call *"/"jmp *" outside the thunks (they must be retpolines),
#     whatever its prefixes; the one exception is the psABI general- or
#     local-dynamic TLS sequence under -fno-plt, "lea TLS_INDEX(%rip),%rdi"
#     then "call *GOT(%rip)" where TLS_INDEX is a DTPMOD64 slot and GOT the
#     GLOB_DAT slot of __tls_get_addr (Documentation/tls.rst)
#   - no GNU_PROPERTY_X86_FEATURE_1_IBT note (an input was built without
#     -fcf-protection)
#
# --expect-undefined NAME: NAME must be an undefined symbol that is not in
# the list (an expected-refusal fixture); it is reported but not counted as
# an error.  Every other check still applies.
#
# Exit status: 0 if the plugin passes, 1 if a check failed, 2 on usage or
# tool errors.  Errors go to stderr as "PLUGIN: error: ...".

set -u

sdkdir=$(dirname "$0")
symbols=$sdkdir/exported-symbols.txt
expect_undef=
needed_path=
codegen=1
quiet=0

usage() {
	echo "usage: $0 [--symbols FILE] [--expect-undefined NAME]... [--needed-path DIR]... [--no-codegen] [-q] PLUGIN.so" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--symbols) [ $# -ge 2 ] || usage; symbols=$2; shift 2 ;;
	--symbols=*) symbols=${1#*=}; shift ;;
	--expect-undefined) [ $# -ge 2 ] || usage; expect_undef="$expect_undef $2"; shift 2 ;;
	--expect-undefined=*) expect_undef="$expect_undef ${1#*=}"; shift ;;
	--needed-path) [ $# -ge 2 ] || usage; needed_path="$needed_path $2"; shift 2 ;;
	--needed-path=*) needed_path="$needed_path ${1#*=}"; shift ;;
	--no-codegen) codegen=0; shift ;;
	-q) quiet=1; shift ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
done
[ $# -eq 1 ] || usage
so=$1

READELF=${READELF:-readelf}
OBJDUMP=${OBJDUMP:-objdump}

[ -r "$so" ] || { echo "$so: cannot read" >&2; exit 2; }
[ -r "$symbols" ] || { echo "$so: cannot read symbol list $symbols" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/elfk-check.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

errors=0
err() {
	echo "$so: error: $*" >&2
	errors=$((errors + 1))
}
note() {
	[ "$quiet" = 1 ] || echo "$so: $*"
}

LC_ALL=C
export LC_ALL

"$READELF" -hW "$so" >"$tmp/h" 2>"$tmp/e" || { cat "$tmp/e" >&2; echo "$so: not an ELF file" >&2; exit 2; }
"$READELF" -lW "$so" >"$tmp/l" 2>/dev/null
"$READELF" -dW "$so" >"$tmp/d" 2>/dev/null
"$READELF" -rW "$so" >"$tmp/r" 2>/dev/null
"$READELF" -SW "$so" >"$tmp/S" 2>/dev/null
# Section rows without the "[ N]" index: NAME TYPE ADDRESS OFF SIZE ...
sed -n 's/^ *\[ *[0-9][0-9]*\] *//p' "$tmp/S" >"$tmp/sec"
"$READELF" --dyn-syms -W "$so" >"$tmp/ds" 2>/dev/null
"$READELF" -nW "$so" >"$tmp/n" 2>/dev/null

# --- ELF header ---
grep -q 'Class:[[:space:]]*ELF64' "$tmp/h" || err "not ELF64"
grep -q 'Machine:[[:space:]]*Advanced Micro Devices X86-64' "$tmp/h" || err "not x86-64"
grep -q 'Type:[[:space:]]*DYN' "$tmp/h" || err "not a shared object (ET_DYN)"

# --- program headers ---
# Rows: TYPE OFFSET VADDR PADDR FILESZ MEMSZ FLAGS... ALIGN; FLAGS may be
# "R E" (two fields), so join fields 7..NF-1.
awk '$1 ~ /^[A-Z][A-Za-z0-9_+]*$/ && $2 ~ /^0x/ && NF >= 8 {
	f = ""; for (i = 7; i < NF; i++) f = f $i; print $1, f
}' "$tmp/l" >"$tmp/ph"
grep -q '^INTERP ' "$tmp/ph" && err "has a PT_INTERP segment"
awk '$2 ~ /W/ && $2 ~ /E/ { print $1 }' "$tmp/ph" | while read -r t; do
	echo "$t"
done >"$tmp/wx"
[ -s "$tmp/wx" ] && err "has a writable and executable segment ($(tr '\n' ' ' <"$tmp/wx"))"
if grep -q '^GNU_STACK ' "$tmp/ph"; then
	grep -q '^GNU_STACK .*E' "$tmp/ph" && err "asks for an executable stack"
else
	err "has no PT_GNU_STACK (an assembler file lacks .note.GNU-stack?)"
fi
grep -q '^LOAD ' "$tmp/ph" || err "has no PT_LOAD segment"

# --- dynamic section ---
grep -q '(TEXTREL)' "$tmp/d" && err "has DT_TEXTREL (text relocations)"
grep '(FLAGS)' "$tmp/d" | grep -q 'TEXTREL' && err "has DF_TEXTREL (text relocations)"
grep '(FLAGS)' "$tmp/d" | grep -q 'STATIC_TLS' &&
	err "has DF_STATIC_TLS (static TLS model); build with -fPIC -ftls-model=global-dynamic (the SDK's default)"

# --- DT_NEEDED: the objects elfk will search, breadth-first ---
# $tmp/provided: "NAME" for a definition an unversioned import may bind to
# (the default version, or no version), "NAME@VER" for one of version VER,
# "NAME@*" for a definition in an object without version definitions.
needed_of() {
	"$READELF" -dW "$1" 2>/dev/null | grep '(NEEDED)' | sed 's/.*\[\(.*\)\].*/\1/'
}
needed_of "$so" >"$tmp/needed"
: >"$tmp/provided"
: >"$tmp/seen"
needed_missing=
while [ -s "$tmp/needed" ]; do
	: >"$tmp/next"
	while read -r lib; do
		grep -qxF "$lib" "$tmp/seen" && continue
		echo "$lib" >>"$tmp/seen"
		found=
		for d in "$(dirname "$so")" $needed_path; do
			if [ -r "$d/$lib" ]; then found=$d/$lib; break; fi
		done
		if [ -z "$found" ]; then
			note "DT_NEEDED '$lib' not found next to the plugin nor in --needed-path: its symbols are not known"
			needed_missing="$needed_missing $lib"
			continue
		fi
		needed_of "$found" >>"$tmp/next"
		vd=0
		"$READELF" -VW "$found" 2>/dev/null | grep -q '\.gnu\.version_d' && vd=1
		"$READELF" --dyn-syms -W "$found" 2>/dev/null | awk -v vd="$vd" '
		$1 ~ /^[0-9]+:$/ && $7 != "UND" && NF >= 8 && ($5 == "GLOBAL" || $5 == "WEAK") &&
		$6 != "HIDDEN" && $6 != "INTERNAL" {
			n = $8
			if (n ~ /@@/) { b = n; sub(/@@.*/, "", b); v = n; sub(/^[^@]*@@/, "", v); print b; print b "@" v }
			else if (n ~ /@/) print n
			else { print n; if (!vd) print n "@*" }
		}' >>"$tmp/provided"
	done <"$tmp/needed"
	mv "$tmp/next" "$tmp/needed"
done
needed_list=$(tr '\n' ' ' <"$tmp/seen" | sed 's/ $//')

# --- relocation types ---
awk '$3 ~ /^R_X86_64_/ { print $3 }' "$tmp/r" | sort | uniq -c >"$tmp/rtypes"
while read -r count type; do
	case $type in
	R_X86_64_NONE | R_X86_64_RELATIVE | R_X86_64_64 | R_X86_64_GLOB_DAT | R_X86_64_JUMP_SLOT) ;;
	R_X86_64_IRELATIVE) ;;
	R_X86_64_DTPMOD64 | R_X86_64_DTPOFF64) ;;
	R_X86_64_TPOFF64 | R_X86_64_TPOFF32)
		err "has $count relocation(s) of type $type: the initial-exec or local-exec TLS model addresses TLS through %fs, which belongs to the interrupted process in the kernel; build with -fPIC -ftls-model=global-dynamic (the SDK's default)" ;;
	R_X86_64_TLSDESC)
		err "has $count relocation(s) of type $type: TLS descriptors (-mtls-dialect=gnu2) add their result to %fs; build with -mtls-dialect=gnu (the SDK's default)" ;;
	*) err "has $count relocation(s) of unsupported type $type" ;;
	esac
done <"$tmp/rtypes"
# Anything readelf shows that it cannot name is unsupported too.
awk '$1 ~ /^[0-9a-f]+$/ && $2 ~ /^[0-9a-f]+$/ && $3 !~ /^R_X86_64_/ { print $3 }' "$tmp/r" | sort -u >"$tmp/rbad"
[ -s "$tmp/rbad" ] && err "has relocations of unknown type ($(tr '\n' ' ' <"$tmp/rbad"))"

# --- undefined symbols ---
sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$symbols" | sort -u >"$tmp/allowed"
# Num: Value Size Type Bind Vis Ndx Name
# "NAME BIND VERSION", VERSION "-" for an unversioned import.
awk '$1 ~ /^[0-9]+:$/ && $7 == "UND" && NF >= 8 {
	n = $8; v = "-"
	if (n ~ /@/) { v = n; sub(/^[^@]*@+/, "", v); sub(/@.*/, "", n) }
	print n, $5, v
}' "$tmp/ds" >"$tmp/und"
while read -r name bind ver; do
	if [ "$ver" = - ]; then
		grep -qxF "$name" "$tmp/allowed" && continue
		grep -qxF "$name" "$tmp/provided" && continue
		why="is not exported by elfk"
	else
		grep -qxF "$name@$ver" "$tmp/provided" && continue
		grep -qxF "$name@*" "$tmp/provided" && continue
		why="version '$ver' is not defined by a DT_NEEDED object"
	fi
	[ -n "$needed_list" ] && [ "$ver" = - ] &&
		why="$why nor defined by its DT_NEEDED objects ($needed_list)"
	[ -n "$needed_missing" ] && why="$why (not found:$needed_missing)"
	expected=0
	for e in $expect_undef; do
		[ "$e" = "$name" ] && expected=1
	done
	if [ "$expected" = 1 ]; then
		note "expected refusal: undefined symbol '$name' $why"
	elif [ "$bind" = WEAK ]; then
		note "weak undefined symbol '$name' $why: it will resolve to 0"
	else
		err "undefined symbol '$name' $why"
	fi
done <"$tmp/und"
for e in $expect_undef; do
	grep -q "^$e " "$tmp/und" || err "expected undefined symbol '$e' is not undefined"
	grep -qxF "$e" "$tmp/allowed" && err "expected undefined symbol '$e' is in the exported list"
done

# --- code generation ---
if [ "$codegen" = 1 ]; then
	awk '$1 ~ /^\.plt/ { print $1 }' "$tmp/sec" | sort -u >"$tmp/plt"
	[ -s "$tmp/plt" ] && err "has a PLT ($(tr '\n' ' ' <"$tmp/plt")); build with -fno-plt"

	grep -q 'x86 feature:.*IBT' "$tmp/n" ||
		err "is not marked IBT-compatible (every input needs -fcf-protection=branch; assembler files need <cet.h>)"

	if ! grep -q '\.symtab' "$tmp/S"; then
		note "warning: no .symtab (stripped?): thunk checks skipped"
	else
		"$OBJDUMP" -d --no-show-raw-insn -w "$so" >"$tmp/dis" 2>/dev/null ||
			{ echo "$so: objdump failed" >&2; exit 2; }

		# Entry points elfk or userspace reach by an indirect call.
		{
			awk '$1 ~ /^[0-9]+:$/ && ($4 == "FUNC" || $4 == "IFUNC") && $7 != "UND" { print $2 }' "$tmp/ds"
			awk '/\((INIT|FINI)\)/ { print $3 }' "$tmp/d"
			# init/fini arrays: the RELATIVE relocations that fill them.
			awk '$1 ~ /^\.(init|fini)_array$/ { print $3, $5 }' "$tmp/sec" >"$tmp/arrays"
			while read -r addr size; do
				awk -v lo="$addr" -v sz="$size" '
				function hex(s,   i, c, v) {
					v = 0; s = tolower(s); sub(/^0x/, "", s)
					for (i = 1; i <= length(s); i++) {
						c = index("0123456789abcdef", substr(s, i, 1)) - 1
						v = v * 16 + c
					}
					return v
				}
				$3 == "R_X86_64_RELATIVE" {
					o = hex($1)
					if (o >= hex(lo) && o < hex(lo) + hex(sz)) print $NF
				}' "$tmp/r"
			done <"$tmp/arrays"
		} | sed -e 's/^0x//' -e 's/^0*//' -e 's/^$/0/' | tr 'A-F' 'a-f' | sort -u >"$tmp/entries"

		# The GOT slots of __tls_get_addr and the tls_index pairs
		# (DTPMOD64 slots) of the general- and local-dynamic sequences.
		awk '$3 == "R_X86_64_GLOB_DAT" && $5 == "__tls_get_addr" { print $1 }' "$tmp/r" |
			sed -e 's/^0*//' -e 's/^$/0/' >"$tmp/tlsgot"
		awk '$3 == "R_X86_64_DTPMOD64" { print $1 }' "$tmp/r" |
			sed -e 's/^0*//' -e 's/^$/0/' >"$tmp/tlsidx"

		awk -v entries="$tmp/entries" -v tlsgot="$tmp/tlsgot" -v tlsidx="$tmp/tlsidx" '
		BEGIN {
			while ((getline a < entries) > 0) want[a] = 1
			while ((getline a < tlsgot) > 0) got[a] = 1
			while ((getline a < tlsidx) > 0) idx[a] = 1
		}
		# The instruction without prefixes that do not change what it does.
		function bare(s) {
			while (sub(/^(data16|addr32|rex64|rex(\.[WRXB]+)?|cs|ds|es|ss) +/, "", s))
				;
			return s
		}
		# The address objdump prints in "# ADDR <sym>" after a %rip operand.
		function target(s) {
			if (!match(s, /# [0-9a-f]+/)) return ""
			s = substr(s, RSTART + 2, RLENGTH - 2); sub(/^0*/, "", s)
			return s == "" ? "0" : s
		}
		/^[0-9a-f]+ <.*>:$/ {
			sym = $2; gsub(/[<>:]/, "", sym); prev = ""; next
		}
		/^ *[0-9a-f]+:\t/ {
			split($0, p, "\t"); a = p[1]; gsub(/[ :]/, "", a); sub(/^0*/, "", a); if (a == "") a = "0"
			insn = p[2]
			b = bare(insn)
			thunk = (sym == "__x86_return_thunk" || sym ~ /^__x86_indirect_thunk_/)
			if (a in want) { seen[a] = 1; if (b !~ /^endbr64/) printf "entry 0x%s (%s) does not start with endbr64\n", a, sym }
			if (!thunk && b ~ /^(rep[a-z]* )?ret/) printf "\"%s\" at 0x%s in %s: returns must go through __x86_return_thunk\n", insn, a, sym
			tls = b ~ /^call +\*-?0x[0-9a-f]+\(%rip\)/ && (target(b) in got) &&
			      prev ~ /^lea +-?0x[0-9a-f]+\(%rip\),%rdi/ && (target(prev) in idx)
			if (!thunk && !tls && b ~ /^(notrack |bnd )?(call|jmp)[a-z]* +\*/) printf "\"%s\" at 0x%s in %s: indirect branches must go through a retpoline thunk\n", insn, a, sym
			prev = b
		}
		END { for (a in want) if (!(a in seen)) printf "entry 0x%s is not an instruction in the disassembly\n", a }
		' "$tmp/dis" >"$tmp/codegen"
		while read -r line; do
			err "$line"
		done <"$tmp/codegen"
	fi
fi

if [ "$errors" -gt 0 ]; then
	echo "$so: $errors check(s) failed" >&2
	exit 1
fi
note "ok"
exit 0
