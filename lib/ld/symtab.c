// SPDX-License-Identifier: GPL-2.0
/*
 * ET_REL: the symbol table, validated and copied, and the index
 * elfk_elf_lookup() searches.
 */
#include "ld.h"

/* ---- symbols --------------------------------------------------------------- */

int ld_parse_symtab(struct elfk_elf *elf, struct elfk_rel *rel,
		    const struct elfk_limits *lim, struct elfk_log *log)
{
	const Elf64_Shdr *sh = &rel->shdrs[rel->symtab_idx];
	const Elf64_Shdr *str;
	u64 n;
	int err;

	if (sh->sh_entsize != sizeof(Elf64_Sym) || sh->sh_size % sizeof(Elf64_Sym) ||
	    !sh->sh_size || sh->sh_offset % 8)
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': SHT_SYMTAB with sh_entsize %llu, sh_size 0x%llx, sh_offset 0x%llx (expected %zu-byte entries, 8-byte aligned)",
				   rel->symtab_idx, sec_name(rel, rel->symtab_idx),
				   (unsigned long long)sh->sh_entsize,
				   (unsigned long long)sh->sh_size,
				   (unsigned long long)sh->sh_offset,
				   sizeof(Elf64_Sym));
	n = sh->sh_size / sizeof(Elf64_Sym);
	if (n > lim->max_symbols)
		return elfk_reject(log, -E2BIG,
				   "%llu symbols, above the max_symbols cap of %u",
				   (unsigned long long)n, lim->max_symbols);
	if (sh->sh_info > n)
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': sh_info %u (first global symbol) is past the %llu symbols",
				   rel->symtab_idx, sec_name(rel, rel->symtab_idx),
				   sh->sh_info, (unsigned long long)n);
	err = ld_check_strtab(elf, rel, sh->sh_link, log);
	if (err)
		return err;
	str = &rel->shdrs[sh->sh_link];
	rel->nsyms = n;
	rel->strsz = str->sh_size;
	rel->syms = zalloc_array(n, sizeof(Elf64_Sym));
	rel->strtab = zalloc_array(rel->strsz, 1);
	rel->got_of = zalloc_array(n, sizeof(u32));
	rel->plt_of = zalloc_array(n, sizeof(u32));
	rel->tlsgd_of = zalloc_array(n, sizeof(u32));
	rel->value = zalloc_array(n, sizeof(u64));
	rel->resolved = zalloc_array(n, 1);
	if (!rel->syms || !rel->strtab || !rel->got_of || !rel->plt_of ||
	    !rel->tlsgd_of || !rel->value || !rel->resolved)
		return -ENOMEM;
	memcpy(rel->syms, elf->image + sh->sh_offset, n * sizeof(Elf64_Sym));
	memcpy(rel->strtab, elf->image + str->sh_offset, rel->strsz);
	return 0;
}

/*
 * What a definition in a loaded section promises, checked here because
 * others act on it later without looking again: an IFUNC's resolver is
 * called by the IFUNC pass and by dependents' loads (resolve_cb()), an
 * exported function by CALL and by dependents, and a TLS symbol's offset
 * is handed to __tls_get_addr() for a block of the TLS size.  Sections
 * lie whole in their runs, so staying inside the section is enough.
 */
static int check_symbol_kind(const struct elfk_rel *rel, u32 i,
			     const Elf64_Sym *s, const Elf64_Shdr *sh,
			     struct elfk_log *log)
{
	u8 type = ELF64_ST_TYPE(s->st_info);
	u8 bind = ELF64_ST_BIND(s->st_info);
	const char *name = rel->strtab + s->st_name;

	if (type == STT_GNU_IFUNC && s->st_value >= sh->sh_size)
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': STT_GNU_IFUNC resolver at 0x%llx is not inside section %u '%s' (0x%llx bytes)",
				   i, name, (unsigned long long)s->st_value,
				   s->st_shndx, sec_name(rel, s->st_shndx),
				   (unsigned long long)sh->sh_size);
	if (type == STT_FUNC && bind != STB_LOCAL &&
	    rel->secs[s->st_shndx].run != RUN_TEXT)
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': global STT_FUNC in section %u '%s', which is not executable",
				   i, name, s->st_shndx, sec_name(rel, s->st_shndx));
	/* Dependents and CALL may branch to it: it must start in the code. */
	if (type == STT_FUNC && bind != STB_LOCAL && s->st_value >= sh->sh_size)
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': global STT_FUNC at 0x%llx is not inside section %u '%s' (0x%llx bytes)",
				   i, name, (unsigned long long)s->st_value,
				   s->st_shndx, sec_name(rel, s->st_shndx),
				   (unsigned long long)sh->sh_size);
	if (type == STT_TLS && s->st_size > sh->sh_size - s->st_value)
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': STT_TLS [0x%llx, +0x%llx) runs past the end of section %u '%s' (0x%llx bytes)",
				   i, name, (unsigned long long)s->st_value,
				   (unsigned long long)s->st_size, s->st_shndx,
				   sec_name(rel, s->st_shndx),
				   (unsigned long long)sh->sh_size);
	return 0;
}

