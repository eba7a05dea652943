// SPDX-License-Identifier: GPL-2.0
/*
 * bench_verified: verified mode in "make bench" (issue 15), a static guest
 * program; run by verified.sh in the same guest as guest.sh.
 *
 *   bench_verified call VERIFIED.so NATIVE.so RUNS
 *       Loads VERIFIED.so with ELFK_LOAD_VERIFIED and NATIVE.so (the same
 *       sources as an ordinary plugin) without, then for LZ4 compression,
 *       xxh64 and SHA-256 over the same 64 KiB of text-like data, RUNS
 *       runs alternating native and verified, each run timed:
 *         loop:  one CALL of bench_NAME(), which repeats the function
 *                ITERS times inside the object (the CALL's own cost is
 *                amortised: the ratio is that of the code);
 *         ioctl: ITERS CALLs of the function itself, its buffers copied
 *                in and out each time (what a caller of ELFK_IOC_CALL
 *                gets).
 *       ITERS is calibrated once so that a native run lasts about 50 ms.
 *       Results are compared (verified = native) before anything is timed.
 *       Prints "RESULT vcall MODE NAME BYTES RUNS ITERS NATIVE_NS
 *       VERIFIED_NS RATIO BEST_RATIO RATIO_P25 RATIO_P75" per row: medians
 *       per function call and their ratio, the ratio of the fastest runs
 *       (a shared host only ever adds time), and the quartiles of the
 *       per-run ratios (their spread).
 *   bench_verified load VERIFIED.so NATIVE.so N
 *       N rounds of: ELFK_IOC_LOAD + ELFK_IOC_UNLOAD of VERIFIED.so
 *       without ELFK_LOAD_VERIFIED, then with it, then of NATIVE.so; each
 *       LOAD and UNLOAD timed.  Prints "RESULT vload NAME MODE BYTES N
 *       LOAD_MEDIAN LOAD_P10 LOAD_P90 UNLOAD_MEDIAN" (ns) per kind.
 *   bench_verified verify VERIFIED.so
 *       The kernel's verifier (arch/x86_64/verify.c, the same C code the
 *       module runs at LOAD) over VERIFIED.so's code, in this process,
 *       repeated for at least half a second.  Prints "RESULT vverify
 *       CODE_BYTES MIB_PER_S US_PER_RUN".
 *   bench_verified kverify VERIFIED.so N
 *       The module's own verifier at LOAD: N verified LOADs (and UNLOADs)
 *       of VERIFIED.so with a verbose log, whose "verified: ..., B bytes
 *       of code in T ns" line times elfk_x86_verify() in the kernel.
 *       Prints "RESULT vkverify CODE_BYTES N MIB_PER_S_MEDIAN P10 P90 MIN
 *       MAX" over the N runs (P10 the slower tenth: a shared host only
 *       ever adds time).
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
#include <time.h>
#include <unistd.h>

#include <linux/elfk.h>

#include "../verify/tool/elfk_window.h"

#define LEN 65536
#define CAP (LEN + LEN / 255 + 16)
#define WRKMEM 16416		/* LZ4_MEM_COMPRESS on 64-bit */
#define TARGET_NS 5e7		/* one native run */

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

