#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# One copy (issue 14): LOAD reads the image into pages once and gives the
# object the whole pages of its file bytes in place.  onecopy.so
# (gen-onecopy.sh) has whole pages of code, read-only data and relocated
# pointers: its verbose log must count exactly the pages its program
# headers allow (onecopy.pages, from readelf at build time), and its
# functions must read back its data (checksums computed by the generator,
# onecopy.expect).  Failed loads after the allocation (an unresolved
# import) and unloads must give every page back.
TAG=onecopy
. "$(dirname "$0")/lib.sh"
SO=$P/onecopy.so
UNDEF=$P/onecopy_undef.so
EXPECT=$HERE/onecopy.expect
want() { awk -v k="$1" '$1 == k { print $2 }' "$EXPECT"; }

pages=$(cat "$HERE/onecopy.pages")
[ "$pages" -ge 16 ] && pass "onecopy.so has $pages whole pages of file bytes" ||
	fail "onecopy.so has whole pages of file bytes" "onecopy.pages: '$pages'"

ctl load "$SO" --name onecopy --verbose
if [ "$RC" = 0 ]; then
	pass "onecopy.so loads"
	line=$(grep -h 'pages: [0-9]* of [0-9]* in place' "$T/out" "$T/err")
	got=$(echo "$line" | sed -n 's/.*pages: \([0-9]*\) of .*/\1/p')
	if [ "$got" = "$pages" ]; then
		pass "the log: $pages pages in place"
	else
		fail "the log: $pages pages in place" "log line: '$line'"
	fi
	ctl call onecopy sum_blob
	expect "read-only data read back in place (sum_blob)" 0 "$(want sum_blob)"
	ctl call onecopy sum_ptrs
	expect "relocated pointers in place (sum_ptrs)" 0 "$(want sum_ptrs)"
	ctl call onecopy call_fns 3
	expect "code and relocated function pointers in place (call_fns 3)" 0 "$(want call_fns_3)"
	ctl unload onecopy
	expect "and unloads" 0 ""
else
	fail "onecopy.so loads"
fi

# Two segments mapping the same file pages (onecopy_shared.so: the
# read-only data's program header moved onto the code's file bytes): one
# physical page must not serve both, or a writable segment could share a
# page with code.  Only the first takes them in place.
shared=$(cat "$HERE/onecopy_shared.pages")
ctl load "$HERE/onecopy_shared.so" --name onecopy_shared --verbose
if [ "$RC" = 0 ]; then
	line=$(grep -h 'pages: [0-9]* of [0-9]* in place' "$T/out" "$T/err")
	got=$(echo "$line" | sed -n 's/.*pages: \([0-9]*\) of .*/\1/p')
	if [ "$got" = "$shared" ] && [ "$shared" -lt "$pages" ]; then
		pass "file pages two segments map: given in place once ($shared, not $pages)"
	else
		fail "file pages two segments map: given in place once ($shared, not $pages)" "log line: '$line'"
	fi
	ctl call onecopy_shared call_fns 3
	expect "onecopy_shared: its code still runs (call_fns 3)" 0 "$(want call_fns_3)"
	ctl unload onecopy_shared
	expect "onecopy_shared: unloads" 0 ""
else
	fail "onecopy_shared.so loads"
fi

# A load that fails after the allocation (binding) must free the pages it
# took from the image; so must an unload.  A leak of either would be about
# $pages pages per load, so 50 loads lose at least 50 * $pages.  Counted
# as what this shell's memory cgroup is charged (every page of a LOAD is
# charged to the loader: exact, freed pages uncharged at once), else as
# free pages (per-CPU page lists and the debug kernel's own growth make
# that noisy: hundreds of pages, hence the warm-up).
CG=/sys/fs/cgroup
if [ ! -f $CG/cgroup.controllers ]; then
	mount -t cgroup2 none $CG 2>/dev/null
fi
if grep -qw memory $CG/cgroup.controllers 2>/dev/null &&
	echo +memory >$CG/cgroup.subtree_control 2>/dev/null &&
	mkdir -p $CG/onecopy && echo $$ >$CG/onecopy/cgroup.procs; then
	HOW="pages charged to the loader's memory cgroup"
	in_use() { echo $(($(cat $CG/onecopy/memory.current) / 4096)); }
else
	HOW="free pages"
	in_use() {
		sync
		echo 3 >/proc/sys/vm/drop_caches 2>/dev/null
		awk '$1 == "nr_free_pages" { print -$2 }' /proc/vmstat
	}
fi
echo "# counting $HOW"
ctl load "$UNDEF" --name onecopy_undef --verbose
if [ "$RC" = 1 ] && grep -q 'no_such_kernel_function' "$T/err" &&
	grep -q "pages: $pages of" "$T/out" "$T/err"; then
	pass "onecopy_undef.so is refused after taking $pages pages in place"
else
	fail "onecopy_undef.so is refused after taking $pages pages in place (exit $RC)"
fi
refused_load() {
	"$CTL" load "$UNDEF" --name onecopy_undef >/dev/null 2>&1
}
load_unload() {
	"$CTL" load "$SO" --name onecopy >/dev/null 2>&1 &&
		"$CTL" unload onecopy >/dev/null 2>&1
}
# leak_check WHAT WAIT CMD: run CMD 50 times, wait WAIT seconds, and pass
# if the pages in use grew by less than half of what 50 leaks would add.
leak_check() {
	what=$1
	wait=$2
	before=$(in_use)
	i=0
	while [ $i -lt 50 ]; do
		$3
		i=$((i + 1))
	done
	[ "$wait" = 0 ] || sleep "$wait"
	after=$(in_use)
	lost=$((after - before))
	echo "# $what: $before -> $after"
	[ $lost -lt $((25 * pages)) ] && pass "$what give their pages back" ||
		fail "$what give their pages back" "lost $lost pages"
}
i=0
while [ $i -lt 30 ]; do
	refused_load
	load_unload
	i=$((i + 1))
done
sleep 7
leak_check "50 refused loads" 0 refused_load
# Unloaded code waits for a batched TLB flush, 5 s after the last unload.
# Free pages moved by up to 1,460 over this loop without a leak (main's
# module too): onecopy.so's 512 KiB of read-only data make a leak of one
# reference per page in place (50 * $pages) stand well clear of that.
leak_check "50 loads and unloads" 7 load_unload
[ "$HOW" = "free pages" ] || { echo $$ >$CG/cgroup.procs; rmdir $CG/onecopy; }
tap_end
