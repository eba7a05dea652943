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
void test_rel(const char *dir);
void test_rel_tls(void);
void test_rel_ifunc_fixture(void);

/* Shared helpers (test_core.c). */
void *host_alloc(u64 size, u64 align);
void host_free(void *p, u64 size);
int host_protect(struct elfk_elf *elf);
int host_protect_relro_rw(struct elfk_elf *elf);
#define HOST_MEMCPY_ADDR 0x123456789000ULL

#endif /* _ELFK_HOST_TESTS_H */