static int open_dev(void)
{
	int fd = open("/dev/elfload", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		die("/dev/elfload");
	return fd;
}

static unsigned int load(int dev, const void *image, size_t size, __u32 flags)
{
	struct elfk_load l;

	memset(&l, 0, sizeof(l));
	l.size = sizeof(l);
	l.flags = flags;
	l.image = (uintptr_t)image;
	l.image_len = size;
	if (ioctl(dev, ELFK_IOC_LOAD, &l))
		die("ELFK_IOC_LOAD");
	return l.id;
}

static void unload(int dev, unsigned int id)
{
	struct elfk_unload u;

	memset(&u, 0, sizeof(u));
	u.size = sizeof(u);
	u.id = id;
	if (ioctl(dev, ELFK_IOC_UNLOAD, &u))
		die("ELFK_IOC_UNLOAD");
}

/* One argument: a buffer (kind, pointer, length) or an integer (len 0). */
struct arg {
	__u32 kind;
	const void *p;
	uint64_t v;
};

static uint64_t call(int dev, unsigned int id, const char *sym,
		     const struct arg *a, unsigned int n)
{
	struct elfk_call c;
	unsigned int i;

	memset(&c, 0, sizeof(c));
	c.size = sizeof(c);
	c.id = id;
	c.symbol = (uintptr_t)sym;
	c.nr_args = n;
	for (i = 0; i < n; i++) {
		c.args[i].kind = a[i].kind;
		if (a[i].kind == ELFK_ARG_INT) {
			c.args[i].value = a[i].v;
		} else {
			c.args[i].value = (uintptr_t)a[i].p;
			c.args[i].len = a[i].v;
		}
	}
	if (ioctl(dev, ELFK_IOC_CALL, &c))
		die(sym);
	return c.ret;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return v[n / 2];
}

/* The same text-like data as tools/testing/verify/run/sbx_bench.c. */
static void fill_text(uint8_t *p, size_t n)
{
	uint64_t rng = 88172645463325252ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		rng ^= rng << 13;
		rng ^= rng >> 7;
		rng ^= rng << 17;
		p[i] = i > 16 && rng % 4 ? p[i - 1 - (rng >> 8) % 16] :
			'a' + (rng >> 16) % 8;
	}
}

static uint8_t in[LEN], out[CAP], wrk[WRKMEM], digest[32];

enum fn { LZ4, XXH64, SHA256 };
static const char *const names[] = { "lz4_compress", "xxh64", "sha256" };

/*
 * ITERS runs of @f on the buffer: one CALL of bench_*() (loop), or ITERS
 * CALLs of the function (ioctl).  Returns nanoseconds per function call
 * and the last result in *res (the digest is in digest[]).
 */
static double run(int dev, unsigned int id, enum fn f, int loop, long iters,
		  uint64_t *res)
{
	struct arg a[6];
	const char *sym;
	unsigned int n;
	double t0;
	long i;

	switch (f) {
	case LZ4:
		a[0] = (struct arg){ ELFK_ARG_IN, in, LEN };
		a[1] = (struct arg){ ELFK_ARG_OUT, out, CAP };
		a[2] = (struct arg){ ELFK_ARG_INT, NULL, LEN };
		a[3] = (struct arg){ ELFK_ARG_INT, NULL, CAP };
		a[4] = (struct arg){ ELFK_ARG_OUT, wrk, WRKMEM };
		a[5] = (struct arg){ ELFK_ARG_INT, NULL, iters };
		n = loop ? 6 : 5;
		sym = loop ? "bench_lz4" : "lz4_compress";
		break;
	case XXH64:
		a[0] = (struct arg){ ELFK_ARG_IN, in, LEN };
		a[1] = (struct arg){ ELFK_ARG_INT, NULL, LEN };
		a[2] = (struct arg){ ELFK_ARG_INT, NULL, loop ? iters : 0 };
		n = 3;
		sym = loop ? "bench_xxh64" : "xxh64_hash";
		break;
	default:
		a[0] = (struct arg){ ELFK_ARG_IN, in, LEN };
		a[1] = (struct arg){ ELFK_ARG_INT, NULL, LEN };
		if (loop) {
			a[2] = (struct arg){ ELFK_ARG_INT, NULL, iters };
			a[3] = (struct arg){ ELFK_ARG_OUT, digest, 32 };
			n = 4;
			sym = "bench_sha256";
		} else {
			a[2] = (struct arg){ ELFK_ARG_OUT, digest, 32 };
			n = 3;
			sym = "sha256_digest";
		}
		break;
	}
	t0 = now_ns();
	if (loop) {
		*res = call(dev, id, sym, a, n);
	} else {
		for (i = 0; i < iters; i++)
			*res = call(dev, id, sym, a, n);
	}
	return (now_ns() - t0) / iters;
}

