// SPDX-License-Identifier: GPL-2.0
/*
 * A second architecture built with the core (arch/stub/): the core checks
 * and relocates for the table it is given, never a global one, so the
 * same core refuses the x86_64 fixture for the stub arch and the stub's
 * image for x86_64, each with its own e_machine message.  The stub's
 * ET_REL relocations come in HI/LO pairs, as riscv's do: the core hands
 * each LO half its HI half (lib/ld/pair.c) with no edit for the stub.
 */
#include <errno.h>
#include <string.h>

#include "tap.h"
#include "tests.h"
#include "../../../kunit/rel_fixture.h"
#include "../../../arch/stub/stub.h"

static int none_lookup(void *ctx, const char *name, u64 *value)
{
	return -ENOENT;
}

static const struct elfk_resolver none_resolver = { .lookup = none_lookup };

/* The fixture, loaded through elfk_image_load() for @arch. */
static int load_for(const struct elfk_arch_ops *arch, struct elfk_fixture *f,
		    char *buf, u32 size)
{
	struct elfk_fixture_run run;
	struct elfk_log log;
	struct elfk_elf elf;
	u8 *mem = NULL;
	int err;

	elfk_log_init(&log, buf, size, ELFK_LOG_LEVEL_ERROR);
	host_env(&run, &elf, host_alloc, &mem, &none_resolver, &log);
	run.env.arch = arch;
	err = elfk_image_load(&elf, f->buf, f->size, &run.env);
	if (mem)
		host_free(mem, elf.vsize);
	elfk_elf_release(&elf);
	return err;
}

static void check(bool ok, const char *name, int err, const char *log)
{
	if (!tap(ok, "%s", name))
		tap_diag("got errno %d, log: %s", err, log);
}

void test_arch_stub(void)
{
	struct elfk_fixture f;
	char buf[512];
	int err;

	elfk_fixture_build(&f);
	err = load_for(&elfk_stub_arch_ops, &f, buf, sizeof(buf));
	check(err == -EOPNOTSUPP &&
	      strstr(buf, "e_machine 62: this kernel loads stub objects (e_machine 65534)"),
	      "arch stub: an x86_64 image is refused by its e_machine", err, buf);

	f.eh->e_machine = ELFK_STUB_MACHINE;
	err = load_for(&elfk_arch_ops, &f, buf, sizeof(buf));
	check(err == -EOPNOTSUPP &&
	      strstr(buf, "e_machine 65534: this kernel loads x86_64 objects (e_machine 62)"),
	      "arch stub: x86_64 refuses the stub's e_machine", err, buf);

	/* Parsed for the stub arch, which knows no relocation type. */
	err = load_for(&elfk_stub_arch_ops, &f, buf, sizeof(buf));
	check(err == -ENOEXEC &&
	      strstr(buf, "DT_RELA[0]: unknown relocation type 8"),
	      "arch stub: its own image parses, its relocations are refused",
	      err, buf);

	/* TLS descriptors are the arch's to refuse: the stub does not. */
	elfk_fixture_dyn(&f, DT_SONAME)->d_tag = DT_TLSDESC_PLT;
	err = load_for(&elfk_stub_arch_ops, &f, buf, sizeof(buf));
	check(err == -ENOEXEC &&
	      strstr(buf, "DT_RELA[0]: unknown relocation type 8"),
	      "arch stub: DT_TLSDESC_PLT is left to an arch that does not refuse it",
	      err, buf);
	f.eh->e_machine = EM_X86_64;
	err = load_for(&elfk_arch_ops, &f, buf, sizeof(buf));
	check(err == -EOPNOTSUPP &&
	      strstr(buf, "DT_TLSDESC_PLT: TLS descriptors are not supported"),
	      "arch stub: x86_64 refuses DT_TLSDESC_PLT", err, buf);

	elfk_fixture_build(&f);
	f.eh->e_machine = ELFK_STUB_MACHINE;
	f.eh->e_type = ET_REL;
	err = load_for(&elfk_stub_arch_ops, &f, buf, sizeof(buf));
	check(err == -EOPNOTSUPP &&
	      strstr(buf, "ET_REL objects are not supported on stub"),
	      "arch stub: no rel_ops, no ET_REL objects", err, buf);

	/* Messages name x86's thread pointer only for x86. */
	elfk_fixture_build(&f);
	elfk_fixture_dyn(&f, DT_SONAME)->d_tag = DT_FLAGS;
	elfk_fixture_dyn(&f, DT_FLAGS)->d_un.d_val = DF_STATIC_TLS;
	err = load_for(&elfk_arch_ops, &f, buf, sizeof(buf));
	check(err == -EOPNOTSUPP &&
	      strstr(buf, "which addresses TLS through %fs (the interrupted"),
	      "arch stub: x86_64 names %fs in the DF_STATIC_TLS refusal", err,
	      buf);
	f.eh->e_machine = ELFK_STUB_MACHINE;
	err = load_for(&elfk_stub_arch_ops, &f, buf, sizeof(buf));
	check(err == -EOPNOTSUPP &&
	      strstr(buf, "which addresses TLS through the thread pointer (the interrupted"),
	      "arch stub: the DF_STATIC_TLS refusal is worded for any arch",
	      err, buf);
}

