/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the host test loaders (host_util.c). */
#ifndef _ELFK_HOST_UTIL_H
#define _ELFK_HOST_UTIL_H

#include "tests.h"

/* The plugins' __elfk_self, as the host stand-ins below see it. */
struct elfk_self {
	char log[4096];
	long nr_allocs;
};

/* The argument of __tls_get_addr(): a module id and an offset in its block. */
struct host_tls_index {
	u64 module;
	u64 offset;
};

typedef long (*fn6)(long, long, long, long, long, long);

/*
 * The plugins' imports, defined once in the test binary under their own
 * names (see host_util.c); __elfk_self is the one the dlopen() test's
 * objects share.
 */
extern struct elfk_self __elfk_self;
u64 ktime_get_ns(void);

/* The address of the host stand-in for the kernel's @name, as a resolver. */
int host_runtime_lookup(const char *name, u64 *value);

/* The whole of @path in a malloc()ed buffer, its length in @size. */
void *host_read_file(const char *path, u64 *size);

/* Call the non-empty entries of a placed init or fini array. */
void host_run_array(const struct elfk_elf *elf, u64 vaddr, u64 size,
		    bool reverse);

/* The placed STT_FUNC @name, or NULL. */
fn6 host_func(const struct elfk_elf *elf, const char *name);

/* elfk's order: DT_INIT, then DT_INIT_ARRAY (elfk_init() is the caller's). */
void host_run_init(const struct elfk_elf *elf);

/* elfk's order: elfk_exit(), DT_FINI_ARRAY reversed, DT_FINI. */
void host_run_fini(const struct elfk_elf *elf);

#endif /* _ELFK_HOST_UTIL_H */
