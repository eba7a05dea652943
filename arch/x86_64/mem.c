// SPDX-License-Identifier: GPL-2.0
/*
 * Executable memory on x86_64, from a module, with exported symbols only.
 *
 * This is the most kernel-version-sensitive code elfk has, so it is kept
 * here, alone.  The facts it rests on (measured on Debian's 6.1):
 *
 *  - module_alloc() and set_memory_{ro,rw,x,nx}() are not exported to
 *    modules, and vmap() forces NX on the pages it maps;
 *  - vmap() (EXPORT_SYMBOL) maps the pages it is given with 4 KiB PTEs
 *    (vmap_pages_range(..., PAGE_SHIFT)) and the protection asked for,
 *    plus NX; init_mm, get_vm_area() and flush_tlb_kernel_range() are not
 *    exported;
 *  - lookup_address() (EXPORT_SYMBOL_GPL) finds each page's PTE, and
 *    __flush_tlb_all() (EXPORT_SYMBOL_GPL) run on every CPU through
 *    on_each_cpu() makes a change visible everywhere.
 *
 * elfk places and relocates an object through a writable vmap() alias and
 * runs it from a second, read-only vmap() whose PTEs set_prot() only ever
 * gives more permission (R to RX or RW): that needs no flush (a stale TLB
 * entry is less permissive than its PTE, and x86 treats the fault as
 * spurious).  flush() runs only before pages that were executable are
 * freed, batched over many unloads (elfk/mem.c, Documentation/design.rst).
 *
 * What this does not do: the direct-map alias of the same physical pages
 * stays RW+NX (changing it needs the unexported set_memory_ro()).  Code is
 * therefore never executable through a writable mapping, but its bytes can
 * still be written through the linear map by ring-0 code, as they can for
 * any vmalloc allocation.
 */
#include <linux/mm.h>
#include <linux/smp.h>
#include <linux/vmalloc.h>
#include <asm/cpufeature.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>

#include "../../elfk/compat.h"
#include "../../lib/core.h"
#include "mem.h"

/**
 * elfk_x86_64_pte_prot() - give a kernel PTE value an ELFK_PROT_* permission
 * @pte: the PTE value to change (not yet written to any page table)
 * @prot: ELFK_PROT_* bits
 *
 * The one place that turns ELFK_PROT_W and ELFK_PROT_X into x86 PTE bits,
 * for elfk_x86_64_set_prot() and for the verified-mode window
 * (elfk/sandbox.c), so both give a page the same bits.  NX is set only
 * where the CPU supports it (__supported_pte_mask), as the kernel does.
 * W and X are taken as asked: keeping them apart (W^X) is the caller's
 * rule, not this helper's.
 *
 * Return: @pte with _PAGE_RW and _PAGE_NX set from @prot.
 */
pte_t elfk_x86_64_pte_prot(pte_t pte, u32 prot)
{
	pte = (prot & ELFK_PROT_W) ? elfk_pte_mkwrite(pte) : pte_wrprotect(pte);
	if (prot & ELFK_PROT_X)
		return pte_mkexec(pte);
	return pte_set_flags(pte, _PAGE_NX & __supported_pte_mask);
}

int elfk_x86_64_set_prot(void *addr, unsigned long len, u32 prot)
{
	unsigned long a = (unsigned long)addr, end = a + len;
	unsigned int level;
	pte_t *ptep;

	if (!is_vmalloc_addr(addr) || !PAGE_ALIGNED(a) || !PAGE_ALIGNED(len))
		return -EINVAL;
	for (; a < end; a += PAGE_SIZE) {
		ptep = lookup_address(a, &level);
		if (!ptep || level != PG_LEVEL_4K || !pte_present(*ptep))
			return -EFAULT;
		set_pte(ptep, elfk_x86_64_pte_prot(*ptep, prot));
	}
	return 0;
}

/* The permission a page has now; 0 if it is not mapped (for tests). */
u32 elfk_x86_64_get_prot(const void *addr)
{
	unsigned int level;
	pte_t *ptep;
	u32 prot;

	ptep = lookup_address((unsigned long)addr, &level);
	if (!ptep || !pte_present(*ptep))
		return 0;
	prot = ELFK_PROT_R;
	if (pte_write(*ptep))
		prot |= ELFK_PROT_W;
	if (pte_exec(*ptep))
		prot |= ELFK_PROT_X;
	return prot;
}

/* Whether the kernel runs with indirect branch tracking on. */
bool elfk_x86_64_enforces_ibt(void)
{
	return IS_ENABLED(CONFIG_X86_KERNEL_IBT) &&
	       cpu_feature_enabled(X86_FEATURE_IBT);
}

static void flush_this_cpu(void *unused)
{
	__flush_tlb_all();
}

void elfk_x86_64_flush(void)
{
	on_each_cpu(flush_this_cpu, NULL, 1);
}

/* The kernel-only half of the architecture (the portable half: ops.c). */
const struct elfk_arch_mem_ops elfk_arch_mem_ops = {
	.set_prot = elfk_x86_64_set_prot,
	.flush = elfk_x86_64_flush,
	.get_prot = elfk_x86_64_get_prot,
	.enforces_branch_targets = elfk_x86_64_enforces_ibt,
};
EXPORT_SYMBOL_IF_KUNIT(elfk_arch_mem_ops);
