// SPDX-License-Identifier: GPL-2.0
/*
 * elfk-ctl: reading input files and writing output files.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfk-ctl.h"

static int read_fd(int fd, void **buf, size_t *len, size_t max);

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
	int fd, err;

	if (!strcmp(path, "-"))
		fd = STDIN_FILENO;
	else
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	err = read_fd(fd, buf, len, max);
	if (fd != STDIN_FILENO)
		close(fd);
	return err;
}

/* Read @fd to its end into a malloc()ed buffer. */
static int read_fd(int fd, void **buf, size_t *len, size_t max)
{
	size_t size = 0, cap = 0;
	char *data = NULL, *tmp;
	int err = 0;
	ssize_t n;

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

/*
 * The inputs mapped now, for the SIGBUS handler: a file that shrinks
 * under its mapping makes a read of a page past its new end raise SIGBUS.
 * load holds the object's and one per level of nested dependencies.  The
 * signal comes from elfk-ctl's own reads, never while the list changes.
 */
static struct elfk_input *volatile elfk_mapped;

static void put_str(const char *s)
{
	ssize_t n = write(STDERR_FILENO, s, strlen(s));

	(void)n;
}

/*
 * A read of a mapped input failed: the file changed size while elfk-ctl
 * read it.  Say which and exit as for any input that cannot be read,
 * rather than die by the signal (only async-signal-safe calls here).
 */
static void elfk_sigbus(int sig, siginfo_t *info, void *uctx)
{
	const char *addr = info->si_addr;
	struct elfk_input *in;

	(void)sig;
	(void)uctx;
	for (in = elfk_mapped; in; in = in->next) {
		if (addr < (const char *)in->buf ||
		    addr >= (const char *)in->buf + in->len)
			continue;
		put_str("elfk-ctl: ");
		put_str(in->path);
		put_str(": the file changed size while it was read (SIGBUS)\n");
		_exit(ELFK_EXIT_IO);
	}
	signal(SIGBUS, SIG_DFL);
	raise(SIGBUS);
}

static int elfk_mapped_add(struct elfk_input *in)
{
	static bool installed;
	struct sigaction sa = { 0 };

	if (!installed) {
		sa.sa_sigaction = elfk_sigbus;
		sa.sa_flags = SA_SIGINFO;
		sigemptyset(&sa.sa_mask);
		if (sigaction(SIGBUS, &sa, NULL))
			return -errno;
		installed = true;
	}
	in->next = elfk_mapped;
	elfk_mapped = in;
	return 0;
}

/**
 * elfk_map_input() - an input file's bytes, mapped when it is a file
 * @path: the file, or "-" for standard input
 * @in: out: the bytes (@in->buf, @in->len) and how to release them
 * @max: the most bytes accepted
 *
 * A regular file is mapped PROT_READ, MAP_PRIVATE, as ld.so maps what
 * it loads, and stays open (@in->fd) so that its pages can be mapped again
 * (elfk_check_image()'s ELFK_CHECK_FD); anything else (a pipe, a character
 * device, standard input) and an empty file are read into memory as by
 * elfk_read_input(), with @in->fd -1.  Should the file shrink while
 * mapped, a read of a page past its new end makes elfk-ctl exit with
 * ELFK_EXIT_IO and a message naming it, not die by SIGBUS; the kernel
 * reading it through ELFK_IOC_LOAD gets EFAULT instead
 * (elfk_input_changed()).  Release with elfk_input_free().
 *
 * Return: 0, or a negative errno (-EFBIG when the input exceeds @max).
 */
int elfk_map_input(const char *path, struct elfk_input *in, size_t max)
{
	struct stat st;
	void *map;
	int err;

	memset(in, 0, sizeof(*in));
	in->path = path;
	in->fd = -1;
	if (!strcmp(path, "-"))
		return read_fd(STDIN_FILENO, &in->buf, &in->len, max);
	in->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (in->fd < 0 || fstat(in->fd, &st)) {
		err = -errno;
		goto fail;
	}
	if (!S_ISREG(st.st_mode) || !st.st_size) {
		err = read_fd(in->fd, &in->buf, &in->len, max);
		close(in->fd);
		in->fd = -1;
		return err;
	}
	if ((unsigned long long)st.st_size > max) {
		err = -EFBIG;
		goto fail;
	}
	map = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, in->fd, 0);
	if (map == MAP_FAILED) {
		err = -errno;
		goto fail;
	}
	in->buf = map;
	in->len = st.st_size;
	in->mapped = true;
	err = elfk_mapped_add(in);
	if (err) {
		munmap(map, in->len);
		goto fail;
	}
	return 0;
fail:
	if (in->fd >= 0)
		close(in->fd);
	memset(in, 0, sizeof(*in));
	in->fd = -1;
	return err;
}

/**
 * elfk_input_changed() - whether a mapped input's file changed size
 * @in: from elfk_map_input()
 *
 * The kernel reads a shrunk file's missing pages as a fault (EFAULT):
 * this tells that apart from a bad address.
 *
 * Return: true when @in is mapped and its file's size is not @in->len.
 */
bool elfk_input_changed(const struct elfk_input *in)
{
	struct stat st;

	return in->mapped && (fstat(in->fd, &st) || (size_t)st.st_size != in->len);
}

/**
 * elfk_input_free() - release what elfk_map_input() gave
 * @in: the input; emptied
 */
void elfk_input_free(struct elfk_input *in)
{
	struct elfk_input *volatile *p;

	if (in->mapped) {
		for (p = &elfk_mapped; *p; p = &(*p)->next) {
			if (*p == in) {
				*p = in->next;
				break;
			}
		}
		munmap(in->buf, in->len);
	} else {
		free(in->buf);
	}
	if (in->fd >= 0)
		close(in->fd);
	memset(in, 0, sizeof(*in));
	in->fd = -1;
}
