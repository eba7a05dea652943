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

struct dyn_tag {
	s64 tag;
	const char *name;
	int bit;
};

/* Tags that may appear at most once, and where their value goes. */
static const struct dyn_tag single_tags[] = {
	{ DT_STRTAB, "DT_STRTAB", ELFK_DYN_STRTAB },
	{ DT_STRSZ, "DT_STRSZ", ELFK_DYN_STRSZ },
	{ DT_SYMTAB, "DT_SYMTAB", ELFK_DYN_SYMTAB },
	{ DT_SYMENT, "DT_SYMENT", ELFK_DYN_SYMENT },
	{ DT_HASH, "DT_HASH", ELFK_DYN_HASH },
	{ DT_GNU_HASH, "DT_GNU_HASH", ELFK_DYN_GNU_HASH },
	{ DT_RELA, "DT_RELA", ELFK_DYN_RELA },
	{ DT_RELASZ, "DT_RELASZ", ELFK_DYN_RELASZ },
	{ DT_RELAENT, "DT_RELAENT", ELFK_DYN_RELAENT },
	{ DT_JMPREL, "DT_JMPREL", ELFK_DYN_JMPREL },
	{ DT_PLTRELSZ, "DT_PLTRELSZ", ELFK_DYN_PLTRELSZ },
	{ DT_PLTREL, "DT_PLTREL", ELFK_DYN_PLTREL },
	{ DT_INIT, "DT_INIT", ELFK_DYN_INIT },
	{ DT_FINI, "DT_FINI", ELFK_DYN_FINI },
	{ DT_INIT_ARRAY, "DT_INIT_ARRAY", ELFK_DYN_INIT_ARRAY },
	{ DT_INIT_ARRAYSZ, "DT_INIT_ARRAYSZ", ELFK_DYN_INIT_ARRAYSZ },
	{ DT_FINI_ARRAY, "DT_FINI_ARRAY", ELFK_DYN_FINI_ARRAY },
	{ DT_FINI_ARRAYSZ, "DT_FINI_ARRAYSZ", ELFK_DYN_FINI_ARRAYSZ },
	{ DT_SONAME, "DT_SONAME", ELFK_DYN_SONAME },
	{ DT_FLAGS, "DT_FLAGS", ELFK_DYN_FLAGS },
	{ DT_FLAGS_1, "DT_FLAGS_1", ELFK_DYN_FLAGS_1 },
	{ DT_RELR, "DT_RELR", ELFK_DYN_RELR },
	{ DT_RELRSZ, "DT_RELRSZ", ELFK_DYN_RELRSZ },
	{ DT_RELRENT, "DT_RELRENT", ELFK_DYN_RELRENT },
	{ DT_VERSYM, "DT_VERSYM", ELFK_DYN_VERSYM },
	{ DT_VERDEF, "DT_VERDEF", ELFK_DYN_VERDEF },
	{ DT_VERDEFNUM, "DT_VERDEFNUM", ELFK_DYN_VERDEFNUM },
	{ DT_VERNEED, "DT_VERNEED", ELFK_DYN_VERNEED },
	{ DT_VERNEEDNUM, "DT_VERNEEDNUM", ELFK_DYN_VERNEEDNUM },
};

/* Tags that are valid ELF but name something elfk refuses. */
static const struct dyn_tag refused_tags[] = {
	{ DT_TEXTREL, "DT_TEXTREL: text relocations would need writable code", 0 },
	{ 0x7ffffffd, "DT_AUXILIARY: filter objects are not supported", 0 },
	{ 0x7fffffff, "DT_FILTER: filter objects are not supported", 0 },
};

