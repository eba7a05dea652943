// SPDX-License-Identifier: GPL-2.0
/*
 * The parse of a provider's symbols and GNU hash takes shortcuts (issue
 * 14): the last chain is range-checked once per segment and then scanned,
 * a function is tested against the text segment of the last hit first, and
 * common symbols pass all checks in one test.  Each case here is a
 * hostile image on the edge of a shortcut, with the errno and message the
 * check one by one gives, and the image one step inside the edge, which
 * must parse.
 */
#include <string.h>

#include "bind.h"
#include "host_util.h"
#include "tap.h"
#include "tests.h"

/* DT_GNU_HASH's chain in the fixture: symoffset 2, entries from 0x3dc. */
#define GNU_CHAIN_AT 0x3dc
/* The end of PT_LOAD 0's file part. */
#define SEG0_FILE_END 0x500

static int parse(struct elfk_fixture *f, u32 max_symbols, char *buf,
		 size_t size)
{
	struct elfk_limits lim = elfk_default_limits;
	struct elfk_log log;
	struct elfk_elf elf;
	int err;

	lim.max_symbols = max_symbols;
	elfk_log_init(&log, buf, size, ELFK_LOG_LEVEL_ERROR);
	err = elfk_elf_parse(&elf, &elfk_arch_ops, f->buf, f->size, &lim,
			     &log);
	elfk_elf_release(&elf);
	return err;
}

static void expect(struct elfk_fixture *f, u32 max_symbols, int want,
		   const char *msg, const char *what)
{
	char buf[512] = "";
	int err = parse(f, max_symbols, buf, sizeof(buf));

	if (!tap(err == want && (!want || strstr(buf, msg)),
		 "symcheck: %s: errno %d%s%s", what, want, want ? ", " : "",
		 want ? msg : ""))
		tap_diag("got errno %d, log: %s", err, buf);
}

/*
 * The last chain (here the only one) has no end bit up to the end of its
 * segment's file part: the first entry past it is refused, by address.
 */
static void chain_runs_off_segment(void)
{
	static struct elfk_fixture f;
	u32 *chain;
	u32 n;

	elfk_fixture_build(&f);
	chain = (u32 *)(f.buf + GNU_CHAIN_AT);
	n = (SEG0_FILE_END - GNU_CHAIN_AT) / 4;
	/* The relocation tables behind the chain: not read by the parse. */
	memset(&chain[2], 0, (n - 2) * 4);
	expect(&f, elfk_default_limits.max_symbols, -ENOEXEC,
	       "DT_GNU_HASH chain [0x500, +0x4) is not inside the file part of a PT_LOAD",
	       "a GNU chain without an end in its segment");

	/*
	 * Its end bit on the segment's last word: the chain is whole, and
	 * the 75 symbols it gives run past the segment.  Without DT_HASH,
	 * whose nchain of 5 would disagree first.
	 */
	chain[n - 1] = 1;
	elfk_fixture_dyn(&f, DT_HASH)->d_tag = DT_DEBUG;
	expect(&f, elfk_default_limits.max_symbols, -ENOEXEC,
	       "DT_SYMTAB [0x200, +0x",
	       "a GNU chain ending on its segment's last word gets to DT_SYMTAB");
}

/* The chain ends on symbol 4: a cap of 4 refuses it, a cap of 5 does not. */
static void chain_end_past_cap(void)
{
	static struct elfk_fixture f;

	elfk_fixture_build(&f);
	/* Without DT_HASH, whose nchain of 5 would meet the cap first. */
	elfk_fixture_dyn(&f, DT_HASH)->d_tag = DT_DEBUG;
	expect(&f, 4, -E2BIG,
	       "DT_GNU_HASH: chain runs past the max_symbols cap of 4",
	       "a GNU chain ending past max_symbols");
	expect(&f, 5, 0, "", "a GNU chain ending just below max_symbols");
}

/*
 * An exported function one byte past the end of the text segment that
 * ret42 (symbol 2) was found in, and on its last byte.
 */
static void func_past_text(void)
{
	static struct elfk_fixture f;
	u64 end;

	elfk_fixture_build(&f);
	end = f.ph[1].p_vaddr + f.ph[1].p_memsz;
	f.sym[ELFK_FIX_SYM_TLS_INC].st_value = end;
	expect(&f, elfk_default_limits.max_symbols, -ENOEXEC,
	       "symbol 4 'tls_inc': exported STT_FUNC at 0x1040 is outside the executable segments",
	       "an exported function just past the end of text");
	f.sym[ELFK_FIX_SYM_TLS_INC].st_value = end - 1;
	expect(&f, elfk_default_limits.max_symbols, 0, "",
	       "an exported function on the last byte of text");
}

/*
 * Executable segments at 0x0 and 0x4000 with a read-only one between them
 * (0x1000): a function in the middle one is refused whichever executable
 * segment the last function was found in.
 */