int ld_check_symbol(struct elfk_rel *rel, u32 i, struct elfk_log *log)
{
	Elf64_Sym *s = &rel->syms[i];
	const Elf64_Shdr *sh;
	u8 type = ELF64_ST_TYPE(s->st_info);

	if (s->st_name >= rel->strsz)
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u: st_name 0x%x is outside the string table (%llu bytes)",
				   i, s->st_name, (unsigned long long)rel->strsz);
	if (type == STT_TLS && s->st_shndx != SHN_UNDEF &&
	    (s->st_shndx >= rel->shnum || !rel->secs[s->st_shndx].tls))
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': STT_TLS, but st_shndx 0x%x is not a thread-local (SHF_TLS) section",
				   i, rel->strtab + s->st_name, s->st_shndx);
	if (type == STT_GNU_IFUNC &&
	    (s->st_shndx == SHN_UNDEF || s->st_shndx >= rel->shnum ||
	     rel->secs[s->st_shndx].run != RUN_TEXT))
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': STT_GNU_IFUNC, but st_shndx 0x%x is not an executable section (its resolver must be)",
				   i, rel->strtab + s->st_name, s->st_shndx);
	switch (s->st_shndx) {
	case SHN_UNDEF:
	case SHN_ABS:
		return 0;
	case SHN_COMMON:
		/* COMMON goes to the data run: no code there. */
		if (type == STT_FUNC)
			return elfk_reject(log, -ENOEXEC,
					   "symbol %u '%s': STT_FUNC in SHN_COMMON, which is not executable",
					   i, rel->strtab + s->st_name);
		if (!is_power_of_2(s->st_value) || s->st_value > ELFK_REL_MAX_ALIGN)
			return elfk_reject(log, -ENOEXEC,
					   "symbol %u '%s': SHN_COMMON alignment 0x%llx is not a power of two up to 0x%llx",
					   i, rel->strtab + s->st_name,
					   (unsigned long long)s->st_value,
					   ELFK_REL_MAX_ALIGN);
		return 0;
	case SHN_XINDEX:
		return elfk_reject(log, -EOPNOTSUPP,
				   "symbol %u '%s': st_shndx SHN_XINDEX (extended section indices) is not supported",
				   i, rel->strtab + s->st_name);
	}
	if (s->st_shndx >= rel->shnum)
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': st_shndx 0x%x is not a section index (e_shnum %u)",
				   i, rel->strtab + s->st_name, s->st_shndx,
				   rel->shnum);
	sh = &rel->shdrs[s->st_shndx];
	if (rel->secs[s->st_shndx].tls && type != STT_TLS && type != STT_SECTION)
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': st_type %u in thread-local section %u '%s' (expected STT_TLS)",
				   i, rel->strtab + s->st_name, type, s->st_shndx,
				   sec_name(rel, s->st_shndx));
	if (!sec_loaded(rel, s->st_shndx)) {
		/* Debug sections and the like: not loaded, never bound. */
		s->st_info = (STB_LOCAL << 4) | type;
		return 0;
	}
	if (s->st_value > sh->sh_size)
		return elfk_reject(log, -ENOEXEC,
				   "symbol %u '%s': st_value 0x%llx is past the end of section %u '%s' (0x%llx bytes)",
				   i, rel->strtab + s->st_name,
				   (unsigned long long)s->st_value, s->st_shndx,
				   sec_name(rel, s->st_shndx),
				   (unsigned long long)sh->sh_size);
	return check_symbol_kind(rel, i, s, sh, log);
}

/* ---- the lookup index -------------------------------------------------------- */

int ld_build_index(struct elfk_rel *rel, struct elfk_log *log)
{
	u32 i, n = 0, h, at, steps;

	for (i = 1; i < rel->nsyms; i++)
		n += elfk_bind_exported(&rel->syms[i]);
	rel->nbuckets = 1;
	while (rel->nbuckets < n)
		rel->nbuckets <<= 1;
	rel->buckets = zalloc_array(rel->nbuckets, sizeof(u32));
	rel->chain = zalloc_array(rel->nsyms, sizeof(u32));
	if (!rel->buckets || !rel->chain)
		return -ENOMEM;
	for (i = 1; i < rel->nsyms; i++) {
		const char *name = rel->strtab + rel->syms[i].st_name;

		if (!elfk_bind_exported(&rel->syms[i]))
			continue;
		h = elfk_gnu_hash(name) & (rel->nbuckets - 1);
		for (at = rel->buckets[h], steps = 0; at && steps < rel->nsyms;
		     at = rel->chain[at - 1], steps++) {
			if (!strcmp(rel->strtab + rel->syms[at - 1].st_name, name))
				return elfk_reject(log, -ENOEXEC,
						   "symbol %u: '%s' is defined twice (also symbol %u)",
						   i, name, at - 1);
		}
		rel->chain[i] = rel->buckets[h];
		rel->buckets[h] = i + 1;
		if (i % 4096 == 0)
			elfk_env_resched();
	}
	return 0;
}

/* @hash is elfk_gnu_hash(@name), computed once by the caller's scope walk. */
const Elf64_Sym *elfk_rel_lookup_hash(const struct elfk_elf *elf,
				      const char *name, u32 hash)
{
	const struct elfk_rel *rel = elf->rel;
	u32 at, steps;

	at = rel->buckets[hash & (rel->nbuckets - 1)];
	for (steps = 0; at && steps < rel->nsyms; steps++) {
		const Elf64_Sym *s = &rel->syms[at - 1];

		if (!strcmp(rel->strtab + s->st_name, name))
			return s;
		at = rel->chain[at - 1];
	}
	return NULL;
}

const Elf64_Sym *elfk_rel_lookup(const struct elfk_elf *elf, const char *name)
{
	return elfk_rel_lookup_hash(elf, name, elfk_gnu_hash(name));
}
