#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# elfk-plugin-check.sh: refuse a plugin that elfk would refuse or that was
# not built the way the SDK builds plugins.  Run after every link: the
# shared-object link of elfk_plugin and the "ld -r" of elfk_plugin_rel.
#
# usage: elfk-plugin-check.sh [--symbols FILE] [--expect-undefined NAME]...
#                             [--expect-reloc TYPE]... [--needed-path DIR]...
#                             [--no-codegen] [--stack-usage FILE.su]... [-q]
#                             PLUGIN.so|PLUGIN.o
#
# The ELF type decides which checks apply: ET_DYN (PLUGIN.so) as below,
# ET_REL (PLUGIN.o) as under "ET_REL objects" further down.
#
# The image: "elfk-ctl check" (libelfk's elfk_check_image(), the kernel's
# own validator) runs on every plugin, ET_DYN or ET_REL, with the symbol
# list: anything the kernel would refuse (headers, segments and sections,
# W^X, PT_INTERP, text relocations, static TLS, relocation types and
# ranges, symbols, init/fini entries, ...) is an error with the kernel's
# message, "PLUGIN: error: elfk would refuse it (ENAME): MESSAGE".
# elfk-ctl is $ELFK_CTL, else the tree's tools/elfk-ctl/elfk-ctl, else the
# installed ../../sbin/elfk-ctl next to the SDK, else elfk-ctl in PATH.
#
# Image checks (readelf) kept here, each an error, for what the kernel's
# validator cannot see in the plugin alone or does not check:
#   - an executable stack (PT_GNU_STACK with E, or no PT_GNU_STACK at all)
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
# The relocation-type and undefined-symbol checks list every offender with
# advice (the kernel stops at the first), implement --expect-* and read the
# DT_NEEDED objects' files, which the kernel's validator cannot: it assumes
# a symbol missing from the list comes from a DT_NEEDED object.
#
# ET_REL objects (what lib/ld/ accepts; Documentation/features.rst,
# "ET_REL objects"), image checks besides the kernel's validator:
#   - in the relocations of SHF_ALLOC sections (those of .debug_* and other
#     unloaded sections are ignored, as elfk ignores them), a type other than
#     R_X86_64_{NONE,64,PC32,PLT32,32,32S,PC64,GOTPCREL,GOTPCRELX,
#     REX_GOTPCRELX,GOTOFF64,GOTPC32,GOTPC64,TLSGD,TLSLD,DTPOFF32,DTPOFF64};
#     the static-TLS GOTTPOFF/TPOFF32/TPOFF64 and the TLS-descriptor
#     GOTPC32_TLSDESC/TLSDESC_CALL/TLSDESC with the same advice as above
#   - an undefined global symbol not in the exported-symbol list (weak ones
#     are allowed; _GLOBAL_OFFSET_TABLE_ is the object's own GOT) and not
#     defined by the objects its .elfk.needed section names (ELFK_NEEDS()),
#     looked for as DT_NEEDED objects are
# and code checks (--no-codegen skips them):
#   - no IBT note, as above (ld -r keeps it only if every input has it)
#   - an exported function (global or weak, default or protected) or an
#     init/fini array entry (.init_array*, .fini_array*, .ctors*, .dtors*)
#     that does not start with endbr64
#   - a "ret" or an indirect "call *"/"jmp *" outside the thunks, except
#     "call *X(%rip)"/"jmp *X(%rip)" whose displacement has an
#     R_X86_64_GOTPCRELX relocation: elfk makes those direct branches, to
#     the symbol or to its retpoline PLT stub.  The "call *(%rax)" of a TLS
#     descriptor sequence (R_X86_64_TLSDESC_CALL) is left to the relocation
#     check, which refuses it.
#
# Both kinds, also:
#   - a warning (not an error) when the plugin exports nothing but
#     elfk_init/elfk_exit: -fvisibility=hidden is the SDK's default, so a
#     function without ELFK_EXPORT cannot be called or looked up
#   - each ELFK_EXPORT_TYPED() declaration in .elfk.types must be
#     well-formed (elfk-ctl's syntax, tools/elfk-ctl/typed.c) and name a
#     function the plugin exports
#   - with --stack-usage FILE.su... (gcc -fstack-usage, as the SDK builds),
#     one line "stack: largest frames ..." naming the three largest and any
#     dynamic (alloca, VLA) frame, printed even with -q
#
# --expect-undefined NAME: NAME must be an undefined symbol that is not in
# the list (an expected-refusal fixture); it is reported but not counted as
# an error.  --expect-reloc TYPE: the same for relocations of type TYPE
# (e.g. R_X86_64_GOTTPOFF), which must be present and refused.  The kernel's
# validator must then refuse the plugin for one of them.  Every other check
# still applies.
#
# Exit status: 0 if the plugin passes, 1 if a check failed, 2 on usage or
# tool errors.  Errors go to stderr as "PLUGIN: error: ...".

