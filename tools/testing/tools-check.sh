#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The userspace tools' own tests, as TAP: elfk-ctl (argument parser, CLI
# against a fake device, help versus man page), the uapi ABI layout, and
# the plugin SDK (post-link check self-test, the guest script dry run).
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
rc=0
make -C "$TOP/tools/elfk-ctl" all static check || rc=1
make -C "$TOP/tools/testing/uapi" check || rc=1
make -C "$TOP/tools" check || rc=1
exit $rc
