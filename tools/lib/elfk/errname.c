// SPDX-License-Identifier: GPL-2.0
/*
 * libelfk: symbolic names of the errnos the kernel and its tools report.
 *
 * Copyright (C) 2026 The elfk authors
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "libelfk.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * One errno and its name.  A table of pairs rather than an array indexed
 * by the errno, so that the names need no designated-initializer macro.
 */
struct elfk_errno_entry {
	int err;
	const char *name;
};

/*
 * For C libraries without strerrorname_np() (glibc before 2.32, musl):
 * every errno the elfk ioctls document (uapi/linux/elfk.h, DOC: General
 * ioctl format), what an object's elfk_init() plausibly returns, and what
 * open(2), read(2) and write(2) report for the device and input files.
 * EOPNOTSUPP is listed and not ENOTSUP: they are the same number on Linux.
 */
static const struct elfk_errno_entry elfk_errno_names[] = {
	{ EPERM, "EPERM" },
	{ ENOENT, "ENOENT" },
	{ ESRCH, "ESRCH" },
	{ EINTR, "EINTR" },
	{ EIO, "EIO" },
	{ ENXIO, "ENXIO" },
	{ E2BIG, "E2BIG" },
	{ ENOEXEC, "ENOEXEC" },
	{ EBADF, "EBADF" },
	{ ECHILD, "ECHILD" },
	{ EAGAIN, "EAGAIN" },
	{ ENOMEM, "ENOMEM" },
	{ EACCES, "EACCES" },
	{ EFAULT, "EFAULT" },
	{ EBUSY, "EBUSY" },
	{ EEXIST, "EEXIST" },
	{ EXDEV, "EXDEV" },
	{ ENODEV, "ENODEV" },
	{ ENOTDIR, "ENOTDIR" },
	{ EISDIR, "EISDIR" },
	{ EINVAL, "EINVAL" },
	{ ENFILE, "ENFILE" },
	{ EMFILE, "EMFILE" },
	{ ENOTTY, "ENOTTY" },
	{ ETXTBSY, "ETXTBSY" },
	{ EFBIG, "EFBIG" },
	{ ENOSPC, "ENOSPC" },
	{ ESPIPE, "ESPIPE" },
	{ EROFS, "EROFS" },
	{ EMLINK, "EMLINK" },
	{ EPIPE, "EPIPE" },
	{ EDOM, "EDOM" },
	{ ERANGE, "ERANGE" },
	{ EDEADLK, "EDEADLK" },
	{ ENAMETOOLONG, "ENAMETOOLONG" },
	{ ENOSYS, "ENOSYS" },
	{ ELOOP, "ELOOP" },
	{ ENODATA, "ENODATA" },
	{ ETIME, "ETIME" },
	{ EOVERFLOW, "EOVERFLOW" },
	{ EBADMSG, "EBADMSG" },
	{ EILSEQ, "EILSEQ" },
	{ EOPNOTSUPP, "EOPNOTSUPP" },
	{ EADDRINUSE, "EADDRINUSE" },
	{ ETIMEDOUT, "ETIMEDOUT" },
	{ EALREADY, "EALREADY" },
	{ EINPROGRESS, "EINPROGRESS" },
	{ ESTALE, "ESTALE" },
	{ EDQUOT, "EDQUOT" },
	{ ECANCELED, "ECANCELED" },
	{ EKEYREJECTED, "EKEYREJECTED" },
	{ EHWPOISON, "EHWPOISON" },
	{ ENOTUNIQ, "ENOTUNIQ" },
};

/* Kernel-internal errnos that can leak to userspace (include/linux/errno.h). */
static const struct elfk_errno_entry elfk_kernel_errno_names[] = {
	{ 512, "ERESTARTSYS" },
	{ 524, "ENOTSUPP" },
};

__attribute__((visibility("default")))
const char *elfk_errno_name(int err)
{
	size_t i;

#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 32)
	const char *name = err > 0 ? strerrorname_np(err) : NULL;

	if (name)
		return name;
#endif
	for (i = 0; i < ARRAY_SIZE(elfk_errno_names); i++)
		if (elfk_errno_names[i].err == err)
			return elfk_errno_names[i].name;
	for (i = 0; i < ARRAY_SIZE(elfk_kernel_errno_names); i++)
		if (elfk_kernel_errno_names[i].err == err)
			return elfk_kernel_errno_names[i].name;
	return NULL;
}

__attribute__((visibility("default")))
const char *elfk_version(void)
{
	return ELFK_VERSION;
}
