// SPDX-License-Identifier: GPL-2.0
/*
 * Defects of the fixture object, one invariant each.
 *
 * Every row was produced by building the fixture (elf_fixture.c), applying
 * the row's mutation, and writing down the errno and the message elfk must
 * give.  The same rows run in the host unit tests, in KUnit and, as files
 * written by tools/testing/corpus, through /dev/elfload in the guest.
 */
#include "elf_fixture.h"

#define MUTATION(fn, body)                                      \
	static void fn(struct elfk_fixture *f)                  \
	{                                                       \
		body;                                           \
	}

/* DT_SONAME's slot becomes DT_FLAGS. */
static void set_dt_flags(struct elfk_fixture *f, u64 flags)
{
	Elf64_Dyn *d = elfk_fixture_dyn(f, DT_SONAME);

	d->d_tag = DT_FLAGS;
	d->d_un.d_val = flags;
}

MUTATION(m_none, (void)f)
MUTATION(m_magic, f->eh->e_ident[EI_MAG1] = 'X')
MUTATION(m_class32, f->eh->e_ident[EI_CLASS] = ELFCLASS32)
MUTATION(m_class_bad, f->eh->e_ident[EI_CLASS] = 7)
MUTATION(m_big_endian, f->eh->e_ident[EI_DATA] = ELFDATA2MSB)
MUTATION(m_ident_version, f->eh->e_ident[EI_VERSION] = 9)
MUTATION(m_osabi, f->eh->e_ident[EI_OSABI] = 9)
MUTATION(m_exec, f->eh->e_type = ET_EXEC)
MUTATION(m_machine, f->eh->e_machine = 183)
MUTATION(m_version, f->eh->e_version = 2)
MUTATION(m_ehsize, f->eh->e_ehsize = 52)
MUTATION(m_phnum_zero, f->eh->e_phnum = 0)
MUTATION(m_phnum_huge, f->eh->e_phnum = 1000)
MUTATION(m_phentsize, f->eh->e_phentsize = 32)
MUTATION(m_phoff_past_end, f->eh->e_phoff = 0x2100)
MUTATION(m_phoff_overflow, f->eh->e_phoff = ~0ULL - 7)
MUTATION(m_phoff_unaligned, f->eh->e_phoff = 0x41)
MUTATION(m_truncated, f->size = 0x30)
MUTATION(m_no_load, { f->ph[0].p_type = PT_NULL; f->ph[1].p_type = PT_NULL;
		      f->ph[2].p_type = PT_NULL; })
MUTATION(m_filesz_gt_memsz, { f->ph[2].p_filesz = 0x3000;
			      f->ph[2].p_memsz = 0x2000; })
MUTATION(m_load_past_end, f->ph[1].p_offset = 0x100000)
MUTATION(m_load_filesz_past_end, f->ph[2].p_filesz = 0x300)
MUTATION(m_vaddr_overflow, { f->ph[2].p_memsz = ~0ULL - 0x1000; })
MUTATION(m_wx, f->ph[1].p_flags |= PF_W)
MUTATION(m_unsorted, { f->ph[1].p_vaddr = 0x5000; f->ph[1].p_offset = 0x1000; })
MUTATION(m_overlap, f->ph[0].p_memsz = 0x1800)
MUTATION(m_align_not_pow2, f->ph[1].p_align = 0x1800)
MUTATION(m_align_huge, f->ph[1].p_align = 0x200000)
MUTATION(m_incongruent, f->ph[1].p_vaddr = 0x1100)
MUTATION(m_no_dynamic, f->ph[3].p_type = PT_NULL)
MUTATION(m_dynamic_odd_size, f->ph[3].p_filesz = 0x108)
MUTATION(m_dynamic_past_end, f->ph[3].p_offset = 0x2180)
MUTATION(m_dup_dynamic, f->ph[4].p_type = PT_DYNAMIC)
MUTATION(m_tls, elfk_fixture_add_tls(f))
MUTATION(m_tls_dup, { elfk_fixture_add_tls(f); f->ph[4] = f->ph[5]; })
MUTATION(m_tls_align, { elfk_fixture_add_tls(f); f->ph[5].p_align = 3; })
MUTATION(m_tls_filesz, { elfk_fixture_add_tls(f); f->ph[5].p_filesz = 0x40; })
MUTATION(m_tls_huge, { elfk_fixture_add_tls(f); f->ph[5].p_memsz = 0x10000000; })
MUTATION(m_tls_outside, { elfk_fixture_add_tls(f); f->ph[5].p_vaddr = 0x2800; })
MUTATION(m_tls_sym_outside, { elfk_fixture_add_tls(f);
			      f->sym[ELFK_FIX_SYM_DATA].st_value = 0x100; })
