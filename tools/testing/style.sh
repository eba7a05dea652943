#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The style gate: checkpatch --strict, sparse and kernel-doc over our
# sources, using the scripts of the kernel tree the harness unpacks.  Prints
# one TAP line per check and exits nonzero on any finding.
#
# Kernel-side sources (elfk/, arch/, kunit/, uapi/) take every check but
# CAMELCASE: Elf64_Ehdr and friends are <linux/elf.h>'s own names.
# Userspace sources under tools/ additionally skip the checks that only make
# sense inside the kernel (positive errno values, kernel attribute macros,
# typedefs and externs that userspace APIs require).
set -uo pipefail

TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP" || exit 1
# shellcheck source=vm/lib.sh
. "$TOP/tools/testing/vm/lib.sh"

OUT=$TOP/build/style
mkdir -p "$OUT"
failed=0

result() { # STATUS NAME LOGFILE
	if [ "$1" = 0 ]; then
		echo "ok - $2"
	else
		echo "not ok - $2"
		sed 's/^/# /' "$3" | head -50
		failed=1
	fi
}

KSRC=$(elfk_source_dir) || { echo "not ok - style: kernel source tree"; exit 1; }
KDIR=$(elfk_debug_kernel) || { echo "not ok - style: debug kernel tree"; exit 1; }

mapfile -t kernel_src < <(git ls-files 'elfk/*.[ch]' 'lib/*.[ch]' 'arch/*.[ch]' 'kunit/*.[ch]' 'uapi/*.h')
mapfile -t tools_src < <(git ls-files 'tools/*.[ch]')

checkpatch() { # LOG IGNORES FILES...
	local log=$1 ignore=$2
	shift 2
	"$KSRC/scripts/checkpatch.pl" --strict --no-tree --terse --show-types \
		--ignore "$ignore" -f "$@" >"$log" 2>&1
	! grep -qE '^[^ ]+:[0-9]+: (ERROR|WARNING|CHECK):' "$log"
}

checkpatch "$OUT/checkpatch-kernel.log" CAMELCASE "${kernel_src[@]}"
result $? "checkpatch --strict: ${#kernel_src[@]} kernel-side files" "$OUT/checkpatch-kernel.log"

checkpatch "$OUT/checkpatch-tools.log" \
	CAMELCASE,PREFER_DEFINED_ATTRIBUTE_MACRO,USE_NEGATIVE_ERRNO,NEW_TYPEDEFS,AVOID_EXTERNS,ENOSYS,VOLATILE \
	"${tools_src[@]}"
result $? "checkpatch --strict: ${#tools_src[@]} userspace files" "$OUT/checkpatch-tools.log"

# sparse over every object of the module (C=2 checks even up-to-date ones).
rm -rf "$OUT/sparse"
"$TOP/tools/testing/build-module.sh" "$KDIR" "$OUT/sparse" C=2 >"$OUT/sparse.log" 2>&1
st=$?
grep -E ': (warning|error):' "$OUT/sparse.log" >"$OUT/sparse-findings.log"
[ $st = 0 ] && [ ! -s "$OUT/sparse-findings.log" ]
result $? "sparse (C=2) over elfk.ko" "$OUT/sparse.log"

"$KSRC/scripts/kernel-doc" -none -v "${kernel_src[@]}" >"$OUT/kernel-doc.log" 2>&1
! grep -q 'warning:' "$OUT/kernel-doc.log"
result $? "kernel-doc: no warnings" "$OUT/kernel-doc.log"

# Every exported function has a kernel-doc comment (those exported only to
# elfk_kunit.ko, EXPORT_SYMBOL_IF_KUNIT, are internals).
: >"$OUT/exports.log"
for f in $(git ls-files 'elfk/*.c' 'lib/*.c' 'arch/*.c'); do
	for sym in $(sed -n '/^EXPORT_SYMBOL_IF_KUNIT/d; s/^EXPORT_SYMBOL[A-Z_]*(\([a-z0-9_]*\)[,)].*/\1/p' "$f"); do
		grep -q "^ \* $sym() - " "$f" || echo "$f: $sym has no kernel-doc" >>"$OUT/exports.log"
	done
done
[ ! -s "$OUT/exports.log" ]
result $? "kernel-doc: every exported function documented" "$OUT/exports.log"

exit $failed
