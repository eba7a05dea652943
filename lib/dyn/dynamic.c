// SPDX-License-Identifier: GPL-2.0
/*
 * Dynamic section decoding and validation of the tables it points to.
 *
 * The dynamic section is read from the image, never from loaded memory, and
 * every table it names is checked to lie in the file-backed part of a
 * PT_LOAD before anything is allocated.  Tables that stay in use after the
 * load (symbols, strings, hashes) must lie in a read-only segment, so
 * neither a relocation nor the object itself can change them once checked.
 */
#include "../core.h"

/* How decode_entry() handles a tag. */
enum dyn_how {
	DYN_VALUE,	/* at most once; its value goes to its field */
	DYN_REFUSED,	/* valid ELF naming something elfk refuses: @why */
	DYN_TLSDESC,	/* refused when the arch refuses TLS descriptors */
	DYN_REL,	/* the core relocates RELA only */
	DYN_EXEC_ONLY,	/* allowed only in executables */
};

struct dyn_tag {
	s64 tag;
	const char *name;
	enum dyn_how how;
	int bit;
	size_t offset;
	const char *why;
};

/* Every tag elfk looks at here; the others are read later or ignored. */
static const struct dyn_tag dyn_tags[] = {
#define ELFK_DYN_TAG(t, field)						\
	{ DT_##t, "DT_" #t, DYN_VALUE, ELFK_DYN_##t,			\
	  offsetof(struct elfk_dynamic, field), NULL },
#include "tags.h"
#undef ELFK_DYN_TAG
	{ DT_TEXTREL, "DT_TEXTREL", DYN_REFUSED, 0, 0,
	  "text relocations would need writable code" },
	{ 0x7ffffffd, "DT_AUXILIARY", DYN_REFUSED, 0, 0,
	  "filter objects are not supported" },
	{ 0x7fffffff, "DT_FILTER", DYN_REFUSED, 0, 0,
	  "filter objects are not supported" },
	{ DT_TLSDESC_PLT, "DT_TLSDESC_PLT", DYN_TLSDESC, 0, 0, NULL },
	{ DT_TLSDESC_GOT, "DT_TLSDESC_GOT", DYN_TLSDESC, 0, 0, NULL },
	{ DT_REL, "DT_REL", DYN_REL, 0, 0, NULL },
	{ DT_PREINIT_ARRAY, "DT_PREINIT_ARRAY", DYN_EXEC_ONLY, 0, 0, NULL },
	{ DT_PREINIT_ARRAYSZ, "DT_PREINIT_ARRAY", DYN_EXEC_ONLY, 0, 0, NULL },
};

static const Elf64_Dyn *dyn_entries(const struct elfk_elf *elf)
{
	return (const Elf64_Dyn *)(elf->image + elf->dyn_offset);
}

static int decode_value(struct elfk_dynamic *dyn, u32 i,
			const struct dyn_tag *t, u64 val, struct elfk_log *log)
{
	if ((dyn->present >> t->bit) & 1)
		return elfk_reject(log, -ENOEXEC,
				   "dynamic entry %u: duplicate %s", i, t->name);
	dyn->present |= 1ULL << t->bit;
	memcpy((u8 *)dyn + t->offset, &val, sizeof(val));
	return 0;
}

static int decode_entry(struct elfk_elf *elf, u32 i, const Elf64_Dyn *d,
			struct elfk_log *log)
{
	const struct dyn_tag *t = NULL;
	size_t k;

	for (k = 0; k < ARRAY_SIZE(dyn_tags) && !t; k++)
		if (d->d_tag == dyn_tags[k].tag)
			t = &dyn_tags[k];
	if (!t)
		return 0;
	switch (t->how) {
	case DYN_VALUE:
		return decode_value(&elf->dyn, i, t, d->d_un.d_val, log);
	case DYN_REFUSED:
		return elfk_reject(log, -EOPNOTSUPP, "dynamic entry %u: %s: %s",
				   i, t->name, t->why);
	case DYN_TLSDESC:
		/* TLS descriptors are the arch's to support or refuse. */
		if (!elf->arch->tlsdesc_refusal)
			return 0;
		return elfk_reject(log, -EOPNOTSUPP, "dynamic entry %u: %s: %s",
				   i, t->name, elf->arch->tlsdesc_refusal);
	case DYN_REL:
		/* The arch's name says whose rule it is. */
		return elfk_reject(log, -EOPNOTSUPP,
				   "dynamic entry %u: DT_REL: %s objects use DT_RELA",
				   i, elf->arch->name);
	case DYN_EXEC_ONLY:
		return elfk_reject(log, -ENOEXEC,
				   "dynamic entry %u: %s is only allowed in executables",
				   i, t->name);
	}
	return 0;
}

