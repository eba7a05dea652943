// SPDX-License-Identifier: GPL-2.0
/*
 * Defects of the ET_REL fixture (rel_fixture.c), one invariant each.
 *
 * Every row was produced by building the fixture, applying the row's
 * mutation, and writing down the errno and the message elfk must give.
 * The same rows run in the host unit tests, in KUnit (suite elfk_rel) and,
 * as files written by tools/testing/corpus, through /dev/elfload.  The
 * "far" rows need the object placed more than 2 GiB from strlen(), as the
 * kernel's vmalloc memory always is; the host tests place it so.
 *
 * The "etrel-tls-" rows break the thread-local variant.  Every consumer
 * builds the base fixture and applies the row's mutation, so a TLS
 * mutation first rebuilds the image as that variant: one table, one
 * builder call, nothing for the consumers to know.  They all fail before
 * __tls_get_addr is looked up (the host table runner has none; the TLS
 * relocations come first in .rela.text), so none of them has errno 0: the
 * valid variant is loaded by its own tests, with a module id to check.
 * The "etrel-ifunc-" rows do the same with the IFUNC variant; its valid
 * image and a resolver without ENDBR64 need the IFUNC pass, which only
 * its own tests run.
 */
#include "rel_fixture.h"

#define MUTATION(fn, body)                                      \
	static void fn(struct elfk_rel_fixture *f)              \
	{                                                       \
		body;                                           \
	}

#define SH(i) (&f->sh[ELFK_RELFIX_SEC_##i])
#define SYM(i) (&f->sym[ELFK_RELFIX_SYM_##i])
#define INFO(sym, type) (((u64)ELFK_RELFIX_SYM_##sym << 32) | (type))

static void rename_sym(struct elfk_rel_fixture *f, u32 i, const char *from,
		       const char *to)
{
	char *name = (char *)f->buf + SH(STRTAB)->sh_offset + f->sym[i].st_name;

	if (!strcmp(name, from) && strlen(from) == strlen(to))
		memcpy(name, to, strlen(to));
}

/* Make the init array a .ctors section (its name is in .shstrtab already). */
static void make_ctors(struct elfk_rel_fixture *f)
{
	const char *tab = (const char *)f->buf + SH(SHSTRTAB)->sh_offset;
	u32 i;

	for (i = 1; i < SH(SHSTRTAB)->sh_size; i += strlen(tab + i) + 1)
		if (!strcmp(tab + i, ".ctors"))
			SH(INIT_ARRAY)->sh_name = i;
	SH(INIT_ARRAY)->sh_type = SHT_PROGBITS;
}

MUTATION(m_none, (void)f)
MUTATION(m_shoff_past_end, f->eh->e_shoff = 0x10000)
MUTATION(m_shoff_unaligned, f->eh->e_shoff = 0x601)
MUTATION(m_shentsize, f->eh->e_shentsize = 32)
MUTATION(m_shnum_zero, f->eh->e_shnum = 0)
MUTATION(m_shnum_huge, f->eh->e_shnum = 5000)
MUTATION(m_shstrndx_xindex, f->eh->e_shstrndx = SHN_XINDEX)
MUTATION(m_shstrndx_range, f->eh->e_shstrndx = 99)
MUTATION(m_shstrndx_type, f->eh->e_shstrndx = ELFK_RELFIX_SEC_TEXT)
MUTATION(m_strtab_unterminated,
	 f->buf[SH(STRTAB)->sh_offset + SH(STRTAB)->sh_size - 1] = 'x')
