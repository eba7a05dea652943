/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The binding rules: what a symbol reference binds to, the same for ET_DYN
 * and ET_REL and for a dependency's definition.  Each format describes its
 * symbol in a struct elfk_bind_sym and lets these functions decide; the
 * formats keep only what is theirs (GOT slots, PLT stubs, deferral of
 * IFUNC relocations).
 */
#ifndef _ELFK_BIND_H
#define _ELFK_BIND_H

#include "core.h"

/**
 * struct elfk_bind_sym - one symbol as the binding rules see it
 * @name: its name
 * @value: st_value: a link-time address, a TLS block offset, or an
 *         absolute value
 * @size: st_size
 * @type: STT_* (STT_TLS also for an ET_REL symbol of a TLS section)
 * @bind: STB_*
 * @defined: st_shndx is not SHN_UNDEF
 * @abs: st_shndx is SHN_ABS
 * @version: the version a reference asks for, or NULL
 * @file: the DT_NEEDED entry naming @version's provider, or NULL
 */
struct elfk_bind_sym {
	const char *name;
	u64 value;
	u64 size;
	u8 type;
	u8 bind;
	bool defined;
	bool abs;
	const char *version;
	const char *file;
};

/* What elfk_bind_defined() found: how the value it stored is used. */
enum elfk_bind_kind {
	ELFK_BIND_ADDR,		/* a run-time address */
	ELFK_BIND_ABS,		/* an absolute value */
	ELFK_BIND_TLS,		/* an offset in the defining object's block */
	ELFK_BIND_IFUNC,	/* the run-time address of an IFUNC resolver */
};

static inline void elfk_bind_describe(struct elfk_bind_sym *d,
				      const Elf64_Sym *s, const char *name)
{
	*d = (struct elfk_bind_sym) {
		.name = name,
		.value = s->st_value,
		.size = s->st_size,
		.type = ELF64_ST_TYPE(s->st_info),
		.bind = ELF64_ST_BIND(s->st_info),
		.defined = s->st_shndx != SHN_UNDEF,
		.abs = s->st_shndx == SHN_ABS,
	};
}

/**
 * elfk_bind_exported() - whether another party may bind to a definition
 * @s: the symbol
 *
 * Inline: every lookup asks it of each candidate, and the parse of a
 * provider of each exported function.
 *
 * Return: true for a global, weak or unique definition of default or
 * protected visibility that names no section.
 */
static inline bool elfk_bind_exported(const Elf64_Sym *s)
{
	u8 bind = ELF64_ST_BIND(s->st_info);
	u8 vis = ELF64_ST_VISIBILITY(s->st_other);

	if (s->st_shndx == SHN_UNDEF || ELF64_ST_TYPE(s->st_info) == STT_SECTION)
		return false;
	if (bind != STB_GLOBAL && bind != STB_WEAK && bind != STB_GNU_UNIQUE)
		return false;
	return vis == STV_DEFAULT || vis == STV_PROTECTED;
}

/**
 * elfk_elf_in_text() - elfk_elf_is_text(), the last segment it found first
 * @elf: the object
 * @vaddr: a link-time address
 * @hint: the executable segment of the last hit, or NULL; updated on a hit
 *
 * A symbol table's functions lie mostly in one segment: a walk over every
 * symbol tests that segment's bounds and walks the segments only for an
 * address outside it.  The answer is elfk_elf_is_text()'s: segments do not
 * overlap, so the one holding @vaddr is the only one that could.
 *
 * Return: true when @vaddr is inside an executable segment.
 */
static inline bool elfk_elf_in_text(const struct elfk_elf *elf, u64 vaddr,
				    const struct elfk_segment **hint)
{
	const struct elfk_segment *seg = *hint;

	if (seg && vaddr >= seg->vaddr && vaddr - seg->vaddr < seg->memsz)
		return true;
	seg = elfk_elf_segment_of(elf, vaddr, 1);
	if (!seg || !(seg->prot & ELFK_PROT_X))
		return false;
	*hint = seg;
	return true;
}

bool elfk_bind_tls_fits(const struct elfk_elf *elf, const struct elfk_bind_sym *s);
int elfk_bind_defined(const struct elfk_elf *elf, const struct elfk_bind_sym *s,
		      const char *table, u64 index, u64 *value,
		      struct elfk_log *log);
int elfk_bind_lookup(const struct elfk_resolver *res,
		     const struct elfk_bind_sym *s, struct elfk_sym_result *found);
int elfk_bind_undefined(const struct elfk_resolver *res,
			const struct elfk_bind_sym *s, const char *table,
			u64 index, struct elfk_sym_result *found,
			struct elfk_log *log);
int elfk_bind_resolver_ok(const struct elfk_elf *elf,
			  const struct elfk_arch_ops *arch, u64 vaddr,
			  bool check_targets);
int elfk_bind_dep(const struct elfk_elf *dep, const Elf64_Sym *sym, u8 want,
		  const struct elfk_arch_ops *arch, bool check_targets,
		  struct elfk_sym_result *res);

/*
 * The relocation step both formats share: the fields of the relocation
 * handed to the arch, and the refusal of a type the arch does not apply
 * (@where: "" or " in ET_REL objects").
 */
static inline void elfk_reloc_init(struct elfk_reloc *r, u32 type,
				   const char *table, u64 index, u8 *where,
				   u64 P, s64 A)
{
	r->type = type;
	r->table = table;
	r->index = index;
	r->where = where;
	r->P = P;
	r->A = A;
	r->sym_name = "";
}

int elfk_reloc_refuse(const struct elfk_arch_ops *arch, const char *table,
		      u64 index, u32 type, const char *where,
		      struct elfk_log *log);

/* elfk_bind_dep(): res->value is a resolver the caller must call. */
#define ELFK_BIND_CALL 1
/* elfk_bind_undefined(): a weak symbol nobody defines; its value is 0. */
#define ELFK_BIND_MISSING 1

#endif /* _ELFK_BIND_H */
