// SPDX-License-Identifier: GPL-2.0
/*
 * ET_REL: the section headers, and the entry points that parse and
 * release an object (see ld.h).
 */
#include "ld.h"

/* elfk_elf_release() of an ET_REL object: what elfk_rel_parse() allocated. */
void elfk_rel_release(struct elfk_elf *elf)
{
	struct elfk_rel *rel = elf->rel;

	if (!rel)
		return;
	elfk_env_free(rel->secs);
	elfk_env_free(rel->syms);
	elfk_env_free(rel->strtab);
	elfk_env_free(rel->got_of);
	elfk_env_free(rel->plt_of);
	elfk_env_free(rel->tlsgd_of);
	elfk_env_free(rel->value);
	elfk_env_free(rel->resolved);
	elfk_env_free(rel->buckets);
	elfk_env_free(rel->chain);
	elfk_env_free(rel->needed);
	elfk_env_free(rel->pairs);
	elfk_env_free(rel);
	elf->rel = NULL;
	elf->symtab = NULL;
	elf->strtab = NULL;
	elf->nr_syms = 0;
	elf->nr_needed = 0;
}

/* ---- section headers ----------------------------------------------------- */

int ld_check_shdr_table(struct elfk_elf *elf, struct elfk_rel *rel,
			const struct elfk_limits *lim, struct elfk_log *log)
{
	const Elf64_Ehdr *eh = elf->ehdr;
	u32 max = lim->max_sections ?: ELFK_MAX_SECTIONS;

	if (eh->e_shoff == 0 || eh->e_shnum == 0) {
		if (eh->e_shoff && !eh->e_shnum)
			return elfk_reject(log, -EOPNOTSUPP,
					   "e_shnum is 0 with e_shoff 0x%llx: extended section numbering (SHN_XINDEX) is not supported",
					   (unsigned long long)eh->e_shoff);
		return elfk_reject(log, -ENOEXEC,
				   "ET_REL object without section headers (e_shoff 0x%llx, e_shnum %u)",
				   (unsigned long long)eh->e_shoff, eh->e_shnum);
	}
	if (eh->e_shentsize != sizeof(Elf64_Shdr))
		return elfk_reject(log, -ENOEXEC, "e_shentsize %u, expected %zu",
				   eh->e_shentsize, sizeof(Elf64_Shdr));
	if (eh->e_shnum >= SHN_LORESERVE)
		return elfk_reject(log, -ENOEXEC,
				   "e_shnum %u is not below SHN_LORESERVE (0x%x)",
				   eh->e_shnum, SHN_LORESERVE);
	if (eh->e_shnum > max)
		return elfk_reject(log, -E2BIG,
				   "e_shnum %u is above the max_sections cap of %u",
				   eh->e_shnum, max);
	if (eh->e_shoff % 8)
		return elfk_reject(log, -ENOEXEC,
				   "e_shoff 0x%llx is not 8-byte aligned",
				   (unsigned long long)eh->e_shoff);
	if (!elfk_elf_in_image(elf, eh->e_shoff, (u64)eh->e_shnum * sizeof(Elf64_Shdr)))
		return elfk_reject(log, -ENOEXEC,
				   "section headers at 0x%llx (%u x %zu bytes) run past the %llu-byte image",
				   (unsigned long long)eh->e_shoff, eh->e_shnum,
				   sizeof(Elf64_Shdr),
				   (unsigned long long)elf->image_size);
	if (eh->e_shstrndx == SHN_XINDEX)
		return elfk_reject(log, -EOPNOTSUPP,
				   "e_shstrndx is SHN_XINDEX: extended section numbering is not supported");
	if (eh->e_shstrndx == SHN_UNDEF || eh->e_shstrndx >= eh->e_shnum)
		return elfk_reject(log, -ENOEXEC,
				   "e_shstrndx %u is not a section index (e_shnum %u)",
				   eh->e_shstrndx, eh->e_shnum);
	rel->shdrs = (const Elf64_Shdr *)(elf->image + eh->e_shoff);
	rel->shnum = eh->e_shnum;
	return 0;
}

