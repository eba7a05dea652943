/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ELFK_HOST_TESTS_H
#define _ELFK_HOST_TESTS_H

#include "../../../kunit/elf_fixture.h"

void test_log(void);
void test_hash(void);
void test_fixture_cases(void);
void test_fixture_valid(void);
void test_fixture_exec(void);
void test_branch_targets(void);
void test_fixture_tls(void);
void test_dep_tls(void);
void test_fixture_ifunc(void);
void test_plugins(const char *dir);
void test_dlopen(const char *dir, const char *reldir);
void test_rellink(const char *dir);
void test_rel(const char *dir);
void test_rel_tls(void);
void test_rel_ifunc_fixture(void);
void test_rel_arch_sections(void);
void test_arch_stub(void);
void test_arch_pairs(void);
void test_arch_formats(void);
void test_bind(const char *dir);
void test_in_place(void);
void test_fmap(const char *dir);
u32 host_maps_prot(const void *p, bool *file);
void test_symcheck(void);

/* Shared helpers (test_core.c). */
void *host_alloc(u64 size, u64 align);
void host_free(void *p, u64 size);
void host_env(struct elfk_fixture_run *run, struct elfk_elf *elf,
	      void *(*alloc)(u64 size, u64 align), u8 **mem,
	      const struct elfk_resolver *res, struct elfk_log *log);
int host_load(struct elfk_elf *elf, const void *image, u64 size, u8 **mem,
	      const struct elfk_resolver *res, struct elfk_log *log);
#define HOST_MEMCPY_ADDR 0x123456789000ULL

#endif /* _ELFK_HOST_TESTS_H */
