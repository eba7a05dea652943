// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target 2: the whole core pipeline the kernel runs on an image,
 * short of executing anything in it:
 *
 *   elfk_image_load() (parse, allocate elf.vsize bytes aligned to
 *   elf.align, place, relocate with a resolver that knows a few names,
 *   check entries and branch targets, the IFUNC pass) with oracles between
 *   its steps (fuzz_observe(): symbols, sections, the permission walks) ->
 *   elfk_elf_lookup() of a few names and of every symbol the table defines
 *   -> elfk_elf_release().  IFUNC resolvers are never called.
 *
 * The placed region is exactly elf.vsize bytes, so AddressSanitizer flags
 * a segment copy or relocation write past it.  Broken invariants of the
 * core's contract (core.h) abort, which libFuzzer records as a crash.
 *
 * Oracles catch what does not crash here but would in the kernel: the
 * core runs with a copy of the arch table whose hooks check every
 * relocation write (inside a writable segment; for ET_REL, inside a
 * placed section) and every branch-target probe (inside placed text, with
 * a length that stays there).  The IFUNC pass runs with that probe
 * answering "no ENDBR64", so it checks the resolver it would call and
 * then refuses it: nothing in the image executes.  After a successful
 * load, every placed ET_REL section lies in a run with its permissions,
 * every IFUNC resolver, exported function and DT_INIT/DT_FINI lies in
 * placed text, every TLS symbol fits its block, and no page is W+X.
 */
#include "fuzz_common.h"
#include "elf_rel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Fake kernel addresses for the names the resolver knows. */
static const char *const known[] = {
	"memcpy", "memset", "memmove", "strlen", "snprintf", "ktime_get_ns",
	"elfk_self_printk", "elfk_self_malloc", "elfk_self_free", "__elfk_self",
	"__x86_return_thunk", "__tls_get_addr",
};

/* Like the kernel's resolver: known names only, versioned or TLS ones never. */
static int fuzz_lookup(void *ctx, const char *name, const char *version,
		       const char *file, u8 type, struct elfk_sym_result *res)
{
	unsigned int i;

	if (version || type == STT_TLS)
		return -ENOENT;
	for (i = 0; i < ARRAY_SIZE(known); i++) {
		if (!strcmp(name, known[i])) {
			res->value = 0xffffffff81000000ULL + 0x40 * i;
			return 0;
		}
	}
	return -ENOENT;
}

/* ---- oracles through the arch hooks ---------------------------------- */

static const struct elfk_elf *cur_elf;
static bool relocated;
static const u8 *cur_image;

/* The segment holding [p, p + len) of the placed region, or NULL. */
static const struct elfk_segment *placed_seg(const struct elfk_elf *elf,
					     const u8 *p, u64 len)
{
	u64 off;

	if (p < elf->base || p > elf->base + elf->vsize)
		return NULL;
	off = (u64)(p - elf->base);
	return elfk_elf_segment_of(elf, elf->vbase + off, len);
}

static void check_write(const u8 *where, u32 width, const char *what)
{
	const struct elfk_segment *seg = placed_seg(cur_elf, where, width);

	fuzz_assert(seg, "%s writes %u bytes at region offset 0x%llx, outside every segment",
		    what, width, (unsigned long long)(where - cur_elf->base));
	/* ET_REL relocates every run before protecting; ET_DYN only data. */
	fuzz_assert(cur_elf->rel || (seg->prot & ELFK_PROT_W),
		    "%s writes into read-only segment %u", what, seg->phdr_index);
}

static int oracle_reloc_apply(const struct elfk_reloc *r, struct elfk_log *log)
{
	check_write(r->where, elfk_arch_ops.reloc_width(r->type), r->table);
	return elfk_arch_ops.reloc_apply(r, log);
}

/* An ET_REL relocation writes inside a placed section, whole. */
static void check_rel_write(const u8 *where, u32 width, const char *what)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)cur_image;
	const Elf64_Shdr *sh = (const Elf64_Shdr *)(cur_image + eh->e_shoff);
	u64 off = (u64)(where - cur_elf->base), addr;
	u32 i;

	if (eh->e_shnum > 256)
		return;
	for (i = 1; i < eh->e_shnum; i++)
		if (elfk_rel_section_addr(cur_elf, i, &addr) && off >= addr &&
		    width <= sh[i].sh_size && off - addr <= sh[i].sh_size - width)
			return;
	fuzz_assert(0, "%s writes %u bytes at region offset 0x%llx, outside every placed section",
		    what, width, (unsigned long long)off);
}