MUTATION(m_dtpmod_no_tls, f->rela[0].r_info = R_X86_64_DTPMOD64)
MUTATION(m_static_tls, set_dt_flags(f, DF_STATIC_TLS))
MUTATION(m_tlsdesc, f->rela[0].r_info = R_X86_64_TLSDESC)
MUTATION(m_interp, f->ph[4].p_type = PT_INTERP)
MUTATION(m_relro_outside, f->ph[4].p_vaddr = 0x1000)
MUTATION(m_dynamic_unterminated, {
	Elf64_Dyn *d = elfk_fixture_dyn(f, DT_INIT_ARRAYSZ);

	d[1].d_tag = DT_DEBUG;
	f->ph[3].p_filesz = (u64)((u8 *)&d[2] - (u8 *)f->dyn);
})
MUTATION(m_textrel, elfk_fixture_dyn(f, DT_SONAME)->d_tag = DT_TEXTREL)
MUTATION(m_df_textrel, set_dt_flags(f, DF_TEXTREL))
MUTATION(m_rel, elfk_fixture_dyn(f, DT_SONAME)->d_tag = DT_REL)
MUTATION(m_dt_tlsdesc, elfk_fixture_dyn(f, DT_SONAME)->d_tag = DT_TLSDESC_PLT)
MUTATION(m_dt_filter, elfk_fixture_dyn(f, DT_SONAME)->d_tag = 0x7fffffff)
MUTATION(m_relr_unsized, elfk_fixture_dyn(f, DT_SONAME)->d_tag = DT_RELR)
MUTATION(m_dup_symtab, elfk_fixture_dyn(f, DT_SONAME)->d_tag = DT_SYMTAB)
MUTATION(m_needed, elfk_fixture_dyn(f, DT_SONAME)->d_tag = DT_NEEDED)
MUTATION(m_needed_out_of_range, { Elf64_Dyn *d = elfk_fixture_dyn(f, DT_SONAME);

	d->d_tag = DT_NEEDED; d->d_un.d_val = 0x9999; })
MUTATION(m_soname_out_of_range, elfk_fixture_dyn(f, DT_SONAME)->d_un.d_val = 0x500)
MUTATION(m_preinit, elfk_fixture_dyn(f, DT_SONAME)->d_tag = DT_PREINIT_ARRAY)
MUTATION(m_no_strtab, elfk_fixture_dyn(f, DT_STRTAB)->d_tag = DT_DEBUG)
MUTATION(m_no_symtab, elfk_fixture_dyn(f, DT_SYMTAB)->d_tag = DT_DEBUG)
MUTATION(m_no_hash, { elfk_fixture_dyn(f, DT_HASH)->d_tag = DT_DEBUG;
		      elfk_fixture_dyn(f, DT_GNU_HASH)->d_tag = DT_DEBUG; })