/* A string table: inside the image, non-empty, NUL-terminated. */
int ld_check_strtab(const struct elfk_elf *elf, const struct elfk_rel *rel,
		    u32 i, struct elfk_log *log)
{
	const Elf64_Shdr *sh = &rel->shdrs[i];

	if (sh->sh_type != SHT_STRTAB)
		return elfk_reject(log, -ENOEXEC,
				   "section %u: sh_type %u where a string table (SHT_STRTAB) is expected",
				   i, sh->sh_type);
	if (!sh->sh_size || !elfk_elf_in_image(elf, sh->sh_offset, sh->sh_size) ||
	    elf->image[sh->sh_offset + sh->sh_size - 1])
		return elfk_reject(log, -ENOEXEC,
				   "section %u: string table (0x%llx bytes) is not NUL-terminated",
				   i, (unsigned long long)sh->sh_size);
	return 0;
}

/* Properties of every section header on its own. */
static int check_section(const struct elfk_elf *elf, const struct elfk_rel *rel,
			 u32 i, struct elfk_log *log)
{
	const struct elfk_rel_ops *ops = elf->arch->rel_ops;
	const Elf64_Shdr *sh = &rel->shdrs[i];
	const char *name = sec_name(rel, i);

	if (sh->sh_name >= rel->shstrsz)
		return elfk_reject(log, -ENOEXEC,
				   "section %u: sh_name 0x%x is outside .shstrtab (%llu bytes)",
				   i, sh->sh_name,
				   (unsigned long long)rel->shstrsz);
	if (sh->sh_type != SHT_NOBITS && !elfk_elf_in_image(elf, sh->sh_offset, sh->sh_size))
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': file range 0x%llx+0x%llx is outside the %llu-byte image",
				   i, name, (unsigned long long)sh->sh_offset,
				   (unsigned long long)sh->sh_size,
				   (unsigned long long)elf->image_size);
	if (sh->sh_addralign > 1 && !is_power_of_2(sh->sh_addralign))
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': sh_addralign 0x%llx is not a power of two",
				   i, name, (unsigned long long)sh->sh_addralign);
	if (sh->sh_link >= rel->shnum || (sh->sh_info >= rel->shnum &&
					  (sh->sh_type == SHT_RELA ||
					   sh->sh_type == SHT_REL)))
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': sh_link %u or sh_info %u is not a section index (e_shnum %u)",
				   i, name, sh->sh_link, sh->sh_info, rel->shnum);
	if (sh->sh_type == SHT_SYMTAB_SHNDX)
		return elfk_reject(log, -EOPNOTSUPP,
				   "section %u '%s': SHT_SYMTAB_SHNDX (extended section indices) is not supported",
				   i, name);
	if (sh->sh_type == SHT_DYNSYM || sh->sh_type == SHT_DYNAMIC)
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': sh_type %u belongs in a linked object, not an ET_REL",
				   i, name, sh->sh_type);
	if (!(sh->sh_flags & SHF_ALLOC))
		return 0;
	/* Code with no bytes: the text run has none to place for it. */
	if (sh->sh_type == SHT_NOBITS && (sh->sh_flags & SHF_EXECINSTR))
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': executable SHT_NOBITS (sh_flags 0x%llx): code must be in the file",
				   i, name, (unsigned long long)sh->sh_flags);
	if ((sh->sh_flags & SHF_WRITE) && (sh->sh_flags & SHF_EXECINSTR))
		return elfk_reject(log, -EOPNOTSUPP,
				   "section %u '%s': writable and executable (sh_flags 0x%llx); elfk enforces W^X",
				   i, name, (unsigned long long)sh->sh_flags);
	if ((sh->sh_flags & SHF_TLS) &&
	    ((sh->sh_type != SHT_PROGBITS && sh->sh_type != SHT_NOBITS) ||
	     (sh->sh_flags & SHF_EXECINSTR)))
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': a thread-local section (SHF_TLS) must be SHT_PROGBITS or SHT_NOBITS data (sh_type %u, sh_flags 0x%llx)",
				   i, name, sh->sh_type,
				   (unsigned long long)sh->sh_flags);
	if ((sh->sh_flags & SHF_TLS) && sh->sh_addralign > ELFK_MAX_TLS_ALIGN)
		return elfk_reject(log, -EOPNOTSUPP,
				   "section %u '%s': thread-local sh_addralign 0x%llx is above the supported 0x%x",
				   i, name, (unsigned long long)sh->sh_addralign,
				   ELFK_MAX_TLS_ALIGN);
	if (sh->sh_addralign > ELFK_REL_MAX_ALIGN)
		return elfk_reject(log, -EOPNOTSUPP,
				   "section %u '%s': sh_addralign 0x%llx is above the supported 0x%llx",
				   i, name, (unsigned long long)sh->sh_addralign,
				   ELFK_REL_MAX_ALIGN);
	switch (sh->sh_type) {
	case SHT_PROGBITS:
	case SHT_NOBITS:
	case SHT_NOTE:
	case SHT_INIT_ARRAY:
	case SHT_FINI_ARRAY:
		return 0;
	case SHT_PREINIT_ARRAY:
		return elfk_reject(log, -EOPNOTSUPP,
				   "section %u '%s': SHT_PREINIT_ARRAY is for executables",
				   i, name);
	default:
		if (ops->loadable_sh_type && ops->loadable_sh_type(sh->sh_type))
			return 0;
		return elfk_reject(log, -EOPNOTSUPP,
				   "section %u '%s': sh_type 0x%x cannot be loaded (SHF_ALLOC)",
				   i, name, sh->sh_type);
	}
}