MUTATION(m_sh_name, SH(RODATA)->sh_name = 0x999)
MUTATION(m_section_past_end, SH(DATA)->sh_offset = 0x10000)
MUTATION(m_section_overflow, SH(DATA)->sh_offset = ~0ULL - 3)
MUTATION(m_align_not_pow2, SH(TEXT)->sh_addralign = 24)
MUTATION(m_align_huge, SH(TEXT)->sh_addralign = 0x200000)
MUTATION(m_wx, SH(TEXT)->sh_flags |= SHF_WRITE)
MUTATION(m_tls, SH(DATA)->sh_flags |= 0x400 /* SHF_TLS */)
MUTATION(m_preinit, SH(INIT_ARRAY)->sh_type = 16 /* SHT_PREINIT_ARRAY */)
MUTATION(m_init_odd, SH(INIT_ARRAY)->sh_size = 12)
MUTATION(m_symtab_entsize, SH(SYMTAB)->sh_entsize = 16)
MUTATION(m_symtab_link, SH(SYMTAB)->sh_link = ELFK_RELFIX_SEC_TEXT)
MUTATION(m_symtab_info, SH(SYMTAB)->sh_info = 200)
MUTATION(m_no_symtab, SH(SYMTAB)->sh_type = SHT_PROGBITS)
MUTATION(m_link_range, SH(RELA_TEXT)->sh_link = 50)
MUTATION(m_info_range, SH(RELA_TEXT)->sh_info = 50)
MUTATION(m_rela_entsize, SH(RELA_TEXT)->sh_entsize = 16)
MUTATION(m_rela_size, SH(RELA_TEXT)->sh_size = 50)
MUTATION(m_rela_link, SH(RELA_TEXT)->sh_link = ELFK_RELFIX_SEC_STRTAB)
MUTATION(m_rela_unloaded, SH(RELA_DATA)->sh_info = ELFK_RELFIX_SEC_STRTAB)
MUTATION(m_rel_section, SH(RELA_DATA)->sh_type = SHT_REL)
MUTATION(m_st_name, SYM(RET42)->st_name = 0x5000)
MUTATION(m_st_shndx, SYM(RET42)->st_shndx = 40)
MUTATION(m_st_shndx_xindex, SYM(RET42)->st_shndx = SHN_XINDEX)
MUTATION(m_st_value, SYM(RET42)->st_value = 0x1000)
MUTATION(m_sym_unloaded, SYM(RET42)->st_shndx = ELFK_RELFIX_SEC_STRTAB)
MUTATION(m_sym_tls, SYM(RET42)->st_info = (STB_GLOBAL << 4) | STT_TLS)
MUTATION(m_dup_symbol, rename_sym(f, ELFK_RELFIX_SYM_GET_FLAG, "get_flag", "get_slot"))
/* COMMON symbols are data (STT_OBJECT), as gcc -fcommon makes them. */
MUTATION(m_common, { SYM(HIDDEN)->st_shndx = SHN_COMMON;
		     SYM(HIDDEN)->st_info = (STB_GLOBAL << 4) | STT_OBJECT;
		     SYM(HIDDEN)->st_value = 16; SYM(HIDDEN)->st_size = 40; })
MUTATION(m_common_align, { SYM(HIDDEN)->st_shndx = SHN_COMMON;
			   SYM(HIDDEN)->st_info = (STB_GLOBAL << 4) | STT_OBJECT;
			   SYM(HIDDEN)->st_value = 3; })
MUTATION(m_offset_outside, f->rela_text[0].r_offset = 0x5e)
MUTATION(m_offset_overflow, f->rela_text[0].r_offset = ~0ULL - 1)
MUTATION(m_offset_nobits, { SH(RELA_DATA)->sh_info = ELFK_RELFIX_SEC_BSS; })
MUTATION(m_sym_range, f->rela_text[0].r_info = (99ULL << 32) | R_X86_64_PC32)
MUTATION(m_type_got32, f->rela_data[0].r_info = INFO(RET42, R_X86_64_GOT32))
MUTATION(m_type_tpoff, f->rela_text[0].r_info = INFO(DATA, R_X86_64_TPOFF32))
MUTATION(m_type_unknown, f->rela_text[0].r_info = INFO(DATA, 200))
MUTATION(m_undefined, rename_sym(f, ELFK_RELFIX_SYM_STRLEN, "strlen", "nosuch"))
MUTATION(m_weak_undefined, { rename_sym(f, ELFK_RELFIX_SYM_STRLEN, "strlen", "nosuch");
			     SYM(STRLEN)->st_info = (STB_WEAK << 4) | STT_NOTYPE; })
MUTATION(m_local_undefined, SYM(STRLEN)->st_info = (STB_LOCAL << 4) | STT_NOTYPE)
MUTATION(m_abs32_overflow, f->rela_data[0].r_info = INFO(RET42, R_X86_64_32))
MUTATION(m_pc32_far, f->rela_text[4].r_info = INFO(STRLEN, R_X86_64_PC32))
MUTATION(m_pc32_far_func, { f->rela_text[4].r_info = INFO(STRLEN, R_X86_64_PC32);
			    SYM(STRLEN)->st_info = (STB_GLOBAL << 4) | STT_FUNC; })
MUTATION(m_field_nonzero, f->text[0x17] = 1)
MUTATION(m_init_to_data, f->rela_init[0].r_info = INFO(DATA, R_X86_64_64))
MUTATION(m_ctors, make_ctors(f))
MUTATION(m_ctors_unaligned, { make_ctors(f);
			      f->rela_init[0].r_info = INFO(TEXT, R_X86_64_PC32); })
MUTATION(m_got_needs_symbol, f->rela_text[0].r_info = R_X86_64_REX_GOTPCRELX)

/* The thread-local variant (rel_fixture.h: ELFK_RELTLS_*). */
#define TLS_MUTATION(fn, body)                                  \
	static void fn(struct elfk_rel_fixture *f)              \
	{                                                       \
		elfk_rel_fixture_build_tls(f);                  \
		body;                                           \
	}

