// SPDX-License-Identifier: GPL-2.0
/*
 * The load driver: the one place the order of a load is written down, as
 * load_module() is for kernel modules.  elfk.ko, KUnit, the host tests, the
 * fuzzers, the bench and the mutation tool all call elfk_image_load() with
 * their own environment, so every one of them runs the kernel's sequence.
 */
#include "core.h"

/* What protect_rest() passes on to. */
struct prot_rest {
	const struct elfk_elf *elf;
	const struct elfk_load_env *env;
};

/*
 * @env->protect for [@off, @off + @len), less the pages alloc() already gave
 * their final permission (@in_place_final): alloc() mapped them as ld.so
 * maps a read-only segment, and no step wrote them since.  Only a range
 * asking for exactly that segment's permission is skipped.
 */
static int protect_rest(void *ctx, u64 off, u64 len, u32 prot)
{
	const struct prot_rest *pr = ctx;
	const struct elfk_elf *elf = pr->elf;
	u64 end = off + len, s, e;
	u32 i;
	int err;

	/* Segments are sorted and apart (elfk_elf_parse()), and so their pages. */
	for (i = 0; i < elf->nr_segs && off < end; i++) {
		const struct elfk_segment *seg = &elf->segs[i];

		if (!seg->in_place_final || seg->prot != prot)
			continue;
		s = seg->in_place_start - elf->vbase;
		e = seg->in_place_end - elf->vbase;
		if (e <= off || s >= end)
			continue;
		if (s > off) {
			err = pr->env->protect(pr->env->ctx, off, s - off, prot);
			if (err)
				return err;
		}
		off = min(e, end);
	}
	return off < end ? pr->env->protect(pr->env->ctx, off, end - off, prot) : 0;
}

/* Give the whole object its final (or RELRO-writable) page permissions. */
static int protect(struct elfk_elf *elf, const struct elfk_load_env *env,
		   bool relro_writable)
{
	struct prot_rest pr = { elf, env };
	elfk_prot_fn fn = env->protect;
	void *ctx = env->ctx;
	int err;
	u32 i;

	if (!env->protect)
		return 0;
	for (i = 0; i < elf->nr_segs; i++) {
		if (elf->segs[i].in_place_final) {
			fn = protect_rest;
			ctx = &pr;
			break;
		}
	}
	if (relro_writable)
		err = elfk_elf_walk_prot_relro_rw(elf, fn, ctx);
	else
		err = elfk_elf_walk_prot(elf, fn, ctx);
	if (env->flush)
		env->flush(env->ctx);
	if (err)
		return elfk_reject(env->log, err,
				   "could not set page permissions (%d)", err);
	return 0;
}

/*
 * Hand the object to the caller after step @done.  Return 0 to go on,
 * ELFK_LOAD_STOP to end the load here (successfully), or an errno.
 */
static int after(struct elfk_elf *elf, const struct elfk_load_env *env,
		 enum elfk_load_step done)
{
	int ret = env->observe ? env->observe(env->ctx, done, elf) : 0;

	if (ret)
		return ret;
	return env->stop_after == done ? ELFK_LOAD_STOP : 0;
}

/* Whether the @len bytes at @p are all zero: up to two pages per segment. */
static bool all_zero(const u8 *p, u64 len)
{
	u64 w[8], acc;
	u32 i;

	for (; len >= sizeof(w); p += sizeof(w), len -= sizeof(w)) {
		memcpy(w, p, sizeof(w));
		for (acc = 0, i = 0; i < ARRAY_SIZE(w); i++)
			acc |= w[i];
		if (acc)
			return false;
	}
	for (; len; p++, len--)
		if (*p)
			return false;
	return true;
}

/**
 * elfk_elf_file_span() - the pages of a segment that may be its file's own
 * @elf: a parsed object, not yet placed (this reads the image)
 * @i: the segment's index in @elf->segs
 * @start: set to the first such page's vaddr
 * @end: set to the end of the last one
 *
 * elfk_elf_file_pages(), and with them the segment's partial first and
 * last pages when the file page holding each can be given whole too: at a
 * page-aligned file offset, inside the image, and zero wherever it is not
 * the segment's file bytes (the padding a linker leaves between segments,
 * the start of .bss).  The object then sees in those pages exactly what
 * placing would have written into zeroed memory.  This is ld.so's mapping
 * of whole file pages, less the pages whose other bytes would show.
 *
 * Return: true when the range is not empty.
 */
bool elfk_elf_file_span(const struct elfk_elf *elf, u32 i, u64 *start,
			u64 *end)
{
	bool whole = elfk_elf_file_pages(elf, i, start, end);
	const struct elfk_segment *seg;
	u64 s, e, head, tail, off, st, en;

	if (i >= elf->nr_segs || !elf->image ||
	    !elfk_elf_fmt(elf)->file_segments || !elf->segs[i].filesz)
		return whole;
	seg = &elf->segs[i];
	/* Parsing checked that vaddr + memsz + PAGE_SIZE does not overflow. */
	s = ALIGN_DOWN(seg->vaddr, PAGE_SIZE);
	e = ALIGN(seg->vaddr + seg->filesz, PAGE_SIZE);
	head = seg->vaddr - s;
	tail = e - (seg->vaddr + seg->filesz);
	if (seg->offset < head)
		return whole;
	off = seg->offset - head;
	if (!IS_ALIGNED(off, PAGE_SIZE) || !elfk_elf_in_image(elf, off, e - s))
		return whole;
	st = head && !all_zero(elf->image + off, head) ? s + PAGE_SIZE : s;
	en = tail && !all_zero(elf->image + seg->offset + seg->filesz, tail) ?
	     e - PAGE_SIZE : e;
	if (st >= en)
		return whole;
	*start = st;
	*end = en;
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_elf_file_span);