/* An ET_DYN object's format and an ET_REL object's, as ELFK_INFO reports. */
void test_arch_formats(void)
{
	static struct elfk_rel_fixture rf;
	struct elfk_fixture f;
	struct elfk_log log;
	struct elfk_elf elf;
	char buf[256];
	int err;

	memset(&elf, 0, sizeof(elf));
	tap(elfk_elf_type(&elf) == ET_DYN,
	    "formats: an object built by hand is ET_DYN");

	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	elfk_fixture_build(&f);
	err = elfk_elf_parse(&elf, &elfk_arch_ops, f.buf, f.size,
			     &elfk_default_limits, &log);
	check(!err && elfk_elf_type(&elf) == ET_DYN,
	      "formats: a parsed shared object is ET_DYN", err, buf);
	elfk_elf_release(&elf);

	elfk_rel_fixture_build(&rf);
	err = elfk_elf_parse(&elf, &elfk_arch_ops, rf.buf, rf.size,
			     &elfk_default_limits, &log);
	check(!err && elfk_elf_type(&elf) == ET_REL,
	      "formats: a parsed relocatable object is ET_REL", err, buf);
	elfk_elf_release(&elf);
}

/* ---- paired relocations (arch/stub/reloc_rel.c) ------------------------- */

/*
 * The ET_REL fixture (kunit/rel_fixture.c), relocated for the stub: its
 * .rela.data and .rela.init_array entries are type 1, R_STUB_64 there as
 * R_X86_64_64 here; .rela.text becomes two HI/LO pairs in .text (functions
 * at 0x00 ret42, 0x10 get_slot, 0x20 ctor, 0x30 get_flag, 0x40 call_ext):
 *
 *   [0] R_STUB_PCREL_HI20 at 0x10 against call_ext + 0x12a55:
 *       0x40 + 0x12a55 - 0x10 = 0x12a85, written 0x13 (rounded up)
 *   [1] R_STUB_PCREL_LO12 at 0x14 against .text + 0x10 (the label of [0]):
 *       0x12a85 - 0x13000 = -0x57b, written 0xa85
 *   [2] R_STUB_ABS_HI20 at 0x20, no symbol, addend 0x12345c78: 0x12346
 *   [3] R_STUB_ABS_LO12 at 0x24 against ctor (the label of [2]): 0xc78
 *   [4] R_STUB_PCREL_LO12 at 0x34 against .text + 0x10: a second LO half
 *       of [0], 0xa85 again
 *
 * A LO half computed from its own symbol would give S + A - P = -4 (or
 * S + A for [3]): only the HI half's value gives these.
 */

static void pair_rela(Elf64_Rela *r, u64 off, u32 sym, u32 type, s64 addend)
{
	r->r_offset = off;
	r->r_info = ((u64)sym << 32) | type;
	r->r_addend = addend;
}

static void pair_fixture(struct elfk_rel_fixture *f)
{
	elfk_rel_fixture_build(f);
	f->eh->e_machine = ELFK_STUB_MACHINE;
	pair_rela(&f->rela_text[0], 0x10, ELFK_RELFIX_SYM_CALL_EXT,
		  R_STUB_PCREL_HI20, 0x12a55);
	pair_rela(&f->rela_text[1], 0x14, ELFK_RELFIX_SYM_TEXT, R_STUB_PCREL_LO12,
		  0x10);
	pair_rela(&f->rela_text[2], 0x20, 0, R_STUB_ABS_HI20, 0x12345c78);
	pair_rela(&f->rela_text[3], 0x24, ELFK_RELFIX_SYM_CTOR,
		  R_STUB_ABS_LO12, 0);
	pair_rela(&f->rela_text[4], 0x34, ELFK_RELFIX_SYM_TEXT, R_STUB_PCREL_LO12,
		  0x10);
}

/*
 * Load @f for the stub up to relocation; copy the u32 at each of @n .text
 * offsets @offs to @got.  @targets: check branch targets (the stub has
 * none, so every entry point is refused).
 */
static int pair_load(struct elfk_rel_fixture *f, char *buf, u32 size,
		     const u64 *offs, u32 *got, u32 n, bool targets)
{
	struct elfk_fixture_run run;
	const Elf64_Sym *text;
	struct elfk_log log;
	struct elfk_elf elf;
	u8 *mem = NULL;
	int err;
	u32 k;

	elfk_log_init(&log, buf, size, ELFK_LOG_LEVEL_ERROR);
	buf[0] = 0;
	host_env(&run, &elf, host_alloc, &mem, &none_resolver, &log);
	run.env.arch = &elfk_stub_ld_arch_ops;
	run.env.stop_after = ELFK_LOAD_RELOCATED;
	run.env.protect = NULL;
	run.env.check_branch_targets = targets;
	err = elfk_image_load(&elf, f->buf, f->size, &run.env);
	if (!err) {
		/* ret42 is at .text + 0: its value is .text's offset. */
		text = elfk_elf_fmt(&elf)->lookup(&elf, "ret42",
						  elfk_gnu_hash("ret42"), NULL);
		for (k = 0; text && k < n; k++)
			memcpy(&got[k], elfk_elf_ptr(&elf, text->st_value + offs[k]),
			       sizeof(got[k]));
		if (!text)
			err = -ENOENT;
	}
	if (mem)
		host_free(mem, elf.vsize);
	elfk_elf_release(&elf);
	return err;
}