/* "PREFIX" or "PREFIX.DIGITS": the init priority, as ld reads it. */
static bool group_prio(const char *name, const char *prefix, u32 *prio)
{
	size_t n = strlen(prefix);
	u32 v = 0;

	if (strncmp(name, prefix, n))
		return false;
	if (!name[n]) {
		*prio = 65536;	/* unnumbered sections go last */
		return true;
	}
	if (name[n] != '.')
		return false;
	for (name += n + 1; *name >= '0' && *name <= '9' && v < 65536; name++)
		v = v * 10 + (*name - '0');
	*prio = *name ? 65535 : min_t(u32, v, 65535);
	return true;
}

/* Which run a loaded section goes to, and whether it is an init/fini array. */
static int classify(struct elfk_rel *rel, u32 i, struct elfk_log *log)
{
	const Elf64_Shdr *sh = &rel->shdrs[i];
	struct elfk_rel_sec *s = &rel->secs[i];
	const char *name = sec_name(rel, i);
	u32 prio = 65536;

	if (!(sh->sh_flags & SHF_ALLOC))
		return 0;
	if (sh->sh_flags & SHF_TLS) {
		/* .tdata is the template, read-only once relocated. */
		s->tls = true;
		s->run = sh->sh_type == SHT_NOBITS ? RUN_NONE : RUN_RODATA;
		return 0;
	}
	if (sh->sh_type == SHT_INIT_ARRAY ||
	    (sh->sh_type == SHT_PROGBITS && group_prio(name, ".ctors", &prio))) {
		s->group = GROUP_INIT;
	} else if (sh->sh_type == SHT_FINI_ARRAY ||
		   (sh->sh_type == SHT_PROGBITS && group_prio(name, ".dtors", &prio))) {
		s->group = GROUP_FINI;
	}
	if (s->group) {
		if (sh->sh_size % 8 || sh->sh_type == SHT_NOBITS ||
		    (sh->sh_flags & SHF_EXECINSTR))
			return elfk_reject(log, -ENOEXEC,
					   "section %u '%s': an init/fini array must be file-backed, not executable, and a whole number of 8-byte entries (0x%llx bytes)",
					   i, name, (unsigned long long)sh->sh_size);
		s->reversed = sh->sh_type == SHT_PROGBITS;
		/* ld names .ctors.N with N = 65535 - priority. */
		if (s->reversed)
			s->prio = prio > 65535 ? prio : 65535 - prio;
		else if (!group_prio(name, s->group == GROUP_INIT ?
				     ".init_array" : ".fini_array", &s->prio))
			s->prio = 65536;
		s->run = RUN_RODATA;
	} else if (sh->sh_flags & SHF_EXECINSTR) {
		s->run = RUN_TEXT;
	} else if (sh->sh_flags & SHF_WRITE) {
		s->run = RUN_DATA;
	} else {
		s->run = RUN_RODATA;
	}
	return 0;
}

