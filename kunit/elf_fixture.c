// SPDX-License-Identifier: GPL-2.0
/*
 * The hand-built fixture object and its table of defects; see elf_fixture.h.
 *
 * Layout (file offset == virtual address):
 *
 *   0x0000  ELF header, 6 program headers            PT_LOAD 0, R
 *   0x0200  .dynsym (4 symbols)
 *   0x0300  .dynstr
 *   0x0380  DT_HASH
 *   0x03c0  DT_GNU_HASH
 *   0x0400  DT_RELA (4 entries), 0x0480 DT_JMPREL (1 entry)
 *   0x1000  ret42, 0x1010 ctor                       PT_LOAD 1, R+X
 *   0x2000  data slots, init array, data_obj         PT_LOAD 2, R+W
 *   0x2100  .dynamic                                 (PT_DYNAMIC)
 *   0x2200  end of file; .bss runs to 0x3100
 *   PT_GNU_RELRO covers [0x2000, 0x3000)
 */
#include "elf_fixture.h"

#define OFF_PHDR 0x40
#define OFF_DYNSYM 0x200
#define OFF_DYNSTR 0x300
#define OFF_HASH 0x380
#define OFF_GNU_HASH 0x3c0
#define OFF_RELA 0x400
#define OFF_JMPREL 0x480
#define NR_RELA 4
#define NR_PHDR 6

/* Offsets of the names in .dynstr. */
#define STR_EXT 1	/* "memcpy" */
#define STR_RET42 8	/* "ret42" */
#define STR_DATA 14	/* "data_obj" */
#define STR_SONAME 23	/* "libfixture.so" */
#define STR_TLS_GET_ADDR 37 /* "__tls_get_addr" */
#define STR_TLS_INC 52	/* "tls_inc" */
static const char dynstr[] =
	"\0memcpy\0ret42\0data_obj\0libfixture.so\0__tls_get_addr\0tls_inc";

static const u8 text_ret42[] = {
	0xf3, 0x0f, 0x1e, 0xfa,		/* endbr64 */
	0xb8, 0x2a, 0x00, 0x00, 0x00,	/* mov $42, %eax */
	0xc3,				/* ret */
};

static const u8 text_ctor[] = {
	0xf3, 0x0f, 0x1e, 0xfa,		/* endbr64 */
	0xc3,				/* ret */
};

/*
 * tls_inc, the general-dynamic access sequence for data_obj once
 * elfk_fixture_add_tls() made it a TLS variable: the tls_index is slots 0
 * and 1, the GOT entry of __tls_get_addr slot 2.
 */
static const u8 text_tls_inc[] = {
	0xf3, 0x0f, 0x1e, 0xfa,			/* endbr64 */
	0x48, 0x8d, 0x3d, 0xd5, 0x0f, 0x00, 0x00, /* lea 0x2000(%rip), %rdi */
	0xff, 0x15, 0xdf, 0x0f, 0x00, 0x00,	/* call *0x2010(%rip) */
	0x48, 0xff, 0x00,			/* incq (%rax) */
	0x48, 0x8b, 0x00,			/* mov (%rax), %rax */
	0xc3,					/* ret */
};

static void put_phdr(Elf64_Phdr *ph, u32 type, u32 flags, u64 off, u64 filesz,
		     u64 memsz, u64 align)
{
	ph->p_type = type;
	ph->p_flags = flags;
	ph->p_offset = off;
	ph->p_vaddr = off;
	ph->p_paddr = off;
	ph->p_filesz = filesz;
	ph->p_memsz = memsz;
	ph->p_align = align;
}

