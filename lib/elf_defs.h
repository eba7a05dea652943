/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ELF constants the core needs that <linux/elf.h> or glibc's <elf.h> may
 * lack.  Values are from the System V gABI and the GNU extensions.
 */
#ifndef _ELFK_ELF_DEFS_H
#define _ELFK_ELF_DEFS_H

#ifndef DT_FLAGS
#define DT_FLAGS 30
#endif
#ifndef DT_INIT_ARRAY
#define DT_INIT_ARRAY 25
#endif
#ifndef DT_FINI_ARRAY
#define DT_FINI_ARRAY 26
#endif
#ifndef DT_INIT_ARRAYSZ
#define DT_INIT_ARRAYSZ 27
#endif
#ifndef DT_FINI_ARRAYSZ
#define DT_FINI_ARRAYSZ 28
#endif
#ifndef DT_RUNPATH
#define DT_RUNPATH 29
#endif
#ifndef DT_PREINIT_ARRAY
#define DT_PREINIT_ARRAY 32
#endif
#ifndef DT_PREINIT_ARRAYSZ
#define DT_PREINIT_ARRAYSZ 33
#endif
#ifndef DT_SYMTAB_SHNDX
#define DT_SYMTAB_SHNDX 34
#endif
#ifndef DT_RELRSZ
#define DT_RELRSZ 35
#endif
#ifndef DT_RELR
#define DT_RELR 36
#endif
#ifndef DT_RELRENT
#define DT_RELRENT 37
#endif
#ifndef DT_GNU_HASH
#define DT_GNU_HASH 0x6ffffef5
#endif
#ifndef DT_TLSDESC_PLT
#define DT_TLSDESC_PLT 0x6ffffef6
#endif
#ifndef DT_TLSDESC_GOT
#define DT_TLSDESC_GOT 0x6ffffef7
#endif
#ifndef DT_VERDEFNUM
#define DT_VERDEFNUM 0x6ffffffd
#endif
#ifndef DT_VERNEEDNUM
#define DT_VERNEEDNUM 0x6fffffff
#endif
#ifndef DT_VERSYM
#define DT_VERSYM 0x6ffffff0
#endif
#ifndef DT_VERDEF
#define DT_VERDEF 0x6ffffffc
#endif
#ifndef DT_VERNEED
#define DT_VERNEED 0x6ffffffe
#endif
#ifndef VER_FLG_BASE
#define VER_FLG_BASE 0x1
#endif
#ifndef VERSYM_HIDDEN
#define VERSYM_HIDDEN 0x8000
#endif
#ifndef DT_FLAGS_1
#define DT_FLAGS_1 0x6ffffffb
#endif

#ifndef DF_SYMBOLIC
#define DF_SYMBOLIC 0x2
#endif
#ifndef DF_TEXTREL
#define DF_TEXTREL 0x4
#endif
#ifndef DF_STATIC_TLS
#define DF_STATIC_TLS 0x10
#endif

#ifndef PT_GNU_STACK
#define PT_GNU_STACK 0x6474e551
#endif
#ifndef PT_GNU_RELRO
#define PT_GNU_RELRO 0x6474e552
#endif
#ifndef PT_GNU_PROPERTY
#define PT_GNU_PROPERTY 0x6474e553
#endif

#ifndef STT_GNU_IFUNC
#define STT_GNU_IFUNC 10
#endif
#ifndef STB_GNU_UNIQUE
#define STB_GNU_UNIQUE 10
#endif

#ifndef STV_DEFAULT
#define STV_DEFAULT 0
#define STV_INTERNAL 1
#define STV_HIDDEN 2
#define STV_PROTECTED 3
#endif
#ifndef ELF64_ST_VISIBILITY
#define ELF64_ST_VISIBILITY(o) ((o) & 0x3)
#endif

#ifndef ELFOSABI_GNU
#define ELFOSABI_GNU 3
#endif

#ifndef SHN_XINDEX
#define SHN_XINDEX 0xffff
#endif

#endif /* _ELFK_ELF_DEFS_H */