MUTATION(m_strtab_outside, elfk_fixture_dyn(f, DT_STRTAB)->d_un.d_val = 0x10000)
MUTATION(m_strtab_in_bss, elfk_fixture_dyn(f, DT_STRTAB)->d_un.d_val = 0x2800)
MUTATION(m_strtab_writable, elfk_fixture_dyn(f, DT_STRTAB)->d_un.d_val = 0x2000)
MUTATION(m_strtab_unterminated, f->str[elfk_fixture_dyn(f, DT_STRSZ)->d_un.d_val - 1] = 'x')
MUTATION(m_strsz_zero, elfk_fixture_dyn(f, DT_STRSZ)->d_un.d_val = 0)
MUTATION(m_syment, elfk_fixture_dyn(f, DT_SYMENT)->d_un.d_val = 16)
MUTATION(m_relaent, elfk_fixture_dyn(f, DT_RELAENT)->d_un.d_val = 16)
MUTATION(m_relasz_odd, elfk_fixture_dyn(f, DT_RELASZ)->d_un.d_val = 50)
MUTATION(m_rela_outside, elfk_fixture_dyn(f, DT_RELA)->d_un.d_val = 0x4f0)
MUTATION(m_pltrel_rel, elfk_fixture_dyn(f, DT_PLTREL)->d_un.d_val = DT_REL)
MUTATION(m_no_relasz, elfk_fixture_dyn(f, DT_RELASZ)->d_tag = DT_DEBUG)
MUTATION(m_st_name, f->sym[ELFK_FIX_SYM_DATA].st_name = 0x7000)
MUTATION(m_st_shndx, f->sym[ELFK_FIX_SYM_DATA].st_shndx = SHN_COMMON)
MUTATION(m_st_value, f->sym[ELFK_FIX_SYM_DATA].st_value = 0x900000)
MUTATION(m_hash_nbucket0, f->hash[0] = 0)
MUTATION(m_hash_chain_past, f->hash[5] = 77)
MUTATION(m_hash_nchain_huge, f->hash[1] = 0x7fffffff)
MUTATION(m_gnu_nbuckets0, f->gnu[0] = 0)
MUTATION(m_gnu_bloom_size, f->gnu[2] = 3)
MUTATION(m_gnu_bloom_shift, f->gnu[3] = 40)
MUTATION(m_gnu_bucket_low, f->gnu[1] = 3)
MUTATION(m_gnu_chain_runs_off, f->gnu[9] &= ~1U)
MUTATION(m_rel_offset_outside, f->rela[0].r_offset = 0x9000)
MUTATION(m_rel_offset_straddles, f->rela[0].r_offset = 0x30fc)
MUTATION(m_rel_in_text, f->rela[0].r_offset = ELFK_FIX_TEXT)
MUTATION(m_rel_sym_range, f->rela[1].r_info = (99ULL << 32) | R_X86_64_64)
MUTATION(m_rel_unknown, f->rela[0].r_info = 200)
MUTATION(m_rel_pc32, f->rela[0].r_info = R_X86_64_PC32)
MUTATION(m_rel_copy, f->rela[0].r_info = R_X86_64_COPY)
MUTATION(m_rel_tpoff, f->rela[0].r_info = R_X86_64_TPOFF64)
MUTATION(m_undefined, memcpy(f->str + 1, "nosuch", 6))
MUTATION(m_weak_undefined, { memcpy(f->str + 1, "nosuch", 6);
			     f->sym[ELFK_FIX_SYM_EXT].st_info = (STB_WEAK << 4) | STT_FUNC; })
MUTATION(m_local_undefined, f->sym[ELFK_FIX_SYM_EXT].st_info = (STB_LOCAL << 4) | STT_FUNC)
MUTATION(m_tls_sym, f->sym[ELFK_FIX_SYM_DATA].st_info = (STB_GLOBAL << 4) | STT_TLS)
MUTATION(m_ifunc_sym, f->sym[ELFK_FIX_SYM_DATA].st_info = (STB_GLOBAL << 4) | STT_GNU_IFUNC)
MUTATION(m_irelative, elfk_fixture_add_ifunc(f))
MUTATION(m_irelative_data, { elfk_fixture_add_ifunc(f);
			     f->rela[0].r_addend = ELFK_FIX_DATA; })
