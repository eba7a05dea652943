# SPDX-License-Identifier: GPL-2.0
#
# real.so: the kernel's LZ4, xxHash and SHA-256 (LINUX_SRC: Debian's
# linux-source)
# and real.c, built in verified mode by the SDK; ELFK_OUT is set by the
# caller (tools/testing/verify/Makefile, tools/testing/bench/run.sh).
HERE := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
include $(HERE)/../../../sdk/elfk-plugin.mk
REAL_SRCS := $(HERE)/../real/real.c $(LINUX_SRC)/lib/lz4/lz4_compress.c \
	$(LINUX_SRC)/lib/lz4/lz4_decompress.c $(LINUX_SRC)/lib/xxhash.c \
	$(LINUX_SRC)/lib/crypto/sha256.c
CFLAGS_real := -I$(HERE)/../real/shim -I$(LINUX_SRC)/include \
	-Wno-unused-function -Wno-infinite-recursion -Wno-attributes \
	'-DEXPORT_SYMBOL(x)=' '-DMODULE_LICENSE(x)=' '-DMODULE_DESCRIPTION(x)=' \
	$(REAL_EXTRA_CFLAGS)
$(call elfk_plugin,real,$(REAL_SRCS))
