// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target 2: the whole core pipeline the kernel runs on an image,
 * short of executing anything in it:
 *
 *   elfk_elf_parse() -> allocate elf.vsize bytes aligned to elf.align ->
 *   elfk_elf_place() -> elfk_reloc_apply() (a resolver that knows a few
 *   names; ET_REL objects go through elfk_rel_relocate()) ->
 *   elfk_elf_check_entries() -> elfk_elf_check_branch_targets() ->
 *   elfk_elf_walk_prot_relro_rw() and elfk_elf_walk_prot() ->
 *   elfk_elf_lookup() of a few names and of every symbol the table defines
 *   -> elfk_elf_release().  IFUNC resolvers are never called.
 *
 * The placed region is exactly elf.vsize bytes, so AddressSanitizer flags
 * a segment copy or relocation write past it.  Broken invariants of the
 * core's contract (core.h) abort, which libFuzzer records as a crash.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Fake kernel addresses for the names the resolver knows. */
static const char *const known[] = {
	"memcpy", "memset", "memmove", "strlen", "snprintf", "ktime_get_ns",
	"elfk_self_printk", "elfk_self_malloc", "elfk_self_free", "__elfk_self",
	"__x86_return_thunk",
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct elfk_resolver res = { .lookup_version = fuzz_lookup };
	struct prot_walk walk;
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

	err = elfk_elf_parse(&elf, image, size, &elfk_default_limits, &log);
	if (err)
		goto out;
	/* The kernel allocates this much and aligns it (elfk_object_alloc()). */
	if (posix_memalign(&mem, elf.align, elf.vsize))
		goto out_image;
	memset(mem, 0, elf.vsize);
	elfk_elf_place(&elf, mem);
	fuzz_assert(!elf.image, "image still referenced after placing");
	elf.tls_modid = elf.has_tls ? 3 : 0;

	err = elfk_reloc_apply(&elf, &elfk_arch_ops, &res, &log);
	if (!err)
		err = elfk_elf_check_entries(&elf, &log);
	if (!err)
		err = elfk_elf_check_branch_targets(&elf, &elfk_arch_ops, &log);
	/*
	 * The IFUNC pass (elfk_reloc_apply_ifuncs()) calls resolvers in the
	 * image: never run here.  The intermediate permissions it runs under
	 * (RELRO still writable) are walked instead.
	 */
	if (!err) {
		walk.elf = &elf;
		walk.next = 0;
		fuzz_assert(elfk_elf_walk_prot_relro_rw(&elf, check_prot, &walk) == 0,
			    "walk_prot_relro_rw failed");
		fuzz_assert(walk.next == elf.vsize, "walk_prot_relro_rw covered 0x%llx of 0x%llx",
			    (unsigned long long)walk.next,
			    (unsigned long long)elf.vsize);
		walk.next = 0;
		fuzz_assert(elfk_elf_walk_prot(&elf, check_prot, &walk) == 0,
			    "walk_prot failed");
		fuzz_assert(walk.next == elf.vsize, "walk_prot covered 0x%llx of 0x%llx",
			    (unsigned long long)walk.next,
			    (unsigned long long)elf.vsize);
	}
	/* Lookups work on any placed object, relocated or not. */
	lookups(&elf);
out:
	fuzz_check_log(&log, logbuf, sizeof(logbuf));
	if (!elfk_log_truncated(&log))
		fuzz_check_result(err, logbuf);
out_image:
	elfk_elf_release(&elf);
	free(mem);
	free(image);
	return 0;
}
