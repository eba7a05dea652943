// SPDX-License-Identifier: GPL-2.0
/*
 * libver: symbol versioning between loaded objects.
 *
 * Built with DT_SONAME "libver.so" and the version script libver.map,
 * which defines the versions V1 and V2 (V2 inherits V1):
 *
 *   foo@V1     returns 1   non-default ("hidden" in DT_VERSYM)
 *   foo@@V2    returns 2   the default version
 *   bar@V1     returns 3   its only definition, non-default
 *   ver_id()   returns 42  (unversioned callers, plain export in V2)
 *
 * The users (veruser.c, verhid.c) are linked against stubs with soname
 * libver.so (verstub.c), so that their DT_VERNEED asks for the version
 * named in each case:
 *
 *   libver_v1.so   use_foo() = 1      needs foo@V1
 *   libver_v2.so   use_foo() = 2      needs foo@V2
 *   libver_any.so  use_foo() = 2      unversioned: the default, never a
 *                                     non-default version
 *   libver_v3.so   refused (ENOENT): "undefined symbol 'foo' version 'V3'
 *                                     (from libver.so)"
 *   libver_hid.so  refused (ENOENT): "undefined symbol 'bar'": an
 *                                     unversioned reference does not
 *                                     bind to the hidden bar@V1
 */
#include <elfk/plugin.h>

ELFK_EXPORT long foo_v1(void)
{
	return 1;
}

__asm__(".symver foo_v1, foo@V1");

ELFK_EXPORT long foo_v2(void)
{
	return 2;
}

__asm__(".symver foo_v2, foo@@V2");

ELFK_EXPORT long bar_v1(void)
{
	return 3;
}

__asm__(".symver bar_v1, bar@V1");

ELFK_EXPORT long ver_id(void)
{
	return 42;
}
