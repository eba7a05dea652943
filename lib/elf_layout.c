// SPDX-License-Identifier: GPL-2.0
/*
 * Layout: placing the segments into memory and computing their final page
 * permissions.
 *
 * All PT_LOAD segments go into one region with their link-time distances
 * kept, so PC-relative references between them need no relocation.  The
 * caller allocates elf->vsize zeroed bytes aligned to elf->align; the tail
 * of each segment past p_filesz (.bss) is therefore already zero.
 */
#include "core.h"

/* ET_DYN's tables are read where the object is (format_ops.rebase). */
void elfk_dyn_point_tables(struct elfk_elf *elf)
{
	u64 tab;

	/* From here on tables are read from placed, soon read-only, memory. */
	elf->symtab = elfk_elf_ptr(elf, elf->dyn.symtab);
	elf->strtab = elfk_elf_ptr(elf, elf->dyn.strtab);
	elf->soname = ELFK_HAS(&elf->dyn, SONAME) ?
		      elf->strtab + elf->dyn.soname : NULL;
	elf->versym = ELFK_HAS(&elf->dyn, VERSYM) ?
		      elfk_elf_ptr(elf, elf->dyn.versym) : NULL;
	if (elf->has_sysv) {
		tab = elf->dyn.hash + 8;
		elf->sysv.buckets = elfk_elf_ptr(elf, tab);
		elf->sysv.chains = elf->sysv.buckets + elf->sysv.nbucket;
	}
	if (elf->has_gnu) {
		tab = elf->dyn.gnu_hash + 16;
		elf->gnu.bloom = elfk_elf_ptr(elf, tab);
		elf->gnu.buckets = (const u32 *)(elf->gnu.bloom +
						 elf->gnu.bloom_size);
		elf->gnu.chain = elf->gnu.buckets + elf->gnu.nbuckets;
	}
}

/* Copy the file bytes of @seg in [@from, @to) (vaddrs) to placed memory. */
static void copy_file_range(struct elfk_elf *elf,
			    const struct elfk_segment *seg, u64 from, u64 to)
{
	if (from < to)
		memcpy(elfk_elf_ptr(elf, from),
		       elf->image + seg->offset + (from - seg->vaddr),
		       to - from);
}

void elfk_dyn_place(struct elfk_elf *elf, void *base)
{
	u32 i;

	elf->base = base;
	for (i = 0; i < elf->nr_segs; i++) {
		const struct elfk_segment *seg = &elf->segs[i];
		u64 end = seg->vaddr + seg->filesz;

		if (seg->in_place_start == seg->in_place_end) {
			copy_file_range(elf, seg, seg->vaddr, end);
			continue;
		}
		/* alloc() gave the object these pages of the file itself. */
		copy_file_range(elf, seg, seg->vaddr, seg->in_place_start);
		copy_file_range(elf, seg, seg->in_place_end, end);
	}
	elfk_dyn_point_tables(elf);
	elf->image = NULL;
}

/**
 * elfk_elf_file_pages() - the pages of a segment that hold only file bytes
 * @elf: a parsed object
 * @i: the segment's index in @elf->segs
 * @start: set to the first such page's vaddr
 * @end: set to the end of the last one
 *
 * Each page of [@start, @end) is covered by the segment's file bytes from
 * its first byte to its last, so no other segment and no .bss shares it
 * (elfk_elf_parse() refuses segments sharing a page).  Placing copies over
 * all of it, so the caller's alloc() need not zero it.  When the file
 * offset of @start is a multiple of PAGE_SIZE too, those bytes are whole
 * pages of the file: a caller holding the image in pages (the kernel) or
 * able to map the file (userspace) may give the object those pages and
 * mark them in the segment's @in_place_start/_end, and placing skips them.
 * ET_REL objects are laid out section by section: none.
 *
 * Return: true when the range is not empty.
 */
bool elfk_elf_file_pages(const struct elfk_elf *elf, u32 i, u64 *start,
			 u64 *end)
{
	const struct elfk_segment *seg = &elf->segs[i];

	*start = 0;
	*end = 0;
	if (!elfk_elf_fmt(elf)->file_segments || i >= elf->nr_segs)
		return false;
	/* Parsing checked that vaddr + memsz + PAGE_SIZE does not overflow. */
	*start = ALIGN(seg->vaddr, PAGE_SIZE);
	*end = ALIGN_DOWN(seg->vaddr + seg->filesz, PAGE_SIZE);
	if (*start < *end)
		return true;
	*start = 0;
	*end = 0;
	return false;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_elf_file_pages);