static int oracle_rel_apply(const struct elfk_rel_fixup *f, struct elfk_log *log)
{
	u32 width = elfk_arch_ops.rel_ops->width(f->r.type);

	check_write(f->r.where, width, f->r.table);
	check_rel_write(f->r.where, width, f->r.table);
	return elfk_arch_ops.rel_ops->apply(f, log);
}

/* Every probe says yes (all targets get probed) or no (nothing runs). */
static bool probe_answer;
static unsigned int nr_probes;

/* Whatever the loader may call, it first probes: that must be placed text. */
static bool oracle_branch_target(const u8 *p, u64 len)
{
	const struct elfk_segment *seg = placed_seg(cur_elf, p, len ? len : 1);

	fuzz_assert(seg && (seg->prot & ELFK_PROT_X),
		    "branch target at region offset 0x%llx (+0x%llx) is not inside placed text",
		    (unsigned long long)(p - cur_elf->base),
		    (unsigned long long)len);
	nr_probes++;
	/* Read the bytes as the real probe does, for AddressSanitizer. */
	elfk_arch_ops.branch_target(p, len);
	return probe_answer;
}

static struct elfk_rel_ops oracle_rel_ops;
static struct elfk_arch_ops oracle_arch;

static void oracle_arch_init(void)
{
	oracle_arch = elfk_arch_ops;
	oracle_arch.reloc_apply = oracle_reloc_apply;
	oracle_arch.branch_target = oracle_branch_target;
	oracle_rel_ops = *elfk_arch_ops.rel_ops;
	oracle_rel_ops.apply = oracle_rel_apply;
	oracle_arch.rel_ops = &oracle_rel_ops;
}

/* ---- oracles on the loaded object ------------------------------------ */

/*
 * Every SHF_ALLOC section of an ET_REL lies whole in a run of its kind,
 * and no two overlap (an unplaced one would sit at offset 0, on another).
 */
static void check_sections(const struct elfk_elf *elf, const u8 *image)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)image;
	const Elf64_Shdr *sh = (const Elf64_Shdr *)(image + eh->e_shoff);
	const struct elfk_segment *seg;
	u64 addr, other;
	u32 i, j;

	for (i = 1; i < eh->e_shnum; i++) {
		u64 flags = sh[i].sh_flags;

		if (!(flags & SHF_ALLOC) || !sh[i].sh_size)
			continue;
		if (!elfk_rel_section_addr(elf, i, &addr)) {
			fuzz_assert(!(flags & SHF_EXECINSTR),
				    "executable section %u is not placed", i);
			continue;
		}
		seg = elfk_elf_segment_of(elf, addr, sh[i].sh_size);
		fuzz_assert(seg, "section %u [0x%llx, +0x%llx) is not inside one run", i,
			    (unsigned long long)addr,
			    (unsigned long long)sh[i].sh_size);
		fuzz_assert(!!(flags & SHF_EXECINSTR) == !!(seg->prot & ELFK_PROT_X),
			    "section %u (sh_flags 0x%llx) is in run prot 0x%x", i,
			    (unsigned long long)flags, seg->prot);
		fuzz_assert((flags & SHF_WRITE) || !(seg->prot & ELFK_PROT_W),
			    "read-only section %u is in a writable run", i);
		for (j = 1; j < i && eh->e_shnum <= 256; j++) {
			if (!(sh[j].sh_flags & SHF_ALLOC) || !sh[j].sh_size ||
			    !elfk_rel_section_addr(elf, j, &other))
				continue;
			fuzz_assert(addr >= other + sh[j].sh_size ||
				    other >= addr + sh[i].sh_size,
				    "sections %u [0x%llx, +0x%llx) and %u [0x%llx, +0x%llx) overlap",
				    j, (unsigned long long)other,
				    (unsigned long long)sh[j].sh_size, i,
				    (unsigned long long)addr,
				    (unsigned long long)sh[i].sh_size);
		}
	}
}