static void func_between_text(void)
{
	static const u64 first[] = { 0x10, 0x4000 };
	static struct elfk_fixture f;
	char what[96];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(first); i++) {
		elfk_fixture_build(&f);
		f.ph[0].p_flags = PF_R | PF_X;
		f.ph[1].p_flags = PF_R;
		f.ph[5] = (Elf64_Phdr) {
			.p_type = PT_LOAD, .p_flags = PF_R | PF_X,
			.p_offset = 0x2000, .p_vaddr = 0x4000,
			.p_paddr = 0x4000, .p_memsz = 0x10,
			.p_align = 0x1000,
		};
		f.sym[ELFK_FIX_SYM_RET42].st_value = first[i];
		snprintf(what, sizeof(what),
			 "a function in a read-only segment between two executable ones, after one at 0x%llx",
			 (unsigned long long)first[i]);
		expect(&f, elfk_default_limits.max_symbols, -ENOEXEC,
		       "symbol 4 'tls_inc': exported STT_FUNC at 0x1020 is outside the executable segments",
		       what);
		f.sym[ELFK_FIX_SYM_TLS_INC].st_value = first[i] + 8;
		snprintf(what, sizeof(what),
			 "two functions in the executable segment at 0x%llx",
			 (unsigned long long)first[i]);
		expect(&f, elfk_default_limits.max_symbols, 0, "", what);
	}
}

/* An object one byte past the end of the object, and on its end. */
static void object_past_end(void)
{
	static struct elfk_fixture f;

	elfk_fixture_build(&f);
	/* The object spans [0, 0x4000): its last PT_LOAD ends at 0x3100. */
	f.sym[ELFK_FIX_SYM_DATA].st_value = 0x4001;
	expect(&f, elfk_default_limits.max_symbols, -ENOEXEC,
	       "symbol 3: st_value 0x4001 is outside the object [0x0, 0x4000]",
	       "an object symbol one byte past the object");
	f.sym[ELFK_FIX_SYM_DATA].st_value = 0x4000;
	expect(&f, elfk_default_limits.max_symbols, 0, "",
	       "an object symbol at the object's end");
}

static int parse_image(const void *image, u64 size, char *buf, size_t len)
{
	struct elfk_log log;
	struct elfk_elf elf;
	int err;

	elfk_log_init(&log, buf, len, ELFK_LOG_LEVEL_ERROR);
	err = elfk_elf_parse(&elf, &elfk_arch_ops, image, size,
			     &elfk_default_limits, &log);
	elfk_elf_release(&elf);
	return err;
}

/*
 * 5,000 GNU buckets, so two blocks of the bucket check: a bad one in the
 * second block, and a later one, are found, and the first is named.
 */
static void bucket_below_symoffset(void)
{
	static u8 image[0x10000] __aligned(8);
	static struct elfk_fixture f;
	const u32 nbuckets = 5000;
	char buf[512] = "";
	Elf64_Dyn *d;
	u32 *gnu, i;
	int err;

	/* The fixture, its GNU hash moved to a PT_LOAD of its own at 0x8000. */
	elfk_fixture_build(&f);
	memcpy(image, f.buf, f.size);
	gnu = (u32 *)(image + 0x8000);
	memcpy(gnu, f.gnu, 16 + 8);
	gnu[0] = nbuckets;
	for (i = 0; i < nbuckets; i++)
		gnu[6 + i] = i % 3 ? ELFK_FIX_SYM_RET42 : 0;
	gnu[6 + nbuckets] = elfk_gnu_hash("ret42") & ~1U;
	gnu[6 + nbuckets + 1] = elfk_gnu_hash("data_obj") & ~1U;
	gnu[6 + nbuckets + 2] = elfk_gnu_hash("tls_inc") | 1U;
	((Elf64_Phdr *)(image + f.eh->e_phoff))[5] = (Elf64_Phdr) {
		.p_type = PT_LOAD, .p_flags = PF_R, .p_offset = 0x8000,
		.p_vaddr = 0x8000, .p_paddr = 0x8000,
		.p_filesz = 0x8000, .p_memsz = 0x8000, .p_align = 0x1000,
	};
	for (d = (Elf64_Dyn *)(image + ELFK_FIX_DYNAMIC); d->d_tag != DT_NULL; d++)
		if (d->d_tag == DT_GNU_HASH)
			d->d_un.d_ptr = 0x8000;
	err = parse_image(image, sizeof(image), buf, sizeof(buf));
	if (!tap(!err, "symcheck: 5,000 GNU buckets in two blocks parse"))
		tap_diag("got errno %d, log: %s", err, buf);

	gnu[6 + 4100] = 1;
	gnu[6 + 4200] = 1;
	err = parse_image(image, sizeof(image), buf, sizeof(buf));
	if (!tap(err == -ENOEXEC &&
		 strstr(buf, "DT_GNU_HASH: bucket 4100 is 1, below symoffset 2"),
		 "symcheck: the first bad GNU bucket, in the second block, is named"))
		tap_diag("got errno %d, log: %s", err, buf);
}

