#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# /init of the elfk test initramfs (busybox sh).  tools/elfk-vm packs it with
# /etc/elfk-vm/cmd (the command to run) and, unless --no-insmod, /elfk/elfk.ko
# and, on a kernel with KUnit, /elfk/elfk_kunit.ko.
# Output protocol on the serial console (ttyS0), for tools/elfk-vm and people:
#   ELFK-VM-INIT: <uptime>   when /init starts (boot-to-init time)
#   ELFK-VM: ...             harness messages (insmod failures etc.)
#   ELFK-VM-EXIT: <rc>       the command's exit status, last thing before reboot
# The exit status that counts goes to a port of its own, the second UART
# (ttyS1), which only this script writes: a command or the kernel can print
# anything on the console, including a line that looks like ELFK-VM-EXIT.

export PATH=/elfk/bin:/bin:/sbin:/usr/bin:/usr/sbin
export HOME=/root TERM=dumb

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mkdir -p /dev/shm /dev/pts
mount -t tmpfs tmpfs /dev/shm
ln -sf /proc/self/fd /dev/fd
ln -sf /proc/self/fd/0 /dev/stdin
ln -sf /proc/self/fd/1 /dev/stdout
ln -sf /proc/self/fd/2 /dev/stderr
hostname elfk-vm

read -r up _ </proc/uptime
echo "ELFK-VM-INIT: $up"
echo "ELFK-VM: $(uname -sr) $(cat /proc/cmdline)"

kmemleak=/sys/kernel/debug/kmemleak
if [ -w "$kmemleak" ]; then
	# Forget what boot itself leaked (or seemed to): only report what the
	# module and the command leave behind.
	echo scan >"$kmemleak"
	echo clear >"$kmemleak"
fi

rc=0
if [ -f /elfk/elfk.ko ] && [ ! -f /etc/elfk-vm/no-insmod ]; then
	if insmod /elfk/elfk.ko; then
		echo "ELFK-VM: insmod /elfk/elfk.ko: ok"
	else
		rc=$?
		echo "ELFK-VM: insmod /elfk/elfk.ko FAILED (rc=$rc); not running the command"
		dmesg | tail -n 20
		rc=123
	fi
fi
# KUnit runs elfk_kunit.ko's suites while it loads (KTAP in the kernel
# log); the command then finds elfk.ko alone, as on a kernel without KUnit.
if [ $rc -eq 0 ] && [ -f /elfk/elfk_kunit.ko ] && [ ! -f /etc/elfk-vm/no-insmod ]; then
	if insmod /elfk/elfk_kunit.ko && rmmod elfk_kunit; then
		echo "ELFK-VM: KUnit module /elfk/elfk_kunit.ko: loaded and removed"
	else
		echo "ELFK-VM: insmod or rmmod of /elfk/elfk_kunit.ko FAILED; not running the command"
		dmesg | tail -n 20
		rc=123
	fi
fi

if [ $rc -eq 0 ]; then
	cd /elfk || cd /
	sh -c "$(cat /etc/elfk-vm/cmd)" </dev/null
	rc=$?
	cd /
fi

if [ -w "$kmemleak" ]; then
	# Two scans a few seconds apart: objects only just freed, or whose
	# pointer sat in a register, stop looking unreferenced.
	echo scan >"$kmemleak"
	sleep 5
	echo scan >"$kmemleak"
	# Suspects allocated by pid 0 date from early boot, before the module
	# or the command existed: they are the kernel's, and are counted but
	# not reported.
	cat "$kmemleak" >/tmp/kmemleak.all
	awk '/^unreferenced object/ { if (rec != "") print rec > (boot ? "/tmp/kmemleak.boot" : "/tmp/kmemleak.rest"); rec = $0; boot = 0; next }
	     /comm "swapper\/0", pid 0,/ { boot = 1 }
	     { rec = rec "\n" $0 }
	     END { if (rec != "") print rec > (boot ? "/tmp/kmemleak.boot" : "/tmp/kmemleak.rest") }' /tmp/kmemleak.all
	nboot=$(grep -c '^unreferenced object' /tmp/kmemleak.boot 2>/dev/null)
	[ "${nboot:-0}" = 0 ] || echo "ELFK-VM: kmemleak: $nboot early-boot (pid 0) objects ignored"
	if [ -s /tmp/kmemleak.rest ]; then
		echo "ELFK-VM: kmemleak report:"
		cat /tmp/kmemleak.rest
	else
		echo "ELFK-VM: kmemleak: no leaks"
	fi
fi

sync
printf '\nELFK-VM-EXIT: %d\n' "$rc"
if [ -c /dev/ttyS1 ]; then
	stty -F /dev/ttyS1 raw -echo 2>/dev/null
	echo "$rc" >/dev/ttyS1
fi
reboot -f
# Should not get here; make the kernel stop the VM if it does.
echo o >/proc/sysrq-trigger 2>/dev/null
sleep 10
exit "$rc"