static bool sym_exported(const Elf64_Sym *s)
{
	u8 bind = ELF64_ST_BIND(s->st_info);
	u8 vis = ELF64_ST_VISIBILITY(s->st_other);

	return (bind == STB_GLOBAL || bind == STB_WEAK || bind == STB_GNU_UNIQUE) &&
	       (vis == STV_DEFAULT || vis == STV_PROTECTED);
}

/* What others act on later without looking again (resolve_cb(), CALL). */
static void check_symbols(const struct elfk_elf *elf)
{
	const struct elfk_dynamic *dyn = &elf->dyn;
	u64 end;
	u32 i;

	if (ELFK_HAS(dyn, INIT))
		fuzz_assert(elfk_elf_text_left(elf, dyn->init), "DT_INIT outside text");
	if (ELFK_HAS(dyn, FINI))
		fuzz_assert(elfk_elf_text_left(elf, dyn->fini), "DT_FINI outside text");
	if (elf->has_tls)
		fuzz_assert(elf->tls.filesz <= elf->tls.memsz &&
			    elf->tls.memsz <= ELFK_MAX_TLS_SIZE,
			    "PT_TLS filesz 0x%llx, memsz 0x%llx",
			    (unsigned long long)elf->tls.filesz,
			    (unsigned long long)elf->tls.memsz);
	for (i = 1; i < elf->nr_syms; i++) {
		const Elf64_Sym *s = &elf->symtab[i];
		u8 type = ELF64_ST_TYPE(s->st_info);

		if (s->st_shndx == SHN_UNDEF)
			continue;
		if (type == STT_GNU_IFUNC)
			fuzz_assert(elfk_elf_text_left(elf, s->st_value),
				    "IFUNC symbol %u's resolver at 0x%llx is not in placed text",
				    i, (unsigned long long)s->st_value);
		if (type == STT_FUNC && s->st_shndx != SHN_ABS && sym_exported(s))
			fuzz_assert(elfk_elf_text_left(elf, s->st_value),
				    "exported function %u at 0x%llx is not in placed text",
				    i, (unsigned long long)s->st_value);
		if (type == STT_TLS)
			fuzz_assert(elf->has_tls &&
				    !__builtin_add_overflow(s->st_value, s->st_size, &end) &&
				    end <= elf->tls.memsz,
				    "TLS symbol %u [0x%llx, +0x%llx) is outside the 0x%llx-byte block",
				    i, (unsigned long long)s->st_value,
				    (unsigned long long)s->st_size,
				    (unsigned long long)elf->tls.memsz);
	}
}

struct prot_walk {
	const struct elfk_elf *elf;
	u64 next;
};

static int check_prot(void *ctx, u64 offset, u64 len, u32 prot)
{
	struct prot_walk *w = ctx;

	fuzz_assert(offset == w->next, "range at 0x%llx, expected 0x%llx",
		    (unsigned long long)offset, (unsigned long long)w->next);
	fuzz_assert(len > 0 && offset + len <= w->elf->vsize && offset + len > offset,
		    "range 0x%llx+0x%llx outside vsize 0x%llx",
		    (unsigned long long)offset, (unsigned long long)len,
		    (unsigned long long)w->elf->vsize);
	fuzz_assert(offset % PAGE_SIZE == 0 && len % PAGE_SIZE == 0,
		    "range 0x%llx+0x%llx not page aligned",
		    (unsigned long long)offset, (unsigned long long)len);
	fuzz_assert((prot & (ELFK_PROT_W | ELFK_PROT_X)) != (ELFK_PROT_W | ELFK_PROT_X),
		    "W+X range at 0x%llx", (unsigned long long)offset);
	w->next = offset + len;
	return 0;
}

static void check_sym(const struct elfk_elf *elf, const Elf64_Sym *s,
		      const char *name)
{
	if (!s)
		return;
	fuzz_assert(s >= elf->symtab && s < elf->symtab + elf->nr_syms,
		    "lookup of '%s' returned a symbol outside the table", name);
	fuzz_assert(!strcmp(elfk_elf_sym_name(elf, s), name),
		    "lookup of '%s' returned '%s'", name, elfk_elf_sym_name(elf, s));
	fuzz_assert(s->st_shndx != SHN_UNDEF, "lookup of '%s' found an undefined symbol",
		    name);
}

