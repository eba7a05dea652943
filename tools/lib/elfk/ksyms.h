/* SPDX-License-Identifier: GPL-2.0 */
/* The SDK's exported-symbols.txt, compiled in (ksyms.c is generated). */
#ifndef _ELFK_LIBELFK_KSYMS_H
#define _ELFK_LIBELFK_KSYMS_H

extern const char *const elfk_ksyms[];
extern const unsigned int elfk_nr_ksyms;

#endif /* _ELFK_LIBELFK_KSYMS_H */
