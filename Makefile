# SPDX-License-Identifier: GPL-2.0
#
# Developer targets.  Kbuild (next to this file) lists the module's objects;
# this Makefile only drives builds and tests.
#
#   make module [KDIR=...]   build elfk.ko for a kernel (default: running)
#   make demo [KERNEL=stock-6.1]
#                            boot a QEMU guest and load, call, unload a plugin
#   make check               every test: host, style, KUnit and end-to-end
#                            runs in QEMU guests; ends "N passed, N failed"
#   make bench               benchmarks (not timed tests)
#   make fuzz [SECONDS=600]  run each libFuzzer target over the core
#   make style               checkpatch, sparse and kernel-doc gates
#   make tools               elfk-ctl, the plugin SDK examples
#   make docs                check the reStructuredText documentation
#   make install             install elfk.ko into /lib/modules (needs root)
#   make clean

KDIR ?= /lib/modules/$(shell uname -r)/build
O ?= build

# When kbuild includes this directory (M=...), hand over to Kbuild.
ifneq ($(KERNELRELEASE),)
include $(src)/Kbuild
else

.PHONY: all module tools demo check bench style docs install clean

all: module tools

module:
	tools/testing/build-module.sh $(KDIR) $(O)/module

tools:
	$(MAKE) -C tools all
	$(MAKE) -C tools/elfk-ctl

demo:
	tools/demo.sh $(KERNEL)

check:
	tools/testing/check.sh

bench:
	tools/testing/bench/run.sh

# libFuzzer targets over the portable core (tools/testing/fuzz), each for
# SECONDS (default 600); crashing inputs go to build/fuzz/crashes.
SECONDS ?= 600
.PHONY: fuzz
fuzz:
	$(MAKE) -C tools/testing/fuzz run SECONDS=$(SECONDS)

style:
	tools/testing/style.sh

docs:
	tools/testing/docs.sh

install: module
	$(MAKE) -C $(KDIR) M=$(CURDIR)/$(O)/module modules_install

clean:
	rm -rf $(O)
	$(MAKE) -C tools clean
	$(MAKE) -C tools/elfk-ctl clean
endif