/*
 * Once loaded, an object placed through a writable alias (@elf->run set)
 * is read where it runs: the alias is about to go away.  The format points
 * what it reads in placed memory there (an ET_REL object's tables are
 * copies, lib/ld/, so it has nothing to do).
 */
void elfk_elf_rebase_to_run(struct elfk_elf *elf)
{
	const struct elfk_format_ops *fmt = elfk_elf_fmt(elf);

	if (!elf->run)
		return;
	elf->base = elf->run;
	if (fmt->rebase)
		fmt->rebase(elf);
}
EXPORT_SYMBOL_IF_KUNIT(elfk_elf_rebase_to_run);

static int check_array_entries(const struct elfk_elf *elf, const char *name,
			       u64 addr, u64 size, struct elfk_log *log)
{
	u64 i, runtime = elfk_elf_bias(elf);
	const u64 *fn;

	/* An empty array's address was never checked: form no pointer. */
	if (size < 8)
		return 0;
	fn = elfk_elf_ptr(elf, addr);
	for (i = 0; i < size / 8; i++) {
		/* ld.so skips 0 and -1, which some toolchains use as padding. */
		if (fn[i] == 0 || fn[i] == (u64)-1)
			continue;
		/* Only a value inside the object is image-relative: print no other. */
		if (fn[i] - runtime - elf->vbase >= elf->vsize)
			return elfk_reject(log, -ENOEXEC,
					   "%s[%llu] points outside the object (a missing or wrong relocation?)",
					   name, (unsigned long long)i);
		if (!elfk_elf_is_text(elf, fn[i] - runtime))
			return elfk_reject(log, -ENOEXEC,
					   "%s[%llu] points to 0x%llx, outside the executable segments",
					   name, (unsigned long long)i,
					   (unsigned long long)(fn[i] - runtime));
	}
	return 0;
}

/*
 * After relocation the init and fini arrays hold run-time addresses; every
 * one must land in text before any of them is called.
 */
int elfk_elf_check_entries(const struct elfk_elf *elf, struct elfk_log *log)
{
	const struct elfk_dynamic *dyn = &elf->dyn;
	int err = 0;

	if (ELFK_HAS(dyn, INIT_ARRAY))
		err = check_array_entries(elf, "DT_INIT_ARRAY", dyn->init_array,
					  dyn->init_arraysz, log);
	if (!err && ELFK_HAS(dyn, FINI_ARRAY))
		err = check_array_entries(elf, "DT_FINI_ARRAY", dyn->fini_array,
					  dyn->fini_arraysz, log);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_elf_check_entries);

/* Bytes from @vaddr to the end of the segment holding it. */
static u64 bytes_left(const struct elfk_elf *elf, u64 vaddr)
{
	const struct elfk_segment *seg = elfk_elf_segment_of(elf, vaddr, 1);

	return seg ? seg->vaddr + seg->memsz - vaddr : 0;
}

static int check_target(const struct elfk_elf *elf,
			const struct elfk_arch_ops *arch, const char *what,
			u64 vaddr, struct elfk_log *log)
{
	if (arch->branch_target(elfk_elf_ptr(elf, vaddr), bytes_left(elf, vaddr)))
		return 0;
	return elfk_reject(log, -EOPNOTSUPP,
			   "%s at 0x%llx does not start with %s, which this kernel's indirect branch tracking requires%s%s%s",
			   what, (unsigned long long)vaddr,
			   arch->branch_target_name,
			   arch->branch_target_cflags ? " (build with " : "",
			   arch->branch_target_cflags ?: "",
			   arch->branch_target_cflags ? ")" : "");
}

static int check_array_targets(const struct elfk_elf *elf,
			       const struct elfk_arch_ops *arch,
			       const char *name, u64 addr, u64 size,
			       struct elfk_log *log)
{
	u64 i, runtime = elfk_elf_bias(elf);
	const u64 *fn;
	int err;

	if (size < 8)
		return 0;
	fn = elfk_elf_ptr(elf, addr);
	for (i = 0; i < size / 8; i++) {
		if (fn[i] == 0 || fn[i] == (u64)-1)
			continue;
		err = check_target(elf, arch, name, fn[i] - runtime, log);
		if (err)
			return err;
	}
	return 0;
}

/*
 * Everything the kernel calls indirectly must be a valid branch target:
 * DT_INIT, DT_FINI, the init and fini arrays, every exported function
 * (CALL targets, elfk_init, elfk_exit) and every IFUNC resolver a
 * dependent's load may call (resolve_cb()).  Run after
 * elfk_elf_check_entries().
 */
