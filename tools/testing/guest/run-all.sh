#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-all.sh: every guest test, in order: run-e2e.sh, then run-hostile.sh.
# Both always run; exits 1 if either failed.  Arguments and environment
# are passed through (see each script).

HERE=$(cd "$(dirname "$0")" && pwd)
rc=0
sh "$HERE/run-e2e.sh" || { echo "# run-all: run-e2e.sh failed"; rc=1; }
sh "$HERE/run-hostile.sh" || { echo "# run-all: run-hostile.sh failed"; rc=1; }
exit $rc
