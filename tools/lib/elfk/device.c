// SPDX-License-Identifier: GPL-2.0
/*
 * libelfk: the /dev/elfload ioctls, and the conveniences built on them.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "libelfk.h"

/* Where an object's failed load puts its first log: as elfk-ctl always did. */
#define LOAD_LOG_SIZE (64 * 1024)

#define API __attribute__((visibility("default")))

/* A negative errno, with errno set too, as every libelfk function. */
static int fail(int err)
{
	errno = err;
	return -err;
}

API int elfk_dev_open(const char *path)
{
	int fd = open(path ? path : ELFK_DEVICE, O_RDWR | O_CLOEXEC);

	return fd < 0 ? fail(errno) : fd;
}

/*
 * One ioctl, retried on EINTR.  @arg starts with its __u32 size: 0 means
 * the size the caller was compiled with.
 */
static int ioc(int fd, unsigned long req, void *arg, __u32 size)
{
	if (!*(__u32 *)arg)
		*(__u32 *)arg = size;
	while (ioctl(fd, req, arg) < 0) {
		if (errno != EINTR)
			return fail(errno);
	}
	return 0;
}

API int elfk_ioc_load(int fd, struct elfk_load *load)
{
	return ioc(fd, ELFK_IOC_LOAD, load, sizeof(*load));
}

API int elfk_ioc_unload(int fd, struct elfk_unload *unload)
{
	return ioc(fd, ELFK_IOC_UNLOAD, unload, sizeof(*unload));
}

API int elfk_ioc_info(int fd, struct elfk_info *info)
{
	return ioc(fd, ELFK_IOC_INFO, info, sizeof(*info));
}

API int elfk_ioc_sym(int fd, struct elfk_sym *sym)
{
	return ioc(fd, ELFK_IOC_SYM, sym, sizeof(*sym));
}

API int elfk_ioc_call(int fd, struct elfk_call *call)
{
	return ioc(fd, ELFK_IOC_CALL, call, sizeof(*call));
}

API int elfk_load_image(int fd, const void *image, size_t len,
			const char *name, __u32 log_level, __u32 *id,
			char **logp)
{
	return elfk_load_image_flags(fd, image, len, name, 0, log_level, id,
				     logp);
}

API int elfk_load_image_flags(int fd, const void *image, size_t len,
			      const char *name, __u32 flags, __u32 log_level,
			      __u32 *id, char **logp)
{
	__u32 log_size = LOAD_LOG_SIZE;
	struct elfk_load load;
	char *log = NULL, *tmp;
	int err;

	for (int attempt = 0;; attempt++) {
		tmp = realloc(log, log_size);
		if (!tmp) {
			free(log);
			if (logp)
				*logp = NULL;
			return fail(ENOMEM);
		}
		log = tmp;
		log[0] = '\0';

		memset(&load, 0, sizeof(load));
		load.flags = flags;
		load.image = (uintptr_t)image;
		load.image_len = len;
		load.name = (uintptr_t)name;
		load.log_buf = (uintptr_t)log;
		load.log_size = log_size;
		load.log_level = log_level ? log_level : ELFK_LOG_LEVEL_ERROR;
		err = elfk_ioc_load(fd, &load);
		/*
		 * ENOSPC with a larger true size means only the log did not
		 * fit, and nothing stayed loaded: try once more with room
		 * for all of it.  Any other ENOSPC came from elfk_init().
		 */
		if (err == -ENOSPC && !attempt &&
		    load.log_true_size > log_size) {
			log_size = load.log_true_size;
			continue;
		}
		break;
	}
	log[log_size - 1] = '\0';
	if (id)
		*id = load.id;
	if (logp)
		*logp = log;
	else
		free(log);
	return err ? fail(-err) : 0;
}

API int elfk_find(int fd, const char *name, __u32 *id)
{
	struct elfk_info info;
	__u32 next = 1;
	int err;

	for (;;) {
		memset(&info, 0, sizeof(info));
		info.flags = ELFK_INFO_NEXT;
		info.id = next;
		err = elfk_ioc_info(fd, &info);
		if (err)
			return err;
		if (!strncmp(info.name, name, sizeof(info.name))) {
			*id = info.id;
			return 0;
		}
		if (info.id == UINT32_MAX)
			return fail(ENOENT);
		next = info.id + 1;
	}
}

API int elfk_call_ints(int fd, __u32 id, const char *symbol,
		       const __u64 *args, unsigned int nr_args, __u64 *ret)
{
	struct elfk_call call;
	unsigned int i;
	int err;

	if (nr_args > ELFK_CALL_MAX_ARGS)
		return fail(EINVAL);
	memset(&call, 0, sizeof(call));
	call.id = id;
	call.nr_args = nr_args;
	call.symbol = (uintptr_t)symbol;
	for (i = 0; i < nr_args; i++) {
		call.args[i].kind = ELFK_ARG_INT;
		call.args[i].value = args[i];
	}
	err = elfk_ioc_call(fd, &call);
	if (!err && ret)
		*ret = call.ret;
	return err;
}
