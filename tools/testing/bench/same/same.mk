# SPDX-License-Identifier: GPL-2.0
#
# same.mk: make bench's plugins built from kernel source (run.sh sets
# ELFK_OUT and LINUX_SRC, Debian's linux-source of the guest's series):
#
#   lz4_compress.so  lib/lz4/lz4_compress.c, unmodified, as the stock
#                    kernel's lz4_compress.ko is built, plus lz4_check.c;
#                    every non-static function visible, as the module
#                    exports them, so that nothing is dropped as unused;
#   zstd.so          lib/zstd (compression and decompression) and
#                    lib/xxhash.c, for the host's core-vs-dlopen row;
#   big_KB.so        big.c with KB KiB of read-only data (BIG_SIZES).
#
# The shim headers (../shim) stand in for the kernel's; the rule follows
# tools/testing/verify/run/real.mk.
HERE := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
include $(HERE)/../../../sdk/elfk-plugin.mk

SAME_CFLAGS := -I$(HERE)/../shim -I$(LINUX_SRC)/include -I$(HERE) \
	-Wno-unused-function -Wno-attributes -Wno-missing-prototypes \
	'-DEXPORT_SYMBOL(x)=' '-DEXPORT_SYMBOL_GPL(x)=' '-DMODULE_LICENSE(x)=' \
	'-DMODULE_DESCRIPTION(x)=' '-DMODULE_AUTHOR(x)=' '-Dmodule_init(x)=' \
	'-Dmodule_exit(x)='

$(call elfk_plugin,lz4_compress,$(HERE)/lz4_check.c $(LINUX_SRC)/lib/lz4/lz4_compress.c)
CFLAGS_lz4_compress := $(SAME_CFLAGS) -fvisibility=default

ZSTD := $(LINUX_SRC)/lib/zstd
ZSTD_SRCS := $(wildcard $(ZSTD)/common/*.c $(ZSTD)/compress/*.c \
	$(ZSTD)/decompress/*.c $(ZSTD)/zstd_*_module.c) \
	$(LINUX_SRC)/lib/xxhash.c
$(call elfk_plugin,zstd,$(ZSTD_SRCS))
CFLAGS_zstd := $(SAME_CFLAGS) -fvisibility=default -I$(ZSTD) \
	-DZSTD_DISABLE_ASM -Wno-unused-parameter -Wno-sign-compare

BIG_SIZES ?= 256 1024 2048
$(foreach kb,$(BIG_SIZES),$(eval $(call elfk_plugin,big_$(kb),$(HERE)/big.c)) \
	$(eval CFLAGS_big_$(kb) := -DBIG_KB=$(kb)))
