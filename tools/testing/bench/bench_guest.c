// SPDX-License-Identifier: GPL-2.0
/*
 * bench_guest: the guest half of "make bench" (run.sh), a static program.
 *
 *   bench_guest tls ID N REPS
 *       REPS times each: tls_bench(N) and plain_bench(N) of the tls
 *       example (object ID) through ELFK_IOC_CALL, in this task (its block
 *       exists: elfk allocates it before the call).  Prints the best of
 *       each: "RESULT tls N TLS_NS PLAIN_NS".
 *   bench_guest elfk PLUGIN.so N
 *       N times: ELFK_IOC_LOAD of the image (read once), ELFK_IOC_UNLOAD.
 *       Prints "RESULT elfk NAME BYTES LOAD_NS UNLOAD_NS" (means).
 *   bench_guest kmod MODULE.ko NAME N
 *       N times: finit_module() of the file, delete_module(NAME).
 *       Prints "RESULT kmod NAME BYTES LOAD_NS UNLOAD_NS" (means).
 *
 * Copyright (C) 2026 The elfk authors
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <linux/elfk.h>

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int open_dev(void)
{
	int fd = open("/dev/elfload", O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		perror("/dev/elfload");
		exit(1);
	}
	return fd;
}

static void *read_all(const char *path, size_t *size)
{
	struct stat st;
	void *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st)) {
		perror(path);
		exit(1);
	}
	buf = malloc(st.st_size);
	if (!buf || read(fd, buf, st.st_size) != st.st_size) {
		perror(path);
		exit(1);
	}
	close(fd);
	*size = st.st_size;
	return buf;
}

static uint64_t call1(int dev, unsigned int id, const char *sym, uint64_t arg)
{
	struct elfk_call c;

	memset(&c, 0, sizeof(c));
	c.size = sizeof(c);
	c.id = id;
	c.symbol = (uintptr_t)sym;
	c.nr_args = 1;
	c.args[0].kind = ELFK_ARG_INT;
	c.args[0].value = arg;
	if (ioctl(dev, ELFK_IOC_CALL, &c)) {
		perror(sym);
		exit(1);
	}
	return c.ret;
}

static const char *base(const char *p)
{
	return strrchr(p, '/') ? strrchr(p, '/') + 1 : p;
}

int main(int argc, char **argv)
{
	double t, t_load = 0, t_unload = 0;
	uint64_t best_tls = UINT64_MAX, best_plain = UINT64_MAX, v;
	struct elfk_unload u;
	struct elfk_load l;
	unsigned int id, reps, i;
	unsigned long n;
	size_t size;
	void *image;
	int dev, fd;

	if (argc == 5 && !strcmp(argv[1], "tls")) {
		dev = open_dev();
		id = strtoul(argv[2], NULL, 0);
		n = strtoul(argv[3], NULL, 0);
		reps = strtoul(argv[4], NULL, 0);
		for (i = 0; i < reps; i++) {
			v = call1(dev, id, "tls_bench", n);
			if (v < best_tls)
				best_tls = v;
			v = call1(dev, id, "plain_bench", n);
			if (v < best_plain)
				best_plain = v;
		}
		printf("RESULT tls %lu %llu %llu\n", n,
		       (unsigned long long)best_tls,
		       (unsigned long long)best_plain);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "elfk")) {
		dev = open_dev();
		image = read_all(argv[2], &size);
		n = strtoul(argv[3], NULL, 0);
		for (i = 0; i < n; i++) {
			memset(&l, 0, sizeof(l));
			l.size = sizeof(l);
			l.image = (uintptr_t)image;
			l.image_len = size;
			t = now_ns();
			if (ioctl(dev, ELFK_IOC_LOAD, &l)) {
				perror("ELFK_IOC_LOAD");
				return 1;
			}
			t_load += now_ns() - t;
			memset(&u, 0, sizeof(u));
			u.size = sizeof(u);
			u.id = l.id;
			t = now_ns();
			if (ioctl(dev, ELFK_IOC_UNLOAD, &u)) {
				perror("ELFK_IOC_UNLOAD");
				return 1;
			}
			t_unload += now_ns() - t;
		}
		printf("RESULT elfk %s %zu %.0f %.0f\n", base(argv[2]), size,
		       t_load / n, t_unload / n);
		return 0;
	}
	if (argc == 5 && !strcmp(argv[1], "kmod")) {
		image = read_all(argv[2], &size);
		free(image);
		n = strtoul(argv[4], NULL, 0);
		for (i = 0; i < n; i++) {
			fd = open(argv[2], O_RDONLY | O_CLOEXEC);
			if (fd < 0) {
				perror(argv[2]);
				return 1;
			}
			t = now_ns();
			if (syscall(SYS_finit_module, fd, "", 0)) {
				perror("finit_module");
				return 1;
			}
			t_load += now_ns() - t;
			close(fd);
			t = now_ns();
			if (syscall(SYS_delete_module, argv[3], O_NONBLOCK)) {
				perror("delete_module");
				return 1;
			}
			t_unload += now_ns() - t;
		}
		printf("RESULT kmod %s %zu %.0f %.0f\n", base(argv[2]), size,
		       t_load / n, t_unload / n);
		return 0;
	}
	fprintf(stderr, "usage: bench_guest tls ID N REPS\n"
			"       bench_guest elfk PLUGIN.so N\n"
			"       bench_guest kmod MODULE.ko NAME N\n");
	return 2;
}
