// SPDX-License-Identifier: GPL-2.0
/*
 * The hand-built ET_REL fixture and its table of defects; see
 * rel_fixture.h.  Every row was produced by building the fixture, applying
 * the row's mutation, and writing down the errno and the message elfk must
 * give.
 *
 * Layout (file offsets):
 *
 *   0x000  ELF header (ET_REL, no program headers)
 *   0x100  .text        ret42, get_slot, ctor (local), get_flag, call_ext
 *   0x160  .rodata      "hello"
 *   0x170  .data        one u64 slot
 *   0x178  .init_array  one entry (ctor)
 *          .bss         4 bytes (NOBITS)
 *   0x180  .symtab, 0x2a0 .strtab, 0x320 .shstrtab
 *   0x3c0  .rela.text (5), 0x438 .rela.data (1), 0x450 .rela.init_array (1)
 *   0x600  section headers (12)
 */
#include "rel_fixture.h"

#define OFF_TEXT 0x100
#define OFF_RODATA 0x160
#define OFF_DATA 0x170
#define OFF_INIT 0x178
#define OFF_SYMTAB 0x180
#define OFF_STRTAB 0x2a0
#define OFF_SHSTRTAB 0x320
#define OFF_RELA_TEXT 0x3c0
#define OFF_RELA_DATA 0x438
#define OFF_RELA_INIT 0x450
#define OFF_SHDRS 0x600
#define NR_RELA_TEXT 5
#define TEXT_SIZE 0x60

/* Function offsets in .text and the relocated fields. */
#define T_RET42 0x00
#define T_GET_SLOT 0x10
#define T_CTOR 0x20
#define T_GET_FLAG 0x30
#define T_CALL_EXT 0x40

static const char strtab[] =
	"\0ctor\0ret42\0get_slot\0get_flag\0call_ext\0strlen\0hidden_fn";
/* Section names, in section order, then ".ctors" for the case table. */
static const char *const sec_names[] = {
	".text", ".rodata", ".data", ".bss", ".init_array", ".symtab",
	".strtab", ".shstrtab", ".rela.text", ".rela.data",
	".rela.init_array", ".ctors",
};

static const u8 text[TEXT_SIZE] = {
	/* 0x00 ret42: endbr64; mov $42, %eax; ret */
	[0x00] = 0xf3, 0x0f, 0x1e, 0xfa, 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3,
	/* 0x10 get_slot: endbr64; mov slot(%rip), %rax (PC32 at 0x17); ret */
	[0x10] = 0xf3, 0x0f, 0x1e, 0xfa, 0x48, 0x8b, 0x05, 0, 0, 0, 0, 0xc3,
	/* 0x20 ctor: endbr64; movl $1, flag(%rip) (PC32 at 0x26); ret */
	[0x20] = 0xf3, 0x0f, 0x1e, 0xfa, 0xc7, 0x05, 0, 0, 0, 0,
		 0x01, 0x00, 0x00, 0x00, 0xc3,
	/* 0x30 get_flag: endbr64; mov flag(%rip), %eax (PC32 at 0x36); ret */
	[0x30] = 0xf3, 0x0f, 0x1e, 0xfa, 0x8b, 0x05, 0, 0, 0, 0, 0xc3,
	/*
	 * 0x40 call_ext: endbr64; sub $8, %rsp; lea str(%rip), %rdi (PC32 at
	 * 0x4b); call strlen (PLT32 at 0x50); add $8, %rsp; ret
	 */
	[0x40] = 0xf3, 0x0f, 0x1e, 0xfa, 0x48, 0x83, 0xec, 0x08,
		 0x48, 0x8d, 0x3d, 0, 0, 0, 0, 0xe8, 0, 0, 0, 0,
		 0x48, 0x83, 0xc4, 0x08, 0xc3,
};

/* Offset of the string @s in the NUL-separated table @tab. */
static u32 str_off(const char *tab, u32 size, const char *s)
{
	u32 i;

	for (i = 1; i < size; i += strlen(tab + i) + 1)
		if (!strcmp(tab + i, s))
			return i;
	return 0;
}

/* Write .shstrtab into the image; its size. */
static u32 build_shstrtab(struct elfk_rel_fixture *f)
{
	char *tab = (char *)f->buf + OFF_SHSTRTAB;
	u32 i, pos = 1;

	for (i = 0; i < ARRAY_SIZE(sec_names); i++) {
		memcpy(tab + pos, sec_names[i], strlen(sec_names[i]) + 1);
		pos += strlen(sec_names[i]) + 1;
	}
	return pos;
}

