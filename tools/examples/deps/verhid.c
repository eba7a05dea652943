// SPDX-License-Identifier: GPL-2.0
/*
 * verhid: an unversioned reference to bar, which libver.so defines only as
 * the non-default bar@V1.  elfk binds an unversioned reference to the
 * default version only, so loading libver_hid.so fails with ENOENT,
 * "undefined symbol 'bar'".  (glibc's ld.so would accept bar@V1 here: it
 * lets an unversioned reference take the oldest version, index 2, for old
 * binaries.  elfk has no old binaries to serve.)
 */
#include <elfk/plugin.h>

ELFK_IMPORT long bar(void);

ELFK_EXPORT long use_bar(void)
{
	return bar();
}
