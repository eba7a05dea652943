// SPDX-License-Identifier: GPL-2.0
/*
 * bench_guest: the guest half of "make bench" (run.sh), a static program.
 *
 *   bench_guest tls ID N REPS
 *       REPS times each: tls_bench(N) and plain_bench(N) of the tls
 *       example (object ID) through ELFK_IOC_CALL, in this task (its block
 *       exists: elfk allocates it before the call).  Prints the best,
 *       median and worst of each:
 *       "RESULT tls N TLS_NS PLAIN_NS TLS_MED PLAIN_MED TLS_MAX PLAIN_MAX".
 *   bench_guest fns ID N REPS SYMBOL...
 *       REPS rounds, each calling every SYMBOL(N) of object ID in turn
 *       (tls_model.c's models).  Prints, for each SYMBOL, its best, median
 *       and worst: "RESULT fn SYMBOL N MIN_NS MED_NS MAX_NS".
 *   bench_guest elfk PLUGIN.so N
 *       N times: ELFK_IOC_LOAD of the image (read once), ELFK_IOC_UNLOAD.
 *       Prints "RESULT elfk NAME BYTES LOAD_NS UNLOAD_NS" (means).
 *   bench_guest kmod MODULE.ko NAME N
 *       N times: finit_module() of the file, delete_module(NAME).
 *       Prints "RESULT kmod NAME BYTES LOAD_NS UNLOAD_NS" (means).
 *   bench_guest scale PLUGIN.so FILLER.so N K...
 *       For each K (ascending): load unnamed copies of FILLER until K are
 *       loaded, then N times LOAD + UNLOAD of PLUGIN, each cycle timed.
 *       Prints "RESULT scale K N MEDIAN_NS P10_NS P90_NS MEAN_NS" per K,
 *       then unloads the fillers.
 *   bench_guest tlb PLUGIN.so N
 *       N times LOAD + UNLOAD, reading the "TLB" (TLB shootdowns: user
 *       address spaces) and "CAL" (function-call IPIs: flush_tlb_all()
 *       and kernel-range flushes go this way) lines of /proc/interrupts,
 *       each summed over CPUs, before and after; then the same for an idle
 *       interval as long, the background to subtract; and elfk's own count
 *       of the global flushes it ran (/sys/kernel/debug/elfk/tlb, -1 if
 *       unreadable).
 *       Prints "RESULT tlb N TLB CAL CPUS IDLE_TLB IDLE_CAL ELFK_FLUSHES".
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

static unsigned int load_image(int dev, const void *image, size_t size)
{
	struct elfk_load l;

	memset(&l, 0, sizeof(l));
	l.size = sizeof(l);
	l.image = (uintptr_t)image;
	l.image_len = size;
	if (ioctl(dev, ELFK_IOC_LOAD, &l)) {
		perror("ELFK_IOC_LOAD");
		exit(1);
	}
	return l.id;
}

static void unload_id(int dev, unsigned int id)
{
	struct elfk_unload u;

	memset(&u, 0, sizeof(u));
	u.size = sizeof(u);
	u.id = id;
	if (ioctl(dev, ELFK_IOC_UNLOAD, &u)) {
		perror("ELFK_IOC_UNLOAD");
		exit(1);
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int run_scale(char **argv, int argc)
{
	size_t size, fsize;
	void *image = read_all(argv[2], &size);
	void *filler = read_all(argv[3], &fsize);
	unsigned long n = strtoul(argv[4], NULL, 0), i, k, loaded = 0;
	unsigned int *fillers = NULL;
	double *t = calloc(n, sizeof(*t)), sum, t0;
	int dev = open_dev(), a;

	if (!t || !n)
		return 1;
	for (a = 5; a < argc; a++) {
		k = strtoul(argv[a], NULL, 0);
		fillers = realloc(fillers, (k + 1) * sizeof(*fillers));
		if (!fillers)
			return 1;
		for (; loaded < k; loaded++)
			fillers[loaded] = load_image(dev, filler, fsize);
		sum = 0;
		for (i = 0; i < n; i++) {
			t0 = now_ns();
			unload_id(dev, load_image(dev, image, size));
			t[i] = now_ns() - t0;
			sum += t[i];
		}
		qsort(t, n, sizeof(*t), cmp_double);
		printf("RESULT scale %lu %lu %.0f %.0f %.0f %.0f\n", k, n, t[n / 2],
		       t[n / 10], t[n - 1 - n / 10], sum / n);
		fflush(stdout);
	}
	while (loaded)
		unload_id(dev, fillers[--loaded]);
	return 0;
}

/* A line of /proc/interrupts ("TLB:", "CAL:"), summed over CPUs. */
static unsigned long long irq_count(const char *what, unsigned int *cpus)
{
	unsigned long long sum = 0, v;
	char line[4096], *p, *end;
	FILE *f = fopen("/proc/interrupts", "r");

	if (!f) {
		perror("/proc/interrupts");
		exit(1);
	}
	*cpus = 0;
	while (fgets(line, sizeof(line), f)) {
		p = line + strspn(line, " ");
		if (strncmp(p, what, 4))
			continue;
		for (p += 4;; p = end) {
			v = strtoull(p, &end, 10);
			if (end == p)
				break;
			sum += v;
			++*cpus;
		}
	}
	fclose(f);
	return sum;
}

