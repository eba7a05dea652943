/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The dynamic tags whose value elfk keeps, each allowed once, listed once:
 * ELFK_DYN_TAG(TAG, field) names DT_TAG and the field of struct
 * elfk_dynamic holding its value.  Included (no guard) with ELFK_DYN_TAG
 * defined, to make the bits of elfk_dynamic.present (enum elfk_dyn_bit,
 * core.h) and the decoder's table of tags (dyn/dynamic.c).
 */
ELFK_DYN_TAG(STRTAB, strtab)
ELFK_DYN_TAG(STRSZ, strsz)
ELFK_DYN_TAG(SYMTAB, symtab)
ELFK_DYN_TAG(SYMENT, syment)
ELFK_DYN_TAG(HASH, hash)
ELFK_DYN_TAG(GNU_HASH, gnu_hash)
ELFK_DYN_TAG(RELA, rela)
ELFK_DYN_TAG(RELASZ, relasz)
ELFK_DYN_TAG(RELAENT, relaent)
ELFK_DYN_TAG(JMPREL, jmprel)
ELFK_DYN_TAG(PLTRELSZ, pltrelsz)
ELFK_DYN_TAG(PLTREL, pltrel)
ELFK_DYN_TAG(INIT, init)
ELFK_DYN_TAG(FINI, fini)
ELFK_DYN_TAG(INIT_ARRAY, init_array)
ELFK_DYN_TAG(INIT_ARRAYSZ, init_arraysz)
ELFK_DYN_TAG(FINI_ARRAY, fini_array)
ELFK_DYN_TAG(FINI_ARRAYSZ, fini_arraysz)
ELFK_DYN_TAG(SONAME, soname)
ELFK_DYN_TAG(FLAGS, flags)
ELFK_DYN_TAG(FLAGS_1, flags_1)
ELFK_DYN_TAG(RELR, relr)
ELFK_DYN_TAG(RELRSZ, relrsz)
ELFK_DYN_TAG(RELRENT, relrent)
ELFK_DYN_TAG(VERSYM, versym)
ELFK_DYN_TAG(VERDEF, verdef)
ELFK_DYN_TAG(VERDEFNUM, verdefnum)
ELFK_DYN_TAG(VERNEED, verneed)
ELFK_DYN_TAG(VERNEEDNUM, verneednum)
