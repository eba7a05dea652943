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
 *
 * The thread-local variant (elfk_rel_fixture_build_tls()):
 *
 *   0x000  ELF header
 *   0x100  .text        tls_gd_inc, tls_ld_add
 *   0x160  .tdata       HEAD, tls_gd_var = 1000, TAIL
 *          .tbss        32 bytes (NOBITS), aligned to 16
 *   0x178  .symtab, 0x250 .strtab, 0x2a0 .shstrtab
 *   0x300  .rela.text (5)
 *   0x380  section headers (8)
 *
 * The IFUNC variant (elfk_rel_fixture_build_ifunc()):
 *
 *   0x000  ELF header
 *   0x100  .text        impl, resolve (pick), call_pick, addr_pick
 *   0x160  .data        pick_ptr, nr_resolved
 *   0x170  .symtab, 0x260 .strtab, 0x2a0 .shstrtab
 *   0x2e0  .rela.text (4), 0x340 .rela.data (1)
 *   0x380  section headers (8)
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

/*
 * Both variants are written with the same helpers: where each keeps its
 * section names and its symbol names.
 */
struct builder {
	struct elfk_rel_fixture *f;
	const char *shstr;	/* .shstrtab, in the image */
	u32 shstrsz;
	const char *str;	/* .strtab contents */
	u32 strsz;
};

/* Write .shstrtab at @off in the image; its size. */
static u32 build_shstrtab(struct elfk_rel_fixture *f, u64 off,
			  const char *const *names, u32 n)
{
	char *tab = (char *)f->buf + off;
	u32 i, pos = 1;

	for (i = 0; i < n; i++) {
		memcpy(tab + pos, names[i], strlen(names[i]) + 1);
		pos += strlen(names[i]) + 1;
	}
	return pos;
}

static void put_sh(struct builder *b, u32 i, const char *name, u32 type,
		   u64 flags, u64 off, u64 size, u32 link, u32 info, u64 align,
		   u64 entsize)
{
	Elf64_Shdr *sh = &b->f->sh[i];

	sh->sh_name = str_off(b->shstr, b->shstrsz, name);
	sh->sh_type = type;
	sh->sh_flags = flags;
	sh->sh_offset = off;
	sh->sh_size = size;
	sh->sh_link = link;
	sh->sh_info = info;
	sh->sh_addralign = align;
	sh->sh_entsize = entsize;
}