/* Whether @seg's claim lies inside [@start, @end), and at whole pages. */
static bool claim_inside(const struct elfk_segment *seg, u64 start, u64 end)
{
	return seg->in_place_start >= start && seg->in_place_end <= end;
}

/*
 * What alloc() filled in place must be whole pages of the segment's file
 * bytes at page-aligned file offsets, or the partial pages
 * elfk_elf_file_span() allows: anything else would leave bytes placing
 * must write unwritten, or show bytes that are not the object's.  Pages
 * that alloc() says already have their final permission must belong to a
 * segment no later step writes.
 */
static int check_in_place(const struct elfk_elf *elf, struct elfk_log *log)
{
	u64 start, end;
	bool inside;
	u32 i;

	for (i = 0; i < elf->nr_segs; i++) {
		const struct elfk_segment *seg = &elf->segs[i];
		u64 off = seg->offset + (seg->in_place_start - seg->vaddr);

		if (seg->in_place_start == seg->in_place_end) {
			if (seg->in_place_final)
				return elfk_reject(log, -EINVAL,
						   "PT_LOAD %u: the memory given for it claims its final permission for no pages",
						   seg->phdr_index);
			continue;
		}
		/* The kernel's claims are whole pages: no byte of padding read. */
		inside = elfk_elf_file_pages(elf, i, &start, &end) &&
			 claim_inside(seg, start, end);
		if (!inside)
			inside = elfk_elf_file_span(elf, i, &start, &end) &&
				 claim_inside(seg, start, end);
		if (!inside || seg->in_place_start > seg->in_place_end ||
		    !IS_ALIGNED(seg->in_place_start, PAGE_SIZE) ||
		    !IS_ALIGNED(seg->in_place_end, PAGE_SIZE) ||
		    !IS_ALIGNED(off, PAGE_SIZE))
			return elfk_reject(log, -EINVAL,
					   "PT_LOAD %u: the memory given for it claims pages that are not whole pages of its file bytes",
					   seg->phdr_index);
		if (seg->in_place_final && (seg->prot & ELFK_PROT_W))
			return elfk_reject(log, -EINVAL,
					   "PT_LOAD %u: the memory given for it claims its final permission, but the segment is writable: relocations write it after",
					   seg->phdr_index);
	}
	return 0;
}

static int run(struct elfk_elf *elf, const void *image, u64 size,
	       const struct elfk_load_env *env)
{
	const struct elfk_arch_ops *arch = env->arch;
	struct elfk_log *log = env->log;
	void *base = NULL;
	int err;

	err = elfk_elf_parse(elf, arch, image, size,
			     env->limits ?: &elfk_default_limits, log) ?:
	      after(elf, env, ELFK_LOAD_PARSED);
	if (err)
		return err;

	/* The caller's memory: elf->vsize bytes, zeroed, elf->align aligned. */
	err = env->alloc(env->ctx, elf, &base, log) ?:
	      check_in_place(elf, log);
	if (err)
		return err;
	elfk_elf_place(elf, base);
	err = after(elf, env, ELFK_LOAD_PLACED);
	if (err)
		return err;

	/* Dependencies and the TLS module id, before anything is bound. */
	elf->tls_modid = elf->has_tls ? env->tls_modid : 0;
	err = (env->bind ? env->bind(env->ctx, elf, log) : 0) ?:
	      after(elf, env, ELFK_LOAD_BOUND);
	if (err)
		return err;

	err = elfk_reloc_apply(elf, arch, env->resolver, log) ?:
	      elfk_elf_check_entries(elf, log);
	if (!err && env->check_branch_targets)
		err = elfk_elf_check_branch_targets(elf, arch, log);
	err = err ?: after(elf, env, ELFK_LOAD_RELOCATED);
	if (err)
		return err;

	/*
	 * IFUNC resolvers need executable text while the data they relocate
	 * (often in RELRO) is still writable: that is a step between.
	 */
	if (elf->nr_ifunc_relocs) {
		err = protect(elf, env, true) ?:
		      elfk_reloc_apply_ifuncs(elf, arch, env->resolver,
					      env->check_ifunc_targets, log);
		if (err)
			return err;
	}
	return protect(elf, env, false) ?: after(elf, env, ELFK_LOAD_PROTECTED);
}

/**
 * elfk_image_load() - run every step of a load, in order
 * @elf: the object; the caller releases it with elfk_elf_release() and
 *       frees what @env->alloc gave, whatever this returns
 * @image: the ELF image; read until the object is placed
 * @size: its size in bytes
 * @env: what the caller provides: memory, permissions, symbols, the log
 *
 * parse -> alloc -> place -> bind -> relocate -> check entries and branch
 * targets -> protect (RELRO writable) -> IFUNC -> protect.  Each step's
 * refusal is in @env->log.
 *
 * Return: 0 once every step asked for has run, or a negative errno.
 */
int elfk_image_load(struct elfk_elf *elf, const void *image, u64 size,
		    const struct elfk_load_env *env)
{
	int err = run(elf, image, size, env);

	return err == ELFK_LOAD_STOP ? 0 : err;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_image_load);