static int run_call(char **argv)
{
	size_t vsize, nsize;
	void *vimage = read_all(argv[2], &vsize);
	void *nimage = read_all(argv[3], &nsize);
	int runs = atoi(argv[4]), dev = open_dev(), loop, r;
	unsigned int vid, nid;
	uint8_t ndigest[32], nout[CAP];
	uint64_t vres, nres;
	double *tn, *tv, *rt, t;
	enum fn f;
	long iters;

	if (runs < 1)
		return 2;
	tn = calloc(runs, sizeof(*tn));
	tv = calloc(runs, sizeof(*tv));
	rt = calloc(runs, sizeof(*rt));
	if (!tn || !tv || !rt)
		return 1;
	fill_text(in, LEN);
	vid = load(dev, vimage, vsize, ELFK_LOAD_VERIFIED);
	nid = load(dev, nimage, nsize, 0);
	printf("# verified CALLs: %d runs per row, %s\n", runs,
	       "alternating native and verified, CLOCK_MONOTONIC");
	for (loop = 1; loop >= 0; loop--) {
		for (f = LZ4; f <= SHA256; f++) {
			/* same results first, and the calibration */
			t = run(dev, nid, f, loop, 1, &nres);
			memcpy(ndigest, digest, 32);
			memcpy(nout, out, CAP);
			run(dev, vid, f, loop, 1, &vres);
			if (vres != nres || memcmp(digest, ndigest, 32) ||
			    (f == LZ4 && memcmp(out, nout, nres))) {
				fprintf(stderr, "bench_verified: %s: %s %#llx, native %#llx\n",
					names[f], "verified", (unsigned long long)vres,
					(unsigned long long)nres);
				return 1;
			}
			/*
			 * The first runs pay for TCG's translation of the code:
			 * warm up, then time at least 10 ms to calibrate.
			 */
			for (r = 0; r < 2; r++) {
				run(dev, nid, f, loop, 1, &nres);
				run(dev, vid, f, loop, 1, &vres);
			}
			for (iters = 1;; iters *= 2) {
				t = run(dev, nid, f, loop, iters, &nres) * iters;
				if (t >= 1e7)
					break;
			}
			/* the host is shared: a stall only ever adds time */
			for (r = 0; r < 2; r++) {
				double t2 = run(dev, nid, f, loop, iters, &nres) * iters;

				t = t2 < t ? t2 : t;
			}
			iters = (long)(iters * TARGET_NS / t);
			if (iters < 1)
				iters = 1;
			for (r = 0; r < runs; r++) {
				tn[r] = run(dev, nid, f, loop, iters, &nres);
				tv[r] = run(dev, vid, f, loop, iters, &vres);
				rt[r] = tv[r] / tn[r];
			}
			qsort(rt, runs, sizeof(*rt), cmp_double);
			t = median(tn, runs);
			printf("RESULT vcall %s %s %d %d %ld %.0f %.0f %.3f ",
			       loop ? "loop" : "ioctl", names[f], LEN, runs, iters,
			       t, median(tv, runs), median(tv, runs) / t);
			printf("%.3f %.3f %.3f\n", tv[0] / tn[0], rt[runs / 4],
			       rt[runs - 1 - runs / 4]);
			fflush(stdout);
		}
	}
	unload(dev, vid);
	unload(dev, nid);
	return 0;
}

static int run_load(char **argv)
{
	static const char *const kinds[] = { "plain", "verified", "plain" };
	size_t size[2];
	void *image[2] = { read_all(argv[2], &size[0]), read_all(argv[3], &size[1]) };
	int n = atoi(argv[4]), dev = open_dev(), i, k;
	double *tl[3], *tu[3], t0, t1;
	unsigned int id;

	if (n < 1)
		return 2;
	for (k = 0; k < 3; k++) {
		tl[k] = calloc(n, sizeof(double));
		tu[k] = calloc(n, sizeof(double));
		if (!tl[k] || !tu[k])
			return 1;
	}
	/* one untimed round: the first LOAD of each pays for cold caches */
	for (k = 0; k < 3; k++)
		unload(dev, load(dev, image[k / 2], size[k / 2],
				 k == 1 ? ELFK_LOAD_VERIFIED : 0));
	for (i = 0; i < n; i++) {
		for (k = 0; k < 3; k++) {
			t0 = now_ns();
			id = load(dev, image[k / 2], size[k / 2],
				  k == 1 ? ELFK_LOAD_VERIFIED : 0);
			t1 = now_ns();
			unload(dev, id);
			tl[k][i] = t1 - t0;
			tu[k][i] = now_ns() - t1;
		}
	}
	for (k = 0; k < 3; k++) {
		const char *p = argv[2 + k / 2];

		qsort(tl[k], n, sizeof(double), cmp_double);
		printf("RESULT vload %s %s %zu %d %.0f %.0f %.0f %.0f\n",
		       strrchr(p, '/') ? strrchr(p, '/') + 1 : p, kinds[k],
		       size[k / 2], n, tl[k][n / 2], tl[k][n / 10],
		       tl[k][n - 1 - n / 10], median(tu[k], n));
	}
	return 0;
}