static void lookups(const struct elfk_elf *elf)
{
	static const char *const names[] = {
		"elfk_init", "elfk_exit", "seed_sum", "seed_table", "ret42",
		"data_obj", "add", "checksum", "", "no_such_symbol",
	};
	char name[256];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		check_sym(elf, elfk_elf_lookup(elf, names[i]), names[i]);
	/* Every named symbol of the table, through the hash tables. */
	for (i = 1; elf->symtab && i < elf->nr_syms && i < 256; i++) {
		const char *n = elfk_elf_sym_name(elf, &elf->symtab[i]);

		fuzz_assert(n, "symbol %u has no name", i);
		snprintf(name, sizeof(name), "%s", n);
		check_sym(elf, elfk_elf_lookup(elf, name), name);
	}
}

/* The kernel allocates this much and aligns it (elfk_object_alloc()). */
static int fuzz_alloc(void *ctx, struct elfk_elf *elf, void **base,
		      struct elfk_log *log)
{
	void **mem = ctx;

	if (posix_memalign(mem, elf->align, elf->vsize))
		return -ENOMEM;
	memset(*mem, 0, elf->vsize);
	*base = *mem;
	return 0;
}

/*
 * The oracles, between the driver's steps: the image is dropped once
 * placed; a relocated, checked object has sane symbols and sections and
 * permission walks that cover it.  Then every probe answers "no ENDBR64",
 * so the IFUNC pass checks the first resolver it would call (the oracle)
 * and refuses it before calling.
 */
static int fuzz_observe(void *ctx, enum elfk_load_step done,
			struct elfk_elf *elf)
{
	struct prot_walk walk;

	if (done == ELFK_LOAD_PLACED)
		fuzz_assert(!elf->image, "image still referenced after placing");
	if (done != ELFK_LOAD_RELOCATED)
		return 0;
	check_symbols(elf);
	if (elf->rel)
		check_sections(elf, cur_image);
	/* The permission walks run under: RELRO writable, then final. */
	walk.elf = elf;
	walk.next = 0;
	fuzz_assert(elfk_elf_walk_prot_relro_rw(elf, check_prot, &walk) == 0,
		    "walk_prot_relro_rw failed");
	fuzz_assert(walk.next == elf->vsize, "walk_prot_relro_rw covered 0x%llx of 0x%llx",
		    (unsigned long long)walk.next,
		    (unsigned long long)elf->vsize);
	walk.next = 0;
	fuzz_assert(elfk_elf_walk_prot(elf, check_prot, &walk) == 0,
		    "walk_prot failed");
	fuzz_assert(walk.next == elf->vsize, "walk_prot covered 0x%llx of 0x%llx",
		    (unsigned long long)walk.next,
		    (unsigned long long)elf->vsize);
	relocated = true;
	probe_answer = false;
	nr_probes = 0;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct elfk_resolver res = { .lookup_version = fuzz_lookup };
	struct elfk_load_env env = {
		.arch = &oracle_arch,
		.resolver = &res,
		.alloc = fuzz_alloc,
		.tls_modid = 3,
		.check_branch_targets = true,
		.check_ifunc_targets = true,
		.observe = fuzz_observe,
	};
	struct elfk_elf elf;
	struct elfk_log log;
	char logbuf[FUZZ_LOG_SIZE];
	void *mem = NULL;
	u8 *image;
	int err;

	image = malloc(size ? size : 1);
	if (!image)
		return 0;
	memcpy(image, data, size);
	memset(&elf, 0, sizeof(elf));
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	env.log = &log;
	env.ctx = &mem;

	cur_elf = &elf;
	cur_image = image;
	if (!oracle_arch.name)
		oracle_arch_init();
	/* Every target is probed; ENDBR64 itself is the host tests' job. */
	probe_answer = true;
	relocated = false;
	err = elfk_image_load(&elf, image, size, &env);
	if (relocated && elf.nr_ifunc_relocs)
		fuzz_assert(err && nr_probes == 1,
			    "IFUNC pass returned %d after %u probes: it would have called a resolver",
			    err, nr_probes);
	/* Lookups work on any placed object, relocated or not. */
	if (elf.base)
		lookups(&elf);
	fuzz_check_log(&log, logbuf, sizeof(logbuf));
	if (!elfk_log_truncated(&log))
		fuzz_check_result(err, logbuf);
	elfk_elf_release(&elf);
	free(mem);
	free(image);
	return 0;
}