MUTATION(m_ifunc_ret42,
	 f->sym[ELFK_FIX_SYM_RET42].st_info = (STB_GLOBAL << 4) | STT_GNU_IFUNC)
MUTATION(m_init_array_to_data, f->rela[3].r_addend = ELFK_FIX_DATA)
MUTATION(m_init_array_outside, elfk_fixture_dyn(f, DT_INIT_ARRAY)->d_un.d_val = 0x8000)
MUTATION(m_init_array_unsized, elfk_fixture_dyn(f, DT_INIT_ARRAYSZ)->d_tag = DT_DEBUG)
MUTATION(m_init_in_data, { Elf64_Dyn *d = elfk_fixture_dyn(f, DT_SONAME);

	d->d_tag = DT_INIT; d->d_un.d_val = ELFK_FIX_DATA; })

/* Defects of issue 11: what a load must check for whoever acts later. */
MUTATION(m_tls_sym_at_end, { elfk_fixture_add_tls(f);
			     f->sym[ELFK_FIX_SYM_DATA].st_value = 0x20; })
MUTATION(m_tls_sym_size, { elfk_fixture_add_tls(f);
			   f->sym[ELFK_FIX_SYM_DATA].st_value = 0x18;
			   f->sym[ELFK_FIX_SYM_DATA].st_size = 0x10; })
MUTATION(m_tls_sym_size_wraps, { elfk_fixture_add_tls(f);
				 f->sym[ELFK_FIX_SYM_DATA].st_value = 8;
				 f->sym[ELFK_FIX_SYM_DATA].st_size = ~0ULL - 3; })
/* No relocation names data_obj: only the definition says it is an IFUNC. */
static void unreference_data_obj(struct elfk_fixture *f)
{
	f->rela[2].r_info = ((u64)ELFK_FIX_SYM_RET42 << 32) | R_X86_64_GLOB_DAT;
}

MUTATION(m_ifunc_unused_in_data, { unreference_data_obj(f);
	 f->sym[ELFK_FIX_SYM_DATA].st_info = (STB_GLOBAL << 4) | STT_GNU_IFUNC; })
MUTATION(m_ifunc_unused_abs, { unreference_data_obj(f);
	 f->sym[ELFK_FIX_SYM_DATA].st_info = (STB_GLOBAL << 4) | STT_GNU_IFUNC;
	 f->sym[ELFK_FIX_SYM_DATA].st_shndx = SHN_ABS; })
MUTATION(m_func_in_data, f->sym[ELFK_FIX_SYM_RET42].st_value = ELFK_FIX_DATA_OBJ)
/* Empty tables at addresses nothing checks: no pointer may be formed. */
#define WILD 0x8000000000000000ULL
MUTATION(m_rela_empty_wild, { elfk_fixture_dyn(f, DT_RELA)->d_un.d_val = WILD;
			      elfk_fixture_dyn(f, DT_RELASZ)->d_un.d_val = 0; })
MUTATION(m_jmprel_empty_wild, { elfk_fixture_dyn(f, DT_JMPREL)->d_un.d_val = WILD;
				elfk_fixture_dyn(f, DT_PLTRELSZ)->d_un.d_val = 0; })
MUTATION(m_init_array_empty_wild, {
	elfk_fixture_dyn(f, DT_INIT_ARRAY)->d_un.d_val = WILD;
	elfk_fixture_dyn(f, DT_INIT_ARRAYSZ)->d_un.d_val = 0;
	f->rela[3].r_info = R_X86_64_NONE; })
/*
 * DT_HASH at an aligned vaddr of a PT_LOAD (p_align 1) whose file bytes,
 * where it is read from, are at an offset 2 mod 4.
 */
