/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the guest stress programs (mutate, failnth, race):
 * thin wrappers around the /dev/elfload ioctls of uapi/linux/elfk.h, file
 * reading, a deterministic PRNG, errno names and TAP output.
 *
 * Every wrapper returns 0 or a positive errno, never -1.
 */
#ifndef _ELFK_STRESS_H
#define _ELFK_STRESS_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <linux/elfk.h>

#define ELFK_DEV_DEFAULT "/dev/elfload"

static inline int elfk_open(const char *dev)
{
	int fd = open(dev ? dev : ELFK_DEV_DEFAULT, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		fprintf(stderr, "open %s: %s\n", dev ? dev : ELFK_DEV_DEFAULT,
			strerror(errno));
		exit(2);
	}
	return fd;
}

/* LOAD; *id on success; the log (if any) is in log/log_size. */
static inline int elfk_load(int fd, const void *image, size_t len,
			    const char *name, char *log, unsigned int log_size,
			    unsigned int level, unsigned int *id,
			    unsigned int *true_size)
{
	struct elfk_load l;

	memset(&l, 0, sizeof(l));
	l.size = sizeof(l);
	l.image = (uintptr_t)image;
	l.image_len = len;
	l.name = (uintptr_t)name;
	if (log && log_size) {
		l.log_buf = (uintptr_t)log;
		l.log_size = log_size;
		l.log_level = level;
		log[0] = '\0';
	}
	if (ioctl(fd, ELFK_IOC_LOAD, &l) < 0) {
		if (true_size)
			*true_size = l.log_true_size;
		return errno;
	}
	if (true_size)
		*true_size = l.log_true_size;
	*id = l.id;
	return 0;
}

static inline int elfk_unload(int fd, unsigned int id)
{
	struct elfk_unload u;

	memset(&u, 0, sizeof(u));
	u.size = sizeof(u);
	u.id = id;
	return ioctl(fd, ELFK_IOC_UNLOAD, &u) < 0 ? errno : 0;
}

/* INFO with ELFK_INFO_NEXT from *id; fills *info. */
static inline int elfk_info_next(int fd, unsigned int from,
				 struct elfk_info *info)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	info->flags = ELFK_INFO_NEXT;
	info->id = from;
	return ioctl(fd, ELFK_IOC_INFO, info) < 0 ? errno : 0;
}

/* Number of objects listed; prints them to stderr when @show. */
static inline int elfk_count_loaded(int fd, int show)
{
	struct elfk_info info;
	unsigned int id = 0;
	int n = 0;

	while (elfk_info_next(fd, id, &info) == 0) {
		if (show)
			fprintf(stderr, "# still loaded: id %u name '%s' state %u\n",
				info.id, info.name, info.state);
		n++;
		id = info.id + 1;
		if (n > 100000)
			break;
	}
	return n;
}

static inline int elfk_call(int fd, unsigned int id, const char *sym,
			    const struct elfk_call_arg *args, unsigned int nr,
			    uint64_t *ret)
{
	struct elfk_call c;

	memset(&c, 0, sizeof(c));
	c.size = sizeof(c);
	c.id = id;
	c.nr_args = nr;
	c.symbol = (uintptr_t)sym;
	if (nr)
		memcpy(c.args, args, nr * sizeof(*args));
	if (ioctl(fd, ELFK_IOC_CALL, &c) < 0)
		return errno;
	*ret = c.ret;
	return 0;
}

/* The whole file in a malloc'd buffer (exits on error). */
static inline unsigned char *read_file(const char *path, size_t *len)
{
	unsigned char *buf;
	struct stat st;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		exit(2);
	}
	buf = malloc(st.st_size ? st.st_size : 1);
	n = read(fd, buf, st.st_size);
	if (!buf || n != st.st_size) {
		fprintf(stderr, "%s: short read\n", path);
		exit(2);
	}
	close(fd);
	*len = st.st_size;
	return buf;
}

static inline const char *errno_name(int e)
{
	switch (e) {
	case 0: return "OK";
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EINTR: return "EINTR";
	case ENOEXEC: return "ENOEXEC";
	case ENOMEM: return "ENOMEM";
	case EFAULT: return "EFAULT";
	case EBUSY: return "EBUSY";
	case EEXIST: return "EEXIST";
	case EINVAL: return "EINVAL";
	case EFBIG: return "EFBIG";
	case ENOSPC: return "ENOSPC";
	case ERANGE: return "ERANGE";
	case E2BIG: return "E2BIG";
	case ENOTTY: return "ENOTTY";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ENAMETOOLONG: return "ENAMETOOLONG";
	default: return "E?";
	}
}

/* splitmix64: small, fast and the same everywhere for a given seed. */
static inline uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0. */
static inline uint64_t rng_below(uint64_t *s, uint64_t n)
{
	return rng_next(s) % n;
}

static inline double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

#endif /* _ELFK_STRESS_H */