#define TSH(i) (&f->sh[ELFK_RELTLS_SEC_##i])
#define TSYM(i) (&f->sym[ELFK_RELTLS_SYM_##i])
#define TREL(i) (&f->rela_text[ELFK_RELTLS_R_##i])
#define TINFO(sym, type) (((u64)ELFK_RELTLS_SYM_##sym << 32) | (type))

/* tls_gd_var becomes an undefined reference, as "extern __thread long". */
static void tls_undefine_gd(struct elfk_rel_fixture *f)
{
	TSYM(GD_VAR)->st_shndx = SHN_UNDEF;
	TSYM(GD_VAR)->st_value = 0;
	TSYM(GD_VAR)->st_size = 0;
}

TLS_MUTATION(m_tls_tpoff32, TREL(TLSGD)->r_info = TINFO(GD_VAR, R_X86_64_TPOFF32))
TLS_MUTATION(m_tls_gottpoff, TREL(TLSGD)->r_info = TINFO(GD_VAR, R_X86_64_GOTTPOFF))
TLS_MUTATION(m_tls_tpoff64, TREL(TLSGD)->r_info = TINFO(GD_VAR, R_X86_64_TPOFF64))
TLS_MUTATION(m_tls_tlsdesc,
	     TREL(TLSGD)->r_info = TINFO(GD_VAR, R_X86_64_GOTPC32_TLSDESC))
TLS_MUTATION(m_tls_tlsdesc_call,
	     TREL(GD_CALL)->r_info = TINFO(GD_VAR, R_X86_64_TLSDESC_CALL))
TLS_MUTATION(m_tls_gd_nontls, TREL(TLSGD)->r_info = TINFO(GD_INC, R_X86_64_TLSGD))
TLS_MUTATION(m_tls_ld_nontls, TREL(TLSLD)->r_info = TINFO(TEXT, R_X86_64_TLSLD))
TLS_MUTATION(m_tls_dtpoff_nontls,
	     TREL(DTPOFF)->r_info = TINFO(GD_INC, R_X86_64_DTPOFF32))
TLS_MUTATION(m_tls_pc32, TREL(TLSGD)->r_info = TINFO(GD_VAR, R_X86_64_PC32))
TLS_MUTATION(m_tls_gotpcrel,
	     TREL(TLSGD)->r_info = TINFO(GD_VAR, R_X86_64_REX_GOTPCRELX))
TLS_MUTATION(m_tls_plt32, TREL(GD_CALL)->r_info = TINFO(GD_VAR, R_X86_64_PLT32))
TLS_MUTATION(m_tls_abs64_section,
	     TREL(TLSGD)->r_info = TINFO(TDATA, R_X86_64_64))
TLS_MUTATION(m_tls_dtpoff_undefined, { tls_undefine_gd(f);
	     TREL(DTPOFF)->r_info = TINFO(GD_VAR, R_X86_64_DTPOFF32); })
TLS_MUTATION(m_tls_ld_undefined, { tls_undefine_gd(f);
	     TREL(TLSLD)->r_info = TINFO(GD_VAR, R_X86_64_TLSLD); })
TLS_MUTATION(m_tls_undefined, tls_undefine_gd(f))
TLS_MUTATION(m_tls_gd_no_symbol, TREL(TLSGD)->r_info = R_X86_64_TLSGD)
TLS_MUTATION(m_tls_dtpoff_no_symbol, TREL(DTPOFF)->r_info = R_X86_64_DTPOFF32)
TLS_MUTATION(m_tls_sym_in_text,
	     TSYM(GD_INC)->st_info = (STB_GLOBAL << 4) | STT_TLS)
TLS_MUTATION(m_tls_sym_abs, TSYM(GD_VAR)->st_shndx = SHN_ABS)
TLS_MUTATION(m_tls_object_in_tdata,
	     TSYM(GD_VAR)->st_info = (STB_GLOBAL << 4) | STT_OBJECT)
TLS_MUTATION(m_tls_notype_in_tbss,
	     TSYM(LD_VAR)->st_info = (STB_LOCAL << 4) | STT_NOTYPE)
TLS_MUTATION(m_tls_exec, TSH(TDATA)->sh_flags = SHF_ALLOC | SHF_EXECINSTR | SHF_TLS)
TLS_MUTATION(m_tls_init_array, TSH(TBSS)->sh_type = SHT_INIT_ARRAY)
TLS_MUTATION(m_tls_too_large, TSH(TBSS)->sh_size = ELFK_MAX_TLS_SIZE)
TLS_MUTATION(m_tls_overaligned, TSH(TBSS)->sh_addralign = 2 * ELFK_MAX_TLS_ALIGN)
TLS_MUTATION(m_tls_field_nonzero, f->text[ELFK_RELTLS_GD_LEA] = 1)