MUTATION(m_hash_misaligned_in_file, {
	f->ph[5].p_type = PT_LOAD;
	f->ph[5].p_flags = PF_R;
	f->ph[5].p_offset = 0x380 + 2;
	f->ph[5].p_vaddr = 0x4000;
	f->ph[5].p_filesz = 0x40;
	f->ph[5].p_memsz = 0x40;
	f->ph[5].p_align = 1;
	elfk_fixture_dyn(f, DT_HASH)->d_un.d_val = 0x4000; })
/* ld 2.40, when a RELRO table is all the writable data: glibc loads it. */
MUTATION(m_relro_past_memsz, f->ph[4].p_memsz = 0x1110)
MUTATION(m_relro_past_pages, f->ph[4].p_memsz = 0x3000)

#define CASE(_name, _fn, _err, _msg) \
	{ .name = _name, .mutate = _fn, .err = _err, .msg = _msg }

const struct elfk_fixture_case elfk_fixture_cases[] = {
	CASE("valid", m_none, 0, ""),
	CASE("weak-undefined", m_weak_undefined, 0, ""),
	CASE("bad-magic", m_magic, -ENOEXEC, "bad ELF magic 7f 58 4c 46"),
	CASE("class32", m_class32, -EOPNOTSUPP, "ELFCLASS32"),
	CASE("class-invalid", m_class_bad, -ENOEXEC, "EI_CLASS 7 is not a valid class"),
	CASE("big-endian", m_big_endian, -EOPNOTSUPP, "big endian"),
	CASE("ident-version", m_ident_version, -ENOEXEC, "EI_VERSION 9"),
	CASE("osabi", m_osabi, -EOPNOTSUPP, "EI_OSABI 9"),
	CASE("et-exec", m_exec, -EOPNOTSUPP, "e_type 2"),
	CASE("machine", m_machine, -EOPNOTSUPP, "e_machine 183"),
	CASE("e-version", m_version, -ENOEXEC, "e_version 2"),
	CASE("ehsize", m_ehsize, -ENOEXEC, "e_ehsize 52"),
	CASE("phnum-zero", m_phnum_zero, -ENOEXEC, "e_phnum is 0"),
	CASE("phnum-huge", m_phnum_huge, -E2BIG, "e_phnum 1000 is above the limit"),
	CASE("phentsize", m_phentsize, -ENOEXEC, "e_phentsize 32"),
	CASE("phoff-past-end", m_phoff_past_end, -ENOEXEC, "program headers at 0x2100"),
	CASE("phoff-overflow", m_phoff_overflow, -ENOEXEC, "run past the"),
	CASE("phoff-unaligned", m_phoff_unaligned, -ENOEXEC, "e_phoff 0x41 is not 8-byte aligned"),
	CASE("truncated", m_truncated, -ENOEXEC, "image is 48 bytes"),
	CASE("no-load", m_no_load, -ENOEXEC, "no PT_LOAD segment"),
	CASE("filesz-gt-memsz", m_filesz_gt_memsz, -ENOEXEC,
	     "PT_LOAD 2: p_filesz 0x3000 > p_memsz 0x2000"),
	CASE("load-past-end", m_load_past_end, -ENOEXEC, "PT_LOAD 1: file range 0x100000+0x40"),
	CASE("load-filesz-past-end", m_load_filesz_past_end, -ENOEXEC,
	     "PT_LOAD 2: file range 0x2000+0x300 is outside the 8704-byte image"),
	CASE("vaddr-overflow", m_vaddr_overflow, -ENOEXEC, "PT_LOAD 2: p_vaddr 0x2000 + p_memsz"),
	CASE("w-and-x", m_wx, -EOPNOTSUPP, "PT_LOAD 1: writable and executable"),
	CASE("unsorted", m_unsorted, -ENOEXEC, "segments must be sorted"),
	CASE("overlap", m_overlap, -ENOEXEC, "overlaps or shares a page with PT_LOAD 0"),
	CASE("align-not-pow2", m_align_not_pow2, -ENOEXEC, "p_align 0x1800 is not a power of two"),
	CASE("align-huge", m_align_huge, -EOPNOTSUPP, "p_align 0x200000 is above"),
	CASE("incongruent", m_incongruent, -ENOEXEC, "not congruent modulo p_align"),
	CASE("no-dynamic", m_no_dynamic, -ENOEXEC, "no PT_DYNAMIC segment"),
	CASE("dynamic-odd-size", m_dynamic_odd_size, -ENOEXEC,
	     "p_filesz 0x108 is not a nonzero multiple"),
	CASE("dynamic-past-end", m_dynamic_past_end, -ENOEXEC,
	     "PT_DYNAMIC 3: file range 0x2180+0x100"),
	CASE("dynamic-duplicate", m_dup_dynamic, -ENOEXEC, "duplicate PT_DYNAMIC"),
	CASE("tls", m_tls, 0, ""),
	CASE("tls-duplicate", m_tls_dup, -ENOEXEC, "PT_TLS 5: duplicate PT_TLS"),
	CASE("tls-align", m_tls_align, -ENOEXEC, "PT_TLS 5: p_align 0x3 is not a power of two"),
	CASE("tls-filesz", m_tls_filesz, -ENOEXEC, "PT_TLS 5: p_filesz 0x40 > p_memsz 0x20"),
	CASE("tls-huge", m_tls_huge, -E2BIG, "p_memsz 0x10000000 is above the TLS block cap"),
	CASE("tls-outside", m_tls_outside, -ENOEXEC,
	     "PT_TLS 5: initialisation image [0x2800, +0x8) is not inside the file part"),
	CASE("tls-symbol-outside", m_tls_sym_outside, -ENOEXEC,
	     "'data_obj': STT_TLS [0x100, +0x8) is outside the 0x20-byte PT_TLS block"),
	CASE("dtpmod-without-tls", m_dtpmod_no_tls, -ENOEXEC,
	     "R_X86_64_DTPMOD64 needs a PT_TLS segment"),
	CASE("static-tls", m_static_tls, -EOPNOTSUPP, "-ftls-model=global-dynamic"),
	CASE("tlsdesc", m_tlsdesc, -EOPNOTSUPP, "TLS descriptors (-mtls-dialect=gnu2)"),
	CASE("pt-interp", m_interp, -EOPNOTSUPP, "PT_INTERP 4"),
	CASE("relro-outside", m_relro_outside, -ENOEXEC, "is not inside a writable PT_LOAD"),
	CASE("dynamic-unterminated", m_dynamic_unterminated, -ENOEXEC,
	     "no DT_NULL in its 16 entries"),
	CASE("textrel", m_textrel, -EOPNOTSUPP, "DT_TEXTREL"),
	CASE("df-textrel", m_df_textrel, -EOPNOTSUPP, "DF_TEXTREL"),
	CASE("dt-rel", m_rel, -EOPNOTSUPP, "DT_REL: x86_64 objects use DT_RELA"),
	CASE("dt-tlsdesc", m_dt_tlsdesc, -EOPNOTSUPP,
	     "dynamic entry 12: DT_TLSDESC_PLT: TLS descriptors are not supported"),
	CASE("dt-filter", m_dt_filter, -EOPNOTSUPP,
	     "DT_FILTER: filter objects are not supported"),
	CASE("relr-unsized", m_relr_unsized, -ENOEXEC, "missing DT_RELRSZ"),
	CASE("duplicate-symtab", m_dup_symtab, -ENOEXEC, "duplicate DT_SYMTAB"),
	CASE("needed", m_needed, 0, ""),
	CASE("needed-out-of-range", m_needed_out_of_range, -ENOEXEC,
	     "DT_NEEDED 0x9999 is outside DT_STRTAB"),
	CASE("soname-out-of-range", m_soname_out_of_range, -ENOEXEC, "DT_SONAME 0x500 is outside"),
	CASE("preinit-array", m_preinit, -ENOEXEC, "DT_PREINIT_ARRAY"),
	CASE("no-strtab", m_no_strtab, -ENOEXEC, "missing DT_STRTAB"),
	CASE("no-symtab", m_no_symtab, -ENOEXEC, "missing DT_SYMTAB"),
	CASE("no-hash", m_no_hash, -ENOEXEC, "no DT_HASH or DT_GNU_HASH"),
	CASE("strtab-outside", m_strtab_outside, -ENOEXEC, "DT_STRTAB [0x10000"),
	CASE("strtab-in-bss", m_strtab_in_bss, -ENOEXEC, "not inside the file part of a PT_LOAD"),
	CASE("strtab-writable", m_strtab_writable, -ENOEXEC,
	     "DT_STRTAB at 0x2000 is in writable PT_LOAD 2"),
	CASE("strtab-unterminated", m_strtab_unterminated, -ENOEXEC, "is not NUL-terminated"),
	CASE("strsz-zero", m_strsz_zero, -ENOEXEC, "DT_STRSZ is 0"),
	CASE("syment", m_syment, -ENOEXEC, "DT_SYMENT 16"),
	CASE("relaent", m_relaent, -ENOEXEC, "DT_RELAENT 16"),
	CASE("relasz-odd", m_relasz_odd, -ENOEXEC, "DT_RELA size 0x32 is not a multiple of 24"),
	CASE("rela-outside", m_rela_outside, -ENOEXEC, "DT_RELA [0x4f0, +0x60)"),
	CASE("pltrel-rel", m_pltrel_rel, -EOPNOTSUPP, "DT_PLTREL 17"),
	CASE("no-relasz", m_no_relasz, -ENOEXEC, "missing DT_RELASZ"),
	CASE("st-name", m_st_name, -ENOEXEC, "symbol 3: st_name 0x7000"),
	CASE("st-shndx", m_st_shndx, -ENOEXEC, "symbol 3: reserved section index 0xfff2"),
	CASE("st-value", m_st_value, -ENOEXEC, "symbol 3: st_value 0x900000"),
	CASE("hash-nbucket-zero", m_hash_nbucket0, -ENOEXEC, "DT_HASH: nbucket is 0"),
	CASE("hash-chain-past", m_hash_chain_past, -ENOEXEC, "chain 2 is 77, past nchain 5"),
	CASE("hash-nchain-huge", m_hash_nchain_huge, -E2BIG,
	     "nchain 2147483647 is above the max_symbols cap"),
	CASE("gnu-nbuckets-zero", m_gnu_nbuckets0, -ENOEXEC, "DT_GNU_HASH: nbuckets is 0"),
	CASE("gnu-bloom-size", m_gnu_bloom_size, -ENOEXEC, "bloom_size 3 is not a power of two"),
	CASE("gnu-bloom-shift", m_gnu_bloom_shift, -ENOEXEC, "bloom_shift 40"),
	CASE("gnu-bucket-low", m_gnu_bucket_low, -ENOEXEC, "bucket 0 is 2, below symoffset 3"),
	CASE("gnu-chain-runs-on", m_gnu_chain_runs_off, -ENOEXEC, "but DT_HASH nchain is 5"),
	CASE("rel-offset-outside", m_rel_offset_outside, -ENOEXEC,
	     "DT_RELA[0]: r_offset 0x9000 (+8 bytes) is outside every PT_LOAD"),
	CASE("rel-offset-straddles", m_rel_offset_straddles, -ENOEXEC,
	     "r_offset 0x30fc (+8 bytes)"),
	CASE("rel-in-text", m_rel_in_text, -EOPNOTSUPP, "(a text relocation)"),
	CASE("rel-sym-range", m_rel_sym_range, -ENOEXEC,
	     "DT_RELA[1]: symbol index 99 is past the 5"),
	CASE("rel-unknown", m_rel_unknown, -ENOEXEC, "DT_RELA[0]: unknown relocation type 200"),
	CASE("rel-pc32", m_rel_pc32, -EOPNOTSUPP, "R_X86_64_PC32 (2) is not supported"),
	CASE("rel-copy", m_rel_copy, -EOPNOTSUPP, "R_X86_64_COPY (5)"),
	CASE("rel-tpoff64", m_rel_tpoff, -EOPNOTSUPP,
	     "R_X86_64_TPOFF64 (18) is not supported: initial/local-exec TLS uses %fs"),
	CASE("undefined", m_undefined, -ENOENT, "undefined symbol 'nosuch'"),
	CASE("local-undefined", m_local_undefined, -ENOEXEC, "local symbol 'memcpy' is undefined"),
	CASE("tls-symbol-without-tls", m_tls_sym, -ENOEXEC,
	     "symbol 3 'data_obj': STT_TLS, and the object has no PT_TLS segment"),
	CASE("ifunc-resolver-in-data", m_ifunc_sym, -ENOEXEC,
	     "'data_obj': STT_GNU_IFUNC resolver at 0x2040 is outside the executable segments"),
	CASE("irelative", m_irelative, 0, ""),
	CASE("irelative-in-data", m_irelative_data, -ENOEXEC,
	     "R_X86_64_IRELATIVE resolver at 0x2000 is outside the executable segments"),
	CASE("ifunc-symbol", m_ifunc_ret42, 0, ""),
	CASE("init-array-to-data", m_init_array_to_data, -ENOEXEC,
	     "DT_INIT_ARRAY[0] points to 0x2000, outside the executable segments"),
	CASE("init-array-outside", m_init_array_outside, -ENOEXEC, "DT_INIT_ARRAY [0x8000"),
	CASE("init-array-unsized", m_init_array_unsized, -ENOEXEC,
	     "DT_INIT_ARRAY and its size must come together"),
	CASE("init-in-data", m_init_in_data, -ENOEXEC,
	     "DT_INIT 0x2000 is not inside an executable segment"),
	CASE("tls-symbol-at-block-end", m_tls_sym_at_end, -ENOEXEC,
	     "'data_obj': STT_TLS [0x20, +0x8) is outside the 0x20-byte PT_TLS block"),
	CASE("tls-symbol-size-past-block", m_tls_sym_size, -ENOEXEC,
	     "'data_obj': STT_TLS [0x18, +0x10) is outside the 0x20-byte PT_TLS block"),
	CASE("tls-symbol-size-wraps", m_tls_sym_size_wraps, -ENOEXEC,
	     "STT_TLS [0x8, +0xfffffffffffffffc) is outside the 0x20-byte PT_TLS block"),
	CASE("ifunc-unreferenced-in-data", m_ifunc_unused_in_data, -ENOEXEC,
	     "'data_obj': STT_GNU_IFUNC resolver at 0x2040 is outside the executable segments"),
	CASE("ifunc-unreferenced-abs", m_ifunc_unused_abs, -ENOEXEC,
	     "'data_obj': STT_GNU_IFUNC resolver at 0x2040 is outside the executable segments"),
	CASE("function-in-data", m_func_in_data, -ENOEXEC,
	     "'ret42': exported STT_FUNC at 0x2040 is outside the executable segments"),
	CASE("rela-empty-wild", m_rela_empty_wild, 0, ""),
	CASE("jmprel-empty-wild", m_jmprel_empty_wild, 0, ""),
	CASE("init-array-empty-wild", m_init_array_empty_wild, 0, ""),
	CASE("hash-misaligned-in-file", m_hash_misaligned_in_file, -ENOEXEC,
	     "DT_HASH at 0x4000: PT_LOAD 5's p_offset 0x382 and p_vaddr 0x4000 are not congruent"),
	CASE("relro-past-memsz", m_relro_past_memsz, 0, ""),
	CASE("relro-past-pages", m_relro_past_pages, -ENOEXEC,
	     "PT_GNU_RELRO 4 [0x2000, +0x3000) is not inside a writable PT_LOAD's pages"),
};

const unsigned int elfk_fixture_nr_cases = ARRAY_SIZE(elfk_fixture_cases);