set -u

sdkdir=$(dirname "$0")
symbols=$sdkdir/exported-symbols.txt
expect_undef=
expect_reloc=
needed_path=
stack_usage=
codegen=1
quiet=0

usage() {
	echo "usage: $0 [--symbols FILE] [--expect-undefined NAME]... [--expect-reloc TYPE]... [--needed-path DIR]... [--no-codegen] [--stack-usage FILE.su]... [-q] PLUGIN.so|PLUGIN.o" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--symbols) [ $# -ge 2 ] || usage; symbols=$2; shift 2 ;;
	--symbols=*) symbols=${1#*=}; shift ;;
	--expect-undefined) [ $# -ge 2 ] || usage; expect_undef="$expect_undef $2"; shift 2 ;;
	--expect-undefined=*) expect_undef="$expect_undef ${1#*=}"; shift ;;
	--expect-reloc) [ $# -ge 2 ] || usage; expect_reloc="$expect_reloc $2"; shift 2 ;;
	--expect-reloc=*) expect_reloc="$expect_reloc ${1#*=}"; shift ;;
	--needed-path) [ $# -ge 2 ] || usage; needed_path="$needed_path $2"; shift 2 ;;
	--needed-path=*) needed_path="$needed_path ${1#*=}"; shift ;;
	--no-codegen) codegen=0; shift ;;
	--stack-usage) [ $# -ge 2 ] || usage; stack_usage="$stack_usage $2"; shift 2 ;;
	--stack-usage=*) stack_usage="$stack_usage ${1#*=}"; shift ;;
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
# Warnings and the stack report name the plugin without the .tmp the
# SDK links to: they do not fail the build, so they outlive the link.
warn() {
	echo "${so%.tmp}: warning: $*" >&2
}

LC_ALL=C
export LC_ALL

# An awk function: the value of a hexadecimal string (with or without 0x).
AWK_HEX='
function hex(s,   i, c, v) {
	v = 0; s = tolower(s); sub(/^0x/, "", s)
	for (i = 1; i <= length(s); i++) {
		c = index("0123456789abcdef", substr(s, i, 1)) - 1
		v = v * 16 + c
	}
	return v
}'

"$READELF" -hW "$so" >"$tmp/h" 2>"$tmp/e" || { cat "$tmp/e" >&2; echo "$so: not an ELF file" >&2; exit 2; }
# ET_REL objects get their own image checks; everything else is checked
# as the shared object it must be.
kind=dyn
grep -q 'Type:[[:space:]]*REL[[:space:]]' "$tmp/h" && kind=rel
"$READELF" -lW "$so" >"$tmp/l" 2>/dev/null
"$READELF" -dW "$so" >"$tmp/d" 2>/dev/null
"$READELF" -rW "$so" >"$tmp/r" 2>/dev/null
"$READELF" -SW "$so" >"$tmp/S" 2>/dev/null
# Section rows without the "[ N]" index: NAME TYPE ADDRESS OFF SIZE ...
sed -n 's/^ *\[ *[0-9][0-9]*\] *//p' "$tmp/S" >"$tmp/sec"
if [ "$kind" = rel ]; then
	# The symbol table; $tmp/ds is its part that the undefined-symbol
	# check reads, as it reads .dynsym in a shared object: local
	# undefined symbols (the null one) and _GLOBAL_OFFSET_TABLE_, which
	# elfk defines as the object's GOT, left out.
	"$READELF" -sW "$so" >"$tmp/sym" 2>/dev/null
	awk '!($7 == "UND" && ($5 == "LOCAL" || $8 == "_GLOBAL_OFFSET_TABLE_"))' "$tmp/sym" >"$tmp/ds"
else
	"$READELF" --dyn-syms -W "$so" >"$tmp/ds" 2>/dev/null
fi
"$READELF" -nW "$so" >"$tmp/n" 2>/dev/null