/* What each refusal below logs, in order. */
static const char *const pair_refusal[] = {
	".rela.text[0]: R_STUB_PCREL_LO12 comes before its HI half .rela.text[1] (R_STUB_PCREL_HI20 at 0x",
	".rela.text[1]: R_STUB_PCREL_LO12: its symbol plus addend is outside the object",
	".rela.text[3]: R_STUB_PCREL_LO12 cannot complete .rela.text[2] (R_STUB_ABS_HI20 at 0x",
	".rela.text[2]: R_STUB_ABS_HI20 at 0x10 in '.text': .rela.text[0] is a HI half at the same field",
	"does not start with a branch target, which this kernel's indirect branch tracking requires\n",
};

void test_arch_pairs(void)
{
	static const u64 offs[] = { 0x10, 0x14, 0x20, 0x24, 0x34 };
	static const u32 want[] = { 0x13, 0xa85, 0x12346, 0xc78, 0xa85 };
	u32 got[ARRAY_SIZE(offs)] = { 0 };
	struct elfk_rel_fixture f;
	char buf[512];
	Elf64_Rela tmp;
	int err;

	pair_fixture(&f);
	err = pair_load(&f, buf, sizeof(buf), offs, got, ARRAY_SIZE(offs), false);
	if (!tap(!err && !memcmp(got, want, sizeof(want)),
		 "arch stub: HI/LO pairs are applied, each LO half from its HI half's value"))
		tap_diag("errno %d, log: %s; fields 0x%x 0x%x 0x%x 0x%x 0x%x",
			 err, buf, got[0], got[1], got[2], got[3], got[4]);

	pair_fixture(&f);
	tmp = f.rela_text[0];
	f.rela_text[0] = f.rela_text[1];
	f.rela_text[1] = tmp;
	err = pair_load(&f, buf, sizeof(buf), offs, got, 0, false);
	check(err == -ENOEXEC &&
	      strstr(buf, pair_refusal[0]),
	      "arch stub: a LO half before its HI half is refused", err, buf);

	pair_fixture(&f);
	f.rela_text[1].r_addend = 0x18;
	err = pair_load(&f, buf, sizeof(buf), offs, got, 0, false);
	check(err == -ENOEXEC &&
	      strstr(buf, ".rela.text[1]: R_STUB_PCREL_LO12: no HI half at 0x") &&
	      strstr(buf, "(its symbol plus addend) for it to complete"),
	      "arch stub: a LO half without a HI half is refused", err, buf);

	pair_fixture(&f);
	f.rela_text[1].r_addend = 0x100000;
	err = pair_load(&f, buf, sizeof(buf), offs, got, 0, false);
	check(err == -ENOEXEC &&
	      strstr(buf, pair_refusal[1]),
	      "arch stub: a LO half naming no address in the object is refused",
	      err, buf);

	pair_fixture(&f);
	pair_rela(&f.rela_text[3], 0x24, ELFK_RELFIX_SYM_CTOR,
		  R_STUB_PCREL_LO12, 0);
	err = pair_load(&f, buf, sizeof(buf), offs, got, 0, false);
	check(err == -ENOEXEC &&
	      strstr(buf, pair_refusal[2]),
	      "arch stub: a LO half of the wrong kind for its HI half is refused",
	      err, buf);

	pair_fixture(&f);
	pair_rela(&f.rela_text[1], 0x14, 0, R_STUB_PCREL_LO12, 0x10);
	err = pair_load(&f, buf, sizeof(buf), offs, got, 0, false);
	check(err == -ENOEXEC &&
	      strstr(buf, ".rela.text[1]: R_STUB_PCREL_LO12 needs a symbol"),
	      "arch stub: a LO half without a symbol is refused", err, buf);

	pair_fixture(&f);
	f.rela_text[2].r_offset = 0x10;
	err = pair_load(&f, buf, sizeof(buf), offs, got, 0, false);
	check(err == -ENOEXEC &&
	      strstr(buf, pair_refusal[3]),
	      "arch stub: two HI halves at one field are refused", err, buf);

	/* No compiler option to suggest: the message does not make one up. */
	pair_fixture(&f);
	err = pair_load(&f, buf, sizeof(buf), offs, got, 0, true);
	check(err == -EOPNOTSUPP &&
	      strstr(buf, pair_refusal[4]),
	      "arch stub: the branch-target refusal suggests no x86 option",
	      err, buf);
}
