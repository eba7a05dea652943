// SPDX-License-Identifier: GPL-2.0
/*
 * ET_REL: the layout (three runs as synthetic PT_LOADs, the TLS block,
 * the init and fini arrays, GOT and PLT) and placing it.
 */
#include "ld.h"

/* ---- layout ---------------------------------------------------------------- */

struct layout {
	u64 pos;
	u64 align;	/* largest alignment seen, at least PAGE_SIZE */
};

static u64 place_at(struct layout *l, u64 size, u64 align)
{
	u64 at;

	if (align < 1)
		align = 1;
	at = ALIGN(l->pos, align);
	l->pos = at + size;
	if (align > l->align)
		l->align = align;
	return at;
}

/* Sections of @group in ld's order: by priority, then section order. */
static void place_group(struct elfk_rel *rel, struct layout *l, u8 group,
			u64 *start, u64 *size)
{
	u32 i, best, last_prio = 0, last_idx = 0;
	bool first = true;

	*start = ALIGN(l->pos, 8);
	for (;;) {
		best = 0;
		for (i = 1; i < rel->shnum; i++) {
			const struct elfk_rel_sec *s = &rel->secs[i];

			if (s->group != group)
				continue;
			if (!first && (s->prio < last_prio ||
				       (s->prio == last_prio && i <= last_idx)))
				continue;
			if (!best || s->prio < rel->secs[best].prio)
				best = i;
		}
		if (!best)
			break;
		rel->secs[best].addr = place_at(l, rel->shdrs[best].sh_size, 8);
		last_prio = rel->secs[best].prio;
		last_idx = best;
		first = false;
	}
	*size = l->pos > *start ? l->pos - *start : 0;
}

static void add_seg(struct elfk_elf *elf, u64 start, u64 end, u32 prot, u32 run)
{
	struct elfk_segment *seg;

	if (end <= start)
		return;
	seg = &elf->segs[elf->nr_segs++];
	seg->vaddr = start;
	seg->memsz = end - start;
	seg->prot = prot;
	seg->phdr_index = run;
}

static void place_run(struct elfk_rel *rel, struct layout *l, u8 run, bool bss)
{
	u32 i;

	for (i = 1; i < rel->shnum; i++) {
		const Elf64_Shdr *sh = &rel->shdrs[i];
		bool nobits = sh->sh_type == SHT_NOBITS;

		if (rel->secs[i].run != run || rel->secs[i].group ||
		    rel->secs[i].tls || nobits != bss)
			continue;
		rel->secs[i].addr = place_at(l, sh->sh_size, sh->sh_addralign);
	}
}

/*
 * The TLS block, as ld builds PT_TLS: .tdata sections, then .tbss ones,
 * each at its alignment, offsets relative to a block aligned to the
 * largest.  The .tdata part is placed in the region as the template.
 */
static int place_tls(struct elfk_elf *elf, struct elfk_rel *rel,
		     struct layout *l, struct elfk_log *log)
{
	u64 align = 0, start, off;
	u32 i;

	for (i = 1; i < rel->shnum; i++)
		if (rel->secs[i].tls && rel->shdrs[i].sh_addralign >= align)
			align = rel->shdrs[i].sh_addralign ?: 1;
	if (!align)
		return 0;
	start = ALIGN(l->pos, align);
	l->pos = start;
	for (i = 1; i < rel->shnum; i++) {
		if (!rel->secs[i].tls || !rel->secs[i].run)
			continue;
		rel->secs[i].addr = place_at(l, rel->shdrs[i].sh_size,
					     rel->shdrs[i].sh_addralign);
		rel->secs[i].tls_off = rel->secs[i].addr - start;
	}
	elf->tls.filesz = l->pos - start;
	/* Each size is below the image's, so the sum cannot wrap first. */
	for (i = 1, off = elf->tls.filesz; i < rel->shnum && off <= ELFK_MAX_TLS_SIZE; i++) {
		if (!rel->secs[i].tls || rel->secs[i].run)
			continue;
		off = ALIGN(off, rel->shdrs[i].sh_addralign ?: 1);
		rel->secs[i].tls_off = off;
		off += rel->shdrs[i].sh_size;
	}
	if (off > ELFK_MAX_TLS_SIZE)
		return elfk_reject(log, -E2BIG,
				   "thread-local sections need at least 0x%llx bytes per task, above the TLS block cap of 0x%x",
				   (unsigned long long)off, ELFK_MAX_TLS_SIZE);
	elf->has_tls = true;
	elf->tls.vaddr = start;
	elf->tls.memsz = off;
	elf->tls.align = align;
	return 0;
}

static u64 run_start(struct layout *l)
{
	l->pos = ALIGN(l->pos, PAGE_SIZE);
	return l->pos;
}