struct count_ctx {
	unsigned int calls;
};

static int count_lookup(void *ctx, const char *name, u64 *value)
{
	struct count_ctx *c = ctx;

	c->calls++;
	if (strcmp(name, "memcpy"))
		return -ENOENT;
	*value = HOST_MEMCPY_ADDR;
	return 0;
}

static int load(struct elfk_fixture *f, struct count_ctx *c, char *buf,
		size_t size, u64 *slots)
{
	const struct elfk_resolver res = { .lookup = count_lookup, .ctx = c };
	struct elfk_log log;
	struct elfk_elf elf;
	u8 *mem = NULL;
	int err;

	elfk_log_init(&log, buf, size, ELFK_LOG_LEVEL_ERROR);
	err = host_load(&elf, f->buf, f->size, &mem, &res, &log);
	if (!err && slots)
		memcpy(slots, elfk_elf_ptr(&elf, ELFK_FIX_DATA), 4 * 8);
	host_free(mem, elf.vsize);
	elfk_elf_release(&elf);
	return err;
}

/*
 * Two relocations against memcpy one after the other: it is looked up
 * once, and both fields get its value; and the writable segment found for
 * one field is no shortcut for the next one's, which straddles its end or
 * lies in the text.
 */
static void reloc_walk(void)
{
	static struct elfk_fixture f;
	struct count_ctx c = { 0 };
	char buf[512] = "";
	u64 slots[4];
	int err;

	elfk_fixture_build(&f);
	f.rela[2].r_info = ((u64)ELFK_FIX_SYM_EXT << 32) | R_X86_64_GLOB_DAT;
	err = load(&f, &c, buf, sizeof(buf), slots);
	if (!tap(!err && c.calls == 1 &&
		 slots[1] == HOST_MEMCPY_ADDR + ELFK_FIX_EXT_ADDEND &&
		 slots[2] == HOST_MEMCPY_ADDR,
		 "symcheck: two relocations in a row against memcpy look it up once (%u) and both bind",
		 c.calls))
		tap_diag("got errno %d, log: %s", err, buf);

	/*
	 * memcpy, a weak data_obj nobody defines, memcpy: three lookups,
	 * the second field 0.
	 */
	f.rela[2].r_info = ((u64)ELFK_FIX_SYM_DATA << 32) | R_X86_64_GLOB_DAT;
	f.sym[ELFK_FIX_SYM_DATA].st_shndx = SHN_UNDEF;
	f.sym[ELFK_FIX_SYM_DATA].st_info = (STB_WEAK << 4) | STT_OBJECT;
	f.rela[3].r_info = ((u64)ELFK_FIX_SYM_EXT << 32) | R_X86_64_64;
	f.rela[3].r_offset = ELFK_FIX_DATA + 24;
	f.jmprel[0].r_offset = ELFK_FIX_INIT_ARRAY;
	elfk_fixture_dyn(&f, DT_INIT_ARRAYSZ)->d_un.d_val = 0;
	c.calls = 0;
	err = load(&f, &c, buf, sizeof(buf), slots);
	if (!tap(!err && c.calls == 3 && slots[1] == HOST_MEMCPY_ADDR + 5 &&
		 slots[2] == 0,
		 "symcheck: memcpy, a missing weak symbol, memcpy: three lookups (%u)",
		 c.calls))
		tap_diag("got errno %d, log: %s", err, buf);

	elfk_fixture_build(&f);
	f.rela[1].r_offset = 0x30fc;
	err = load(&f, &c, buf, sizeof(buf), NULL);
	if (!tap(err == -ENOEXEC &&
		 strstr(buf, "DT_RELA[1]: r_offset 0x30fc (+8 bytes) is outside every PT_LOAD"),
		 "symcheck: a field straddling the end of the last field's writable segment"))
		tap_diag("got errno %d, log: %s", err, buf);

	elfk_fixture_build(&f);
	f.rela[1].r_offset = ELFK_FIX_TEXT;
	err = load(&f, &c, buf, sizeof(buf), NULL);
	if (!tap(err == -EOPNOTSUPP &&
		 strstr(buf, "DT_RELA[1]: r_offset 0x1000 is in read-only PT_LOAD 1"),
		 "symcheck: a field in the text after one in the writable segment"))
		tap_diag("got errno %d, log: %s", err, buf);
}

void test_symcheck(void)
{
	chain_runs_off_segment();
	chain_end_past_cap();
	func_past_text();
	func_between_text();
	object_past_end();
	bucket_below_symoffset();
	reloc_walk();
}