int elfk_elf_check_branch_targets(const struct elfk_elf *elf,
				  const struct elfk_arch_ops *arch,
				  struct elfk_log *log)
{
	const struct elfk_dynamic *dyn = &elf->dyn;
	char what[96];
	int err = 0;
	u32 i;

	if (ELFK_HAS(dyn, INIT))
		err = check_target(elf, arch, "DT_INIT", dyn->init, log);
	if (!err && ELFK_HAS(dyn, FINI))
		err = check_target(elf, arch, "DT_FINI", dyn->fini, log);
	if (!err && ELFK_HAS(dyn, INIT_ARRAY))
		err = check_array_targets(elf, arch, "DT_INIT_ARRAY entry",
					  dyn->init_array, dyn->init_arraysz, log);
	if (!err && ELFK_HAS(dyn, FINI_ARRAY))
		err = check_array_targets(elf, arch, "DT_FINI_ARRAY entry",
					  dyn->fini_array, dyn->fini_arraysz, log);
	for (i = 1; !err && i < elf->nr_syms; i++) {
		const Elf64_Sym *s = &elf->symtab[i];
		u8 bind = ELF64_ST_BIND(s->st_info);
		u8 type = ELF64_ST_TYPE(s->st_info);

		if ((type != STT_FUNC && type != STT_GNU_IFUNC) ||
		    s->st_shndx == SHN_UNDEF || s->st_shndx == SHN_ABS ||
		    (bind != STB_GLOBAL && bind != STB_WEAK) ||
		    ELF64_ST_VISIBILITY(s->st_other) == STV_HIDDEN ||
		    !elfk_elf_is_text(elf, s->st_value))
			continue;
		snprintf(what, sizeof(what), "%s '%s'",
			 type == STT_FUNC ? "function" : "IFUNC resolver",
			 elfk_elf_sym_name(elf, s));
		err = check_target(elf, arch, what, s->st_value, log);
	}
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_elf_check_branch_targets);

static int emit(elfk_prot_fn fn, void *ctx, u64 start, u64 end, u32 prot)
{
	if (end <= start)
		return 0;
	return fn(ctx, start, end - start, prot);
}

/*
 * Call @fn for consecutive ranges covering the whole region, offsets
 * relative to elf->base, with their final permission: each segment's own,
 * PT_GNU_RELRO read-only, and gaps between segments read-only.
 */
static int walk_prot(const struct elfk_elf *elf, elfk_prot_fn fn, void *ctx,
		     bool relro_writable)
{
	u64 pos = 0, start, end, rs, re;
	u32 i;
	int err;

	rs = elf->relro_end ? elf->relro_start - elf->vbase : 0;
	re = elf->relro_end && !relro_writable ? elf->relro_end - elf->vbase : 0;
	for (i = 0; i < elf->nr_segs; i++) {
		const struct elfk_segment *seg = &elf->segs[i];

		start = ALIGN_DOWN(seg->vaddr, PAGE_SIZE) - elf->vbase;
		end = ALIGN(seg->vaddr + seg->memsz, PAGE_SIZE) - elf->vbase;
		err = emit(fn, ctx, pos, start, ELFK_PROT_R);
		if (err)
			return err;
		if (re && rs < end && re > start) {
			err = emit(fn, ctx, start, max(start, rs), seg->prot) ?:
			      emit(fn, ctx, max(start, rs), min(end, re), ELFK_PROT_R) ?:
			      emit(fn, ctx, min(end, re), end, seg->prot);
		} else {
			err = emit(fn, ctx, start, end, seg->prot);
		}
		if (err)
			return err;
		pos = end;
	}
	return emit(fn, ctx, pos, elf->vsize, ELFK_PROT_R);
}

int elfk_elf_walk_prot(const struct elfk_elf *elf, elfk_prot_fn fn, void *ctx)
{
	return walk_prot(elf, fn, ctx, false);
}

/*
 * The same, but PT_GNU_RELRO keeps its segment's (writable) permission:
 * the state in which IFUNC resolvers run and their results are written.
 */
int elfk_elf_walk_prot_relro_rw(const struct elfk_elf *elf, elfk_prot_fn fn,
				void *ctx)
{
	return walk_prot(elf, fn, ctx, true);
}
EXPORT_SYMBOL_IF_KUNIT(elfk_elf_walk_prot_relro_rw);
