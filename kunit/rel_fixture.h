/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny, hand-built ET_REL object (what "gcc -c" would make of five small
 * functions) and a table of ways to break its section headers, symbols and
 * relocations.  Shared by the KUnit suite elfk_rel, the host unit tests and
 * the malformed-image corpus, like elf_fixture.h.
 */
#ifndef _ELFK_REL_FIXTURE_H
#define _ELFK_REL_FIXTURE_H

#include "../elfk/core.h"
#include "../arch/x86_64/reloc.h"

#define ELFK_RELFIX_SIZE 0x900

/* Section indices. */
enum {
	ELFK_RELFIX_SEC_TEXT = 1,
	ELFK_RELFIX_SEC_RODATA,
	ELFK_RELFIX_SEC_DATA,
	ELFK_RELFIX_SEC_BSS,
	ELFK_RELFIX_SEC_INIT_ARRAY,
	ELFK_RELFIX_SEC_SYMTAB,
	ELFK_RELFIX_SEC_STRTAB,
	ELFK_RELFIX_SEC_SHSTRTAB,
	ELFK_RELFIX_SEC_RELA_TEXT,
	ELFK_RELFIX_SEC_RELA_DATA,
	ELFK_RELFIX_SEC_RELA_INIT,
	ELFK_RELFIX_NSECS
};

/* Symbol indices. */
enum {
	ELFK_RELFIX_SYM_TEXT = 1,	/* section symbols */
	ELFK_RELFIX_SYM_RODATA,
	ELFK_RELFIX_SYM_DATA,
	ELFK_RELFIX_SYM_BSS,
	ELFK_RELFIX_SYM_CTOR,		/* local */
	ELFK_RELFIX_SYM_RET42,		/* first global */
	ELFK_RELFIX_SYM_GET_SLOT,
	ELFK_RELFIX_SYM_GET_FLAG,
	ELFK_RELFIX_SYM_CALL_EXT,
	ELFK_RELFIX_SYM_STRLEN,		/* undefined */
	ELFK_RELFIX_SYM_HIDDEN,
	ELFK_RELFIX_NSYMS
};

/*
 * What the functions return once loaded, relocated and initialised:
 *   ret42()    42
 *   get_slot() the address of ret42 (R_X86_64_64 in .data, PC32 to it)
 *   get_flag() 1, set by the .init_array constructor in .bss (PC32)
 *   call_ext() strlen("hello") = 5 (PC32 to .rodata, PLT32 to strlen,
 *              which is out of reach of a rel32 in the kernel: a PLT stub)
 */
#define ELFK_RELFIX_RET42 42
#define ELFK_RELFIX_FLAG 1
#define ELFK_RELFIX_STRLEN 5

/**
 * struct elfk_rel_fixture - the fixture image and pointers to its parts
 * @buf: the image
 * @size: its length
 * @eh: ELF header
 * @sh: section headers
 * @sym: .symtab
 * @text: .text
 * @rela_text: .rela.text (PC32 x4, PLT32)
 * @rela_data: .rela.data (R_X86_64_64 against ret42)
 * @rela_init: .rela.init_array (R_X86_64_64 against .text + ctor)
 */
struct elfk_rel_fixture {
	u8 buf[ELFK_RELFIX_SIZE] __aligned(8);
	u64 size;
	Elf64_Ehdr *eh;
	Elf64_Shdr *sh;
	Elf64_Sym *sym;
	u8 *text;
	Elf64_Rela *rela_text;
	Elf64_Rela *rela_data;
	Elf64_Rela *rela_init;
};

void elfk_rel_fixture_build(struct elfk_rel_fixture *f);

/**
 * struct elfk_rel_fixture_case - one way to break the ET_REL fixture
 * @name: short name, also the corpus file name (all start with "etrel-")
 * @mutate: applied to a freshly built fixture
 * @err: the errno elfk must return (0: the load must succeed)
 * @msg: a substring the log must contain
 */
struct elfk_rel_fixture_case {
	const char *name;
	void (*mutate)(struct elfk_rel_fixture *f);
	int err;
	const char *msg;
};

extern const struct elfk_rel_fixture_case elfk_rel_fixture_cases[];
extern const unsigned int elfk_rel_fixture_nr_cases;

/*
 * Run the core on @image: parse, @alloc (NULL: stop after parsing),
 * place, relocate and check the entries.  The caller frees *@mem and calls
 * elfk_elf_release(@elf), whatever this returns.
 */
int elfk_rel_fixture_run_core(struct elfk_elf *elf, const void *image,
			      u64 size, void *(*alloc)(u64 size, u64 align),
			      u8 **mem, const struct elfk_resolver *res,
			      struct elfk_log *log);

#endif /* _ELFK_REL_FIXTURE_H */