int ld_parse_sections(struct elfk_elf *elf, struct elfk_rel *rel,
		      const struct elfk_limits *lim, struct elfk_log *log)
{
	const Elf64_Shdr *shstr = &rel->shdrs[elf->ehdr->e_shstrndx];
	u32 i, nsymtab = 0, needed = 0;
	int err;

	if (shstr->sh_type != SHT_STRTAB ||
	    !elfk_elf_in_image(elf, shstr->sh_offset, shstr->sh_size))
		return elfk_reject(log, -ENOEXEC,
				   "e_shstrndx %u: section is not a string table inside the image (sh_type %u, 0x%llx+0x%llx)",
				   elf->ehdr->e_shstrndx, shstr->sh_type,
				   (unsigned long long)shstr->sh_offset,
				   (unsigned long long)shstr->sh_size);
	rel->shstr = (const char *)elf->image + shstr->sh_offset;
	rel->shstrsz = shstr->sh_size;
	err = ld_check_strtab(elf, rel, elf->ehdr->e_shstrndx, log);
	if (err)
		return err;

	rel->secs = zalloc_array(rel->shnum, sizeof(*rel->secs));
	if (!rel->secs)
		return -ENOMEM;
	for (i = 1; i < rel->shnum; i++) {
		err = check_section(elf, rel, i, log) ?: classify(rel, i, log);
		if (err)
			return err;
		if (sec_loaded(rel, i) && rel->shdrs[i].sh_size > lim->max_mem)
			return elfk_reject(log, -E2BIG,
					   "section %u '%s': 0x%llx bytes, above the max_object_size cap of 0x%llx",
					   i, sec_name(rel, i),
					   (unsigned long long)rel->shdrs[i].sh_size,
					   (unsigned long long)lim->max_mem);
		if (rel->shdrs[i].sh_type == SHT_SYMTAB) {
			nsymtab++;
			rel->symtab_idx = i;
		}
		if (strcmp(sec_name(rel, i), ELFK_NEEDED_SECTION))
			continue;
		/* One list, or two could disagree on the scope's order. */
		if (needed)
			return elfk_reject(log, -ENOEXEC,
					   "section %u '%s': a second .elfk.needed section (the first is section %u)",
					   i, sec_name(rel, i), needed);
		needed = i;
	}
	if (nsymtab != 1)
		return elfk_reject(log, -ENOEXEC,
				   "%u SHT_SYMTAB sections: an ET_REL object has exactly one",
				   nsymtab);
	return needed ? ld_parse_needed(elf, rel, needed, log) : 0;
}

/*
 * The objects this one needs (the SDK's ELFK_NEEDS()): NUL-terminated
 * names, back to back, as DT_NEEDED entries are for ET_DYN.  Each must be
 * a name an object can be loaded under, and the list is capped as
 * DT_NEEDED is, since both fill elf->needed[].  Copied: the names outlive
 * the image.
 */
int ld_parse_needed(struct elfk_elf *elf, struct elfk_rel *rel, u32 i,
		    struct elfk_log *log)
{
	const Elf64_Shdr *sh = &rel->shdrs[i];
	const char *name = sec_name(rel, i);
	u64 off, len;

	if (sh->sh_type != SHT_PROGBITS)
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': sh_type %u, expected SHT_PROGBITS (NUL-terminated object names)",
				   i, name, sh->sh_type);
	if (!sh->sh_size)
		return 0;
	/* A cap before the copy: at most that many names of that length. */
	if (sh->sh_size > (u64)ELFK_MAX_NEEDED * (ELFK_MAX_NEEDED_NAME + 1))
		return elfk_reject(log, -E2BIG,
				   "section %u '%s': 0x%llx bytes, more than %u names of at most %u bytes can take",
				   i, name, (unsigned long long)sh->sh_size,
				   ELFK_MAX_NEEDED, ELFK_MAX_NEEDED_NAME);
	if (elf->image[sh->sh_offset + sh->sh_size - 1])
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': the last name is not NUL-terminated",
				   i, name);
	rel->needed = zalloc_array(sh->sh_size, 1);
	if (!rel->needed)
		return -ENOMEM;
	memcpy(rel->needed, elf->image + sh->sh_offset, sh->sh_size);
	for (off = 0; off < sh->sh_size; off += len + 1) {
		len = strlen(rel->needed + off);
		if (!len)
			return elfk_reject(log, -ENOEXEC,
					   "section %u '%s': an empty name at offset 0x%llx",
					   i, name, (unsigned long long)off);
		if (len > ELFK_MAX_NEEDED_NAME)
			return elfk_reject(log, -ENAMETOOLONG,
					   "section %u '%s': the name at offset 0x%llx is %llu bytes, above the %u an object name may have",
					   i, name, (unsigned long long)off,
					   (unsigned long long)len,
					   ELFK_MAX_NEEDED_NAME);
		if (elf->nr_needed == ELFK_MAX_NEEDED)
			return elfk_reject(log, -E2BIG,
					   "section %u '%s': more than %u names",
					   i, name, ELFK_MAX_NEEDED);
		elf->needed[elf->nr_needed++] = off;
	}
	return 0;
}

