/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ELFK_X86_64_MEM_H
#define _ELFK_X86_64_MEM_H

#include <linux/types.h>
#include <asm/pgtable_types.h>

pte_t elfk_x86_64_pte_prot(pte_t pte, u32 prot);
int elfk_x86_64_set_prot(void *addr, unsigned long len, u32 prot);
void elfk_x86_64_flush(void);
u32 elfk_x86_64_get_prot(const void *addr);
bool elfk_x86_64_enforces_ibt(void);

#endif /* _ELFK_X86_64_MEM_H */