/* The "flushes" line of /sys/kernel/debug/elfk/tlb, or -1. */
static long long elfk_flushes(void)
{
	FILE *f = fopen("/sys/kernel/debug/elfk/tlb", "r");
	char line[128];
	long long v = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "flushes %lld", &v) == 1)
			break;
	fclose(f);
	return v;
}

static int run_tlb(char **argv)
{
	size_t size;
	void *image = read_all(argv[2], &size);
	unsigned long n = strtoul(argv[3], NULL, 0), i;
	unsigned long long tlb0, cal0, tlb1, cal1, tlb2, cal2;
	unsigned int cpus;
	int dev = open_dev();
	struct timespec idle;
	long long fl0, fl1;
	double t0, t;

	fl0 = elfk_flushes();
	tlb0 = irq_count("TLB:", &cpus);
	cal0 = irq_count("CAL:", &cpus);
	t0 = now_ns();
	for (i = 0; i < n; i++)
		unload_id(dev, load_image(dev, image, size));
	t = now_ns() - t0;
	tlb1 = irq_count("TLB:", &cpus);
	cal1 = irq_count("CAL:", &cpus);
	fl1 = elfk_flushes();
	idle.tv_sec = (time_t)(t / 1e9);
	idle.tv_nsec = (long)(t - idle.tv_sec * 1e9);
	nanosleep(&idle, NULL);
	tlb2 = irq_count("TLB:", &cpus);
	cal2 = irq_count("CAL:", &cpus);
	printf("RESULT tlb %lu %llu %llu %u %llu %llu %lld\n", n, tlb1 - tlb0,
	       cal1 - cal0, cpus, tlb2 - tlb1, cal2 - cal1,
	       fl0 < 0 || fl1 < 0 ? -1 : fl1 - fl0);
	return 0;
}

static const char *base(const char *p)
{
	return strrchr(p, '/') ? strrchr(p, '/') + 1 : p;
}

/* bench_guest fns ID N REPS SYMBOL...: the rounds interleave the symbols. */
static int fns(int argc, char **argv)
{
	unsigned int id = strtoul(argv[0], NULL, 0);
	unsigned long n = strtoul(argv[1], NULL, 0);
	unsigned int reps = strtoul(argv[2], NULL, 0);
	unsigned int nsym = argc - 3, i, j;
	uint64_t *ns;
	int dev;

	ns = calloc((size_t)reps * nsym, sizeof(*ns));
	if (!reps || !ns)
		return 1;
	dev = open_dev();
	for (i = 0; i < reps; i++)
		for (j = 0; j < nsym; j++)
			ns[j * reps + i] = call1(dev, id, argv[3 + j], n);
	for (j = 0; j < nsym; j++) {
		uint64_t *v = ns + (size_t)j * reps;

		qsort(v, reps, sizeof(*v), cmp_u64);
		printf("RESULT fn %s %lu %llu %llu %llu\n", argv[3 + j], n,
		       (unsigned long long)v[0], (unsigned long long)v[reps / 2],
		       (unsigned long long)v[reps - 1]);
	}
	free(ns);
	return 0;
}

int main(int argc, char **argv)
{
	double t, t_load = 0, t_unload = 0;
	uint64_t *tls_ns, *plain_ns;
	struct elfk_unload u;
	struct elfk_load l;
	unsigned int id, reps, i;
	unsigned long n;
	size_t size;
	void *image;
	int dev, fd;

	if (argc >= 6 && !strcmp(argv[1], "fns"))
		return fns(argc - 2, argv + 2);
	if (argc == 5 && !strcmp(argv[1], "tls")) {
		dev = open_dev();
		id = strtoul(argv[2], NULL, 0);
		n = strtoul(argv[3], NULL, 0);
		reps = strtoul(argv[4], NULL, 0);
		tls_ns = calloc(reps, sizeof(*tls_ns));
		plain_ns = calloc(reps, sizeof(*plain_ns));
		if (!reps || !tls_ns || !plain_ns)
			return 1;
		for (i = 0; i < reps; i++) {
			tls_ns[i] = call1(dev, id, "tls_bench", n);
			plain_ns[i] = call1(dev, id, "plain_bench", n);
		}
		qsort(tls_ns, reps, sizeof(*tls_ns), cmp_u64);
		qsort(plain_ns, reps, sizeof(*plain_ns), cmp_u64);
		printf("RESULT tls %lu %llu %llu %llu %llu %llu %llu\n", n,
		       (unsigned long long)tls_ns[0],
		       (unsigned long long)plain_ns[0],
		       (unsigned long long)tls_ns[reps / 2],
		       (unsigned long long)plain_ns[reps / 2],
		       (unsigned long long)tls_ns[reps - 1],
		       (unsigned long long)plain_ns[reps - 1]);
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
	if (argc >= 6 && !strcmp(argv[1], "scale"))
		return run_scale(argv, argc);
	if (argc == 4 && !strcmp(argv[1], "tlb"))
		return run_tlb(argv);
	fprintf(stderr, "usage: bench_guest tls ID N REPS\n"
			"       bench_guest fns ID N REPS SYMBOL...\n"
			"       bench_guest scale PLUGIN.so FILLER.so N K...\n"
			"       bench_guest tlb PLUGIN.so N\n"
			"       bench_guest elfk PLUGIN.so N\n"
			"       bench_guest kmod MODULE.ko NAME N\n");
	return 2;
}