static void put_sym(Elf64_Sym *s, u32 name, u8 bind, u8 type, u16 shndx,
		    u64 value, u64 size)
{
	s->st_name = name;
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

static u64 bloom_bits(const char *name)
{
	u32 h = elfk_gnu_hash(name);

	return (1ULL << (h % 64)) | (1ULL << ((h >> 6) % 64));
}

static void build_hashes(struct elfk_fixture *f)
{
	u64 *bloom;

	/* DT_HASH: one bucket, chain 4 -> 3 -> 2 -> 1 -> 0. */
	f->hash[0] = 1;
	f->hash[1] = ELFK_FIX_NSYMS;
	f->hash[2] = 4;
	f->hash[3] = 0;
	f->hash[4] = 0;
	f->hash[5] = 1;
	f->hash[6] = 2;
	f->hash[7] = 3;

	/* DT_GNU_HASH: one bucket, one Bloom word, defined symbols 2..4. */
	f->gnu[0] = 1;
	f->gnu[1] = ELFK_FIX_SYM_RET42;
	f->gnu[2] = 1;
	f->gnu[3] = 6;
	bloom = (u64 *)(f->gnu + 4);
	*bloom = bloom_bits("ret42") | bloom_bits("data_obj") |
		 bloom_bits("tls_inc");
	f->gnu[6] = ELFK_FIX_SYM_RET42;
	f->gnu[7] = elfk_gnu_hash("ret42") & ~1U;
	f->gnu[8] = elfk_gnu_hash("data_obj") & ~1U;
	f->gnu[9] = elfk_gnu_hash("tls_inc") | 1U;
}

static void build_dynamic(struct elfk_fixture *f)
{
	const struct { s64 tag; u64 val; } d[] = {
		{ DT_STRTAB, OFF_DYNSTR },
		{ DT_STRSZ, sizeof(dynstr) },
		{ DT_SYMTAB, OFF_DYNSYM },
		{ DT_SYMENT, sizeof(Elf64_Sym) },
		{ DT_HASH, OFF_HASH },
		{ DT_GNU_HASH, OFF_GNU_HASH },
		{ DT_RELA, OFF_RELA },
		{ DT_RELASZ, NR_RELA * sizeof(Elf64_Rela) },
		{ DT_RELAENT, sizeof(Elf64_Rela) },
		{ DT_JMPREL, OFF_JMPREL },
		{ DT_PLTRELSZ, sizeof(Elf64_Rela) },
		{ DT_PLTREL, DT_RELA },
		{ DT_SONAME, STR_SONAME },
		{ DT_INIT_ARRAY, ELFK_FIX_INIT_ARRAY },
		{ DT_INIT_ARRAYSZ, 8 },
		{ DT_NULL, 0 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(d); i++) {
		f->dyn[i].d_tag = d[i].tag;
		f->dyn[i].d_un.d_val = d[i].val;
	}
}

void elfk_fixture_build(struct elfk_fixture *f)
{
	u8 *b = f->buf;

	memset(f->buf, 0, sizeof(f->buf));
	f->size = ELFK_FIX_SIZE;
	f->eh = (Elf64_Ehdr *)b;
	f->ph = (Elf64_Phdr *)(b + OFF_PHDR);
	f->sym = (Elf64_Sym *)(b + OFF_DYNSYM);
	f->str = (char *)(b + OFF_DYNSTR);
	f->hash = (u32 *)(b + OFF_HASH);
	f->gnu = (u32 *)(b + OFF_GNU_HASH);
	f->rela = (Elf64_Rela *)(b + OFF_RELA);
	f->jmprel = (Elf64_Rela *)(b + OFF_JMPREL);
	f->dyn = (Elf64_Dyn *)(b + ELFK_FIX_DYNAMIC);

	memcpy(f->eh->e_ident, ELFMAG, SELFMAG);
	f->eh->e_ident[EI_CLASS] = ELFCLASS64;
	f->eh->e_ident[EI_DATA] = ELFDATA2LSB;
	f->eh->e_ident[EI_VERSION] = EV_CURRENT;
	f->eh->e_type = ET_DYN;
	f->eh->e_machine = EM_X86_64;
	f->eh->e_version = EV_CURRENT;
	f->eh->e_phoff = OFF_PHDR;
	f->eh->e_ehsize = sizeof(Elf64_Ehdr);
	f->eh->e_phentsize = sizeof(Elf64_Phdr);
	f->eh->e_phnum = NR_PHDR;

	put_phdr(&f->ph[0], PT_LOAD, PF_R, 0, 0x500, 0x500, 0x1000);
	put_phdr(&f->ph[1], PT_LOAD, PF_R | PF_X, 0x1000, 0x40, 0x40, 0x1000);
	put_phdr(&f->ph[2], PT_LOAD, PF_R | PF_W, 0x2000, 0x200, 0x1100, 0x1000);
	put_phdr(&f->ph[3], PT_DYNAMIC, PF_R | PF_W, ELFK_FIX_DYNAMIC, 0x100,
		 0x100, 8);
	put_phdr(&f->ph[4], PT_GNU_RELRO, PF_R, 0x2000, 0x1000, 0x1000, 1);
	/* ph[5] is a PT_NULL spare that cases turn into PT_TLS and the like. */

	memcpy(f->str, dynstr, sizeof(dynstr));
	put_sym(&f->sym[ELFK_FIX_SYM_EXT], STR_EXT, STB_GLOBAL, STT_FUNC,
		SHN_UNDEF, 0, 0);
	put_sym(&f->sym[ELFK_FIX_SYM_RET42], STR_RET42, STB_GLOBAL, STT_FUNC, 7,
		ELFK_FIX_TEXT, sizeof(text_ret42));
	put_sym(&f->sym[ELFK_FIX_SYM_DATA], STR_DATA, STB_GLOBAL, STT_OBJECT, 9,
		ELFK_FIX_DATA_OBJ, 8);
	put_sym(&f->sym[ELFK_FIX_SYM_TLS_INC], STR_TLS_INC, STB_GLOBAL, STT_FUNC,
		7, ELFK_FIX_TLS_INC, sizeof(text_tls_inc));
	build_hashes(f);

	put_rela(&f->rela[0], ELFK_FIX_DATA + 0, 0, R_X86_64_RELATIVE,
		 ELFK_FIX_TEXT);
	put_rela(&f->rela[1], ELFK_FIX_DATA + 8, ELFK_FIX_SYM_EXT, R_X86_64_64,
		 ELFK_FIX_EXT_ADDEND);
	put_rela(&f->rela[2], ELFK_FIX_DATA + 16, ELFK_FIX_SYM_DATA,
		 R_X86_64_GLOB_DAT, 0);
	put_rela(&f->rela[3], ELFK_FIX_INIT_ARRAY, 0, R_X86_64_RELATIVE,
		 ELFK_FIX_CTOR);
	put_rela(&f->jmprel[0], ELFK_FIX_DATA + 24, ELFK_FIX_SYM_RET42,
		 R_X86_64_JUMP_SLOT, 0);

	memcpy(b + ELFK_FIX_TEXT, text_ret42, sizeof(text_ret42));
	memcpy(b + ELFK_FIX_CTOR, text_ctor, sizeof(text_ctor));
	memcpy(b + ELFK_FIX_TLS_INC, text_tls_inc, sizeof(text_tls_inc));
	build_dynamic(f);
}

/*
 * Give the fixture a PT_TLS block: 8 bytes initialised to
 * ELFK_FIX_TLS_INIT at data_obj's address plus 24 zeroed ones.  data_obj
 * becomes a TLS symbol at offset 0; slots 0 and 1 become its tls_index
 * (R_X86_64_DTPMOD64 of the object, R_X86_64_DTPOFF64 of data_obj) and
 * slot 2 the GOT entry of __tls_get_addr, which tls_inc calls.
 */
void elfk_fixture_add_tls(struct elfk_fixture *f)
{
	Elf64_Phdr *ph = &f->ph[5];

	ph->p_type = PT_TLS;
	ph->p_flags = PF_R;
	ph->p_offset = ELFK_FIX_DATA_OBJ;
	ph->p_vaddr = ELFK_FIX_DATA_OBJ;
	ph->p_paddr = ELFK_FIX_DATA_OBJ;
	ph->p_filesz = 8;
	ph->p_memsz = 32;
	ph->p_align = 8;
	f->sym[ELFK_FIX_SYM_DATA].st_info = (STB_GLOBAL << 4) | STT_TLS;
	f->sym[ELFK_FIX_SYM_DATA].st_value = 0;
	f->sym[ELFK_FIX_SYM_EXT].st_name = STR_TLS_GET_ADDR;
	*(u64 *)(f->buf + ELFK_FIX_DATA_OBJ) = ELFK_FIX_TLS_INIT;
	put_rela(&f->rela[0], ELFK_FIX_DATA + 0, 0, R_X86_64_DTPMOD64, 0);
	put_rela(&f->rela[1], ELFK_FIX_DATA + 8, ELFK_FIX_SYM_DATA,
		 R_X86_64_DTPOFF64, 0);
	put_rela(&f->rela[2], ELFK_FIX_DATA + 16, ELFK_FIX_SYM_EXT,
		 R_X86_64_GLOB_DAT, 0);
}

/*
 * Make two relocations IFUNC ones, both resolved by ret42 (which returns
 * 42): slot 0 becomes R_X86_64_IRELATIVE with ret42 as resolver, and ret42
 * itself becomes an STT_GNU_IFUNC symbol, so slot 3's JUMP_SLOT against it
 * also gets 42.  Slots 0 and 3 are only right if both resolvers ran.
 */
void elfk_fixture_add_ifunc(struct elfk_fixture *f)
{
	put_rela(&f->rela[0], ELFK_FIX_DATA + 0, 0, R_X86_64_IRELATIVE,
		 ELFK_FIX_TEXT);
	f->sym[ELFK_FIX_SYM_RET42].st_info = (STB_GLOBAL << 4) | STT_GNU_IFUNC;
}

Elf64_Dyn *elfk_fixture_dyn(struct elfk_fixture *f, s64 tag)
{
	Elf64_Dyn *d;

	for (d = f->dyn; d->d_tag != DT_NULL; d++)
		if (d->d_tag == tag)
			return d;
	return NULL;
}

static int fixture_alloc(void *ctx, struct elfk_elf *elf, void **base,
			 struct elfk_log *log)
{
	struct elfk_fixture_run *run = ctx;

	*run->mem = run->alloc(elf->vsize, elf->align);
	if (!*run->mem)
		return -ENOMEM;
	*base = *run->mem;
	return 0;
}

void elfk_fixture_env(struct elfk_fixture_run *run, struct elfk_elf *elf,
		      void *(*alloc)(u64 size, u64 align), u8 **mem,
		      const struct elfk_resolver *res, struct elfk_log *log)
{
	memset(run, 0, sizeof(*run));
	run->elf = elf;
	run->alloc = alloc;
	run->mem = mem;
	*mem = NULL;
	run->env.arch = &elfk_arch_ops;
	run->env.resolver = res;
	run->env.log = log;
	run->env.alloc = fixture_alloc;
	run->env.tls_modid = ELFK_FIX_TLS_MODID;
	run->env.stop_after = alloc ? ELFK_LOAD_RELOCATED : ELFK_LOAD_PARSED;
	run->env.ctx = run;
}

int elfk_fixture_run_core(struct elfk_elf *elf, const void *image, u64 size,
			  void *(*alloc)(u64 size, u64 align), u8 **mem,
			  const struct elfk_resolver *res, struct elfk_log *log)
{
	struct elfk_fixture_run run;

	elfk_fixture_env(&run, elf, alloc, mem, res, log);
	return elfk_image_load(elf, image, size, &run.env);
}