/*
 * The IFUNC variant (rel_fixture.h: ELFK_RELIFN_*), rebuilt first as the
 * TLS rows do.  pick's resolver is its st_value: it must be code.
 */
#define IFN_MUTATION(fn, body)                                  \
	static void fn(struct elfk_rel_fixture *f)              \
	{                                                       \
		elfk_rel_fixture_build_ifunc(f);                \
		body;                                           \
	}

#define ISYM(i) (&f->sym[ELFK_RELIFN_SYM_##i])

/* pick moves to section @shndx, at @value (8 bytes of it). */
static void ifunc_move_pick(struct elfk_rel_fixture *f, u16 shndx, u64 value)
{
	ISYM(PICK)->st_shndx = shndx;
	ISYM(PICK)->st_value = value;
	ISYM(PICK)->st_size = shndx == SHN_UNDEF ? 0 : 8;
}

IFN_MUTATION(m_ifunc_in_data, ifunc_move_pick(f, ELFK_RELIFN_SEC_DATA, 0))
IFN_MUTATION(m_ifunc_undefined, ifunc_move_pick(f, SHN_UNDEF, 0))
IFN_MUTATION(m_ifunc_abs, ifunc_move_pick(f, SHN_ABS, ELFK_RELIFN_RESOLVE))
IFN_MUTATION(m_ifunc_common, ifunc_move_pick(f, SHN_COMMON, 8))
IFN_MUTATION(m_ifunc_in_strtab, ifunc_move_pick(f, ELFK_RELIFN_SEC_STRTAB, 0))
IFN_MUTATION(m_ifunc_shndx_range, ifunc_move_pick(f, 40, 0))

/* Defects of issue 11: what a load must check for whoever acts later. */
MUTATION(m_exec_nobits, SH(BSS)->sh_flags = SHF_ALLOC | SHF_EXECINSTR)
MUTATION(m_func_in_data, SYM(RET42)->st_shndx = ELFK_RELFIX_SEC_DATA)
/* Found by fuzz_core's oracle: a function past its (here empty) text. */
MUTATION(m_func_at_text_end, SYM(RET42)->st_value = SH(TEXT)->sh_size)
MUTATION(m_common_func, { SYM(HIDDEN)->st_shndx = SHN_COMMON;
			  SYM(HIDDEN)->st_value = 16; SYM(HIDDEN)->st_size = 40;
			  SYM(HIDDEN)->st_info = (STB_GLOBAL << 4) | STT_FUNC; })
IFN_MUTATION(m_ifunc_at_text_end,
	     ifunc_move_pick(f, ELFK_RELIFN_SEC_TEXT, ELFK_RELIFN_TEXT_SIZE))
TLS_MUTATION(m_tls_sym_size, TSYM(GD_VAR)->st_size = 24)
TLS_MUTATION(m_tls_sym_size_wraps, TSYM(GD_VAR)->st_size = ~0ULL - 3)

/*
 * The parts of lib/ld/'s and arch/x86_64/reloc.c's thread-local
 * messages that several rows share, so that every row fits a line.
 */
#define NOT_IN_REL " is not supported in ET_REL objects: "
#define WHY_STATIC_TLS "initial/local-exec TLS uses %fs, user memory in the kernel: use -ftls-model=global-dynamic"
#define WHY_TLSDESC "TLS descriptors (-mtls-dialect=gnu2) add to %fs: use -mtls-dialect=gnu"
#define ONLY_TLS ": only TLS relocations may address it"
#define NOT_TLS_SYM ", which is not a thread-local symbol"
#define NOT_HERE ", which is not defined in this object (a local-dynamic access must be)"
#define NOT_TLS_SEC " is not a thread-local (SHF_TLS) section"
#define TLS_DATA "a thread-local section (SHF_TLS) must be SHT_PROGBITS or SHT_NOBITS data"
#define WANT_TLS " (expected STT_TLS)"
#define TLS_CAP "bytes per task, above the TLS block cap of 0x100000"
#define IFUNC_PICK "symbol 5 'pick': STT_GNU_IFUNC, but st_shndx "
#define NOT_EXEC " is not an executable section (its resolver must be)"

#define CASE(_name, _fn, _err, _msg) \
	{ .name = _name, .mutate = _fn, .err = _err, .msg = _msg }

