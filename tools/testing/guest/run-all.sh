#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-all.sh [SUITE...]: the guest suites, in this order (or the SUITEs
# named, e.g. run-e2e.sh; --list prints the names):
#   run-e2e.sh       examples, elfk-ctl, malformed corpus, privileges
#   run-ctl.sh       elfk-ctl: typed calls, error reports, batch, --pretty
#   run-deps.sh      dependencies, versions, IFUNC
#   run-tls.sh       per-task TLS from threads, kthreads, work items
#   run-big.sh       a million relocations, the max_relocs cap, debugfs
#   run-onecopy.sh   whole file pages given to the object in place
#   run-hostile.sh   caps, fault injection, mutation, concurrency
#   run-modules.sh   modprobe of a plugin module, a symbol-table provider
#   run-verified.sh  verified mode: sandboxed calls, fuel, aborts, escapes
#   run-lockdown.sh  last: kernel lockdown cannot be lifted again
# Each suite always runs; exits 1 if any failed.  A suite that is missing
# is a failure, never a silent pass.  make check boots a guest per suite
# (check.sh), so that an oops in one does not hide the others.

HERE=$(cd "$(dirname "$0")" && pwd)
SUITES="run-e2e.sh run-ctl.sh run-deps.sh run-tls.sh run-big.sh run-onecopy.sh run-hostile.sh run-modules.sh run-verified.sh run-lockdown.sh"
if [ "${1:-}" = --list ]; then
	echo "$SUITES"
	exit 0
fi
[ $# = 0 ] || SUITES="$*"
rc=0
for s in $SUITES; do
	echo "# run-all: $s"
	if [ ! -f "$HERE/$s" ]; then
		echo "not ok - run-all: $s is missing"
		rc=1
		continue
	fi
	sh "$HERE/$s" || { echo "# run-all: $s failed"; rc=1; }
	# No suite may leave objects behind for the next one.
	if [ -n "$(elfk-ctl list 2>/dev/null | sed 1d)" ]; then
		echo "not ok - run-all: $s left objects loaded"
		elfk-ctl list | sed 's/^/# /'
		rc=1
	fi
done
exit $rc
