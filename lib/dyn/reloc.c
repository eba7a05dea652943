// SPDX-License-Identifier: GPL-2.0
/*
 * The relocation driver.
 *
 * Symbols are resolved here, once, for every architecture; the arch only
 * computes and writes values (see struct elfk_arch_ops).  The lookup scope
 * of an ET_DYN object is the object itself first, as with DT_SYMBOLIC, then
 * the resolver (elfk's exported kernel-symbol table).  Every field written
 * must lie inside a writable segment: text relocations are refused.
 */
#include "../bind.h"

#define ELFK_RESCHED_EVERY 1024

struct reloc_table {
	const char *name;
	u64 vaddr;
	u64 size;
};

/*
 * What one walk over a table remembers: the writable segment the last
 * field was in, and the last undefined symbol bound with what it bound
 * to.  ld sorts the relocations of DT_RELA by symbol (-z combreloc), so
 * the references to one symbol come together and only the first is looked
 * up, as ld.so's one-entry lookup cache does.  Both are answers the full
 * search would give again: the segments do not overlap, and the resolver
 * answers a name the same way within one load.
 */
struct reloc_walk {
	const struct elfk_segment *wseg;
	u32 symidx;			/* 0: nothing remembered */
	int bound;			/* elfk_bind_undefined()'s 0 or 1 */
	struct elfk_sym_result found;
};

static int resolve(struct elfk_elf *elf, const struct elfk_resolver *res,
		   const struct reloc_table *t, u64 i, u32 symidx,
		   struct elfk_reloc *r, struct reloc_walk *w,
		   struct elfk_log *log)
{
	struct elfk_bind_sym d;
	int err;

	r->S = 0;
	r->sym_name = "";
	r->ifunc = false;
	if (!symidx)
		return 0;
	if (symidx >= elf->nr_syms)
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: symbol index %u is past the %u dynamic symbols",
				   t->name, (unsigned long long)i, symidx,
				   elf->nr_syms);
	elfk_bind_describe(&d, &elf->symtab[symidx],
			   elfk_elf_sym_name(elf, &elf->symtab[symidx]));
	r->sym_name = d.name;
	if (d.defined) {
		err = elfk_bind_defined(elf, &d, t->name, i, &r->S, log);
		if (err < 0)
			return err;
		r->ifunc = err == ELFK_BIND_IFUNC;
		return 0;
	}
	if (w->symidx != symidx) {
		d.version = elfk_elf_ref_version(elf, symidx, &d.file);
		err = elfk_bind_undefined(res, &d, t->name, i, &w->found, log);
		if (err < 0)
			return err;
		w->symidx = symidx;
		w->bound = err;
	}
	r->S = w->found.value;
	if (!w->bound && d.type == STT_TLS)
		r->tls_modid = w->found.tls_modid;
	return 0;
}

/* The segment holding [@vaddr, +@width), the last one found tried first. */
static const struct elfk_segment *field_segment(const struct elfk_elf *elf,
						u64 vaddr, u32 width,
						struct reloc_walk *w)
{
	const struct elfk_segment *seg = w->wseg;

	if (seg && vaddr >= seg->vaddr && width <= seg->memsz &&
	    vaddr - seg->vaddr <= seg->memsz - width)
		return seg;
	seg = elfk_elf_segment_of(elf, vaddr, width);
	if (seg && (seg->prot & ELFK_PROT_W))
		w->wseg = seg;
	return seg;
}

/*
 * Check and resolve one relocation, then apply it (@ifunc NULL: the main
 * pass, which defers IFUNC relocations), or (the IFUNC pass) copy it to
 * @ifunc and return 1 if it is one the IFUNC pass completes.
 */
static int apply_one(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		     const struct elfk_resolver *res,
		     const struct reloc_table *t, u64 i, const Elf64_Rela *rela,
		     struct elfk_reloc *ifunc, struct reloc_walk *w,
		     struct elfk_log *log)
{
	u32 type = ELF64_R_TYPE(rela->r_info);
	const struct elfk_segment *seg;
	struct elfk_reloc r;
	u32 width;
	int err;

	if (arch->reloc_is_noop(type))
		return 0;
	width = arch->reloc_width(type);
	if (!width)
		return elfk_reloc_refuse(arch, t->name, i, type, "", log);

