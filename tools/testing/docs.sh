#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make docs: every Documentation/*.rst must parse cleanly (docutils, strict).
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
if ! python3 -c 'import docutils' 2>/dev/null; then
	echo "not ok - docs: python3-docutils is not installed (make deps)"
	exit 1
fi
rc=0
for f in "$TOP"/Documentation/*.rst; do
	# toctree is a Sphinx directive; docutils alone does not know it.
	if sed '/^\.\. toctree::/,/^$/d; /^   [a-z-]*$/d' "$f" |
		python3 -c 'import sys, docutils.core as d; d.publish_string(sys.stdin.read(), writer_name="null", settings_overrides={"halt_level": 2, "report_level": 2})' 2>/tmp/elfk-docs.err; then
		echo "ok - docs: $(basename "$f")"
	else
		echo "not ok - docs: $(basename "$f")"
		sed 's/^/# /' /tmp/elfk-docs.err
		rc=1
	fi
done
exit $rc
