// SPDX-License-Identifier: GPL-2.0
/*
 * bench_pair: make bench's same-code and big-image rows, guest side (a
 * static program, run by guest_same.sh).
 *
 *   bench_pair pair LABEL PLUGIN.so MODULE.ko MODNAME N
 *       N rounds, each: ELFK_IOC_LOAD of the plugin (the image read into
 *       memory once, before the rounds), ELFK_IOC_UNLOAD, finit_module()
 *       of the module file, delete_module(MODNAME); each of the four
 *       timed alone, the two loaders alternating so that a busy host
 *       slows both alike.  Prints
 *       "RESULT pair LABEL N ELFK_BYTES KO_BYTES" followed by the median,
 *       10th and 90th percentile (ns) of elfk's LOAD, elfk's UNLOAD, the
 *       module's load and the module's unload, in that order.
 *   bench_pair call PLUGIN.so SYMBOL
 *       Loads the plugin, calls SYMBOL(0) and prints "RESULT call SYMBOL
 *       VALUE" (the return value as a signed decimal).
 *
 * Copyright (C) 2026 The elfk authors
 */
#define _GNU_SOURCE
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

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void *read_all(const char *path, size_t *size)
{
	struct stat st;
	void *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st))
		die(path);
	buf = malloc(st.st_size);
	if (!buf || read(fd, buf, st.st_size) != st.st_size)
		die(path);
	close(fd);
	*size = st.st_size;
	return buf;
}

static unsigned int load_image(int dev, const void *image, size_t size)
{
	struct elfk_load l;

	memset(&l, 0, sizeof(l));
	l.size = sizeof(l);
	l.image = (uintptr_t)image;
	l.image_len = size;
	if (ioctl(dev, ELFK_IOC_LOAD, &l))
		die("ELFK_IOC_LOAD");
	return l.id;
}

static void unload_id(int dev, unsigned int id)
{
	struct elfk_unload u;

	memset(&u, 0, sizeof(u));
	u.size = sizeof(u);
	u.id = id;
	if (ioctl(dev, ELFK_IOC_UNLOAD, &u))
		die("ELFK_IOC_UNLOAD");
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Median, 10th and 90th percentile of @t (sorted in place). */
static void print_spread(double *t, unsigned long n)
{
	qsort(t, n, sizeof(*t), cmp_double);
	printf(" %.0f %.0f %.0f", t[n / 2], t[n / 10], t[n - 1 - n / 10]);
}

static int run_pair(char **argv)
{
	const char *label = argv[2], *modname = argv[5];
	unsigned long n = strtoul(argv[6], NULL, 0), i;
	double *t[4], t0;
	size_t size, kosize;
	void *image = read_all(argv[3], &size);
	unsigned int id;
	int dev, fd, k;

	free(read_all(argv[4], &kosize));
	dev = open("/dev/elfload", O_RDWR | O_CLOEXEC);
	if (dev < 0)
		die("/dev/elfload");
	for (k = 0; k < 4; k++) {
		t[k] = calloc(n ? n : 1, sizeof(double));
		if (!t[k])
			die("calloc");
	}
	if (!n)
		return 2;
	for (i = 0; i < n; i++) {
		t0 = now_ns();
		id = load_image(dev, image, size);
		t[0][i] = now_ns() - t0;
		t0 = now_ns();
		unload_id(dev, id);
		t[1][i] = now_ns() - t0;

		fd = open(argv[4], O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			die(argv[4]);
		t0 = now_ns();
		if (syscall(SYS_finit_module, fd, "", 0))
			die("finit_module");
		t[2][i] = now_ns() - t0;
		close(fd);
		t0 = now_ns();
		if (syscall(SYS_delete_module, modname, O_NONBLOCK))
			die("delete_module");
		t[3][i] = now_ns() - t0;
	}
	printf("RESULT pair %s %lu %zu %zu", label, n, size, kosize);
	for (k = 0; k < 4; k++)
		print_spread(t[k], n);
	printf("\n");
	return 0;
}

static int run_call(char **argv)
{
	struct elfk_call c;
	size_t size;
	void *image = read_all(argv[2], &size);
	int dev = open("/dev/elfload", O_RDWR | O_CLOEXEC);

	if (dev < 0)
		die("/dev/elfload");
	memset(&c, 0, sizeof(c));
	c.size = sizeof(c);
	c.id = load_image(dev, image, size);
	c.symbol = (uintptr_t)argv[3];
	c.nr_args = 1;
	c.args[0].kind = ELFK_ARG_INT;
	c.args[0].value = 0;
	if (ioctl(dev, ELFK_IOC_CALL, &c))
		die(argv[3]);
	printf("RESULT call %s %lld\n", argv[3], (long long)c.ret);
	unload_id(dev, c.id);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 7 && !strcmp(argv[1], "pair"))
		return run_pair(argv);
	if (argc == 4 && !strcmp(argv[1], "call"))
		return run_call(argv);
	fprintf(stderr, "usage: bench_pair pair LABEL PLUGIN.so MODULE.ko MODNAME N\n"
			"       bench_pair call PLUGIN.so SYMBOL\n");
	return 2;
}
