// SPDX-License-Identifier: GPL-2.0
/*
 * veruser: a user of libver.so's foo (see libver.c for the expected
 * values).  Built four times, linked against a stub libver.so whose only
 * version decides what DT_VERNEED asks for: libver_v1.so (foo@V1 -> 1),
 * libver_v2.so (foo@V2 -> 2), libver_v3.so (foo@V3: refused) and
 * libver_any.so (no version: the default, foo@@V2 -> 2).
 *
 * Expected calls:
 *   use_foo()  = 1 (v1), 2 (v2, any)
 *   use_id()   = 42
 */
#include <elfk/plugin.h>

ELFK_IMPORT long foo(void);
ELFK_IMPORT long ver_id(void);

ELFK_EXPORT long use_foo(void)
{
	return foo();
}

ELFK_EXPORT long use_id(void)
{
	return ver_id();
}