static void put_sym(struct builder *b, u32 i, const char *name,
		    u8 bind, u8 type, u16 shndx, u64 value, u64 size)
{
	Elf64_Sym *s = &b->f->sym[i];

	s->st_name = name ? str_off(b->str, b->strsz, name) : 0;
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

/* Clear the image and write an x86_64 ET_REL header. */
static void put_ehdr(struct elfk_rel_fixture *f, u64 size, u64 shoff,
		     u16 shnum, u16 shstrndx)
{
	memset(f->buf, 0, sizeof(f->buf));
	f->size = size;
	f->eh = (Elf64_Ehdr *)f->buf;
	f->sh = (Elf64_Shdr *)(f->buf + shoff);
	memcpy(f->eh->e_ident, ELFMAG, SELFMAG);
	f->eh->e_ident[EI_CLASS] = ELFCLASS64;
	f->eh->e_ident[EI_DATA] = ELFDATA2LSB;
	f->eh->e_ident[EI_VERSION] = EV_CURRENT;
	f->eh->e_type = ET_REL;
	f->eh->e_machine = EM_X86_64;
	f->eh->e_version = EV_CURRENT;
	f->eh->e_ehsize = sizeof(Elf64_Ehdr);
	f->eh->e_shoff = shoff;
	f->eh->e_shentsize = sizeof(Elf64_Shdr);
	f->eh->e_shnum = shnum;
	f->eh->e_shstrndx = shstrndx;
}

void elfk_rel_fixture_build(struct elfk_rel_fixture *f)
{
	const u32 rela = sizeof(Elf64_Rela), ai = 0x40; /* SHF_INFO_LINK */
	struct builder b = { .f = f, .str = strtab, .strsz = sizeof(strtab) };
	u8 *img = f->buf;

	put_ehdr(f, ELFK_RELFIX_SIZE, OFF_SHDRS, ELFK_RELFIX_NSECS,
		 ELFK_RELFIX_SEC_SHSTRTAB);
	f->sym = (Elf64_Sym *)(img + OFF_SYMTAB);
	f->text = img + OFF_TEXT;
	f->rela_text = (Elf64_Rela *)(img + OFF_RELA_TEXT);
	f->rela_data = (Elf64_Rela *)(img + OFF_RELA_DATA);
	f->rela_init = (Elf64_Rela *)(img + OFF_RELA_INIT);
	b.shstr = (const char *)img + OFF_SHSTRTAB;
	b.shstrsz = build_shstrtab(f, OFF_SHSTRTAB, sec_names,
				   ARRAY_SIZE(sec_names));

	put_sh(&b, ELFK_RELFIX_SEC_TEXT, ".text", SHT_PROGBITS,
	       SHF_ALLOC | SHF_EXECINSTR, OFF_TEXT, TEXT_SIZE, 0, 0, 16, 0);
	put_sh(&b, ELFK_RELFIX_SEC_RODATA, ".rodata", SHT_PROGBITS, SHF_ALLOC,
	       OFF_RODATA, 6, 0, 0, 1, 0);
	put_sh(&b, ELFK_RELFIX_SEC_DATA, ".data", SHT_PROGBITS,
	       SHF_ALLOC | SHF_WRITE, OFF_DATA, 8, 0, 0, 8, 0);
	put_sh(&b, ELFK_RELFIX_SEC_BSS, ".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE,
	       OFF_INIT, 4, 0, 0, 4, 0);
	put_sh(&b, ELFK_RELFIX_SEC_INIT_ARRAY, ".init_array", 14 /* SHT_INIT_ARRAY */,
	       SHF_ALLOC | SHF_WRITE, OFF_INIT, 8, 0, 0, 8, 8);
	put_sh(&b, ELFK_RELFIX_SEC_SYMTAB, ".symtab", SHT_SYMTAB, 0, OFF_SYMTAB,
	       ELFK_RELFIX_NSYMS * sizeof(Elf64_Sym), ELFK_RELFIX_SEC_STRTAB,
	       ELFK_RELFIX_SYM_RET42, 8, sizeof(Elf64_Sym));
	put_sh(&b, ELFK_RELFIX_SEC_STRTAB, ".strtab", SHT_STRTAB, 0, OFF_STRTAB,
	       sizeof(strtab), 0, 0, 1, 0);
	put_sh(&b, ELFK_RELFIX_SEC_SHSTRTAB, ".shstrtab", SHT_STRTAB, 0,
	       OFF_SHSTRTAB, b.shstrsz, 0, 0, 1, 0);
	put_sh(&b, ELFK_RELFIX_SEC_RELA_TEXT, ".rela.text", SHT_RELA, ai,
	       OFF_RELA_TEXT, NR_RELA_TEXT * rela, ELFK_RELFIX_SEC_SYMTAB,
	       ELFK_RELFIX_SEC_TEXT, 8, rela);
	put_sh(&b, ELFK_RELFIX_SEC_RELA_DATA, ".rela.data", SHT_RELA, ai,
	       OFF_RELA_DATA, rela, ELFK_RELFIX_SEC_SYMTAB,
	       ELFK_RELFIX_SEC_DATA, 8, rela);
	put_sh(&b, ELFK_RELFIX_SEC_RELA_INIT, ".rela.init_array", SHT_RELA, ai,
	       OFF_RELA_INIT, rela, ELFK_RELFIX_SEC_SYMTAB,
	       ELFK_RELFIX_SEC_INIT_ARRAY, 8, rela);

	memcpy(img + OFF_STRTAB, strtab, sizeof(strtab));
	memcpy(f->text, text, sizeof(text));
	memcpy(img + OFF_RODATA, "hello", 6);

	put_sym(&b, ELFK_RELFIX_SYM_TEXT, NULL, STB_LOCAL, STT_SECTION,
		ELFK_RELFIX_SEC_TEXT, 0, 0);
	put_sym(&b, ELFK_RELFIX_SYM_RODATA, NULL, STB_LOCAL, STT_SECTION,
		ELFK_RELFIX_SEC_RODATA, 0, 0);
	put_sym(&b, ELFK_RELFIX_SYM_DATA, NULL, STB_LOCAL, STT_SECTION,
		ELFK_RELFIX_SEC_DATA, 0, 0);
	put_sym(&b, ELFK_RELFIX_SYM_BSS, NULL, STB_LOCAL, STT_SECTION,
		ELFK_RELFIX_SEC_BSS, 0, 0);
	put_sym(&b, ELFK_RELFIX_SYM_CTOR, "ctor", STB_LOCAL, STT_FUNC,
		ELFK_RELFIX_SEC_TEXT, T_CTOR, 15);
	put_sym(&b, ELFK_RELFIX_SYM_RET42, "ret42", STB_GLOBAL, STT_FUNC,
		ELFK_RELFIX_SEC_TEXT, T_RET42, 10);
	put_sym(&b, ELFK_RELFIX_SYM_GET_SLOT, "get_slot", STB_GLOBAL, STT_FUNC,
		ELFK_RELFIX_SEC_TEXT, T_GET_SLOT, 12);
	put_sym(&b, ELFK_RELFIX_SYM_GET_FLAG, "get_flag", STB_GLOBAL, STT_FUNC,
		ELFK_RELFIX_SEC_TEXT, T_GET_FLAG, 11);
	put_sym(&b, ELFK_RELFIX_SYM_CALL_EXT, "call_ext", STB_GLOBAL, STT_FUNC,
		ELFK_RELFIX_SEC_TEXT, T_CALL_EXT, 25);
	put_sym(&b, ELFK_RELFIX_SYM_STRLEN, "strlen", STB_GLOBAL, STT_NOTYPE,
		SHN_UNDEF, 0, 0);
	put_sym(&b, ELFK_RELFIX_SYM_HIDDEN, "hidden_fn", STB_GLOBAL, STT_FUNC,
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

/* ---- the thread-local variant ------------------------------------------- */

#define TFIX_OFF_TEXT 0x100
#define TFIX_OFF_TDATA 0x160
#define TFIX_OFF_SYMTAB 0x178
#define TFIX_OFF_STRTAB 0x250
#define TFIX_OFF_SHSTRTAB 0x2a0
#define TFIX_OFF_RELA_TEXT 0x300
#define TFIX_OFF_SHDRS 0x380
#define TFIX_SIZE 0x580
#define TFIX_TEXT_SIZE 0x60
#define TFIX_TDATA_SIZE 24

/* Function offsets in .text. */
#define T_GD_INC 0x00
#define T_LD_ADD 0x30

static const char tls_strtab[] =
	"\0tls_ld_var\0tls_gd_var\0tls_gd_inc\0tls_ld_add\0__tls_get_addr";
static const char *const tls_sec_names[] = {
	".text", ".tbss", ".tdata", ".symtab", ".strtab", ".shstrtab",
	".rela.text",
};

/*
 * The general- and local-dynamic sequences exactly as gcc emits them (the
 * 0x66 prefixes pad the GD pair to the 16 bytes a linker may relax; elfk
 * never does), each keeping the stack 16-byte aligned at its call.
 */
static const u8 tls_text[TFIX_TEXT_SIZE] = {
	/*
	 * 0x00 tls_gd_inc: endbr64; sub $8, %rsp;
	 * data16 lea tls_gd_var@tlsgd(%rip), %rdi (TLSGD at 0x0c);
	 * data16 data16 rex.W call __tls_get_addr@plt (PLT32 at 0x14);
	 * incq (%rax); mov (%rax), %rax; add $8, %rsp; ret
	 */
	[0x00] = 0xf3, 0x0f, 0x1e, 0xfa, 0x48, 0x83, 0xec, 0x08,
		 0x66, 0x48, 0x8d, 0x3d, 0, 0, 0, 0,
		 0x66, 0x66, 0x48, 0xe8, 0, 0, 0, 0,
		 0x48, 0xff, 0x00, 0x48, 0x8b, 0x00,
		 0x48, 0x83, 0xc4, 0x08, 0xc3,
	/*
	 * 0x30 tls_ld_add: endbr64; push %rbx; mov %rdi, %rbx;
	 * lea tls_ld_var@tlsld(%rip), %rdi (TLSLD at 0x3b);
	 * call __tls_get_addr@plt (PLT32 at 0x40);
	 * lea tls_ld_var@dtpoff(%rax), %rax (DTPOFF32 at 0x47);
	 * add %rbx, (%rax); mov (%rax), %rax; pop %rbx; ret
	 */
	[0x30] = 0xf3, 0x0f, 0x1e, 0xfa, 0x53, 0x48, 0x89, 0xfb,
		 0x48, 0x8d, 0x3d, 0, 0, 0, 0,
		 0xe8, 0, 0, 0, 0,
		 0x48, 0x8d, 0x80, 0, 0, 0, 0,
		 0x48, 0x01, 0x18, 0x48, 0x8b, 0x00, 0x5b, 0xc3,
};

void elfk_rel_fixture_build_tls(struct elfk_rel_fixture *f)
{
	const u32 rela = sizeof(Elf64_Rela), ai = 0x40; /* SHF_INFO_LINK */
	const u64 tls = SHF_ALLOC | SHF_WRITE | SHF_TLS;
	const u64 tdata[] = {
		ELFK_RELTLS_HEAD, ELFK_RELTLS_GD_INIT, ELFK_RELTLS_TAIL,
	};
	struct builder b = { .f = f, .str = tls_strtab,
			     .strsz = sizeof(tls_strtab) };
	u8 *img = f->buf;

	put_ehdr(f, TFIX_SIZE, TFIX_OFF_SHDRS, ELFK_RELTLS_NSECS,
		 ELFK_RELTLS_SEC_SHSTRTAB);
	f->sym = (Elf64_Sym *)(img + TFIX_OFF_SYMTAB);
	f->text = img + TFIX_OFF_TEXT;
	f->rela_text = (Elf64_Rela *)(img + TFIX_OFF_RELA_TEXT);
	f->rela_data = NULL;
	f->rela_init = NULL;
	b.shstr = (const char *)img + TFIX_OFF_SHSTRTAB;
	b.shstrsz = build_shstrtab(f, TFIX_OFF_SHSTRTAB, tls_sec_names,
				   ARRAY_SIZE(tls_sec_names));

	put_sh(&b, ELFK_RELTLS_SEC_TEXT, ".text", SHT_PROGBITS,
	       SHF_ALLOC | SHF_EXECINSTR, TFIX_OFF_TEXT, TFIX_TEXT_SIZE, 0, 0,
	       16, 0);
	put_sh(&b, ELFK_RELTLS_SEC_TBSS, ".tbss", SHT_NOBITS, tls,
	       TFIX_OFF_TDATA + TFIX_TDATA_SIZE, ELFK_RELTLS_TBSS_SIZE, 0, 0,
	       ELFK_RELTLS_TBSS_ALIGN, 0);
	put_sh(&b, ELFK_RELTLS_SEC_TDATA, ".tdata", SHT_PROGBITS, tls,
	       TFIX_OFF_TDATA, TFIX_TDATA_SIZE, 0, 0, 8, 0);
	put_sh(&b, ELFK_RELTLS_SEC_SYMTAB, ".symtab", SHT_SYMTAB, 0,
	       TFIX_OFF_SYMTAB, ELFK_RELTLS_NSYMS * sizeof(Elf64_Sym),
	       ELFK_RELTLS_SEC_STRTAB, ELFK_RELTLS_SYM_GD_VAR, 8,
	       sizeof(Elf64_Sym));
	put_sh(&b, ELFK_RELTLS_SEC_STRTAB, ".strtab", SHT_STRTAB, 0,
	       TFIX_OFF_STRTAB, sizeof(tls_strtab), 0, 0, 1, 0);
	put_sh(&b, ELFK_RELTLS_SEC_SHSTRTAB, ".shstrtab", SHT_STRTAB, 0,
	       TFIX_OFF_SHSTRTAB, b.shstrsz, 0, 0, 1, 0);
	put_sh(&b, ELFK_RELTLS_SEC_RELA_TEXT, ".rela.text", SHT_RELA, ai,
	       TFIX_OFF_RELA_TEXT, ELFK_RELTLS_NR_RELA * rela,
	       ELFK_RELTLS_SEC_SYMTAB, ELFK_RELTLS_SEC_TEXT, 8, rela);

	memcpy(img + TFIX_OFF_STRTAB, tls_strtab, sizeof(tls_strtab));
	memcpy(f->text, tls_text, sizeof(tls_text));
	memcpy(img + TFIX_OFF_TDATA, tdata, sizeof(tdata));

	put_sym(&b, ELFK_RELTLS_SYM_TEXT, NULL, STB_LOCAL, STT_SECTION,
		ELFK_RELTLS_SEC_TEXT, 0, 0);
	put_sym(&b, ELFK_RELTLS_SYM_TBSS, NULL, STB_LOCAL, STT_SECTION,
		ELFK_RELTLS_SEC_TBSS, 0, 0);
	put_sym(&b, ELFK_RELTLS_SYM_TDATA, NULL, STB_LOCAL, STT_SECTION,
		ELFK_RELTLS_SEC_TDATA, 0, 0);
	put_sym(&b, ELFK_RELTLS_SYM_LD_VAR, "tls_ld_var", STB_LOCAL, STT_TLS,
		ELFK_RELTLS_SEC_TBSS, 8, 8);
	put_sym(&b, ELFK_RELTLS_SYM_GD_VAR, "tls_gd_var", STB_GLOBAL, STT_TLS,
		ELFK_RELTLS_SEC_TDATA, 8, 8);
	put_sym(&b, ELFK_RELTLS_SYM_GD_INC, "tls_gd_inc", STB_GLOBAL, STT_FUNC,
		ELFK_RELTLS_SEC_TEXT, T_GD_INC, 0x23);
	put_sym(&b, ELFK_RELTLS_SYM_LD_ADD, "tls_ld_add", STB_GLOBAL, STT_FUNC,
		ELFK_RELTLS_SEC_TEXT, T_LD_ADD, 0x23);
	put_sym(&b, ELFK_RELTLS_SYM_GET_ADDR, "__tls_get_addr", STB_GLOBAL,
		STT_NOTYPE, SHN_UNDEF, 0, 0);

	put_rela(&f->rela_text[ELFK_RELTLS_R_TLSGD], T_GD_INC + ELFK_RELTLS_GD_LEA,
		 ELFK_RELTLS_SYM_GD_VAR, R_X86_64_TLSGD, -4);
	put_rela(&f->rela_text[ELFK_RELTLS_R_GD_CALL],
		 T_GD_INC + ELFK_RELTLS_GD_CALL, ELFK_RELTLS_SYM_GET_ADDR,
		 R_X86_64_PLT32, -4);
	put_rela(&f->rela_text[ELFK_RELTLS_R_TLSLD], T_LD_ADD + ELFK_RELTLS_LD_LEA,
		 ELFK_RELTLS_SYM_LD_VAR, R_X86_64_TLSLD, -4);
	put_rela(&f->rela_text[ELFK_RELTLS_R_LD_CALL],
		 T_LD_ADD + ELFK_RELTLS_LD_CALL, ELFK_RELTLS_SYM_GET_ADDR,
		 R_X86_64_PLT32, -4);
	put_rela(&f->rela_text[ELFK_RELTLS_R_DTPOFF],
		 T_LD_ADD + ELFK_RELTLS_LD_DTPOFF, ELFK_RELTLS_SYM_LD_VAR,
		 R_X86_64_DTPOFF32, 0);
}

/*
 * The 32-bit field at @off into function @name, and for a RIP-relative
 * one (a lea, mov or call ending with it) its target: the next
 * instruction's address plus the field.
 */
static int code_field(const struct elfk_elf *elf, const char *name, u64 off,
		      s32 *field, u64 *target)
{
	const Elf64_Sym *s = elfk_elf_lookup(elf, name);
	const u8 *p;

	if (!s || s->st_value + off + 4 > elf->vsize)
		return -ENOENT;
	p = elfk_elf_ptr(elf, s->st_value + off);
	memcpy(field, p, sizeof(*field));
	*target = (u64)(unsigned long)(p + 4) + (s64)*field;
	return 0;
}

/* @addr as a tls_index if all 16 bytes of it are inside the object. */
static const u64 *tls_pair(const struct elfk_elf *elf, u64 addr)
{
	u64 base = (u64)(unsigned long)elf->base;

	if (addr < base || addr - base > elf->vsize - 16)
		return NULL;
	return (const u64 *)(unsigned long)addr;
}

/* The protection of the run holding [@addr, @addr + @len), or 0. */
static u32 prot_at(const struct elfk_elf *elf, u64 addr, u64 len)
{
	u64 base = (u64)(unsigned long)elf->base;
	const struct elfk_segment *seg;

	if (addr < base)
		return 0;
	seg = elfk_elf_segment_of(elf, addr - base + elf->vbase, len);
	return seg ? seg->prot : 0;
}

int elfk_rel_fixture_tls_view(const struct elfk_elf *elf,
			      struct elfk_rel_tls_view *v)
{
	u64 gd, ld, unused;
	s32 field;
	int err;

	memset(v, 0, sizeof(*v));
	err = code_field(elf, "tls_gd_inc", ELFK_RELTLS_GD_LEA, &field, &gd) ?:
	      code_field(elf, "tls_gd_inc", ELFK_RELTLS_GD_CALL, &field,
			 &v->gd_call) ?:
	      code_field(elf, "tls_ld_add", ELFK_RELTLS_LD_LEA, &field, &ld) ?:
	      code_field(elf, "tls_ld_add", ELFK_RELTLS_LD_CALL, &field,
			 &v->ld_call) ?:
	      code_field(elf, "tls_ld_add", ELFK_RELTLS_LD_DTPOFF, &v->dtpoff,
			 &unused);
	if (err)
		return err;
	v->gd_pair = tls_pair(elf, gd);
	v->ld_pair = tls_pair(elf, ld);
	v->gd_pair_prot = prot_at(elf, gd, 16);
	v->ld_pair_prot = prot_at(elf, ld, 16);
	v->gd_call_prot = prot_at(elf, v->gd_call, 1);
	if (elf->has_tls && elf->tls.vaddr + elf->tls.filesz <= elf->vsize) {
		v->tmpl = elfk_elf_ptr(elf, elf->tls.vaddr);
		v->tmpl_prot = prot_at(elf, (u64)(unsigned long)v->tmpl,
				       elf->tls.filesz);
	}
	return 0;
}

/* ---- the IFUNC variant --------------------------------------------------- */

#define IFIX_OFF_TEXT 0x100
#define IFIX_OFF_DATA 0x160
#define IFIX_OFF_SYMTAB 0x170
#define IFIX_OFF_STRTAB 0x260
#define IFIX_OFF_SHSTRTAB 0x2a0
#define IFIX_OFF_RELA_TEXT 0x2e0
#define IFIX_OFF_RELA_DATA 0x340
#define IFIX_OFF_SHDRS 0x380
#define IFIX_SIZE 0x580
#define IFIX_DATA_SIZE 16

/* The relocated fields, from the start of each function. */
#define I_COUNT 0x07		/* resolve: incq nr_resolved(%rip) */
#define I_LEA 0x0e		/* resolve: lea impl(%rip), %rax */
#define I_CALL 0x09		/* call_pick: call pick */
#define I_GOT 0x07		/* addr_pick: mov pick@GOTPCREL(%rip), %rax */

static const char ifunc_strtab[] =
	"\0impl\0resolve\0pick\0call_pick\0addr_pick\0pick_ptr\0nr_resolved";
static const char *const ifunc_sec_names[] = {
	".text", ".data", ".symtab", ".strtab", ".shstrtab", ".rela.text",
	".rela.data",
};

/* Each function keeps the stack 16-byte aligned at its call, as gcc does. */
static const u8 ifunc_text[ELFK_RELIFN_TEXT_SIZE] = {
	/* 0x00 impl: endbr64; mov $4242, %eax; ret */
	[ELFK_RELIFN_IMPL] = 0xf3, 0x0f, 0x1e, 0xfa, 0xb8, 0x92, 0x10, 0x00, 0x00,
			     0xc3,
	/*
	 * 0x10 resolve: endbr64; incq nr_resolved(%rip) (PC32 at 0x17);
	 * lea impl(%rip), %rax (PC32 at 0x1e); ret
	 */
	[ELFK_RELIFN_RESOLVE] = 0xf3, 0x0f, 0x1e, 0xfa,
				0x48, 0xff, 0x05, 0, 0, 0, 0,
				0x48, 0x8d, 0x05, 0, 0, 0, 0, 0xc3,
	/*
	 * 0x30 call_pick: endbr64; sub $8, %rsp; call pick (PLT32 at 0x39);
	 * add $8, %rsp; ret
	 */
	[ELFK_RELIFN_CALL_PICK] = 0xf3, 0x0f, 0x1e, 0xfa, 0x48, 0x83, 0xec, 0x08,
				  0xe8, 0, 0, 0, 0, 0x48, 0x83, 0xc4, 0x08, 0xc3,
	/* 0x50 addr_pick: endbr64; mov pick@GOTPCREL(%rip), %rax (at 0x57); ret */
	[ELFK_RELIFN_ADDR_PICK] = 0xf3, 0x0f, 0x1e, 0xfa, 0x48, 0x8b, 0x05,
				  0, 0, 0, 0, 0xc3,
};

void elfk_rel_fixture_build_ifunc(struct elfk_rel_fixture *f)
{
	const u32 rela = sizeof(Elf64_Rela), ai = 0x40; /* SHF_INFO_LINK */
	struct builder b = { .f = f, .str = ifunc_strtab,
			     .strsz = sizeof(ifunc_strtab) };
	u8 *img = f->buf;

	put_ehdr(f, IFIX_SIZE, IFIX_OFF_SHDRS, ELFK_RELIFN_NSECS,
		 ELFK_RELIFN_SEC_SHSTRTAB);
	f->sym = (Elf64_Sym *)(img + IFIX_OFF_SYMTAB);
	f->text = img + IFIX_OFF_TEXT;
	f->rela_text = (Elf64_Rela *)(img + IFIX_OFF_RELA_TEXT);
	f->rela_data = (Elf64_Rela *)(img + IFIX_OFF_RELA_DATA);
	f->rela_init = NULL;
	b.shstr = (const char *)img + IFIX_OFF_SHSTRTAB;
	b.shstrsz = build_shstrtab(f, IFIX_OFF_SHSTRTAB, ifunc_sec_names,
				   ARRAY_SIZE(ifunc_sec_names));

	put_sh(&b, ELFK_RELIFN_SEC_TEXT, ".text", SHT_PROGBITS,
	       SHF_ALLOC | SHF_EXECINSTR, IFIX_OFF_TEXT, ELFK_RELIFN_TEXT_SIZE,
	       0, 0, 16, 0);
	put_sh(&b, ELFK_RELIFN_SEC_DATA, ".data", SHT_PROGBITS,
	       SHF_ALLOC | SHF_WRITE, IFIX_OFF_DATA, IFIX_DATA_SIZE, 0, 0, 8, 0);
	put_sh(&b, ELFK_RELIFN_SEC_SYMTAB, ".symtab", SHT_SYMTAB, 0,
	       IFIX_OFF_SYMTAB, ELFK_RELIFN_NSYMS * sizeof(Elf64_Sym),
	       ELFK_RELIFN_SEC_STRTAB, ELFK_RELIFN_SYM_PICK, 8,
	       sizeof(Elf64_Sym));
	put_sh(&b, ELFK_RELIFN_SEC_STRTAB, ".strtab", SHT_STRTAB, 0,
	       IFIX_OFF_STRTAB, sizeof(ifunc_strtab), 0, 0, 1, 0);
	put_sh(&b, ELFK_RELIFN_SEC_SHSTRTAB, ".shstrtab", SHT_STRTAB, 0,
	       IFIX_OFF_SHSTRTAB, b.shstrsz, 0, 0, 1, 0);
	put_sh(&b, ELFK_RELIFN_SEC_RELA_TEXT, ".rela.text", SHT_RELA, ai,
	       IFIX_OFF_RELA_TEXT, ELFK_RELIFN_NR_RELA * rela,
	       ELFK_RELIFN_SEC_SYMTAB, ELFK_RELIFN_SEC_TEXT, 8, rela);
	put_sh(&b, ELFK_RELIFN_SEC_RELA_DATA, ".rela.data", SHT_RELA, ai,
	       IFIX_OFF_RELA_DATA, rela, ELFK_RELIFN_SEC_SYMTAB,
	       ELFK_RELIFN_SEC_DATA, 8, rela);

	memcpy(img + IFIX_OFF_STRTAB, ifunc_strtab, sizeof(ifunc_strtab));
	memcpy(f->text, ifunc_text, sizeof(ifunc_text));

	put_sym(&b, ELFK_RELIFN_SYM_TEXT, NULL, STB_LOCAL, STT_SECTION,
		ELFK_RELIFN_SEC_TEXT, 0, 0);
	put_sym(&b, ELFK_RELIFN_SYM_DATA, NULL, STB_LOCAL, STT_SECTION,
		ELFK_RELIFN_SEC_DATA, 0, 0);
	put_sym(&b, ELFK_RELIFN_SYM_IMPL, "impl", STB_LOCAL, STT_FUNC,
		ELFK_RELIFN_SEC_TEXT, ELFK_RELIFN_IMPL, 10);
	put_sym(&b, ELFK_RELIFN_SYM_RESOLVE, "resolve", STB_LOCAL, STT_FUNC,
		ELFK_RELIFN_SEC_TEXT, ELFK_RELIFN_RESOLVE, 19);
	/* As gcc writes an ifunc attribute: the resolver's value and size. */
	put_sym(&b, ELFK_RELIFN_SYM_PICK, "pick", STB_GLOBAL, STT_GNU_IFUNC,
		ELFK_RELIFN_SEC_TEXT, ELFK_RELIFN_RESOLVE, 19);
	put_sym(&b, ELFK_RELIFN_SYM_CALL_PICK, "call_pick", STB_GLOBAL, STT_FUNC,
		ELFK_RELIFN_SEC_TEXT, ELFK_RELIFN_CALL_PICK, 18);
	put_sym(&b, ELFK_RELIFN_SYM_ADDR_PICK, "addr_pick", STB_GLOBAL, STT_FUNC,
		ELFK_RELIFN_SEC_TEXT, ELFK_RELIFN_ADDR_PICK, 12);
	put_sym(&b, ELFK_RELIFN_SYM_PICK_PTR, "pick_ptr", STB_GLOBAL, STT_OBJECT,
		ELFK_RELIFN_SEC_DATA, 0, 8);
	put_sym(&b, ELFK_RELIFN_SYM_NR_RESOLVED, "nr_resolved", STB_GLOBAL,
		STT_OBJECT, ELFK_RELIFN_SEC_DATA, 8, 8);

	/* incq's field is its last 4 bytes: .data + 8 - 4. */
	put_rela(&f->rela_text[ELFK_RELIFN_R_COUNT], ELFK_RELIFN_RESOLVE + I_COUNT,
		 ELFK_RELIFN_SYM_DATA, R_X86_64_PC32, 8 - 4);
	put_rela(&f->rela_text[ELFK_RELIFN_R_IMPL], ELFK_RELIFN_RESOLVE + I_LEA,
		 ELFK_RELIFN_SYM_TEXT, R_X86_64_PC32, ELFK_RELIFN_IMPL - 4);
	put_rela(&f->rela_text[ELFK_RELIFN_R_CALL], ELFK_RELIFN_CALL_PICK + I_CALL,
		 ELFK_RELIFN_SYM_PICK, R_X86_64_PLT32, -4);
	put_rela(&f->rela_text[ELFK_RELIFN_R_GOT], ELFK_RELIFN_ADDR_PICK + I_GOT,
		 ELFK_RELIFN_SYM_PICK, R_X86_64_REX_GOTPCRELX, -4);
	put_rela(&f->rela_data[0], 0, ELFK_RELIFN_SYM_PICK, R_X86_64_64, 0);
}

/* @addr as a pointer to a u64 if all of it is inside the object. */
static u64 *obj_word(const struct elfk_elf *elf, u64 addr)
{
	u64 base = (u64)(unsigned long)elf->base;

	if (addr < base || addr - base > elf->vsize - 8)
		return NULL;
	return (u64 *)(unsigned long)addr;
}

/*
 * The slot an elfk x86_64 PLT stub at @stub jumps through (its "mov
 * slot(%rip), %r11" after the ENDBR64), or NULL if @stub is not one
 * inside the object.
 */
static const u64 *stub_slot(const struct elfk_elf *elf, u64 stub)
{
	static const u8 head[] = { 0xf3, 0x0f, 0x1e, 0xfa, 0x4c, 0x8b, 0x1d };
	const u8 *p = (const u8 *)(unsigned long)stub;
	u64 base = (u64)(unsigned long)elf->base;
	s32 disp;

	if (stub < base || stub - base > elf->vsize - 11 ||
	    memcmp(p, head, sizeof(head)))
		return NULL;
	memcpy(&disp, p + sizeof(head), sizeof(disp));
	return obj_word(elf, stub + 11 + (s64)disp);
}

int elfk_rel_fixture_ifunc_view(const struct elfk_elf *elf,
				struct elfk_rel_ifunc_view *v)
{
	const Elf64_Sym *ptr = elfk_elf_lookup(elf, "pick_ptr");
	const Elf64_Sym *pick = elfk_elf_lookup(elf, "pick");
	u64 got, count;
	s32 field;
	int err;

	memset(v, 0, sizeof(*v));
	if (!ptr || !pick || ptr->st_value > elf->vsize - 8)
		return -ENOENT;
	err = code_field(elf, "call_pick", I_CALL, &field, &v->call) ?:
	      code_field(elf, "addr_pick", I_GOT, &field, &got) ?:
	      code_field(elf, "pick", I_COUNT, &field, &count) ?:
	      code_field(elf, "pick", I_LEA, &field, &v->impl);
	if (err)
		return err;
	v->got = obj_word(elf, got);
	v->stub_slot = stub_slot(elf, v->call);
	v->count = obj_word(elf, count);
	v->pick_ptr = elfk_elf_ptr(elf, ptr->st_value);
	v->resolver = (u64)(unsigned long)elfk_elf_ptr(elf, pick->st_value);
	v->call_prot = prot_at(elf, v->call, 1);
	v->got_prot = prot_at(elf, got, 8);
	v->stub_slot_prot = v->stub_slot ?
		prot_at(elf, (u64)(unsigned long)v->stub_slot, 8) : 0;
	v->count_prot = prot_at(elf, count, 8);
	return 0;
}
