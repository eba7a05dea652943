// SPDX-License-Identifier: GPL-2.0
/*
 * verstub: link-time stand-in for libver.so (soname "libver.so").  Never
 * loaded: each user links against one copy, built with a version script
 * verstub-VN.map giving foo a single version (or none), so that the
 * user's DT_VERNEED asks for that version.
 */
long foo(void)
{
	return 0;
}

long bar(void)
{
	return 0;
}

long ver_id(void)
{
	return 0;
}