	seg = field_segment(elf, rela->r_offset, width, w);
	if (!seg)
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: r_offset 0x%llx (+%u bytes) is outside every PT_LOAD",
				   t->name, (unsigned long long)i,
				   (unsigned long long)rela->r_offset, width);
	if (!(seg->prot & ELFK_PROT_W))
		return elfk_reject(log, -EOPNOTSUPP,
				   "%s[%llu]: r_offset 0x%llx is in read-only PT_LOAD %u (a text relocation)",
				   t->name, (unsigned long long)i,
				   (unsigned long long)rela->r_offset,
				   seg->phdr_index);

	r.B = elfk_elf_bias(elf);
	elfk_reloc_init(&r, type, t->name, i,
			elfk_elf_ptr(elf, rela->r_offset), rela->r_offset + r.B,
			rela->r_addend);
	r.tls_modid = elf->tls_modid;
	err = resolve(elf, res, t, i, ELF64_R_SYM(rela->r_info), &r, w, log);
	if (err)
		return err;
	/*
	 * A TLS relocation names this object's block unless its symbol was
	 * found in a dependency, which gave that object's module id.
	 */
	if (arch->reloc_is_tls(type) && !elf->has_tls && !r.tls_modid)
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: %s needs a PT_TLS segment, and the object has none",
				   t->name, (unsigned long long)i,
				   arch->reloc_name(type));
	if (type == arch->irelative_type) {
		if (ELF64_R_SYM(rela->r_info) || !elfk_elf_is_text(elf, r.A))
			return elfk_reject(log, -ENOEXEC,
					   "%s[%llu]: %s resolver at 0x%llx is outside the executable segments",
					   t->name, (unsigned long long)i,
					   arch->reloc_name(type),
					   (unsigned long long)r.A);
		r.S = r.B + r.A;
		r.ifunc = true;
	}
	if (ifunc) {
		*ifunc = r;
		return r.ifunc;
	}
	if (r.ifunc) {
		elf->nr_ifunc_relocs++;
		return 0;
	}
	return arch->reloc_apply(&r, log);
}

static int apply_table(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		       const struct elfk_resolver *res,
		       const struct reloc_table *t, struct elfk_log *log)
{
	u64 i, n = t->size / sizeof(Elf64_Rela);
	struct reloc_walk w = { 0 };
	const Elf64_Rela *rela;
	int err;

	/* An empty table's address was never checked: form no pointer. */
	if (!n)
		return 0;
	rela = elfk_elf_ptr(elf, t->vaddr);
	for (i = 0; i < n; i++) {
		err = apply_one(elf, arch, res, t, i, &rela[i], NULL, &w, log);
		if (err)
			return err;
		if (i % ELFK_RESCHED_EVERY == ELFK_RESCHED_EVERY - 1)
			elfk_env_resched();
	}
	return 0;
}

/* One relative relocation of DT_RELR: the word at @vaddr gains the bias. */
static int relr_one(struct elfk_elf *elf, u64 i, u64 vaddr, u64 bias,
		    struct reloc_walk *w, struct elfk_log *log)
{
	const struct elfk_segment *seg = field_segment(elf, vaddr, 8, w);
	u64 v;

	if (!seg || !(seg->prot & ELFK_PROT_W))
		return elfk_reject(log, -ENOEXEC,
				   "DT_RELR[%llu]: 0x%llx is not inside a writable segment",
				   (unsigned long long)i,
				   (unsigned long long)vaddr);
	memcpy(&v, elfk_elf_ptr(elf, vaddr), sizeof(v));
	v += bias;
	memcpy(elfk_elf_ptr(elf, vaddr), &v, sizeof(v));
	return 0;
}

/*
 * DT_RELR (the gABI's packed relative relocations): an even word is an
 * address to relocate; an odd word is a bitmap of the 63 words that follow
 * the last address.  Only meaningful for the word-sized relative type, so
 * it needs no arch handler.
 */
