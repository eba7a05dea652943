# SPDX-License-Identifier: GPL-2.0
#
# Developer targets.  Kbuild (next to this file) lists the module's objects;
# this Makefile only drives builds and tests.
#
#   make module [KDIR=...]   build elfk.ko for a kernel (default: running)
#   make demo [KERNEL=stock-6.1]
#                            boot a QEMU guest and load, call, unload a plugin
#   make deps                install the packages everything below needs
#                            (apt-get, as root; nothing else installs)
#   make check               every test: host, style, KUnit and end-to-end
#                            runs in QEMU guests; ends "N passed, N failed"
#   make bench               benchmarks (not timed tests)
#   make fuzz [SECONDS=600]  run each libFuzzer target over the core
#   make style               checkpatch, sparse and kernel-doc gates
#   make tools               elfk-ctl, the plugin SDK examples
#   make docs                check the reStructuredText documentation
#   make install             install elfk.ko into /lib/modules (needs root)
#   make deb                 Debian packages elfk-dkms and elfk-tools in
#                            $(O)/deb (Documentation/packages.rst)
#   make clean

KDIR ?= /lib/modules/$(shell uname -r)/build
O ?= build

# When kbuild includes this directory (M=...), hand over to Kbuild.
ifneq ($(KERNELRELEASE),)
include $(src)/Kbuild
else

.PHONY: all module tools demo deps check bench style docs install deb clean

all: module tools

module:
	tools/testing/build-module.sh $(KDIR) $(O)/module

tools:
	$(MAKE) -C tools all
	$(MAKE) -C tools/elfk-ctl

demo:
	tools/demo.sh $(KERNEL)

deps:
	ELFK_CHECK_ONLY=deps tools/testing/check.sh

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

# kbuild signs modules at modules_install when the kernel has
# CONFIG_MODULE_SIG_ALL=y, but for external modules it ignores a failure
# ("|| true" in scripts/Makefile.modinst): with distribution headers, which
# lack the signing key, elfk.ko is installed unsigned and "make install"
# succeeds.  Check the installed module's signature trailer instead, so
# that a failed signing fails the install.  O= is ours, not kbuild's (its
# output tree): hand kbuild an empty one.
MODULE_SIG_MAGIC := ~Module signature appended~

install: module
	@touch $(O)/module/.install-stamp
	$(MAKE) -C $(KDIR) M=$(abspath $(O))/module O= modules_install
	@set -e; \
	if grep -qx 'CONFIG_MODULE_SIG_ALL=y' $(KDIR)/include/config/auto.conf; then \
		ko=$$(find $(INSTALL_MOD_PATH)/lib/modules -name 'elfk.ko*' -newer $(O)/module/.install-stamp | head -n 1); \
		[ -n "$$ko" ] || { echo "make install: no elfk.ko installed under $(INSTALL_MOD_PATH)/lib/modules" >&2; exit 1; }; \
		case $$ko in \
		*.xz) cat="xz -dc" ;; *.gz) cat="gzip -dc" ;; *.zst) cat="zstd -dcq" ;; *) cat=cat ;; \
		esac; \
		if [ "$$($$cat "$$ko" | tail -c 28 | head -c 27)" != "$(MODULE_SIG_MAGIC)" ]; then \
			echo "make install: $$ko is not signed: the kernel wants signed modules (CONFIG_MODULE_SIG_ALL=y) and kbuild could not sign it; its key, CONFIG_MODULE_SIG_KEY, is missing from $(KDIR)?  Sign it with scripts/sign-file and your key (e.g. your MOK's), or install into a kernel tree that has its signing key." >&2; \
			exit 1; \
		fi; \
		echo "  SIGNED  $$ko"; \
	fi

deb:
	tools/packaging/build-deb.sh $(O)/deb

clean:
	rm -rf $(O)
	$(MAKE) -C tools clean
	$(MAKE) -C tools/elfk-ctl clean
endif
