// SPDX-License-Identifier: GPL-2.0
/*
 * ET_REL: relocations, second pass (resolve, compute, write), and the
 * IFUNC pass.
 */
#include "ld.h"

/* ---- relocating ----------------------------------------------------------------- */

static u64 runtime(const struct elfk_elf *elf, u64 off)
{
	return elfk_elf_bias(elf) + elf->vbase + off;
}

static void write_got(struct elfk_elf *elf, u32 slot, u64 v)
{
	memcpy(elf->base + elf->rel->got_off + (u64)(slot - 1) * 8, &v,
	       sizeof(v));
}

/*
 * Resolve symbol @symidx once; fill its GOT slot and its TLSGD pair if it
 * has them.
 */
static int resolve(struct elfk_elf *elf, const struct elfk_resolver *res,
		   const char *table, u64 i, u32 symidx, struct elfk_log *log)
{
	struct elfk_rel *rel = elf->rel;
	const Elf64_Sym *s = &rel->syms[symidx];
	struct elfk_sym_result found = { 0 };
	struct elfk_bind_sym d;
	u64 v = 0, modid = 0;
	int err = 0;

	if (rel->resolved[symidx])
		return 0;
	elfk_bind_describe(&d, s, rel->strtab + s->st_name);
	if (is_tls_sym(rel, s))
		d.type = STT_TLS;
	if (d.type == STT_TLS && defined_here(s)) {
		err = elfk_bind_defined(elf, &d, table, i, &v, log);
		if (err < 0)
			return err;
		modid = elf->tls_modid;
	} else if (d.type == STT_TLS) {
		/* A block has no address to stand in for a missing weak one. */
		if (!res->lookup_version && !res->lookup_key)
			return elfk_reject(log, -ENOENT,
					   "undefined thread-local symbol '%s'",
					   d.name);
		err = elfk_bind_lookup(res, &d, &found);
		v = found.value;
		modid = found.tls_modid;
		if (err == -ENOENT)
			return elfk_reject(log, -ENOENT,
					   "undefined thread-local symbol '%s' (no object in its .elfk.needed list defines it)",
					   d.name);
		if (err)
			return elfk_reject(log, err,
					   "thread-local symbol '%s' could not be resolved (%d)",
					   d.name, err);
	} else if (is_ifunc(s) && rel->plt_of[symidx]) {
		/* The stub's own slot waits for the resolver. */
		v = runtime(elf, rel->plt_off) +
		    (u64)(rel->plt_of[symidx] - 1) *
		    elf->arch->rel_ops->plt_size;
	} else if (d.defined) {
		err = elfk_bind_defined(elf, &d, table, i, &v, log);
		if (err < 0)
			return err;
	} else if (!strcmp(d.name, GOT_NAME)) {
		v = runtime(elf, rel->got_off);
	} else {
		err = elfk_bind_undefined(res, &d, table, i, &found, log);
		if (err < 0)
			return err;
		v = found.value;
	}
	rel->value[symidx] = v;
	rel->resolved[symidx] = 1;
	if (rel->got_of[symidx])
		write_got(elf, rel->got_of[symidx], v);
	if (rel->tlsgd_of[symidx]) {
		write_got(elf, rel->tlsgd_of[symidx], modid);
		write_got(elf, rel->tlsgd_of[symidx] + 1, v);
	}
	return 0;
}

