/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny, hand-built ET_DYN object and a table of ways to break it.
 *
 * Shared, unchanged, by the KUnit suites, the host unit tests and the
 * generator of the malformed-image corpus the guest end-to-end test loads,
 * so every refusal is checked at all three levels from one source.
 */
#ifndef _ELFK_ELF_FIXTURE_H
#define _ELFK_ELF_FIXTURE_H

#include "../lib/core.h"
#include "../arch/x86_64/reloc.h"

#define ELFK_FIX_SIZE 0x2200

/* Link-time addresses inside the fixture. */
#define ELFK_FIX_TEXT 0x1000	/* ret42: endbr64; mov $42,%eax; ret */
#define ELFK_FIX_CTOR 0x1010	/* ctor: endbr64; ret */
#define ELFK_FIX_TLS_INC 0x1020	/* tls_inc: return ++data_obj (TLS variant) */
#define ELFK_FIX_TLS_INIT 100	/* data_obj's initial value (TLS variant) */
#define ELFK_FIX_DATA 0x2000	/* four relocated u64 slots */
#define ELFK_FIX_INIT_ARRAY 0x2020
#define ELFK_FIX_DATA_OBJ 0x2040
#define ELFK_FIX_DYNAMIC 0x2100
#define ELFK_FIX_EXT_ADDEND 5
#define ELFK_FIX_TLS_MODID 3	/* what elfk_fixture_run_core() assigns */

/* Symbol indices. */
enum {
	ELFK_FIX_SYM_EXT = 1,
	ELFK_FIX_SYM_RET42,
	ELFK_FIX_SYM_DATA,
	ELFK_FIX_SYM_TLS_INC,
	ELFK_FIX_NSYMS
};

/**
 * struct elfk_fixture - the fixture image and pointers to its parts
 * @buf: the image
 * @size: its length
 * @eh: ELF header
 * @ph: program headers: LOAD R, LOAD RX, LOAD RW, DYNAMIC, GNU_RELRO, NULL
 * @dyn: the dynamic section
 * @sym: the dynamic symbols
 * @str: the dynamic strings
 * @hash: DT_HASH
 * @gnu: DT_GNU_HASH
 * @rela: DT_RELA (RELATIVE, 64 against memcpy, GLOB_DAT, RELATIVE for
 *        the init array)
 * @jmprel: DT_JMPREL (JUMP_SLOT against ret42)
 */
struct elfk_fixture {
	u8 buf[ELFK_FIX_SIZE] __aligned(8);
	u64 size;
	Elf64_Ehdr *eh;
	Elf64_Phdr *ph;
	Elf64_Dyn *dyn;
	Elf64_Sym *sym;
	char *str;
	u32 *hash;
	u32 *gnu;
	Elf64_Rela *rela;
	Elf64_Rela *jmprel;
};

void elfk_fixture_build(struct elfk_fixture *f);
void elfk_fixture_add_tls(struct elfk_fixture *f);
void elfk_fixture_add_ifunc(struct elfk_fixture *f);
Elf64_Dyn *elfk_fixture_dyn(struct elfk_fixture *f, s64 tag);

/**
 * struct elfk_fixture_case - one way to break the fixture
 * @name: short name, also the corpus file name
 * @mutate: applied to a freshly built fixture
 * @err: the errno elfk must return (0: the load must succeed)
 * @msg: a substring the log must contain
 */
struct elfk_fixture_case {
	const char *name;
	void (*mutate)(struct elfk_fixture *f);
	int err;
	const char *msg;
};

extern const struct elfk_fixture_case elfk_fixture_cases[];
extern const unsigned int elfk_fixture_nr_cases;

/**
 * struct elfk_fixture_run - a fixture load through elfk_image_load()
 * @env: the environment; elfk_fixture_env() fills it, the test may then
 *       change any field but @env.ctx (@protect, @observe, @stop_after...)
 * @elf: the object being loaded
 * @alloc: the test's allocator (vsize bytes, zeroed, aligned)
 * @mem: where the allocated memory is stored for the test to free
 * @priv: the test's own data, for its callbacks
 */
struct elfk_fixture_run {
	struct elfk_load_env env;
	struct elfk_elf *elf;
	void *(*alloc)(u64 size, u64 align);
	u8 **mem;
	void *priv;
};

/*
 * The environment of a fixture load: the kernel's arch, @alloc (NULL: stop
 * after parsing), @res, module id ELFK_FIX_TLS_MODID, no page permissions,
 * and a stop after relocation and the entry checks.
 */
void elfk_fixture_env(struct elfk_fixture_run *run, struct elfk_elf *elf,
		      void *(*alloc)(u64 size, u64 align), u8 **mem,
		      const struct elfk_resolver *res, struct elfk_log *log);

/*
 * elfk_image_load() on @image with elfk_fixture_env(): up to and including
 * the entry-point check.  The caller frees *@mem and calls
 * elfk_elf_release(@elf), whatever this returns.
 */
int elfk_fixture_run_core(struct elfk_elf *elf, const void *image, u64 size,
			  void *(*alloc)(u64 size, u64 align), u8 **mem,
			  const struct elfk_resolver *res, struct elfk_log *log);

#endif /* _ELFK_ELF_FIXTURE_H */
