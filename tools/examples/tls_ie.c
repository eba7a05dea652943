// SPDX-License-Identifier: GPL-2.0
/*
 * tls_ie: an expected-refusal fixture.  Built with -ftls-model=initial-exec,
 * it reads its __thread variable at %fs:offset, which in the kernel is the
 * interrupted process's thread pointer; the link gives it R_X86_64_TPOFF64
 * and DF_STATIC_TLS.  elfk must refuse to load it (EOPNOTSUPP) with a
 * message naming the model and the flags to build with instead.
 */
#include <elfk/plugin.h>

static __thread long ie_counter = 7;

ELFK_EXPORT long ie_inc(void)
{
	return ++ie_counter;
}
