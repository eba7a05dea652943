// SPDX-License-Identifier: GPL-2.0
/*
 * The load driver: the one place the order of a load is written down, as
 * load_module() is for kernel modules.  elfk.ko, KUnit, the host tests, the
 * fuzzers, the bench and the mutation tool all call elfk_image_load() with
 * their own environment, so every one of them runs the kernel's sequence.
 */
#include "core.h"

/* Give the whole object its final (or RELRO-writable) page permissions. */
static int protect(struct elfk_elf *elf, const struct elfk_load_env *env,
		   bool relro_writable)
{
	int err;

	if (!env->protect)
		return 0;
	if (relro_writable)
		err = elfk_elf_walk_prot_relro_rw(elf, env->protect, env->ctx);
	else
		err = elfk_elf_walk_prot(elf, env->protect, env->ctx);
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

/*
 * What alloc() filled in place must be whole pages of the segment's file
 * bytes at page-aligned file offsets: anything else would leave bytes
 * placing must write unwritten.
 */
static int check_in_place(const struct elfk_elf *elf, struct elfk_log *log)
{
	u64 start, end;
	u32 i;

	for (i = 0; i < elf->nr_segs; i++) {
		const struct elfk_segment *seg = &elf->segs[i];
		u64 off = seg->offset + (seg->in_place_start - seg->vaddr);

		if (seg->in_place_start == seg->in_place_end)
			continue;
		if (!elfk_elf_file_pages(elf, i, &start, &end) ||
		    seg->in_place_start < start || seg->in_place_end > end ||
		    seg->in_place_start > seg->in_place_end ||
		    !IS_ALIGNED(seg->in_place_start, PAGE_SIZE) ||
		    !IS_ALIGNED(seg->in_place_end, PAGE_SIZE) ||
		    !IS_ALIGNED(off, PAGE_SIZE))
			return elfk_reject(log, -EINVAL,
					   "PT_LOAD %u: the memory given for it claims pages that are not whole pages of its file bytes",
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