static void put_sh(struct elfk_rel_fixture *f, u32 i, const char *name, u32 type,
		   u64 flags, u64 off, u64 size, u32 link, u32 info, u64 align,
		   u64 entsize)
{
	Elf64_Shdr *sh = &f->sh[i];

	sh->sh_name = str_off((const char *)f->buf + OFF_SHSTRTAB,
			      OFF_RELA_TEXT - OFF_SHSTRTAB, name);
	sh->sh_type = type;
	sh->sh_flags = flags;
	sh->sh_offset = off;
	sh->sh_size = size;
	sh->sh_link = link;
	sh->sh_info = info;
	sh->sh_addralign = align;
	sh->sh_entsize = entsize;
}

static void put_sym(struct elfk_rel_fixture *f, u32 i, const char *name,
		    u8 bind, u8 type, u16 shndx, u64 value, u64 size)
{
	Elf64_Sym *s = &f->sym[i];

	s->st_name = name ? str_off(strtab, sizeof(strtab), name) : 0;
	s->st_info = (bind << 4) | type;
	s->st_other = STV_DEFAULT;
	s->st_shndx = shndx;
	s->st_value = value;
	s->st_size = size;
}

static void put_rela(Elf64_Rela *r, u64 off, u32 sym, u32 type, s64 addend)
{
	r->r_offset = off;
	r->r_info = ((u64)sym << 32) | type;
	r->r_addend = addend;
}