static int apply_one(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		     const struct elfk_resolver *res, u32 sec, u64 i,
		     const Elf64_Rela *r, struct elfk_log *log)
{
	struct elfk_rel *rel = elf->rel;
	u32 type = ELF64_R_TYPE(r->r_info), symidx = ELF64_R_SYM(r->r_info);
	u32 target = rel->shdrs[sec].sh_info, width, needs;
	struct elfk_rel_fixup f = { 0 };
	u64 off;
	int err;

	if (arch->reloc_is_noop(type))
		return 0;
	width = arch->rel_ops->width(type);
	needs = arch->rel_ops->needs(type);
	f.branch = symidx && branch_via_got(rel, arch, target, type, r->r_offset);
	off = field_offset(rel, target, r->r_offset);
	elfk_reloc_init(&f.r, type, sec_name(rel, sec), i, elf->base + off,
			runtime(elf, off), r->r_addend);
	f.got = rel->has_got ? runtime(elf, rel->got_off) : 0;
	if (symidx) {
		f.r.sym_name = rel->strtab + rel->syms[symidx].st_name;
		f.sym_is_func = ELF64_ST_TYPE(rel->syms[symidx].st_info) == STT_FUNC;
		if (needs & (ELFK_REL_USES_S | ELFK_REL_GOT | ELFK_REL_PLT |
			     ELFK_REL_PLT_FUNC | ELFK_REL_TLS_GD |
			     ELFK_REL_PAIR_LO)) {
			err = resolve(elf, res, f.r.table, i, symidx, log);
			if (err)
				return err;
			f.r.S = rel->value[symidx];
		}
		if (rel->got_of[symidx])
			f.got_slot = f.got + (u64)(rel->got_of[symidx] - 1) * 8;
		if (rel->plt_of[symidx])
			f.plt = runtime(elf, rel->plt_off) +
				(u64)(rel->plt_of[symidx] - 1) *
				arch->rel_ops->plt_size;
		if (needs & ELFK_REL_TLS_GD)
			f.tls_got = f.got + (u64)(rel->tlsgd_of[symidx] - 1) * 8;
		if (needs & ELFK_REL_TLS_LD)
			f.tls_got = f.got + (u64)(rel->tlsld_slot - 1) * 8;
	}
	if (needs & ELFK_REL_PAIR_LO) {
		err = ld_pair_lo(elf, arch, &f, log);
		if (err)
			return err;
	}
	if (arch->rel_ops->field_is_clean &&
	    !arch->rel_ops->field_is_clean(type, f.r.where, width))
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: %s at 0x%llx in '%s': the field is not %s (relocated twice, or overlapping relocations)",
				   f.r.table, (unsigned long long)i,
				   type_name(arch, type),
				   (unsigned long long)r->r_offset,
				   sec_name(rel, target),
				   arch->rel_ops->clean_field ?: "as assembled");
	err = arch->rel_ops->apply(&f, log);
	if (!err && (needs & ELFK_REL_PAIR_HI))
		ld_pair_hi(elf, arch, &f, off);
	return err;
}

/**
 * elfk_rel_relocate() - apply every SHT_RELA section of a placed ET_REL
 * @elf: the object, placed by elfk_elf_place()
 * @arch: the architecture
 * @res: where undefined symbols are looked up
 * @log: the log
 *
 * Relocations of sections that are not loaded (debug information) are
 * skipped.  Each symbol is resolved once, its GOT slot filled then.
 *
 * Return: 0 or a negative errno (-ENOENT, -ERANGE, -ENOEXEC, ...).
 */
int elfk_rel_relocate(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		      const struct elfk_resolver *res, struct elfk_log *log)
{
	struct elfk_rel *rel = elf->rel;
	const Elf64_Rela *rela;
	u64 i, n;
	u32 sec;
	int err;

	elf->nr_ifunc_relocs = rel->nr_ifunc;
	/* The local-dynamic pair: this object's block, offset 0. */
	if (rel->tlsld_slot) {
		write_got(elf, rel->tlsld_slot, elf->tls_modid);
		write_got(elf, rel->tlsld_slot + 1, 0);
	}
	if (rel->pairs) {
		err = ld_pairs_index(elf, arch, log);
		if (err)
			return err;
	}
	for (sec = 1; sec < rel->shnum; sec++) {
		if (!rela_applies(rel, sec))
			continue;
		n = rel->shdrs[sec].sh_size / sizeof(Elf64_Rela);
		rela = (const Elf64_Rela *)(rel->image + rel->shdrs[sec].sh_offset);
		for (i = 0; i < n; i++) {
			err = apply_one(elf, arch, res, sec, i, &rela[i], log);
			if (err)
				return err;
			if (i % ELFK_REL_RESCHED_EVERY == ELFK_REL_RESCHED_EVERY - 1)
				elfk_env_resched();
		}
	}
	elfk_log_verbose(log, "relocate: %u ET_REL relocations applied, %u IFUNCs deferred",
			 elf->nr_relocs, rel->nr_ifunc);
	return 0;
}

/*
 * The IFUNC pass (ifunc.c): each IFUNC symbol with a PLT stub, in symbol
 * order; its resolver's result goes to the GOT slot the stub jumps through
 * (the one after its ordinary slot).  ld_check_symbol() made sure the
 * resolver is in the object's text.
 */
int elfk_rel_next_ifunc(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
			const struct elfk_resolver *res, struct elfk_ifunc *it,
			struct elfk_log *log)
{
	struct elfk_rel *rel = elf->rel;
	const Elf64_Sym *s;
	u64 i;

	for (i = it->pos ?: 1; i < rel->nsyms; i++) {
		s = &rel->syms[i];
		if (!is_ifunc(s) || !rel->plt_of[i])
			continue;
		it->pos = i + 1;
		it->name = rel->strtab + s->st_name;
		it->resolver = s->st_value;
		it->r.where = elf->base + rel->got_off + (u64)rel->got_of[i] * 8;
		return 1;
	}
	it->pos = rel->nsyms;
	return 0;
}

int elfk_rel_set_ifunc(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		       struct elfk_ifunc *it, u64 value, struct elfk_log *log)
{
	memcpy(it->r.where, &value, sizeof(value));
	return 0;
}