# --- the kernel's validator ---
# elfk-ctl: the tree's (the SDK beside tools/elfk-ctl), the installed one
# (/usr/share/elfk beside /usr/sbin), or PATH's.
find_ctl() {
	for c in "${ELFK_CTL:-}" "$sdkdir/../elfk-ctl/elfk-ctl" "$sdkdir/../../sbin/elfk-ctl"; do
		[ -n "$c" ] && [ -x "$c" ] && { echo "$c"; return 0; }
	done
	command -v elfk-ctl
}
core_check() {
	ctl=$(find_ctl) || {
		echo "$so: cannot find elfk-ctl, which runs the kernel's validator (set ELFK_CTL)" >&2
		exit 2
	}
	"$ctl" check --symbols "$symbols" "$so" >/dev/null 2>"$tmp/core"
	rc=$?
	[ "$rc" = 0 ] && return
	if [ "$rc" != 1 ]; then
		cat "$tmp/core" >&2
		echo "$so: $ctl check failed (exit $rc)" >&2
		exit 2
	fi
	# "elfk-ctl: check FILE: strerror (ENAME)" and the log, indented.
	ename=$(sed -n '1s/.*(\(E[A-Z0-9]*\))$/\1/p' "$tmp/core")
	msg=$(sed -n '2,$s/^  //p' "$tmp/core" | tr '\n' ' ' | sed 's/ $//')
	for e in $expect_undef; do
		case $msg in *"undefined symbol '$e'"*)
			note "expected refusal by elfk ($ename): $msg"
			return ;;
		esac
	done
	for e in $expect_reloc; do
		case $msg in *"$e "*)
			note "expected refusal by elfk ($ename): $msg"
			return ;;
		esac
	done
	err "elfk would refuse it ($ename): $msg"
}

# --- ET_DYN: program headers and dynamic section ---
dyn_image_checks() {
	# Rows: TYPE OFFSET VADDR PADDR FILESZ MEMSZ FLAGS... ALIGN; FLAGS may be
	# "R E" (two fields), so join fields 7..NF-1.
	awk '$1 ~ /^[A-Z][A-Za-z0-9_+]*$/ && $2 ~ /^0x/ && NF >= 8 {
		f = ""; for (i = 7; i < NF; i++) f = f $i; print $1, f
	}' "$tmp/l" >"$tmp/ph"
	if grep -q '^GNU_STACK ' "$tmp/ph"; then
		grep -q '^GNU_STACK .*E' "$tmp/ph" && err "asks for an executable stack"
	else
		err "has no PT_GNU_STACK (an assembler file lacks .note.GNU-stack?)"
	fi
}

# --- ET_DYN: the DT_NEEDED objects elfk will search, breadth-first ---
# $tmp/provided: "NAME" for a definition an unversioned import may bind to
# (the default version, or no version), "NAME@VER" for one of version VER,
# "NAME@*" for a definition in an object without version definitions.
# An ET_REL object names them in .elfk.needed (ELFK_NEEDS()), and
# exports what its .symtab defines globally with default or protected
# visibility; elfk matches a name to an object's DT_SONAME, else to the
# name it was loaded under, which for a file found here is its file name.
is_rel() {
	"$READELF" -hW "$1" 2>/dev/null | grep -q 'Type:[[:space:]]*REL[[:space:]]'
}
needed_of() {
	if is_rel "$1"; then
		"$READELF" -p .elfk.needed "$1" 2>/dev/null | sed -n 's/^ *\[ *[0-9a-f]*\]  //p'
	else
		"$READELF" -dW "$1" 2>/dev/null | grep '(NEEDED)' | sed 's/.*\[\(.*\)\].*/\1/'
	fi
}
syms_of() {
	if is_rel "$1"; then
		"$READELF" -sW "$1" 2>/dev/null
	else
		"$READELF" --dyn-syms -W "$1" 2>/dev/null
	fi
}
dyn_needed() {
	needed_of "$so" >"$tmp/needed"
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
			syms_of "$found" | awk -v vd="$vd" '
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
}

