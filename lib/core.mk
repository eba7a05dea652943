# SPDX-License-Identifier: GPL-2.0
#
# The portable ELF core: the one list of its sources.  Kbuild builds them
# into elfk.ko; tools/ (libelfk, host tests, fuzzers, stress, bench) build
# the same files for userspace with tools/lib/env_user.h.  Paths are
# relative to the tree's root.

ELFK_CORE_SRCS := lib/log.c lib/elf_header.c lib/elf_layout.c \
		  lib/bind.c lib/format.c lib/ifunc.c lib/load.c \
		  lib/dyn/dynamic.c lib/dyn/symbols.c lib/dyn/version.c \
		  lib/dyn/reloc.c \
		  lib/ld/sections.c lib/ld/symtab.c lib/ld/gotplt.c \
		  lib/ld/layout.c lib/ld/relocate.c lib/ld/pair.c

# The architecture's portable half (relocation ops); its kernel-only half
# (page permissions, the kernel symbol table) is listed in Kbuild.
ELFK_ARCH_SRCS_x86_64 := arch/x86_64/ops.c arch/x86_64/reloc.c \
			 arch/x86_64/reloc_rel.c

# A second architecture (arch/stub/): the host tests build it with the
# core and x86_64's half, to show the core needs no edit for another
# architecture, paired relocations included.
ELFK_ARCH_SRCS_stub := arch/stub/ops.c arch/stub/reloc_rel.c