int ld_layout(struct elfk_elf *elf, struct elfk_rel *rel,
	      const struct elfk_limits *lim, struct elfk_log *log)
{
	const struct elfk_rel_ops *ops = elf->arch->rel_ops;
	struct layout l = { .pos = 0, .align = PAGE_SIZE };
	u64 start;
	u32 i;
	int err;

	/*
	 * Offsets only grow, each section at most U32_MAX bytes past the
	 * last (the image is smaller), so nothing overflows before the cap.
	 */
	start = run_start(&l);
	place_run(rel, &l, RUN_TEXT, false);
	if (rel->nr_plt)
		rel->plt_off = place_at(&l, (u64)rel->nr_plt * ops->plt_size, 16);
	add_seg(elf, start, l.pos, ELFK_PROT_R | ELFK_PROT_X, RUN_TEXT);

	start = run_start(&l);
	place_group(rel, &l, GROUP_INIT, &elf->dyn.init_array,
		    &elf->dyn.init_arraysz);
	place_group(rel, &l, GROUP_FINI, &elf->dyn.fini_array,
		    &elf->dyn.fini_arraysz);
	place_run(rel, &l, RUN_RODATA, false);
	place_run(rel, &l, RUN_RODATA, true);
	err = place_tls(elf, rel, &l, log);
	if (err)
		return err;
	if (rel->has_got && !rel->nr_ifunc)
		rel->got_off = place_at(&l, (u64)rel->nr_got * 8, 8);
	add_seg(elf, start, l.pos, ELFK_PROT_R, RUN_RODATA);

	if (rel->nr_ifunc) {
		start = run_start(&l);
		rel->got_off = place_at(&l, (u64)rel->nr_got * 8, 8);
		add_seg(elf, start, l.pos, ELFK_PROT_R | ELFK_PROT_W, RUN_DATA);
		elf->relro_start = start;
		elf->relro_end = ALIGN(l.pos, PAGE_SIZE);
	}

	start = run_start(&l);
	place_run(rel, &l, RUN_DATA, false);
	place_run(rel, &l, RUN_DATA, true);
	for (i = 1; i < rel->nsyms; i++) {
		Elf64_Sym *s = &rel->syms[i];

		if (s->st_shndx != SHN_COMMON)
			continue;
		if (s->st_size > lim->max_mem || l.pos > lim->max_mem)
			return elfk_reject(log, -E2BIG,
					   "SHN_COMMON symbol %u '%s' (0x%llx bytes) does not fit the max_object_size cap of 0x%llx",
					   i, rel->strtab + s->st_name,
					   (unsigned long long)s->st_size,
					   (unsigned long long)lim->max_mem);
		s->st_value = place_at(&l, s->st_size, s->st_value);
	}
	add_seg(elf, start, l.pos, ELFK_PROT_R | ELFK_PROT_W, RUN_DATA);

	if (elf->dyn.init_arraysz)
		elf->dyn.present |= 1ULL << ELFK_DYN_INIT_ARRAY |
				    1ULL << ELFK_DYN_INIT_ARRAYSZ;
	if (elf->dyn.fini_arraysz)
		elf->dyn.present |= 1ULL << ELFK_DYN_FINI_ARRAY |
				    1ULL << ELFK_DYN_FINI_ARRAYSZ;
	elf->align = l.align;
	elf->vbase = 0;
	elf->vsize = ALIGN(l.pos, PAGE_SIZE);
	if (elf->vsize > min_t(u64, lim->max_mem, ELFK_REL_MAX_SPAN) ||
	    !elf->nr_segs)
		return elfk_reject(log, elf->nr_segs ? -E2BIG : -ENOEXEC,
				   "sections span 0x%llx bytes (%u runs), not within the max_object_size cap of 0x%llx",
				   (unsigned long long)elf->vsize, elf->nr_segs,
				   (unsigned long long)lim->max_mem);
	return 0;
}

/*
 * st_value becomes an offset in the region (COMMON ones were placed), or
 * for a thread-local symbol its offset in the TLS block.
 */
void ld_rebase_symbols(struct elfk_rel *rel)
{
	u32 i;

	for (i = 1; i < rel->nsyms; i++) {
		Elf64_Sym *s = &rel->syms[i];

		if (!defined_here(s) || s->st_shndx == SHN_COMMON)
			continue;
		if (rel->secs[s->st_shndx].tls)
			s->st_value += rel->secs[s->st_shndx].tls_off;
		else if (rel->secs[s->st_shndx].run)
			s->st_value += rel->secs[s->st_shndx].addr;
	}
}

/* ---- placing ------------------------------------------------------------------- */

void elfk_rel_place(struct elfk_elf *elf, void *base)
{
	const struct elfk_rel_ops *ops = elf->arch->rel_ops;
	struct elfk_rel *rel = elf->rel;
	u64 k, stub, slot;
	u32 i;

	elf->base = base;
	for (i = 1; i < rel->shnum; i++) {
		const Elf64_Shdr *sh = &rel->shdrs[i];
		const u8 *src;
		u8 *dst;

		/* A NOBITS sh_offset is unchecked: form no pointer from it. */
		if (!rel->secs[i].run || sh->sh_type == SHT_NOBITS)
			continue;
		src = rel->image + sh->sh_offset;
		dst = elf->base + rel->secs[i].addr;
		if (!rel->secs[i].reversed) {
			memcpy(dst, src, sh->sh_size);
			continue;
		}
		for (k = 0; k < sh->sh_size; k += 8)
			memcpy(dst + sh->sh_size - 8 - k, src + k, 8);
	}
	/* The stubs only read their slots: they are complete now. */
	for (i = 1; i < rel->nsyms; i++) {
		if (!rel->plt_of[i])
			continue;
		stub = rel->plt_off + (u64)(rel->plt_of[i] - 1) * ops->plt_size;
		slot = rel->got_off + (u64)(rel->got_of[i] - 1) * 8;
		if (is_ifunc(&rel->syms[i]))
			slot += 8;
		ops->write_plt(elf->base + stub, elfk_elf_bias(elf) + elf->vbase + stub,
			       elfk_elf_bias(elf) + elf->vbase + slot);
	}
	elf->image = NULL;
}