const struct elfk_rel_fixture_case elfk_rel_fixture_cases[] = {
	CASE("etrel-valid", m_none, 0, ""),
	CASE("etrel-weak-undefined", m_weak_undefined, 0, ""),
	CASE("etrel-common", m_common, 0, ""),
	CASE("etrel-ctors", m_ctors, 0, ""),
	CASE("etrel-rela-unloaded-target", m_rela_unloaded, 0, ""),
	CASE("etrel-pc32-far-function", m_pc32_far_func, 0, ""),
	CASE("etrel-shoff-past-end", m_shoff_past_end, -ENOEXEC,
	     "section headers at 0x10000 (12 x 64 bytes) run past"),
	CASE("etrel-shoff-unaligned", m_shoff_unaligned, -ENOEXEC,
	     "e_shoff 0x601 is not 8-byte aligned"),
	CASE("etrel-shentsize", m_shentsize, -ENOEXEC, "e_shentsize 32, expected 64"),
	CASE("etrel-shnum-zero", m_shnum_zero, -EOPNOTSUPP,
	     "extended section numbering (SHN_XINDEX) is not supported"),
	CASE("etrel-shnum-huge", m_shnum_huge, -E2BIG,
	     "e_shnum 5000 is above the max_sections cap of 4096"),
	CASE("etrel-shstrndx-xindex", m_shstrndx_xindex, -EOPNOTSUPP,
	     "e_shstrndx is SHN_XINDEX"),
	CASE("etrel-shstrndx-range", m_shstrndx_range, -ENOEXEC,
	     "e_shstrndx 99 is not a section index"),
	CASE("etrel-shstrndx-type", m_shstrndx_type, -ENOEXEC,
	     "e_shstrndx 1: section is not a string table"),
	CASE("etrel-strtab-unterminated", m_strtab_unterminated, -ENOEXEC,
	     "section 7: string table (0x38 bytes) is not NUL-terminated"),
	CASE("etrel-sh-name", m_sh_name, -ENOEXEC,
	     "section 2: sh_name 0x999 is outside .shstrtab"),
	CASE("etrel-section-past-end", m_section_past_end, -ENOEXEC,
	     "section 3 '.data': file range 0x10000+0x8 is outside the 2304-byte image"),
	CASE("etrel-section-overflow", m_section_overflow, -ENOEXEC,
	     "section 3 '.data': file range 0xfffffffffffffffc+0x8"),
	CASE("etrel-align-not-pow2", m_align_not_pow2, -ENOEXEC,
	     "section 1 '.text': sh_addralign 0x18 is not a power of two"),
	CASE("etrel-align-huge", m_align_huge, -EOPNOTSUPP,
	     "section 1 '.text': sh_addralign 0x200000 is above the supported 0x10000"),
	CASE("etrel-w-and-x", m_wx, -EOPNOTSUPP,
	     "section 1 '.text': writable and executable (sh_flags 0x7); elfk enforces W^X"),
	CASE("etrel-tls-section-nontls-reloc", m_tls, -ENOEXEC,
	     ".rela.text[0]: R_X86_64_PC32 against thread-local symbol '.data'" ONLY_TLS),
	CASE("etrel-preinit-array", m_preinit, -EOPNOTSUPP,
	     "section 5 '.init_array': SHT_PREINIT_ARRAY is for executables"),
	CASE("etrel-init-array-odd", m_init_odd, -ENOEXEC,
	     "a whole number of 8-byte entries (0xc bytes)"),
	CASE("etrel-symtab-entsize", m_symtab_entsize, -ENOEXEC,
	     "section 6 '.symtab': SHT_SYMTAB with sh_entsize 16"),
	CASE("etrel-symtab-link", m_symtab_link, -ENOEXEC,
	     "section 1: sh_type 1 where a string table (SHT_STRTAB) is expected"),
	CASE("etrel-symtab-info", m_symtab_info, -ENOEXEC,
	     "sh_info 200 (first global symbol) is past the 12 symbols"),
	CASE("etrel-no-symtab", m_no_symtab, -ENOEXEC, "0 SHT_SYMTAB sections"),
	CASE("etrel-sh-link-range", m_link_range, -ENOEXEC,
	     "section 9 '.rela.text': sh_link 50 or sh_info 1 is not a section index"),
	CASE("etrel-sh-info-range", m_info_range, -ENOEXEC,
	     "section 9 '.rela.text': sh_link 6 or sh_info 50 is not a section index"),
	CASE("etrel-rela-entsize", m_rela_entsize, -ENOEXEC,
	     "section 9 '.rela.text': SHT_RELA with sh_entsize 16"),
	CASE("etrel-rela-size", m_rela_size, -ENOEXEC,
	     "SHT_RELA with sh_entsize 24, sh_size 0x32"),
	CASE("etrel-rela-link", m_rela_link, -ENOEXEC,
	     "section 9 '.rela.text': sh_link 7 is not the symbol table (section 6)"),
	CASE("etrel-sht-rel", m_rel_section, -EOPNOTSUPP,
	     "section 10 '.rela.data': SHT_REL; x86_64 objects use SHT_RELA"),
	CASE("etrel-st-name", m_st_name, -ENOEXEC,
	     "symbol 6: st_name 0x5000 is outside the string table (56 bytes)"),
	CASE("etrel-st-shndx", m_st_shndx, -ENOEXEC,
	     "symbol 6 'ret42': st_shndx 0x28 is not a section index (e_shnum 12)"),
	CASE("etrel-st-shndx-xindex", m_st_shndx_xindex, -EOPNOTSUPP,
	     "symbol 6 'ret42': st_shndx SHN_XINDEX"),
	CASE("etrel-st-value", m_st_value, -ENOEXEC,
	     "symbol 6 'ret42': st_value 0x1000 is past the end of section 1 '.text' (0x60 bytes)"),
	CASE("etrel-symbol-unloaded", m_sym_unloaded, -ENOEXEC,
	     ".rela.data[0]: symbol 6 'ret42' is in section '.strtab', which is not loaded"),
	CASE("etrel-symbol-tls-outside-tls", m_sym_tls, -ENOEXEC,
	     "symbol 6 'ret42': STT_TLS, but st_shndx 0x1 is not a thread-local (SHF_TLS) section"),
	CASE("etrel-symbol-twice", m_dup_symbol, -ENOEXEC,
	     "symbol 8: 'get_slot' is defined twice (also symbol 7)"),
	CASE("etrel-common-align", m_common_align, -ENOEXEC,
	     "symbol 11 'hidden_fn': SHN_COMMON alignment 0x3 is not a power of two"),
	CASE("etrel-offset-outside", m_offset_outside, -ENOEXEC,
	     ".rela.text[0]: r_offset 0x5e (+4 bytes) is outside section '.text' (0x60 bytes)"),
	CASE("etrel-offset-overflow", m_offset_overflow, -ENOEXEC,
	     ".rela.text[0]: r_offset 0xfffffffffffffffe (+4 bytes) is outside section '.text'"),
	CASE("etrel-offset-nobits", m_offset_nobits, -ENOEXEC,
	     "r_offset 0x0 (+8 bytes) is outside section '.bss' (0x4 bytes, SHT_NOBITS)"),
	CASE("etrel-sym-range", m_sym_range, -ENOEXEC,
	     ".rela.text[0]: symbol index 99 is past the 12 symbols"),
	CASE("etrel-type-got32", m_type_got32, -EOPNOTSUPP,
	     ".rela.data[0]: relocation type R_X86_64_GOT32 (3) is not supported in ET_REL"),
	CASE("etrel-type-tpoff32", m_type_tpoff, -EOPNOTSUPP,
	     "R_X86_64_TPOFF32 (23) is not supported in ET_REL objects: initial/local-exec"),
	CASE("etrel-type-unknown", m_type_unknown, -ENOEXEC,
	     ".rela.text[0]: unknown relocation type 200"),
	CASE("etrel-got-without-symbol", m_got_needs_symbol, -ENOEXEC,
	     ".rela.text[0]: R_X86_64_REX_GOTPCRELX needs a symbol"),
	CASE("etrel-undefined", m_undefined, -ENOENT, "undefined symbol 'nosuch'"),
	CASE("etrel-local-undefined", m_local_undefined, -ENOEXEC,
	     ".rela.text[4]: local symbol 'strlen' is undefined"),
	CASE("etrel-abs32-overflow", m_abs32_overflow, -ERANGE,
	     ".rela.data[0]: R_X86_64_32 against 'ret42': the value does not fit"),
	CASE("etrel-pc32-far-data", m_pc32_far, -ERANGE,
	     ".rela.text[4]: R_X86_64_PC32 against 'strlen': the value does not fit"),
	CASE("etrel-field-not-zero", m_field_nonzero, -ENOEXEC,
	     ".rela.text[0]: R_X86_64_PC32 at 0x17 in '.text': the field is not zero"),
	CASE("etrel-init-array-to-data", m_init_to_data, -ENOEXEC,
	     "DT_INIT_ARRAY[0] points to 0x"),
	CASE("etrel-ctors-unaligned", m_ctors_unaligned, -ENOEXEC,
	     "R_X86_64_PC32 at 0x0 in '.ctors' is not an aligned 8-byte entry"),
	/* The exec models and TLS descriptors add to %fs: refused by type. */
	CASE("etrel-tls-tpoff32", m_tls_tpoff32, -EOPNOTSUPP,
	     ".rela.text[0]: relocation type R_X86_64_TPOFF32 (23)" NOT_IN_REL WHY_STATIC_TLS),
	CASE("etrel-tls-gottpoff", m_tls_gottpoff, -EOPNOTSUPP,
	     ".rela.text[0]: relocation type R_X86_64_GOTTPOFF (22)" NOT_IN_REL WHY_STATIC_TLS),
	CASE("etrel-tls-tpoff64", m_tls_tpoff64, -EOPNOTSUPP,
	     ".rela.text[0]: relocation type R_X86_64_TPOFF64 (18)" NOT_IN_REL WHY_STATIC_TLS),
	CASE("etrel-tls-gotpc32-tlsdesc", m_tls_tlsdesc, -EOPNOTSUPP,
	     ".rela.text[0]: relocation type R_X86_64_GOTPC32_TLSDESC (34)" NOT_IN_REL WHY_TLSDESC),
	CASE("etrel-tls-tlsdesc-call", m_tls_tlsdesc_call, -EOPNOTSUPP,
	     ".rela.text[1]: relocation type R_X86_64_TLSDESC_CALL (35)" NOT_IN_REL WHY_TLSDESC),
	/* TLS relocations only against TLS symbols, and the reverse. */
	CASE("etrel-tls-gd-against-function", m_tls_gd_nontls, -ENOEXEC,
	     ".rela.text[0]: R_X86_64_TLSGD against 'tls_gd_inc'" NOT_TLS_SYM),
	CASE("etrel-tls-ld-against-text", m_tls_ld_nontls, -ENOEXEC,
	     ".rela.text[2]: R_X86_64_TLSLD against '.text'" NOT_TLS_SYM),
	CASE("etrel-tls-dtpoff-against-function", m_tls_dtpoff_nontls, -ENOEXEC,
	     ".rela.text[4]: R_X86_64_DTPOFF32 against 'tls_gd_inc'" NOT_TLS_SYM),
	CASE("etrel-tls-pc32-to-tls", m_tls_pc32, -ENOEXEC,
	     ".rela.text[0]: R_X86_64_PC32 against thread-local symbol 'tls_gd_var'" ONLY_TLS),
	CASE("etrel-tls-gotpcrelx-to-tls", m_tls_gotpcrel, -ENOEXEC,
	     ".rela.text[0]: R_X86_64_REX_GOTPCRELX against thread-local symbol 'tls_gd_var'"
	     ONLY_TLS),
	CASE("etrel-tls-plt32-to-tls", m_tls_plt32, -ENOEXEC,
	     ".rela.text[1]: R_X86_64_PLT32 against thread-local symbol 'tls_gd_var'" ONLY_TLS),
	CASE("etrel-tls-abs64-to-tdata", m_tls_abs64_section, -ENOEXEC,
	     ".rela.text[0]: R_X86_64_64 against thread-local symbol '.tdata'" ONLY_TLS),
	/* Offsets and the module's own pair need a definition here. */
	CASE("etrel-tls-dtpoff-undefined", m_tls_dtpoff_undefined, -ENOEXEC,
	     ".rela.text[4]: R_X86_64_DTPOFF32 against 'tls_gd_var'" NOT_HERE),
	CASE("etrel-tls-tlsld-undefined", m_tls_ld_undefined, -ENOEXEC,
	     ".rela.text[2]: R_X86_64_TLSLD against 'tls_gd_var'" NOT_HERE),
	/* Relocation time: the kernel's resolver adds why nothing defines it. */
	CASE("etrel-tls-undefined", m_tls_undefined, -ENOENT,
	     "undefined thread-local symbol 'tls_gd_var'"),
	CASE("etrel-tls-gd-without-symbol", m_tls_gd_no_symbol, -ENOEXEC,
	     ".rela.text[0]: R_X86_64_TLSGD needs a symbol"),
	CASE("etrel-tls-dtpoff-without-symbol", m_tls_dtpoff_no_symbol, -ENOEXEC,
	     ".rela.text[4]: R_X86_64_DTPOFF32 needs a symbol"),
	CASE("etrel-tls-field-not-zero", m_tls_field_nonzero, -ENOEXEC,
	     ".rela.text[0]: R_X86_64_TLSGD at 0xc in '.text': the field is not zero"),
	/* Symbols: STT_TLS exactly in the SHF_TLS sections. */
	CASE("etrel-tls-symbol-in-text", m_tls_sym_in_text, -ENOEXEC,
	     "symbol 6 'tls_gd_inc': STT_TLS, but st_shndx 0x1" NOT_TLS_SEC),
	CASE("etrel-tls-symbol-abs", m_tls_sym_abs, -ENOEXEC,
	     "symbol 5 'tls_gd_var': STT_TLS, but st_shndx 0xfff1" NOT_TLS_SEC),
	CASE("etrel-tls-object-in-tdata", m_tls_object_in_tdata, -ENOEXEC,
	     "symbol 5 'tls_gd_var': st_type 1 in thread-local section 3 '.tdata'" WANT_TLS),
	CASE("etrel-tls-notype-in-tbss", m_tls_notype_in_tbss, -ENOEXEC,
	     "symbol 4 'tls_ld_var': st_type 0 in thread-local section 2 '.tbss'" WANT_TLS),
	/* Sections: data only, within the alignment and block caps. */
	CASE("etrel-tls-section-exec", m_tls_exec, -ENOEXEC,
	     "section 3 '.tdata': " TLS_DATA " (sh_type 1, sh_flags 0x406)"),
	CASE("etrel-tls-section-init-array", m_tls_init_array, -ENOEXEC,
	     "section 2 '.tbss': " TLS_DATA " (sh_type 14, sh_flags 0x403)"),
	/* .tdata's 24 bytes, .tbss at 32: 0x20 + 0x100000. */
	CASE("etrel-tls-too-large", m_tls_too_large, -E2BIG,
	     "thread-local sections need at least 0x100020 " TLS_CAP),
	CASE("etrel-tls-overaligned", m_tls_overaligned, -EOPNOTSUPP,
	     "section 2 '.tbss': thread-local sh_addralign 0x2000 is above the supported 0x1000"),
	/*
	 * An IFUNC's value is its resolver, which the IFUNC pass calls: in a
	 * loaded, executable section, whatever else the index says.
	 */
	CASE("etrel-ifunc-in-data", m_ifunc_in_data, -ENOEXEC, IFUNC_PICK "0x2" NOT_EXEC),
	CASE("etrel-ifunc-undefined", m_ifunc_undefined, -ENOEXEC, IFUNC_PICK "0x0" NOT_EXEC),
	CASE("etrel-ifunc-abs", m_ifunc_abs, -ENOEXEC, IFUNC_PICK "0xfff1" NOT_EXEC),
	CASE("etrel-ifunc-common", m_ifunc_common, -ENOEXEC, IFUNC_PICK "0xfff2" NOT_EXEC),
	CASE("etrel-ifunc-in-strtab", m_ifunc_in_strtab, -ENOEXEC,
	     IFUNC_PICK "0x4" NOT_EXEC),
	CASE("etrel-ifunc-shndx-range", m_ifunc_shndx_range, -ENOEXEC,
	     IFUNC_PICK "0x28" NOT_EXEC),
	/* Issue 11: checked at load, for the loader, CALL and dependents. */
	CASE("etrel-exec-nobits", m_exec_nobits, -ENOEXEC,
	     "section 4 '.bss': executable SHT_NOBITS (sh_flags 0x6): code must be in the file"),
	CASE("etrel-function-in-data", m_func_in_data, -ENOEXEC,
	     "symbol 6 'ret42': global STT_FUNC in section 3 '.data', which is not executable"),
	CASE("etrel-function-at-text-end", m_func_at_text_end, -ENOEXEC,
	     "symbol 6 'ret42': global STT_FUNC at 0x"),
	CASE("etrel-common-function", m_common_func, -ENOEXEC,
	     "symbol 11 'hidden_fn': STT_FUNC in SHN_COMMON, which is not executable"),
	CASE("etrel-ifunc-at-text-end", m_ifunc_at_text_end, -ENOEXEC,
	     "'pick': STT_GNU_IFUNC resolver at 0x60 is not inside section 1 '.text' (0x60 bytes)"),
	CASE("etrel-tls-symbol-size", m_tls_sym_size, -ENOEXEC,
	     "'tls_gd_var': STT_TLS [0x8, +0x18) runs past the end of section 3 '.tdata' (0x18"),
	CASE("etrel-tls-symbol-size-wraps", m_tls_sym_size_wraps, -ENOEXEC,
	     "symbol 5 'tls_gd_var': STT_TLS [0x8, +0xfffffffffffffffc) runs past the end"),
};

const unsigned int elfk_rel_fixture_nr_cases = ARRAY_SIZE(elfk_rel_fixture_cases);

int elfk_rel_fixture_run_core_tls(struct elfk_elf *elf, const void *image,
				  u64 size, void *(*alloc)(u64 size, u64 align),
				  u8 **mem, u64 tls_modid,
				  const struct elfk_resolver *res,
				  struct elfk_log *log)
{
	struct elfk_fixture_run run;

	elfk_fixture_env(&run, elf, alloc, mem, res, log);
	run.env.tls_modid = tls_modid;
	return elfk_image_load(elf, image, size, &run.env);
}

int elfk_rel_fixture_run_core(struct elfk_elf *elf, const void *image,
			      u64 size, void *(*alloc)(u64 size, u64 align),
			      u8 **mem, const struct elfk_resolver *res,
			      struct elfk_log *log)
{
	/* The table's rows all fail before a module id matters. */
	return elfk_rel_fixture_run_core_tls(elf, image, size, alloc, mem, 0,
					     res, log);
}
