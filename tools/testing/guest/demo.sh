#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The demo `make demo` runs inside the guest: load plugins into the kernel,
# call them, look at them, refuse a broken one, unload, and show what the
# kernel logged.  Exits nonzero if any step does not behave as shown.
P=/elfk/plugins
status=0

run() {
	echo "\$ $*"
	"$@" || status=1
	echo
}

refused() {
	echo "\$ $*"
	if "$@"; then status=1; fi
	echo
}

run elfk-ctl load $P/hello.so
run elfk-ctl load $P/kcalls.so --name kc
run elfk-ctl list
echo "\$ cat /sys/kernel/debug/elfk/objects"
cat /sys/kernel/debug/elfk/objects
echo
run elfk-ctl call hello add 40 2
run elfk-ctl call hello greet outstr:32 32
run elfk-ctl call hello ctor_order
run elfk-ctl sym hello greet
run elfk-ctl call kc fmt outstr:64 64 255
run elfk-ctl call kc checksum str:elfk 5
run elfk-ctl --json info kc
refused elfk-ctl load $P/undef.so
run elfk-ctl unload hello
run elfk-ctl unload kc
run elfk-ctl list
echo "\$ dmesg | grep elfk"
dmesg | grep 'elfk' | sed 's/^\[[^]]*\] //'
exit $status
