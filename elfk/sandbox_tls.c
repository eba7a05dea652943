// SPDX-License-Identifier: GPL-2.0
/*
 * Thread-local storage of verified objects (Documentation/verified-mode.rst,
 * rule T12).
 *
 * An ordinary object's blocks live in kernel memory and its code asks
 * __tls_get_addr() for them (elfk/tls.c).  Verified code can reach neither
 * kernel memory nor %fs, so its blocks live in the window: a TLS area of
 * ELFK_SB_TLS_AREA bytes right below the CALL slots holds up to
 * ELFK_SB_TLS_MAX_BLOCKS blocks, each PT_TLS's p_memsz rounded up to its
 * alignment.  At every CALL entry (and life-cycle entry) the runtime
 * writes the calling task's block's window address into the TLS word of
 * the CALL slot; the SDK's code finds the slot from %rsp (slots are 256
 * KiB aligned) and adds link-time offsets (@dtpoff) to that word.
 *
 * Which task owns which block is kernel memory (this file), never the
 * window.  The code can overwrite the TLS word or any block, but every
 * access it makes through them is still masked into its own window
 * (M1-M5): it can only mix up its own data (rules K7, K8).
 *
 * A task gets a block at its first entry into the object: the template (the
 * relocated .tdata, copied out of the window before any code runs) then
 * zeroes up to the block's end.  A block holds a reference on its task so
 * that the task_struct's address, the key, is not reused while the block
 * is owned.  Task exit is seen as elfk/tls.c sees it, through PF_EXITING,
 * but without a reaper: the blocks of exited tasks are taken back when a
 * task without a block enters and whenever the object is freed.  A full
 * area fails that entry with ENOSPC.
 */
#include <linux/elf.h>
#include <linux/overflow.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/mm.h>

#include "internal.h"
#include "sandbox_tls.h"

/**
 * struct elfk_sb_tls - a verified object's TLS area
 * @lock: protects @owner; taken with interrupts saved (CALLs may come from
 *        any context a CALL may)
 * @area_off: the area's window offset
 * @bsize: one block: p_memsz rounded up to max(p_align, 16)
 * @nr: blocks in the area
 * @filesz: bytes of the template
 * @tmpl: the relocated template, in kernel memory
 * @owner: each block's task, referenced, or NULL when free
 */
struct elfk_sb_tls {
	spinlock_t lock;	/* protects @owner */
	u64 area_off;
	u64 bsize;
	u32 nr;
	u64 filesz;
	u8 *tmpl;
	struct task_struct *owner[ELFK_SB_TLS_MAX_BLOCKS];
};

/**
 * elfk_sb_tls_parse() - size the TLS area of a verified image
 * @tlsp: out: the area, or NULL when the image has no PT_TLS
 * @elf: the parsed image
 * @area_off: where the area ends: the first CALL slot's window offset
 * @log: the load's log
 *
 * Return: 0, -E2BIG for a block above ELFK_SB_TLS_MAX_BLOCK, -ENOMEM.
 */
int elfk_sb_tls_parse(struct elfk_sb_tls **tlsp, const struct elfk_elf *elf,
		      u64 area_off, struct elfk_log *log)
{
	struct elfk_sb_tls *tls;
	u64 align, bsize;

	*tlsp = NULL;
	if (!elf->has_tls)
		return 0;
	/* elf_header.c checked p_align (a power of two, at most 4096). */
	align = max_t(u64, elf->tls.align, 16);
	bsize = max_t(u64, ALIGN(elf->tls.memsz, align), align);
	if (bsize > ELFK_SB_TLS_MAX_BLOCK)
		return elfk_reject(log, -E2BIG,
				   "verified: PT_TLS block of 0x%llx bytes (p_memsz 0x%llx, p_align 0x%llx) is above 0x%lx (rule T12)",
				   (unsigned long long)bsize,
				   (unsigned long long)elf->tls.memsz,
				   (unsigned long long)elf->tls.align,
				   ELFK_SB_TLS_MAX_BLOCK);
	tls = kzalloc(sizeof(*tls), GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!tls)
		return elfk_reject(log, -ENOMEM, "verified: out of memory for the TLS area");
	spin_lock_init(&tls->lock);
	tls->bsize = bsize;
	tls->nr = min_t(u64, ELFK_SB_TLS_AREA / bsize, ELFK_SB_TLS_MAX_BLOCKS);
	tls->area_off = area_off - ELFK_SB_TLS_AREA;
	tls->filesz = elf->tls.filesz;
	*tlsp = tls;
	elfk_log_verbose(log,
			 "verified: TLS area at window offset 0x%llx: %u blocks of 0x%llx bytes",
			 (unsigned long long)tls->area_off, tls->nr,
			 (unsigned long long)bsize);
	return 0;
}

/* Bytes of the window the TLS area takes (0 without PT_TLS). */
u64 elfk_sb_tls_area(const struct elfk_sb_tls *tls)
{
	return tls ? ELFK_SB_TLS_AREA : 0;
}

/*
 * T12: nothing for the loader to fill in.  The dynamic models' module ids
 * and offsets would be integers in the window that no code of a verified
 * object may use (the rewriting pass and the verifier refuse
 * __tls_get_addr() and %fs); refuse them with their name instead of
 * writing a meaningless module id.
 */