const char *elfk_rel_needed(const struct elfk_elf *elf, u32 i)
{
	return elf->rel->needed + elf->needed[i];
}

/**
 * elfk_rel_parse() - validate and lay out an ET_REL object
 * @elf: filled in; elfk_elf_release() frees what it allocates
 * @arch: the architecture (its static relocations, struct elfk_rel_ops)
 * @image: the image, valid until elfk_reloc_apply() returns
 * @size: its size
 * @lim: the caps
 * @log: the log
 *
 * Return: 0, -ENOEXEC, -EOPNOTSUPP, -E2BIG or -ENOMEM.  On failure nothing
 * stays allocated.
 */
int elfk_rel_parse(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		   const void *image, u64 size, const struct elfk_limits *lim,
		   struct elfk_log *log)
{
	struct elfk_rel *rel;
	u32 i;
	int err;

	err = elfk_elf_parse_headers(elf, arch, image, size, lim, log);
	if (err)
		return err;
	if (!arch->rel_ops)
		return elfk_reject(log, -EOPNOTSUPP,
				   "ET_REL objects are not supported on %s",
				   arch->name);
	rel = elfk_env_zalloc(sizeof(*rel));
	if (!rel)
		return -ENOMEM;
	elf->rel = rel;
	rel->image = elf->image;

	err = ld_check_shdr_table(elf, rel, lim, log) ?:
	      ld_parse_sections(elf, rel, lim, log) ?:
	      ld_parse_symtab(elf, rel, lim, log);
	for (i = 1; !err && i < rel->nsyms; i++) {
		err = ld_check_symbol(rel, i, log);
		if (i % 4096 == 0)
			elfk_env_resched();
	}
	err = err ?: ld_count_relocs(elf, rel, lim, log) ?:
	      ld_layout(elf, rel, lim, log);
	if (!err) {
		ld_rebase_symbols(rel);
		err = ld_build_index(rel, log);
	}
	if (err) {
		elfk_rel_release(elf);
		return err;
	}
	elf->symtab = rel->syms;
	elf->strtab = rel->strtab;
	elf->nr_syms = rel->nsyms;
	elfk_log_verbose(log, "ET_REL: %u sections, %u symbols, %u relocations",
			 rel->shnum, rel->nsyms, elf->nr_relocs);
	elfk_log_verbose(log, "ET_REL: %u GOT slots, %u PLT stubs, %u runs spanning 0x%llx",
			 rel->nr_got, rel->nr_plt, elf->nr_segs,
			 (unsigned long long)elf->vsize);
	return 0;
}

/**
 * elfk_rel_section_addr() - where a section of an ET_REL object was laid out
 * @elf: the object, parsed by elfk_rel_parse()
 * @i: a section index
 * @addr: its region offset, when it has one
 *
 * For checkers (the fuzz targets' oracles, diagnostics): the layout is
 * otherwise private to lib/ld/.
 *
 * Return: true when section @i occupies the region (is in one of the
 * runs); false for sections that are not loaded, for .tbss, and for @i
 * past e_shnum.
 */
bool elfk_rel_section_addr(const struct elfk_elf *elf, u32 i, u64 *addr)
{
	const struct elfk_rel *rel = elf->rel;

	if (!rel || !i || i >= rel->shnum || !rel->secs[i].run)
		return false;
	*addr = rel->secs[i].addr;
	return true;
}