static int apply_relr(struct elfk_elf *elf, struct elfk_log *log)
{
	u64 i, n = elf->dyn.relrsz / 8, where = 0, bits, k;
	u64 bias = elfk_elf_bias(elf);
	struct reloc_walk rw = { 0 };
	bool have_base = false;
	const u64 *w;
	int err;

	if (!n)
		return 0;
	w = elfk_elf_ptr(elf, elf->dyn.relr);
	for (i = 0; i < n; i++) {
		if (!(w[i] & 1)) {
			err = relr_one(elf, i, w[i], bias, &rw, log);
			if (err)
				return err;
			where = w[i] + 8;
			have_base = true;
			continue;
		}
		if (!have_base)
			return elfk_reject(log, -ENOEXEC,
					   "DT_RELR[%llu]: a bitmap with no address before it",
					   (unsigned long long)i);
		for (bits = w[i] >> 1, k = 0; bits; bits >>= 1, k++) {
			if (!(bits & 1))
				continue;
			err = relr_one(elf, i, where + k * 8, bias, &rw, log);
			if (err)
				return err;
		}
		where += 63 * 8;
		if (i % ELFK_RESCHED_EVERY == ELFK_RESCHED_EVERY - 1)
			elfk_env_resched();
	}
	return 0;
}

#define NR_TABLES 2

static void get_tables(const struct elfk_elf *elf,
		       struct reloc_table tables[NR_TABLES])
{
	tables[0] = (struct reloc_table){ "DT_RELA", elf->dyn.rela, 0 };
	tables[1] = (struct reloc_table){ "DT_JMPREL", elf->dyn.jmprel, 0 };
	if (ELFK_HAS(&elf->dyn, RELA))
		tables[0].size = elf->dyn.relasz;
	if (ELFK_HAS(&elf->dyn, JMPREL))
		tables[1].size = elf->dyn.pltrelsz;
}

int elfk_dyn_relocate(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		      const struct elfk_resolver *res, struct elfk_log *log)
{
	struct reloc_table tables[NR_TABLES];
	int err;
	u32 k;

	elf->nr_ifunc_relocs = 0;
	if (ELFK_HAS(&elf->dyn, RELR)) {
		err = apply_relr(elf, log);
		if (err)
			return err;
	}
	get_tables(elf, tables);
	for (k = 0; k < NR_TABLES; k++) {
		err = apply_table(elf, arch, res, &tables[k], log);
		if (err)
			return err;
	}
	elfk_log_verbose(log, "relocate: %u relocations applied, %u IFUNC relocations deferred",
			 elf->nr_relocs - elf->nr_ifunc_relocs,
			 elf->nr_ifunc_relocs);
	return 0;
}

/*
 * The IFUNC pass (ifunc.c) walks the tables again: each relocation is
 * checked and resolved as in the main pass, and the ones it deferred are
 * handed over, their resolver's link-time address in @it->resolver.
 */
int elfk_dyn_next_ifunc(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
			const struct elfk_resolver *res, struct elfk_ifunc *it,
			struct elfk_log *log)
{
	struct reloc_table tables[NR_TABLES];
	const struct reloc_table *t;
	/* Nothing remembered between calls: each starts a walk of its own. */
	struct reloc_walk w = { 0 };
	const Elf64_Rela *rela;
	u64 i, n;
	int ret;

	get_tables(elf, tables);
	for (; it->table < NR_TABLES; it->table++, it->pos = 0) {
		t = &tables[it->table];
		n = t->size / sizeof(Elf64_Rela);
		/* An empty table's address was never checked: form no pointer. */
		if (!n)
			continue;
		rela = elfk_elf_ptr(elf, t->vaddr);
		while (it->pos < n) {
			i = it->pos++;
			ret = apply_one(elf, arch, res, t, i, &rela[i], &it->r,
					&w, log);
			if (i % ELFK_RESCHED_EVERY == ELFK_RESCHED_EVERY - 1)
				elfk_env_resched();
			if (ret < 0)
				return ret;
			if (ret) {
				it->name = NULL;
				it->resolver = it->r.S - it->r.B;
				return 1;
			}
		}
	}
	return 0;
}

/* The resolver's result is the relocation's S. */
int elfk_dyn_set_ifunc(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		       struct elfk_ifunc *it, u64 value, struct elfk_log *log)
{
	it->r.S = value;
	return arch->reloc_apply(&it->r, log);
}