# --- ET_REL: sections and which relocations elfk applies ---
# $tmp/secs: "INDEX NAME TYPE OFFSET FLAGS LINK INFO" per section (FLAGS
# "-" for none).  $tmp/rload: the relocation rows of SHT_RELA sections
# that relocate an SHF_ALLOC section, as readelf prints them; $tmp/rarray:
# "SECTION SYMINDEX TYPE VALUE SIGN ADDEND" for those of init/fini arrays.
rel_image_checks() {
	awk '/^ *\[ *[0-9]+\]/ {
		l = $0; sub(/^ *\[ */, "", l); i = l; sub(/\].*/, "", i); sub(/^[0-9]+\] */, "", l)
		n = split(l, f, " ")
		if (i == 0 || n < 9) next
		print i, f[1], f[2], f[4], (n >= 10 ? f[7] : "-"), f[n - 2], f[n - 1]
	}' "$tmp/S" >"$tmp/secs"

	awk -v secs="$tmp/secs" -v q="'" -v rload="$tmp/rload" -v rarray="$tmp/rarray" "$AWK_HEX"'
	BEGIN {
		while ((getline l < secs) > 0) {
			split(l, f, " ")
			name[f[1]] = f[2]; type[f[1]] = f[3]; off[f[1]] = hex(f[4])
			flags[f[1]] = f[5]; info[f[1]] = f[7]
		}
	}
	/^Relocation section / {
		split($0, p, q); s = ""
		match($0, /at offset 0x[0-9a-fA-F]+/)
		o = hex(substr($0, RSTART + 10, RLENGTH - 10))
		for (i in name)
			if (name[i] == p[2] && off[i] == o && (type[i] == "RELA" || type[i] == "REL")) s = i
		t = info[s]
		load = s != "" && flags[t] ~ /A/
		load = load && type[s] == "RELA"
		array = name[t] ~ /^\.(init_array|fini_array|ctors|dtors)(\.|$)/ ||
			type[t] == "INIT_ARRAY" || type[t] == "FINI_ARRAY"
		next
	}
	load && $1 ~ /^[0-9a-f]+$/ && $2 ~ /^[0-9a-f]+$/ {
		print > rload
		if (array) print name[t], hex(substr($2, 1, 8)), $3, $4, $6, $7 > rarray
	}' "$tmp/r"
	touch "$tmp/rload" "$tmp/rarray"
}

# --- relocation types ---
# check_reloc_types ROWS ALLOWED...: ROWS holds readelf -r rows; ALLOWED
# are the types elfk applies, without the R_X86_64_ prefix.
check_reloc_types() {
	rows=$1
	shift
	allowed=" $* "
	awk '$3 ~ /^R_X86_64_/ { print $3 }' "$rows" | sort | uniq -c >"$tmp/rtypes"
	while read -r count type; do
		case $allowed in
		*" ${type#R_X86_64_} "*) continue ;;
		esac
		case $type in
		R_X86_64_TPOFF64 | R_X86_64_TPOFF32 | R_X86_64_GOTTPOFF)
			why="has $count relocation(s) of type $type: the initial-exec or local-exec TLS model addresses TLS through %fs, which belongs to the interrupted process in the kernel; build with -fPIC -ftls-model=global-dynamic (the SDK's default)" ;;
		R_X86_64_TLSDESC | R_X86_64_GOTPC32_TLSDESC | R_X86_64_TLSDESC_CALL)
			why="has $count relocation(s) of type $type: TLS descriptors (-mtls-dialect=gnu2) add their result to %fs; build with -mtls-dialect=gnu (the SDK's default)" ;;
		*) why="has $count relocation(s) of unsupported type $type" ;;
		esac
		case " $expect_reloc " in
		*" $type "*) note "expected refusal: $why" ;;
		*) err "$why" ;;
		esac
	done <"$tmp/rtypes"
	# Anything readelf shows that it cannot name is unsupported too.
	awk '$1 ~ /^[0-9a-f]+$/ && $2 ~ /^[0-9a-f]+$/ && $3 !~ /^R_X86_64_/ { print $3 }' "$rows" | sort -u >"$tmp/rbad"
	[ -s "$tmp/rbad" ] && err "has relocations of unknown type ($(tr '\n' ' ' <"$tmp/rbad"))"
	for e in $expect_reloc; do
		case $allowed in
		*" ${e#R_X86_64_} "*) err "expected relocation type '$e' is one elfk applies, not a refusal" ;;
		*) grep -q " $e\$" "$tmp/rtypes" || err "expected relocation type '$e' is not present" ;;
		esac
	done
}

# --- undefined symbols ---
check_undefined() {
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
}

