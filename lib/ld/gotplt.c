// SPDX-License-Identifier: GPL-2.0
/*
 * ET_REL: relocations, first pass: every entry validated, and what it
 * needs counted (GOT slots, PLT stubs, TLS pairs) before the layout.
 */
#include "ld.h"

/* ---- relocations, first pass: validate and count GOT and PLT needs ------- */

static int check_rela_section(const struct elfk_rel *rel,
			      const struct elfk_arch_ops *arch, u32 i,
			      struct elfk_log *log)
{
	const Elf64_Shdr *sh = &rel->shdrs[i];

	if (sh->sh_type == SHT_REL) {
		if (rel->secs[sh->sh_info].run)
			return elfk_reject(log, -EOPNOTSUPP,
					   "section %u '%s': SHT_REL; %s objects use SHT_RELA",
					   i, sec_name(rel, i), arch->name);
		return 0;
	}
	if (sh->sh_type != SHT_RELA)
		return 0;
	if (sh->sh_entsize != sizeof(Elf64_Rela) || sh->sh_size % sizeof(Elf64_Rela) ||
	    sh->sh_offset % 8)
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': SHT_RELA with sh_entsize %llu, sh_size 0x%llx, sh_offset 0x%llx (expected %zu-byte entries, 8-byte aligned)",
				   i, sec_name(rel, i),
				   (unsigned long long)sh->sh_entsize,
				   (unsigned long long)sh->sh_size,
				   (unsigned long long)sh->sh_offset,
				   sizeof(Elf64_Rela));
	if (sh->sh_link != rel->symtab_idx)
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': sh_link %u is not the symbol table (section %u)",
				   i, sec_name(rel, i), sh->sh_link, rel->symtab_idx);
	if (!sh->sh_info)
		return elfk_reject(log, -ENOEXEC,
				   "section %u '%s': sh_info 0 names no section to relocate",
				   i, sec_name(rel, i));
	return 0;
}

/* A symbol's name for messages: a section symbol is named by its section. */
static const char *sym_label(const struct elfk_rel *rel, const Elf64_Sym *s)
{
	if (ELF64_ST_TYPE(s->st_info) == STT_SECTION && s->st_shndx < rel->shnum)
		return sec_name(rel, s->st_shndx);
	return rel->strtab + s->st_name;
}

/* Checks and GOT pairs of a relocation that addresses thread-local data. */
static int count_tls(struct elfk_rel *rel, const struct elfk_arch_ops *arch,
		     const char *table, u64 i, u32 type, u32 needs, u32 symidx,
		     struct elfk_log *log)
{
	const Elf64_Sym *s = &rel->syms[symidx];
	const char *name = sym_label(rel, s);

	if (!(needs & ELFK_REL_TLS)) {
		if (needs & (ELFK_REL_USES_S | ELFK_REL_GOT | ELFK_REL_PLT |
			     ELFK_REL_PLT_FUNC) && is_tls_sym(rel, s))
			return elfk_reject(log, -ENOEXEC,
					   "%s[%llu]: %s against thread-local symbol '%s': only TLS relocations may address it",
					   table, (unsigned long long)i,
					   type_name(arch, type), name);
		return 0;
	}
	if (!is_tls_sym(rel, s))
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: %s against '%s', which is not a thread-local symbol",
				   table, (unsigned long long)i,
				   type_name(arch, type), name);
	/* Offsets and the module's own pair only mean anything here. */
	if ((needs & (ELFK_REL_TLS_OFF | ELFK_REL_TLS_LD)) && !defined_here(s))
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: %s against '%s', which is not defined in this object (a local-dynamic access must be)",
				   table, (unsigned long long)i,
				   type_name(arch, type), name);
	if ((needs & ELFK_REL_TLS_GD) && !rel->tlsgd_of[symidx]) {
		rel->tlsgd_of[symidx] = rel->nr_got + 1;
		rel->nr_got += 2;
	}
	if ((needs & ELFK_REL_TLS_LD) && !rel->tlsld_slot) {
		rel->tlsld_slot = rel->nr_got + 1;
		rel->nr_got += 2;
	}
	return 0;
}

