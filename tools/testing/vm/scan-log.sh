#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# scan-log.sh LOG: look for kernel trouble in a guest console log.
# Prints one line per offending log line, `scan-log: LOG:LINE: TEXT`, and
# exits 1 if there was any, 0 if the log is clean, 2 on usage errors.
# Used by tools/elfk-vm and tools/testing/check.sh.

set -euo pipefail

if [ $# -ne 1 ] || [ ! -r "$1" ]; then
	echo "usage: $0 LOG" >&2
	exit 2
fi
log=$1

# What a report looks like.  Oops/BUG/WARNING/panic/GPF/lockups cover the
# generic ones; KASAN, UBSAN, lockdep (`WARNING: possible ...`,
# `INFO: possible ...`, `WARNING: suspicious RCU usage`), kmemleak
# (`unreferenced object`), hung tasks (`INFO: task ... blocked`) and any
# stack dump (`Call Trace`) come on top.
bad='Oops|BUG:|kernel BUG at|WARNING:|KASAN|UBSAN|possible circular locking'
bad+='|INFO: possible|INFO: task .* blocked|INFO: trying to register|INFO: rcu'
# kmemleak's own "N new suspected memory leaks" line is not flagged: the
# guest's init prints each suspect itself, minus the objects allocated by
# pid 0 during early boot (before any module or command could run; ACPI's
# boot caches are reported there on some configurations).
bad+='|INFO: lockdep|unreferenced object 0x'
bad+='|Kernel panic|general protection fault|soft lockup|hard LOCKUP|hung_task'
bad+='|Call Trace|RIP: [0-9a-f]{4}:|Unable to handle kernel|stack-protector|list_(add|del) corruption'

# Lines that match but are not a problem.  Debian's kernel taints on an
# unsigned out-of-tree module; the harness's own status lines.
ok='module verification failed|loading out-of-tree module taints kernel'
ok+='|^ELFK-VM: kmemleak: no leaks$|^elfk-vm: |Kernel command line:|Command line:'

awk -v bad="$bad" -v ok="$ok" -v logf="$log" '
	{ sub(/\r$/, "") }
	$0 ~ bad && $0 !~ ok {
		printf "scan-log: %s:%d: %s\n", logf, NR, $0
		n++
	}
	END { exit n > 0 }
' "$log"