/*
 * Find the file bytes behind [vaddr, vaddr + len).  They must be backed by
 * the file (not the zero-filled tail) and, when @readonly, in a segment
 * that is never writable.  Tables are read from the image (8-byte aligned)
 * at their file offset, but their alignment is checked by vaddr: the two
 * agree only if the segment's p_offset and p_vaddr are congruent modulo 8,
 * which p_align enforces only when it is at least 8.
 */
const void *elfk_elf_image_range(const struct elfk_elf *elf, u64 vaddr,
				 u64 len, bool readonly, const char *what,
				 struct elfk_log *log, int *err)
{
	const struct elfk_segment *seg = elfk_elf_segment_of(elf, vaddr, len);

	if (!seg || vaddr - seg->vaddr > seg->filesz ||
	    len > seg->filesz - (vaddr - seg->vaddr)) {
		*err = elfk_reject(log, -ENOEXEC,
				   "%s [0x%llx, +0x%llx) is not inside the file part of a PT_LOAD",
				   what, (unsigned long long)vaddr,
				   (unsigned long long)len);
		return NULL;
	}
	if ((seg->offset - seg->vaddr) % 8) {
		*err = elfk_reject(log, -ENOEXEC,
				   "%s at 0x%llx: PT_LOAD %u's p_offset 0x%llx and p_vaddr 0x%llx are not congruent modulo 8, so its tables cannot be read aligned",
				   what, (unsigned long long)vaddr,
				   seg->phdr_index,
				   (unsigned long long)seg->offset,
				   (unsigned long long)seg->vaddr);
		return NULL;
	}
	if (readonly && (seg->prot & ELFK_PROT_W)) {
		*err = elfk_reject(log, -ENOEXEC,
				   "%s at 0x%llx is in writable PT_LOAD %u; it must be read-only",
				   what, (unsigned long long)vaddr,
				   seg->phdr_index);
		return NULL;
	}
	*err = 0;
	return elf->image + seg->offset + (vaddr - seg->vaddr);
}

static int require(const struct elfk_elf *elf, int bit, const char *name,
		   struct elfk_log *log)
{
	if (!((elf->dyn.present >> bit) & 1))
		return elfk_reject(log, -ENOEXEC, "missing %s", name);
	return 0;
}

static int check_strtab(struct elfk_elf *elf, struct elfk_log *log)
{
	const char *str;
	int err;

	err = require(elf, ELFK_DYN_STRTAB, "DT_STRTAB", log) ?:
	      require(elf, ELFK_DYN_STRSZ, "DT_STRSZ", log);
	if (err)
		return err;
	if (!elf->dyn.strsz)
		return elfk_reject(log, -ENOEXEC, "DT_STRSZ is 0");
	str = elfk_elf_image_range(elf, elf->dyn.strtab, elf->dyn.strsz, true,
				   "DT_STRTAB", log, &err);
	if (!str)
		return err;
	if (str[elf->dyn.strsz - 1] != '\0')
		return elfk_reject(log, -ENOEXEC,
				   "DT_STRTAB (%llu bytes) is not NUL-terminated",
				   (unsigned long long)elf->dyn.strsz);
	if (ELFK_HAS(&elf->dyn, SONAME) && elf->dyn.soname >= elf->dyn.strsz)
		return elfk_reject(log, -ENOEXEC,
				   "DT_SONAME 0x%llx is outside DT_STRTAB (%llu bytes)",
				   (unsigned long long)elf->dyn.soname,
				   (unsigned long long)elf->dyn.strsz);
	return 0;
}

static int check_rela_table(struct elfk_elf *elf, const char *name, u64 addr,
			    u64 size, struct elfk_log *log)
{
	int err;

	if (!size)
		return 0;
	if (size % sizeof(Elf64_Rela))
		return elfk_reject(log, -ENOEXEC,
				   "%s size 0x%llx is not a multiple of %zu",
				   name, (unsigned long long)size,
				   sizeof(Elf64_Rela));
	if (addr % 8)
		return elfk_reject(log, -ENOEXEC,
				   "%s 0x%llx is not 8-byte aligned", name,
				   (unsigned long long)addr);
	if (!elfk_elf_image_range(elf, addr, size, true, name, log, &err))
		return err;
	return 0;
}