static int count_one(struct elfk_elf *elf, struct elfk_rel *rel,
		     const struct elfk_arch_ops *arch, u32 sec, u64 i,
		     const Elf64_Rela *r, struct elfk_log *log)
{
	const char *table = sec_name(rel, sec);
	const Elf64_Shdr *target = &rel->shdrs[rel->shdrs[sec].sh_info];
	const struct elfk_rel_sec *ts = &rel->secs[rel->shdrs[sec].sh_info];
	u32 type = ELF64_R_TYPE(r->r_info), symidx = ELF64_R_SYM(r->r_info);
	u32 width, needs;
	const Elf64_Sym *s;
	u64 end;
	int err;

	if (arch->reloc_is_noop(type))
		return 0;
	width = arch->rel_ops->width(type);
	if (!width)
		return elfk_reloc_refuse(arch, table, i, type,
					 " in ET_REL objects", log);
	if (check_add_overflow(r->r_offset, (u64)width, &end) ||
	    end > target->sh_size || target->sh_type == SHT_NOBITS)
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: r_offset 0x%llx (+%u bytes) is outside section '%s' (0x%llx bytes%s)",
				   table, (unsigned long long)i,
				   (unsigned long long)r->r_offset, width,
				   sec_name(rel, rel->shdrs[sec].sh_info),
				   (unsigned long long)target->sh_size,
				   target->sh_type == SHT_NOBITS ? ", SHT_NOBITS" : "");
	if (ts->reversed && (width != 8 || r->r_offset % 8))
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: %s at 0x%llx in '%s' is not an aligned 8-byte entry",
				   table, (unsigned long long)i,
				   type_name(arch, type),
				   (unsigned long long)r->r_offset,
				   sec_name(rel, rel->shdrs[sec].sh_info));
	if (symidx >= rel->nsyms)
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: symbol index %u is past the %u symbols",
				   table, (unsigned long long)i, symidx, rel->nsyms);
	needs = arch->rel_ops->needs(type);
	if ((needs & (ELFK_REL_PAIR_HI | ELFK_REL_PAIR_LO)) &&
	    !arch->rel_ops->pair_value)
		return elfk_reject(log, -EOPNOTSUPP,
				   "%s[%llu]: %s is one half of a pair, and %s pairs no relocations",
				   table, (unsigned long long)i,
				   type_name(arch, type), arch->name);
	if (needs & ELFK_REL_PAIR_HI)
		rel->nr_pair_hi++;
	if (branch_via_got(rel, arch, rel->shdrs[sec].sh_info, type, r->r_offset))
		needs |= ELFK_REL_PLT;
	if (needs & ELFK_REL_GOT_BASE)
		rel->has_got = true;
	if (!symidx) {
		if (needs & (ELFK_REL_GOT | ELFK_REL_PLT | ELFK_REL_TLS |
			     ELFK_REL_PAIR_LO))
			return elfk_reject(log, -ENOEXEC,
					   "%s[%llu]: %s needs a symbol",
					   table, (unsigned long long)i,
					   type_name(arch, type));
		return 0;
	}
	s = &rel->syms[symidx];
	if (s->st_shndx < rel->shnum && defined_here(s) &&
	    !sec_loaded(rel, s->st_shndx))
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: symbol %u '%s' is in section '%s', which is not loaded",
				   table, (unsigned long long)i, symidx,
				   rel->strtab + s->st_name,
				   sec_name(rel, s->st_shndx));
	err = count_tls(rel, arch, table, i, type, needs, symidx, log);
	if (err)
		return err;
	if (s->st_shndx == SHN_UNDEF && !strcmp(rel->strtab + s->st_name, GOT_NAME))
		rel->has_got = true;
	if (is_ifunc(s) && (needs & (ELFK_REL_USES_S | ELFK_REL_GOT |
				     ELFK_REL_PLT | ELFK_REL_PLT_FUNC))) {
		if (!rel->plt_of[symidx]) {
			rel->plt_of[symidx] = ++rel->nr_plt;
			rel->got_of[symidx] = rel->nr_got + 1;
			rel->nr_got += 2;
			rel->nr_ifunc++;
		}
	} else if ((needs & ELFK_REL_PLT) ||
		   ((needs & ELFK_REL_PLT_FUNC) &&
		    ELF64_ST_TYPE(s->st_info) == STT_FUNC)) {
		/* Only what is not in the region can be out of reach. */
		if (!defined_here(s) && !rel->plt_of[symidx]) {
			rel->plt_of[symidx] = ++rel->nr_plt;
			needs |= ELFK_REL_GOT;
		}
	}
	if ((needs & ELFK_REL_GOT) && !rel->got_of[symidx])
		rel->got_of[symidx] = ++rel->nr_got;
	elf->nr_relocs++;
	return 0;
}

int ld_count_relocs(struct elfk_elf *elf, struct elfk_rel *rel,
		    const struct elfk_limits *lim, struct elfk_log *log)
{
	const struct elfk_arch_ops *arch = elf->arch;
	const Elf64_Rela *rela;
	u64 i, n, total = 0;
	u32 sec;
	int err;

	for (sec = 1; sec < rel->shnum; sec++) {
		err = check_rela_section(rel, arch, sec, log);
		if (err)
			return err;
		if (!rela_applies(rel, sec))
			continue;
		n = rel->shdrs[sec].sh_size / sizeof(Elf64_Rela);
		total += n;
		if (total > lim->max_relocs)
			return elfk_reject(log, -E2BIG,
					   "more than %u relocations, the max_relocs cap",
					   lim->max_relocs);
		rela = (const Elf64_Rela *)(elf->image + rel->shdrs[sec].sh_offset);
		for (i = 0; i < n; i++) {
			err = count_one(elf, rel, arch, sec, i, &rela[i], log);
			if (err)
				return err;
			if (i % ELFK_REL_RESCHED_EVERY == ELFK_REL_RESCHED_EVERY - 1)
				elfk_env_resched();
		}
	}
	if (rel->nr_got)
		rel->has_got = true;
	return rel->nr_pair_hi ? ld_pairs_alloc(rel, log) : 0;
}