static u64 *dyn_field(struct elfk_dynamic *d, int bit)
{
	u64 *const fields[] = {
		[ELFK_DYN_STRTAB] = &d->strtab,
		[ELFK_DYN_STRSZ] = &d->strsz,
		[ELFK_DYN_SYMTAB] = &d->symtab,
		[ELFK_DYN_SYMENT] = &d->syment,
		[ELFK_DYN_HASH] = &d->hash,
		[ELFK_DYN_GNU_HASH] = &d->gnu_hash,
		[ELFK_DYN_RELA] = &d->rela,
		[ELFK_DYN_RELASZ] = &d->relasz,
		[ELFK_DYN_RELAENT] = &d->relaent,
		[ELFK_DYN_JMPREL] = &d->jmprel,
		[ELFK_DYN_PLTRELSZ] = &d->pltrelsz,
		[ELFK_DYN_PLTREL] = &d->pltrel,
		[ELFK_DYN_INIT] = &d->init,
		[ELFK_DYN_FINI] = &d->fini,
		[ELFK_DYN_INIT_ARRAY] = &d->init_array,
		[ELFK_DYN_INIT_ARRAYSZ] = &d->init_arraysz,
		[ELFK_DYN_FINI_ARRAY] = &d->fini_array,
		[ELFK_DYN_FINI_ARRAYSZ] = &d->fini_arraysz,
		[ELFK_DYN_SONAME] = &d->soname,
		[ELFK_DYN_FLAGS] = &d->flags,
		[ELFK_DYN_FLAGS_1] = &d->flags_1,
		[ELFK_DYN_RELR] = &d->relr,
		[ELFK_DYN_RELRSZ] = &d->relrsz,
		[ELFK_DYN_RELRENT] = &d->relrent,
		[ELFK_DYN_VERSYM] = &d->versym,
		[ELFK_DYN_VERDEF] = &d->verdef,
		[ELFK_DYN_VERDEFNUM] = &d->verdefnum,
		[ELFK_DYN_VERNEED] = &d->verneed,
		[ELFK_DYN_VERNEEDNUM] = &d->verneednum,
	};

	return fields[bit];
}

static const Elf64_Dyn *dyn_entries(const struct elfk_elf *elf)
{
	return (const Elf64_Dyn *)(elf->image + elf->dyn_offset);
}

static int decode_entry(struct elfk_elf *elf, u32 i, const Elf64_Dyn *d,
			struct elfk_log *log)
{
	struct elfk_dynamic *dyn = &elf->dyn;
	size_t k;

	for (k = 0; k < ARRAY_SIZE(single_tags); k++) {
		const struct dyn_tag *t = &single_tags[k];

		if (d->d_tag != t->tag)
			continue;
		if ((dyn->present >> t->bit) & 1)
			return elfk_reject(log, -ENOEXEC,
					   "dynamic entry %u: duplicate %s", i,
					   t->name);
		dyn->present |= 1ULL << t->bit;
		*dyn_field(dyn, t->bit) = d->d_un.d_val;
		return 0;
	}
	for (k = 0; k < ARRAY_SIZE(refused_tags); k++) {
		if (d->d_tag == refused_tags[k].tag)
			return elfk_reject(log, -EOPNOTSUPP,
					   "dynamic entry %u: %s", i,
					   refused_tags[k].name);
	}
	/* TLS descriptors are the arch's to support or refuse. */
	if ((d->d_tag == DT_TLSDESC_PLT || d->d_tag == DT_TLSDESC_GOT) &&
	    elf->arch->tlsdesc_refusal)
		return elfk_reject(log, -EOPNOTSUPP,
				   "dynamic entry %u: %s: %s", i,
				   d->d_tag == DT_TLSDESC_PLT ? "DT_TLSDESC_PLT" :
				   "DT_TLSDESC_GOT", elf->arch->tlsdesc_refusal);
	/* The core relocates RELA only; the arch's name says whose rule. */
	if (d->d_tag == DT_REL)
		return elfk_reject(log, -EOPNOTSUPP,
				   "dynamic entry %u: DT_REL: %s objects use DT_RELA",
				   i, elf->arch->name);
	if (d->d_tag == DT_PREINIT_ARRAY || d->d_tag == DT_PREINIT_ARRAYSZ)
		return elfk_reject(log, -ENOEXEC,
				   "dynamic entry %u: DT_PREINIT_ARRAY is only allowed in executables",
				   i);
	/* DT_NEEDED, versioning and the rest are looked at later or ignored. */
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
				   "DT_FLAGS has DF_STATIC_TLS: the object uses the initial-exec or local-exec TLS model, which addresses TLS through %%fs (the interrupted process's in the kernel); build with -fPIC -ftls-model=global-dynamic (the SDK's default)");
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