# --- what the plugin exports, and the parameters it declares ---
# $tmp/exports: "NAME TYPE" of each defined global or weak symbol of
# default or protected visibility: .dynsym of a shared object, .symtab of
# an ET_REL object (where hidden globals are the plugin's private ones).
check_exports() {
	awk '$1 ~ /^[0-9]+:$/ && $7 != "UND" && NF >= 8 &&
	     ($5 == "GLOBAL" || $5 == "WEAK") && ($6 == "DEFAULT" || $6 == "PROTECTED") {
		n = $8; sub(/@.*/, "", n); print n, $4
	}' "$tmp/ds" >"$tmp/exports"
	grep -qvE '^(elfk_init|elfk_exit) ' "$tmp/exports" ||
		warn "exports nothing but elfk_init/elfk_exit: functions are hidden unless marked ELFK_EXPORT (-fvisibility=hidden), so none can be called"

	"$READELF" -p .elfk.types -W "$so" 2>/dev/null |
		sed -n 's/^ *\[ *[0-9a-f]*\] *//p' >"$tmp/types"
	# One line per error, as elfk-ctl would refuse the declaration.
	awk -v exports="$tmp/exports" '
	BEGIN { while ((getline l < exports) > 0) { split(l, f, " "); type[f[1]] = f[2] } }
	{
		d = $0; gsub(/[ \t]/, "", d)
		if (d !~ /^[A-Za-z_][A-Za-z0-9_]*\(.*\)$/) { print "malformed ELFK_EXPORT_TYPED declaration \"" $0 "\""; next }
		fn = d; sub(/\(.*/, "", fn)
		if (!(fn in type) || (type[fn] != "FUNC" && type[fn] != "IFUNC")) {
			print "ELFK_EXPORT_TYPED(" fn ", ...): the plugin exports no function " fn
		}
		args = d; sub(/^[^(]*\(/, "", args); sub(/\)$/, "", args)
		n = args == "" ? 0 : split(args, a, ",")
		if (n > 6) { print "ELFK_EXPORT_TYPED(" fn ", ...): more than 6 parameters"; next }
		bad = 0
		for (i = 1; i <= n; i++) {
			k[i] = a[i]; len[i] = -1
			if (a[i] ~ /^elfk_(in|out|inout)\([0-9]\)$/) {
				len[i] = substr(a[i], length(a[i]) - 1, 1) + 1; k[i] = "buf"
			} else if (a[i] !~ /^elfk_(int|str|len)$/) {
				print "ELFK_EXPORT_TYPED(" fn ", ...): parameter " i - 1 " is not ELFK_INT, ELFK_STR, ELFK_LEN or ELFK_*_BUF(L)"; bad = 1
			}
			users[i] = 0
		}
		for (i = 1; !bad && i <= n; i++) {
			if (len[i] < 0) continue
			if (len[i] > n || k[len[i]] != "elfk_len") {
				print "ELFK_EXPORT_TYPED(" fn ", ...): parameter " i - 1 " names parameter " len[i] - 1 " as its length, which is not an ELFK_LEN"; bad = 1
			} else users[len[i]]++
		}
		for (i = 1; !bad && i <= n; i++)
			if (k[i] == "elfk_len" && users[i] != 1)
				print "ELFK_EXPORT_TYPED(" fn ", ...): ELFK_LEN parameter " i - 1 " is the length of " users[i] " buffers, not 1"
	}' "$tmp/types" >"$tmp/typeerr"
	while read -r line; do
		err "$line"
	done <"$tmp/typeerr"
}

# --- stack frames, from gcc -fstack-usage ---
# .su lines: "FILE:LINE:COL:FUNCTION<TAB>BYTES<TAB>static|dynamic[,bounded]".
report_stack() {
	[ -n "$stack_usage" ] || return 0
	# shellcheck disable=SC2086 # a list of files
	cat $stack_usage 2>/dev/null | awk -F '\t' 'NF >= 3 {
		f = $1; sub(/.*:/, "", f); print $2, f, $3
	}' | sort -rn >"$tmp/frames"
	[ -s "$tmp/frames" ] || return 0
	top=$(head -n 3 "$tmp/frames" | awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1 }')
	dyn=$(awk '$3 ~ /^dynamic/ { printf " %s", $2 }' "$tmp/frames")
	echo "${so%.tmp}: stack: largest frames $top bytes${dyn:+; dynamic (alloca/VLA):$dyn}"
}

# --- code generation: entry points ---
# $tmp/entries: the addresses elfk or userspace reach by an indirect call,
# as the disassembly check keys them ("ADDR", or "SECTION:OFFSET" in an
# ET_REL object), in hex without leading zeros.
dyn_entries() {
	{
		awk '$1 ~ /^[0-9]+:$/ && ($4 == "FUNC" || $4 == "IFUNC") && $7 != "UND" { print $2 }' "$tmp/ds"
		awk '/\((INIT|FINI)\)/ { print $3 }' "$tmp/d"
		# init/fini arrays: the RELATIVE relocations that fill them.
		awk '$1 ~ /^\.(init|fini)_array$/ { print $3, $5 }' "$tmp/sec" >"$tmp/arrays"
		while read -r addr size; do
			awk -v lo="$addr" -v sz="$size" "$AWK_HEX"'
			$3 == "R_X86_64_RELATIVE" {
				o = hex($1)
				if (o >= hex(lo) && o < hex(lo) + hex(sz)) print $NF
			}' "$tmp/r"
		done <"$tmp/arrays"
	} | sed -e 's/^0x//' -e 's/^0*//' -e 's/^$/0/' | tr 'A-F' 'a-f' | sort -u >"$tmp/entries"
}
rel_entries() {
	# Exported functions, and the functions the init/fini arrays' R_X86_64_64
	# relocations point to (symbol value + addend in the symbol's section).
	awk -v secs="$tmp/secs" -v arrays="$tmp/rarray" "$AWK_HEX"'
	BEGIN { while ((getline l < secs) > 0) { split(l, f, " "); name[f[1]] = f[2] } }
	$1 ~ /^[0-9]+:$/ {
		i = $1; sub(/:$/, "", i); ndx[i] = $7
		if ($4 == "FUNC" && ($5 == "GLOBAL" || $5 == "WEAK") &&
		    ($6 == "DEFAULT" || $6 == "PROTECTED") && ($7 in name))
			printf "%s:%x\n", name[$7], hex($2)
	}
	END {
		while ((getline l < arrays) > 0) {
			split(l, f, " ")
			if (f[3] != "R_X86_64_64" || !((f[2] in ndx) && (ndx[f[2]] in name))) continue
			v = hex(f[4]) + (f[5] == "-" ? -hex(f[6]) : hex(f[6]))
			printf "%s:%x\n", name[ndx[f[2]]], v
		}
	}' "$tmp/sym" | sort -u >"$tmp/entries"
}

# --- code generation ---
check_codegen() {
	if [ "$kind" = dyn ]; then
		awk '$1 ~ /^\.plt/ { print $1 }' "$tmp/sec" | sort -u >"$tmp/plt"
		[ -s "$tmp/plt" ] && err "has a PLT ($(tr '\n' ' ' <"$tmp/plt")); build with -fno-plt"
	fi

	grep -q 'x86 feature:.*IBT' "$tmp/n" ||
		err "is not marked IBT-compatible (every input needs -fcf-protection=branch; assembler files need <cet.h>)"

	if ! grep -q '\.symtab' "$tmp/S"; then
		[ "$kind" = rel ] || note "warning: no .symtab (stripped?): thunk checks skipped"
		return
	fi
	if [ "$kind" = rel ]; then
		# -r: each instruction's relocations follow it on its line.
		"$OBJDUMP" -dr --no-show-raw-insn -w "$so" >"$tmp/dis" 2>/dev/null ||
			{ echo "$so: objdump failed" >&2; exit 2; }
		rel_entries
		: >"$tmp/tlsgot"
		: >"$tmp/tlsidx"
	else
		"$OBJDUMP" -d --no-show-raw-insn -w "$so" >"$tmp/dis" 2>/dev/null ||
			{ echo "$so: objdump failed" >&2; exit 2; }
		dyn_entries
		# The GOT slots of __tls_get_addr and the tls_index pairs
		# (DTPMOD64 slots) of the general- and local-dynamic sequences.
		awk '$3 == "R_X86_64_GLOB_DAT" && $5 == "__tls_get_addr" { print $1 }' "$tmp/r" |
			sed -e 's/^0*//' -e 's/^$/0/' >"$tmp/tlsgot"
		awk '$3 == "R_X86_64_DTPMOD64" { print $1 }' "$tmp/r" |
			sed -e 's/^0*//' -e 's/^$/0/' >"$tmp/tlsidx"
	fi

	# In an ET_REL object (rel=1) addresses are offsets in their section,
	# entries are keyed "SECTION:OFFSET" and shown as SECTION+0xOFFSET, and
	# an indirect branch is allowed where elfk makes it direct: "call
	# *X(%rip)" or "jmp *X(%rip)" with an R_X86_64_GOTPCRELX relocation on
	# its displacement (elfk_x86_64_rel_branch_via_got()).
	awk -v rel="$([ "$kind" = rel ] && echo 1 || echo 0)" \
	    -v entries="$tmp/entries" -v tlsgot="$tmp/tlsgot" -v tlsidx="$tmp/tlsidx" "$AWK_HEX"'
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
	# An entry key as the messages show it.
	function label(k) {
		if (!rel) return "0x" k
		sub(/:/, "+0x", k)
		return k
	}
	/^Disassembly of section / {
		sec = $0; sub(/^Disassembly of section /, "", sec); sub(/:$/, "", sec); next
	}
	/^[0-9a-f]+ <.*>:$/ {
		sym = $2; gsub(/[<>:]/, "", sym); prev = ""; next
	}
	/^ *[0-9a-f]+:\t/ {
		n = split($0, p, "\t"); a = p[1]; gsub(/[ :]/, "", a); sub(/^0*/, "", a); if (a == "") a = "0"
		insn = p[2]
		b = bare(insn)
		k = rel ? sec ":" a : a
		thunk = (sym == "__x86_return_thunk" || sym ~ /^__x86_indirect_thunk_/)
		# ET_REL: the relocations on this instruction ("OFFSET: TYPE", SYMBOL).
		gotx = tlsdesc = 0
		for (i = 3; rel && i <= n; i++) {
			if (p[i] !~ /^[0-9a-f]+: R_X86_64_/) continue
			split(p[i], r, ": ")
			if (r[2] == "R_X86_64_TLSDESC_CALL") tlsdesc = 1
			if (r[2] == "R_X86_64_GOTPCRELX" && target(b) != "" && hex(r[1]) + 4 == hex(target(b))) gotx = 1
		}
		if (k in want) { seen[k] = 1; if (b !~ /^endbr64/) printf "entry %s (%s) does not start with endbr64\n", label(k), sym }
		if (!thunk && b ~ /^(rep[a-z]* )?ret/) printf "\"%s\" at %s in %s: returns must go through __x86_return_thunk\n", insn, label(k), sym
		tls = b ~ /^call +\*-?0x[0-9a-f]+\(%rip\)/ && (target(b) in got) &&
		      prev ~ /^lea +-?0x[0-9a-f]+\(%rip\),%rdi/ && (target(prev) in idx)
		direct = gotx && b ~ /^(notrack |bnd )?(call|jmp)[a-z]* +\*-?0x[0-9a-f]+\(%rip\)/
		if (!thunk && !tls && !direct && !tlsdesc && b ~ /^(notrack |bnd )?(call|jmp)[a-z]* +\*/) printf "\"%s\" at %s in %s: indirect branches must go through a retpoline thunk\n", insn, label(k), sym
		prev = b
	}
	END { for (k in want) if (!(k in seen)) printf "entry %s is not an instruction in the disassembly\n", label(k) }
	' "$tmp/dis" >"$tmp/codegen"
	while read -r line; do
		err "$line"
	done <"$tmp/codegen"
}

: >"$tmp/provided"
: >"$tmp/seen"
needed_missing=
needed_list=
core_check
if [ "$kind" = rel ]; then
	rel_image_checks
	dyn_needed
	check_reloc_types "$tmp/rload" NONE 64 PC32 PLT32 32 32S PC64 GOTPCREL GOTPCRELX \
		REX_GOTPCRELX GOTOFF64 GOTPC32 GOTPC64 TLSGD TLSLD DTPOFF32 DTPOFF64
else
	dyn_image_checks
	dyn_needed
	check_reloc_types "$tmp/r" NONE RELATIVE 64 GLOB_DAT JUMP_SLOT IRELATIVE DTPMOD64 DTPOFF64
fi
check_undefined
check_exports
report_stack
[ "$codegen" = 1 ] && check_codegen

if [ "$errors" -gt 0 ]; then
	echo "$so: $errors check(s) failed" >&2
	exit 1
fi
note "ok"
exit 0
