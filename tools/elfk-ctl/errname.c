// SPDX-License-Identifier: GPL-2.0
/*
 * elfk-ctl: symbolic names of the errnos the kernel and the tool report.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <errno.h>
#include <stddef.h>

#include "elfk-ctl.h"

#define E(x) [x] = #x

/*
 * Every errno the elfk ioctls document (uapi/linux/elfk.h, DOC: General
 * ioctl format), what an object's elfk_init() plausibly returns, and what
 * open(2), read(2) and write(2) report for the device and input files.
 * EOPNOTSUPP is listed and not ENOTSUP: they are the same number on Linux.
 */
static const char *const elfk_errno_names[] = {
	E(EPERM),     E(ENOENT),    E(ESRCH),	     E(EINTR),
	E(EIO),	      E(ENXIO),	    E(E2BIG),	     E(ENOEXEC),
	E(EBADF),     E(ECHILD),    E(EAGAIN),	     E(ENOMEM),
	E(EACCES),    E(EFAULT),    E(EBUSY),	     E(EEXIST),
	E(EXDEV),     E(ENODEV),    E(ENOTDIR),	     E(EISDIR),
	E(EINVAL),    E(ENFILE),    E(EMFILE),	     E(ENOTTY),
	E(ETXTBSY),   E(EFBIG),	    E(ENOSPC),	     E(ESPIPE),
	E(EROFS),     E(EMLINK),    E(EPIPE),	     E(EDOM),
	E(ERANGE),    E(EDEADLK),   E(ENAMETOOLONG), E(ENOSYS),
	E(ELOOP),     E(ENODATA),   E(ETIME),	     E(EOVERFLOW),
	E(EBADMSG),   E(EILSEQ),    E(EOPNOTSUPP),   E(EADDRINUSE),
	E(ETIMEDOUT), E(EALREADY),  E(EINPROGRESS),  E(ESTALE),
	E(EDQUOT),    E(ECANCELED), E(EKEYREJECTED), E(EHWPOISON),
	E(ENOTUNIQ),
};

#undef E

/* Kernel-internal errnos that can leak to userspace (include/linux/errno.h). */
static const struct {
	int err;
	const char *name;
} elfk_kernel_errno_names[] = {
	{ 512, "ERESTARTSYS" },
	{ 524, "ENOTSUPP" },
};

/**
 * elfk_errno_name() - symbolic name of an errno
 * @err: a positive errno value
 *
 * Return: "ENOEXEC" and the like, or NULL if the number is not known.
 */
const char *elfk_errno_name(int err)
{
	size_t i;

	if (err > 0 && (size_t)err < ARRAY_SIZE(elfk_errno_names))
		return elfk_errno_names[err];
	for (i = 0; i < ARRAY_SIZE(elfk_kernel_errno_names); i++)
		if (elfk_kernel_errno_names[i].err == err)
			return elfk_kernel_errno_names[i].name;
	return NULL;
}
