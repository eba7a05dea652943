// SPDX-License-Identifier: GPL-2.0
/*
 * elfk-ctl: the kernel log lines elfk printed during one operation.
 *
 * ELFK_IOC_CALL and ELFK_IOC_SYM have no log buffer (their structures are
 * released ABI), so when one fails the tool shows what elfk and the
 * object printed to the kernel log meanwhile: elfk_kmsg_open() before the
 * ioctl positions a reader at the end of /dev/kmsg, elfk_kmsg_collect()
 * after it reads what was appended.  Lines of other subsystems are left
 * out; only those starting with "elfk: " (elfk's pr_fmt, also that of
 * elfk_printk()) are kept.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elfk-ctl.h"

#define ELFK_CTL_KMSG_PREFIX "elfk: "
#define ELFK_CTL_KMSG_MAX (64 * 1024)

/**
 * elfk_kmsg_open() - start watching the kernel log
 *
 * $ELFK_CTL_KMSG names another file (the CLI tests append to a plain file).
 *
 * Return: a descriptor to pass to elfk_kmsg_collect(), or -1 when the log
 * cannot be read (then failures are reported without it).
 */
int elfk_kmsg_open(void)
{
	const char *path = getenv("ELFK_CTL_KMSG");
	int fd;

	fd = open(path && *path ? path : "/dev/kmsg",
		  O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (lseek(fd, 0, SEEK_END) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Append the message of one record "PRI,SEQ,TS,FLAGS;TEXT" if it is elfk's. */
static size_t elfk_kmsg_keep(char *out, size_t len, const char *rec,
			     size_t n)
{
	const char *semi = memchr(rec, ';', n);
	size_t plen = strlen(ELFK_CTL_KMSG_PREFIX);

	if (rec[0] == ' ' || !semi)
		return len;	/* a continuation line " KEY=VALUE" */
	n -= semi + 1 - rec;
	rec = semi + 1;
	if (n < plen || memcmp(rec, ELFK_CTL_KMSG_PREFIX, plen) ||
	    len + n + 2 > ELFK_CTL_KMSG_MAX)
		return len;
	memcpy(out + len, rec, n);
	len += n;
	out[len++] = '\n';
	return len;
}

/**
 * elfk_kmsg_collect() - the elfk lines logged since elfk_kmsg_open()
 * @fd: its descriptor, or -1; closed here
 *
 * Return: a malloc()ed NUL-terminated text, one line per message, or NULL
 * when there is none or the log could not be read.
 */
char *elfk_kmsg_collect(int fd)
{
	char *buf, *out, *p, *nl;
	size_t len = 0, used = 0;
	ssize_t n;

	if (fd < 0)
		return NULL;
	buf = malloc(ELFK_CTL_KMSG_MAX);
	out = malloc(ELFK_CTL_KMSG_MAX);
	if (!buf || !out)
		goto fail;
	/* /dev/kmsg returns one record per read; a file, any chunk. */
	for (;;) {
		n = read(fd, buf + used, ELFK_CTL_KMSG_MAX - 1 - used);
		if (n < 0 && (errno == EINTR || errno == EPIPE))
			continue;	/* EPIPE: records were overwritten */
		if (n <= 0)
			break;
		used += n;
		buf[used] = '\0';
		for (p = buf; (nl = strchr(p, '\n')); p = nl + 1)
			len = elfk_kmsg_keep(out, len, p, nl - p);
		used -= p - buf;
		memmove(buf, p, used);
		if (used == ELFK_CTL_KMSG_MAX - 1)
			used = 0;	/* a line longer than the cap: drop it */
	}
	if (used)
		len = elfk_kmsg_keep(out, len, buf, used);
	if (!len)
		goto fail;
	out[len] = '\0';
	free(buf);
	close(fd);
	return out;
fail:
	free(buf);
	free(out);
	close(fd);
	return NULL;
}