void elfk_rel_fixture_build(struct elfk_rel_fixture *f)
{
	u8 *b = f->buf;
	const u32 rela = sizeof(Elf64_Rela), ai = 0x40; /* SHF_INFO_LINK */
	u32 shstrsz;

	memset(f->buf, 0, sizeof(f->buf));
	f->size = ELFK_RELFIX_SIZE;
	f->eh = (Elf64_Ehdr *)b;
	f->sh = (Elf64_Shdr *)(b + OFF_SHDRS);
	f->sym = (Elf64_Sym *)(b + OFF_SYMTAB);
	f->text = b + OFF_TEXT;
	f->rela_text = (Elf64_Rela *)(b + OFF_RELA_TEXT);
	f->rela_data = (Elf64_Rela *)(b + OFF_RELA_DATA);
	f->rela_init = (Elf64_Rela *)(b + OFF_RELA_INIT);

	memcpy(f->eh->e_ident, ELFMAG, SELFMAG);
	f->eh->e_ident[EI_CLASS] = ELFCLASS64;
	f->eh->e_ident[EI_DATA] = ELFDATA2LSB;
	f->eh->e_ident[EI_VERSION] = EV_CURRENT;
	f->eh->e_type = ET_REL;
	f->eh->e_machine = EM_X86_64;
	f->eh->e_version = EV_CURRENT;
	f->eh->e_ehsize = sizeof(Elf64_Ehdr);
	f->eh->e_shoff = OFF_SHDRS;
	f->eh->e_shentsize = sizeof(Elf64_Shdr);
	f->eh->e_shnum = ELFK_RELFIX_NSECS;
	f->eh->e_shstrndx = ELFK_RELFIX_SEC_SHSTRTAB;
	shstrsz = build_shstrtab(f);

	put_sh(f, ELFK_RELFIX_SEC_TEXT, ".text", SHT_PROGBITS,
	       SHF_ALLOC | SHF_EXECINSTR, OFF_TEXT, TEXT_SIZE, 0, 0, 16, 0);
	put_sh(f, ELFK_RELFIX_SEC_RODATA, ".rodata", SHT_PROGBITS, SHF_ALLOC,
	       OFF_RODATA, 6, 0, 0, 1, 0);
	put_sh(f, ELFK_RELFIX_SEC_DATA, ".data", SHT_PROGBITS,
	       SHF_ALLOC | SHF_WRITE, OFF_DATA, 8, 0, 0, 8, 0);
	put_sh(f, ELFK_RELFIX_SEC_BSS, ".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE,
	       OFF_INIT, 4, 0, 0, 4, 0);
	put_sh(f, ELFK_RELFIX_SEC_INIT_ARRAY, ".init_array", 14 /* SHT_INIT_ARRAY */,
	       SHF_ALLOC | SHF_WRITE, OFF_INIT, 8, 0, 0, 8, 8);
	put_sh(f, ELFK_RELFIX_SEC_SYMTAB, ".symtab", SHT_SYMTAB, 0, OFF_SYMTAB,
	       ELFK_RELFIX_NSYMS * sizeof(Elf64_Sym), ELFK_RELFIX_SEC_STRTAB,
	       ELFK_RELFIX_SYM_RET42, 8, sizeof(Elf64_Sym));
	put_sh(f, ELFK_RELFIX_SEC_STRTAB, ".strtab", SHT_STRTAB, 0, OFF_STRTAB,
	       sizeof(strtab), 0, 0, 1, 0);
	put_sh(f, ELFK_RELFIX_SEC_SHSTRTAB, ".shstrtab", SHT_STRTAB, 0,
	       OFF_SHSTRTAB, shstrsz, 0, 0, 1, 0);
	put_sh(f, ELFK_RELFIX_SEC_RELA_TEXT, ".rela.text", SHT_RELA, ai,
	       OFF_RELA_TEXT, NR_RELA_TEXT * rela, ELFK_RELFIX_SEC_SYMTAB,
	       ELFK_RELFIX_SEC_TEXT, 8, rela);
	put_sh(f, ELFK_RELFIX_SEC_RELA_DATA, ".rela.data", SHT_RELA, ai,
	       OFF_RELA_DATA, rela, ELFK_RELFIX_SEC_SYMTAB,
	       ELFK_RELFIX_SEC_DATA, 8, rela);
	put_sh(f, ELFK_RELFIX_SEC_RELA_INIT, ".rela.init_array", SHT_RELA, ai,
	       OFF_RELA_INIT, rela, ELFK_RELFIX_SEC_SYMTAB,
	       ELFK_RELFIX_SEC_INIT_ARRAY, 8, rela);

	memcpy(b + OFF_STRTAB, strtab, sizeof(strtab));
	memcpy(f->text, text, sizeof(text));
	memcpy(b + OFF_RODATA, "hello", 6);

	put_sym(f, ELFK_RELFIX_SYM_TEXT, NULL, STB_LOCAL, STT_SECTION,
		ELFK_RELFIX_SEC_TEXT, 0, 0);
	put_sym(f, ELFK_RELFIX_SYM_RODATA, NULL, STB_LOCAL, STT_SECTION,
		ELFK_RELFIX_SEC_RODATA, 0, 0);
	put_sym(f, ELFK_RELFIX_SYM_DATA, NULL, STB_LOCAL, STT_SECTION,
		ELFK_RELFIX_SEC_DATA, 0, 0);
	put_sym(f, ELFK_RELFIX_SYM_BSS, NULL, STB_LOCAL, STT_SECTION,
		ELFK_RELFIX_SEC_BSS, 0, 0);
	put_sym(f, ELFK_RELFIX_SYM_CTOR, "ctor", STB_LOCAL, STT_FUNC,
		ELFK_RELFIX_SEC_TEXT, T_CTOR, 15);
	put_sym(f, ELFK_RELFIX_SYM_RET42, "ret42", STB_GLOBAL, STT_FUNC,
		ELFK_RELFIX_SEC_TEXT, T_RET42, 10);
	put_sym(f, ELFK_RELFIX_SYM_GET_SLOT, "get_slot", STB_GLOBAL, STT_FUNC,
		ELFK_RELFIX_SEC_TEXT, T_GET_SLOT, 12);
	put_sym(f, ELFK_RELFIX_SYM_GET_FLAG, "get_flag", STB_GLOBAL, STT_FUNC,
		ELFK_RELFIX_SEC_TEXT, T_GET_FLAG, 11);
	put_sym(f, ELFK_RELFIX_SYM_CALL_EXT, "call_ext", STB_GLOBAL, STT_FUNC,
		ELFK_RELFIX_SEC_TEXT, T_CALL_EXT, 25);
	put_sym(f, ELFK_RELFIX_SYM_STRLEN, "strlen", STB_GLOBAL, STT_NOTYPE,
		SHN_UNDEF, 0, 0);
	put_sym(f, ELFK_RELFIX_SYM_HIDDEN, "hidden_fn", STB_GLOBAL, STT_FUNC,
		ELFK_RELFIX_SEC_TEXT, T_RET42, 10);
	f->sym[ELFK_RELFIX_SYM_HIDDEN].st_other = STV_HIDDEN;

	put_rela(&f->rela_text[0], T_GET_SLOT + 7, ELFK_RELFIX_SYM_DATA,
		 R_X86_64_PC32, -4);
	put_rela(&f->rela_text[1], T_CTOR + 6, ELFK_RELFIX_SYM_BSS,
		 R_X86_64_PC32, -8);
	put_rela(&f->rela_text[2], T_GET_FLAG + 6, ELFK_RELFIX_SYM_BSS,
		 R_X86_64_PC32, -4);
	put_rela(&f->rela_text[3], T_CALL_EXT + 11, ELFK_RELFIX_SYM_RODATA,
		 R_X86_64_PC32, -4);
	put_rela(&f->rela_text[4], T_CALL_EXT + 16, ELFK_RELFIX_SYM_STRLEN,
		 R_X86_64_PLT32, -4);
	put_rela(&f->rela_data[0], 0, ELFK_RELFIX_SYM_RET42, R_X86_64_64, 0);
	put_rela(&f->rela_init[0], 0, ELFK_RELFIX_SYM_TEXT, R_X86_64_64, T_CTOR);
}
