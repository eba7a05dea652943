// SPDX-License-Identifier: GPL-2.0
/*
 * elfk-ctl: reading input files and writing output files.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elfk-ctl.h"

/**
 * elfk_read_input() - read a whole file, or standard input
 * @path: the file, or "-" for standard input
 * @buf: out: a malloc()ed buffer holding the bytes (never NULL on success)
 * @len: out: the number of bytes read
 * @max: the most bytes accepted
 *
 * Works on pipes and character devices as well as regular files.
 *
 * Return: 0, or a negative errno (-EFBIG when the input exceeds @max).
 */
int elfk_read_input(const char *path, void **buf, size_t *len, size_t max)
{
	size_t size = 0, cap = 0;
	char *data = NULL, *tmp;
	int fd, err = 0;
	ssize_t n;

	if (!strcmp(path, "-"))
		fd = STDIN_FILENO;
	else
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;

	for (;;) {
		if (size == cap) {
			if (cap > max) {
				err = -EFBIG;
				break;
			}
			cap = cap ? cap * 2 : 64 * 1024;
			if (cap > max + 1)
				cap = max + 1;
			tmp = realloc(data, cap);
			if (!tmp) {
				err = -ENOMEM;
				break;
			}
			data = tmp;
		}
		n = read(fd, data + size, cap - size);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		if (n == 0)
			break;
		size += n;
	}
	if (!err && size > max)
		err = -EFBIG;

	if (fd != STDIN_FILENO)
		close(fd);
	if (err) {
		free(data);
		return err;
	}
	*buf = data;
	*len = size;
	return 0;
}

/**
 * elfk_write_all() - write a whole buffer, retrying short writes
 * @fd: where to write
 * @buf: the bytes
 * @len: how many
 *
 * Return: 0, or a negative errno.
 */
int elfk_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += n;
		len -= n;
	}
	return 0;
}
