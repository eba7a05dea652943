# SPDX-License-Identifier: GPL-2.0
#
# big.so: gen-big.sh's generated plugin, VERIFIED=1 (make bench's in-kernel
# verifier throughput); ELFK_OUT is set by the caller (../Makefile).
HERE := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
BIG_FUNCS ?= 800
include $(HERE)/../../../sdk/elfk-plugin.mk
$(ELFK_OUT)/big.c: $(HERE)/gen-big.sh
	@mkdir -p $(@D)
	$(HERE)/gen-big.sh $(BIG_FUNCS) >$@
$(call elfk_plugin,big,$(ELFK_OUT)/big.c)