static int run_verify(char **argv)
{
	struct elfk_window_image wi;
	char err[512], logbuf[512];
	struct elfk_log log;
	double t0, t;
	long reps = 0;

	if (elfk_window_read(argv[2], &wi, err, sizeof(err))) {
		fprintf(stderr, "bench_verified: %s\n", err);
		return 1;
	}
	t0 = now_ns();
	do {
		elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
		if (elfk_x86_verify(wi.code, wi.code_size, &wi.cfg, NULL, &log)) {
			fprintf(stderr, "bench_verified: refused: %s\n", logbuf);
			return 1;
		}
		reps++;
		t = now_ns() - t0;
	} while (t < 5e8);
	printf("RESULT vverify %zu %.1f %.1f\n", wi.code_size,
	       wi.code_size * (double)reps / (1 << 20) / (t / 1e9), t / reps / 1e3);
	free(wi.image);
	return 0;
}

static int run_kverify(char **argv)
{
	static char logbuf[1 << 16];
	size_t size;
	void *image = read_all(argv[2], &size);
	int n = atoi(argv[3]), dev = open_dev(), i;
	unsigned long long bytes = 0, ns;
	struct elfk_load l;
	const char *p;
	double *r;

	r = calloc(n > 0 ? n : 1, sizeof(*r));
	if (n < 1 || !r)
		return 2;
	/* one untimed LOAD first: cold caches */
	for (i = -1; i < n; i++) {
		memset(&l, 0, sizeof(l));
		l.size = sizeof(l);
		l.flags = ELFK_LOAD_VERIFIED;
		l.image = (uintptr_t)image;
		l.image_len = size;
		l.log_buf = (uintptr_t)logbuf;
		l.log_size = sizeof(logbuf);
		l.log_level = ELFK_LOG_LEVEL_VERBOSE;
		if (ioctl(dev, ELFK_IOC_LOAD, &l))
			die("ELFK_IOC_LOAD");
		unload(dev, l.id);
		p = strstr(logbuf, "bytes of code in ");
		if (p)
			p = memrchr(logbuf, ',', p - logbuf);
		if (!p || sscanf(p, ", %llu bytes of code in %llu ns", &bytes, &ns) != 2 ||
		    !ns) {
			fprintf(stderr, "bench_verified: no verify time in the LOAD log\n");
			return 1;
		}
		if (i >= 0)
			r[i] = bytes / (double)(1 << 20) / (ns / 1e9);
	}
	qsort(r, n, sizeof(*r), cmp_double);
	printf("RESULT vkverify %llu %d %.1f %.1f %.1f %.1f %.1f\n", bytes, n,
	       r[n / 2], r[n / 10], r[n - 1 - n / 10], r[0], r[n - 1]);
	free(r);
	free(image);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "call"))
		return run_call(argv);
	if (argc == 5 && !strcmp(argv[1], "load"))
		return run_load(argv);
	if (argc == 3 && !strcmp(argv[1], "verify"))
		return run_verify(argv);
	if (argc == 4 && !strcmp(argv[1], "kverify"))
		return run_kverify(argv);
	fprintf(stderr, "usage: bench_verified call VERIFIED.so NATIVE.so RUNS\n"
			"       bench_verified load VERIFIED.so NATIVE.so N\n"
			"       bench_verified verify VERIFIED.so\n"
			"       bench_verified kverify VERIFIED.so N\n");
	return 2;
}