static int refuse_tls_relocs(const struct elfk_elf *elf, u64 vaddr, u64 size,
			     const char *table, struct elfk_log *log)
{
	const Elf64_Rela *r;
	u64 i, end;

	if (!vaddr || !size)
		return 0;
	if (vaddr < elf->vbase || check_add_overflow(vaddr, size, &end) ||
	    end > elf->vbase + elf->vsize)
		return 0;	/* the relocation step refuses it */
	r = elfk_elf_run_ptr(elf, vaddr);
	for (i = 0; i < size / sizeof(*r); i++) {
		u32 type = ELF64_R_TYPE(r[i].r_info);
		const char *name;

		if (!elf->arch->reloc_is_tls(type))
			continue;
		name = elf->arch->reloc_name(type);
		return elfk_reject(log, -EOPNOTSUPP,
				   "verified: %s[%llu]: TLS relocation %s: verified objects use the local-exec model through the CALL slot's TLS word (rule T12); build with the SDK's -ftls-model=local-exec",
				   table, (unsigned long long)i, name ?: "?");
	}
	return 0;
}

/**
 * elfk_sb_tls_relocs() - refuse relocations of the dynamic TLS models
 * @elf: the placed image, not yet relocated
 * @log: the load's log
 *
 * Return: 0 or -EOPNOTSUPP.
 */
int elfk_sb_tls_relocs(const struct elfk_elf *elf, struct elfk_log *log)
{
	return refuse_tls_relocs(elf, elf->dyn.rela, elf->dyn.relasz,
				 "DT_RELA", log) ?:
	       refuse_tls_relocs(elf, elf->dyn.jmprel, elf->dyn.pltrelsz,
				 "DT_JMPREL", log);
}

/**
 * elfk_sb_tls_relocated() - copy the relocated template out of the window
 * @tls: the area, or NULL
 * @base: the window's address
 * @elf: the relocated image
 * @log: the load's log
 *
 * Before any code runs, like the life-cycle lists (T11): what the object
 * writes into its .tdata later does not change the blocks of later tasks.
 *
 * Return: 0 or -ENOMEM.
 */
int elfk_sb_tls_relocated(struct elfk_sb_tls *tls, unsigned long base,
			  const struct elfk_elf *elf, struct elfk_log *log)
{
	if (!tls || !tls->filesz)
		return 0;
	/* elf_header.c checked that it lies inside a PT_LOAD's file part. */
	tls->tmpl = kvmalloc(tls->filesz, GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!tls->tmpl)
		return elfk_reject(log, -ENOMEM, "verified: out of memory for the TLS template");
	memcpy(tls->tmpl, (void *)(base + elf->tls.vaddr), tls->filesz);
	return 0;
}

/* Owned blocks of exited tasks, except @keep's, become free; their tasks go to @put. */
static u32 reap(struct elfk_sb_tls *tls, struct task_struct *keep,
		struct task_struct **put)
{
	u32 i, n = 0;

	for (i = 0; i < tls->nr; i++) {
		struct task_struct *t = tls->owner[i];

		if (t && t != keep && (READ_ONCE(t->flags) & PF_EXITING)) {
			put[n++] = t;
			tls->owner[i] = NULL;
		}
	}
	return n;
}

/**
 * elfk_sb_tls_enter() - point the CALL slot's TLS word at current's block
 * @tls: the area, or NULL (nothing to do)
 * @base: the window's address
 * @slot_off: the CALL slot's window offset
 * @name: the object's name, for the log
 *
 * A task without a block gets a free one, made from the template; the
 * blocks of exited tasks are taken back first.
 *
 * Return: 0 or -ENOSPC (every block is owned by a live task).
 */
int elfk_sb_tls_enter(struct elfk_sb_tls *tls, unsigned long base,
		      u64 slot_off, const char *name)
{
	struct task_struct *put[ELFK_SB_TLS_MAX_BLOCKS];
	unsigned long flags;
	u32 i, n, slot = U32_MAX;
	bool fresh = false;
	u8 *block;

	if (!tls)
		return 0;
	spin_lock_irqsave(&tls->lock, flags);
	for (i = 0; i < tls->nr; i++)
		if (tls->owner[i] == current) {
			slot = i;
			break;
		}
	n = 0;
	if (slot == U32_MAX) {
		n = reap(tls, current, put);
		for (i = 0; i < tls->nr; i++)
			if (!tls->owner[i]) {
				get_task_struct(current);
				tls->owner[i] = current;
				slot = i;
				fresh = true;
				break;
			}
	}
	spin_unlock_irqrestore(&tls->lock, flags);
	for (i = 0; i < n; i++)
		put_task_struct(put[i]);
	if (slot == U32_MAX) {
		pr_notice_ratelimited("%s: verified TLS area full (%u blocks of %llu bytes, each owned by a live task): entry refused with ENOSPC (rule T12)\n",
				      name, tls->nr, (unsigned long long)tls->bsize);
		return -ENOSPC;
	}
	block = (u8 *)base + tls->area_off + slot * tls->bsize;
	if (fresh) {
		/* Only this task enters with this block: no one else writes it. */
		if (tls->filesz)
			memcpy(block, tls->tmpl, tls->filesz);
		memset(block + tls->filesz, 0, tls->bsize - tls->filesz);
	}
	*(u64 *)(base + slot_off + ELFK_SB_TLS_WORD) = (unsigned long)block;
	return 0;
}

/**
 * elfk_sb_tls_free() - free the TLS bookkeeping of an object
 * @tls: the area, or NULL; no CALL is inside the object
 *
 * The blocks themselves are window pages, freed with the window.
 */
void elfk_sb_tls_free(struct elfk_sb_tls *tls)
{
	u32 i;

	if (!tls)
		return;
	for (i = 0; i < tls->nr; i++)
		if (tls->owner[i])
			put_task_struct(tls->owner[i]);
	kvfree(tls->tmpl);
	kfree(tls);
}