static int check_relocs(struct elfk_elf *elf, const struct elfk_limits *lim,
			struct elfk_log *log)
{
	struct elfk_dynamic *dyn = &elf->dyn;
	u64 total = 0;
	int err;

	if (ELFK_HAS(dyn, RELA)) {
		err = require(elf, ELFK_DYN_RELASZ, "DT_RELASZ", log) ?:
		      require(elf, ELFK_DYN_RELAENT, "DT_RELAENT", log);
		if (err)
			return err;
		if (dyn->relaent != sizeof(Elf64_Rela))
			return elfk_reject(log, -ENOEXEC,
					   "DT_RELAENT %llu, expected %zu",
					   (unsigned long long)dyn->relaent,
					   sizeof(Elf64_Rela));
		err = check_rela_table(elf, "DT_RELA", dyn->rela, dyn->relasz,
				       log);
		if (err)
			return err;
		total += dyn->relasz / sizeof(Elf64_Rela);
	}
	if (ELFK_HAS(dyn, JMPREL)) {
		err = require(elf, ELFK_DYN_PLTRELSZ, "DT_PLTRELSZ", log) ?:
		      require(elf, ELFK_DYN_PLTREL, "DT_PLTREL", log);
		if (err)
			return err;
		if (dyn->pltrel != DT_RELA)
			return elfk_reject(log, -EOPNOTSUPP,
					   "DT_PLTREL %llu: only DT_RELA (%d) is supported",
					   (unsigned long long)dyn->pltrel, DT_RELA);
		err = check_rela_table(elf, "DT_JMPREL", dyn->jmprel,
				       dyn->pltrelsz, log);
		if (err)
			return err;
		total += dyn->pltrelsz / sizeof(Elf64_Rela);
	}
	if (ELFK_HAS(dyn, RELR)) {
		err = require(elf, ELFK_DYN_RELRSZ, "DT_RELRSZ", log) ?:
		      require(elf, ELFK_DYN_RELRENT, "DT_RELRENT", log);
		if (err)
			return err;
		if (dyn->relrent != sizeof(u64))
			return elfk_reject(log, -ENOEXEC, "DT_RELRENT %llu, expected 8",
					   (unsigned long long)dyn->relrent);
		if (dyn->relrsz % 8 || dyn->relr % 8)
			return elfk_reject(log, -ENOEXEC,
					   "DT_RELR 0x%llx size 0x%llx: not an aligned array of words",
					   (unsigned long long)dyn->relr,
					   (unsigned long long)dyn->relrsz);
		if (dyn->relrsz &&
		    !elfk_elf_image_range(elf, dyn->relr, dyn->relrsz, true,
					  "DT_RELR", log, &err))
			return err;
		/* A bitmap word stands for up to 63 relocations. */
		total += dyn->relrsz / 8 * 63;
	}
	if (total > lim->max_relocs)
		return elfk_reject(log, -E2BIG,
				   "%llu relocations, above the max_relocs cap of %u",
				   (unsigned long long)total, lim->max_relocs);
	elf->nr_relocs = total;
	return 0;
}

static int check_array(struct elfk_elf *elf, const char *name, bool has_addr,
		       u64 addr, bool has_size, u64 size, struct elfk_log *log)
{
	if (has_addr != has_size)
		return elfk_reject(log, -ENOEXEC, "%s and its size must come together",
				   name);
	if (!has_addr || !size)
		return 0;
	if (size % 8 || addr % 8)
		return elfk_reject(log, -ENOEXEC,
				   "%s 0x%llx size 0x%llx: not an aligned array of pointers",
				   name, (unsigned long long)addr,
				   (unsigned long long)size);
	if (!elfk_elf_segment_of(elf, addr, size))
		return elfk_reject(log, -ENOEXEC,
				   "%s [0x%llx, +0x%llx) is not inside a PT_LOAD",
				   name, (unsigned long long)addr,
				   (unsigned long long)size);
	return 0;
}

