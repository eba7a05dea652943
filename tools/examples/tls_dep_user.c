// SPDX-License-Identifier: GPL-2.0
/*
 * tls_dep_user: reads and writes a __thread variable its DT_NEEDED
 * dependency tls_dep_base.so defines, and has a block of its own.
 *
 * Expected calls (elfk-ctl call tls_dep_user.so ...), in a new task:
 *   user_read      = 42     base_tls, from tls_dep_base's template
 *   user_bump      = 10043  ++base_tls (43) plus 10000 * own_tls++ (1):
 *                           the task has one block per object
 *   user_both      = 44     user_bump, then the dependency's own
 *                           base_tls_inc: both reach the same variable
 */
#include <elfk/plugin.h>

extern ELFK_IMPORT __thread long base_tls;
ELFK_IMPORT long base_tls_inc(void);

static __thread long own_tls = 1;

ELFK_EXPORT long user_read(void)
{
	return base_tls;
}

ELFK_EXPORT long user_bump(void)
{
	return ++base_tls + 10000 * own_tls++;
}

/* The dependency's code and ours reach the same per-task variable. */
ELFK_EXPORT long user_both(void)
{
	user_bump();
	return base_tls_inc();
}