static int check_entry_points(struct elfk_elf *elf, struct elfk_log *log)
{
	struct elfk_dynamic *dyn = &elf->dyn;
	int err;

	if (ELFK_HAS(dyn, INIT) && !elfk_elf_is_text(elf, dyn->init))
		return elfk_reject(log, -ENOEXEC,
				   "DT_INIT 0x%llx is not inside an executable segment",
				   (unsigned long long)dyn->init);
	if (ELFK_HAS(dyn, FINI) && !elfk_elf_is_text(elf, dyn->fini))
		return elfk_reject(log, -ENOEXEC,
				   "DT_FINI 0x%llx is not inside an executable segment",
				   (unsigned long long)dyn->fini);
	err = check_array(elf, "DT_INIT_ARRAY", ELFK_HAS(dyn, INIT_ARRAY),
			  dyn->init_array, ELFK_HAS(dyn, INIT_ARRAYSZ),
			  dyn->init_arraysz, log);
	if (err)
		return err;
	return check_array(elf, "DT_FINI_ARRAY", ELFK_HAS(dyn, FINI_ARRAY),
			   dyn->fini_array, ELFK_HAS(dyn, FINI_ARRAYSZ),
			   dyn->fini_arraysz, log);
}

static int check_flags(struct elfk_elf *elf, struct elfk_log *log)
{
	if (elf->dyn.flags & DF_TEXTREL)
		return elfk_reject(log, -EOPNOTSUPP,
				   "DT_FLAGS has DF_TEXTREL: text relocations would need writable code");
	if (elf->dyn.flags & DF_STATIC_TLS)
		return elfk_reject(log, -EOPNOTSUPP,
				   "DT_FLAGS has DF_STATIC_TLS: the object uses the initial-exec or local-exec TLS model, which addresses TLS through %s (the interrupted process's in the kernel); build with -fPIC -ftls-model=global-dynamic (the SDK's default)",
				   elf->arch->thread_pointer ?: "the thread pointer");
	return 0;
}

/*
 * DT_NEEDED names are checked once DT_STRTAB is known to be sound; the
 * caller (the kernel's registry) matches them to loaded objects.
 */
static int check_needed(struct elfk_elf *elf, struct elfk_log *log)
{
	const Elf64_Dyn *d = dyn_entries(elf);
	u64 i;

	for (i = 0; d[i].d_tag != DT_NULL; i++) {
		if (d[i].d_tag != DT_NEEDED)
			continue;
		if (d[i].d_un.d_val >= elf->dyn.strsz)
			return elfk_reject(log, -ENOEXEC,
					   "DT_NEEDED 0x%llx is outside DT_STRTAB (%llu bytes)",
					   (unsigned long long)d[i].d_un.d_val,
					   (unsigned long long)elf->dyn.strsz);
		if (elf->nr_needed == ELFK_MAX_NEEDED)
			return elfk_reject(log, -E2BIG,
					   "more than %u DT_NEEDED entries",
					   ELFK_MAX_NEEDED);
		elf->needed[elf->nr_needed++] = d[i].d_un.d_val;
	}
	return 0;
}

int elfk_elf_parse_dynamic(struct elfk_elf *elf, const struct elfk_limits *lim,
			   struct elfk_log *log)
{
	const Elf64_Dyn *d = dyn_entries(elf);
	u64 i;
	int err;

	for (i = 0; i < elf->dyn_count && d[i].d_tag != DT_NULL; i++) {
		err = decode_entry(elf, i, &d[i], log);
		if (err)
			return err;
	}
	if (i == elf->dyn_count)
		return elfk_reject(log, -ENOEXEC,
				   "PT_DYNAMIC has no DT_NULL in its %llu entries",
				   (unsigned long long)elf->dyn_count);

	err = check_flags(elf, log) ?: check_strtab(elf, log) ?:
	      check_needed(elf, log) ?: require(elf, ELFK_DYN_SYMTAB, "DT_SYMTAB", log);
	if (err)
		return err;
	if (ELFK_HAS(&elf->dyn, SYMENT) && elf->dyn.syment != sizeof(Elf64_Sym))
		return elfk_reject(log, -ENOEXEC, "DT_SYMENT %llu, expected %zu",
				   (unsigned long long)elf->dyn.syment,
				   sizeof(Elf64_Sym));
	return check_relocs(elf, lim, log) ?: check_entry_points(elf, log);
}

int elfk_dyn_parse(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		   const void *image, u64 size, const struct elfk_limits *lim,
		   struct elfk_log *log)
{
	return elfk_elf_parse_headers(elf, arch, image, size, lim, log) ?:
	       elfk_elf_parse_dynamic(elf, lim, log) ?:
	       elfk_elf_parse_hash(elf, lim, log) ?:
	       elfk_elf_parse_versions(elf, log);
}
