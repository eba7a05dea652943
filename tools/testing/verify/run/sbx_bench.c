// SPDX-License-Identifier: GPL-2.0
/*
 * make bench, verified mode on the host (userspace): CALLs of the kernel's
 * LZ4 compression, xxh64 and SHA-256 in real.so through the host runner against
 * the same sources built natively, over the same buffers; runs alternate
 * between the two so that load on the shared CPU hits both alike.  Then
 * the verifier's throughput on real.so's code.  Prints RESULT lines for
 * tools/testing/bench/run.sh and a readable table.
 *
 *   sbx-bench REAL.so [RUNS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../../../lib/core.h"
#include "../../../../arch/x86_64/verify.h"
#include "../tool/elfk_window.h"
#include "native.h"
#include "sbx.h"

#define WRKMEM ((16 << 10) + 64)

/* CPU time of this thread: the machine is shared, preemption is not ours */
static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static uint64_t rng = 88172645463325252ULL;

static void fill_text(uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		rng ^= rng << 13;
		rng ^= rng >> 7;
		rng ^= rng << 17;
		p[i] = i > 16 && rng % 4 ? p[i - 1 - (rng >> 8) % 16] :
			'a' + (rng >> 16) % 8;
	}
}

struct job {
	const char *name;
	size_t len;
	int iters;
};

static volatile uint64_t sink;

int main(int argc, char **argv)
{
	static const struct job jobs[] = {
		{ "lz4_compress", 65536, 40 }, { "lz4_compress", 4096, 400 },
		{ "xxh64", 65536, 400 }, { "xxh64", 4096, 4000 },
		{ "sha256", 65536, 10 }, { "sha256", 4096, 160 },
	};
	int runs = argc > 2 ? atoi(argv[2]) : 21;
	double *tn = calloc(runs, sizeof(double)), *tv = calloc(runs, sizeof(double));
	static char nwrk[WRKMEM];
	uint8_t *in, *out, *vw, *nout, nd[32];
	struct elfk_window_image wi;
	char err[1200], logbuf[512];
	struct elfk_log log;
	struct sbx s;
	size_t j;
	int st, r, i, reps;
	double t0, t;

	if (argc < 2 || sbx_open(&s, argv[1], err, sizeof(err))) {
		fprintf(stderr, "sbx-bench: %s\n",
			argc < 2 ? "usage: sbx-bench REAL.so [RUNS]" : err);
		return 1;
	}
	in = sbx_alloc(&s, 65536);
	out = sbx_alloc(&s, 65536 + 4096);
	vw = sbx_alloc(&s, WRKMEM);
	nout = malloc(65536 + 4096);
	fill_text(in, 65536);
	printf("# host userspace, %d runs each, alternating native/verified, thread CPU time\n",
	       runs);
	for (j = 0; j < ARRAY_SIZE(jobs); j++) {
		const struct job *jb = &jobs[j];
		bool lz = !strcmp(jb->name, "lz4_compress");
		bool sha = !strcmp(jb->name, "sha256");
		uint64_t fn = sbx_sym(&s, lz ? "lz4_compress" :
				      sha ? "sha256_digest" : "xxh64_hash");
		uint64_t a[6] = { (uintptr_t)in, lz ? (uintptr_t)out : jb->len,
				  lz ? jb->len : sha ? (uintptr_t)out : 1,
				  65536 + 4096, (uintptr_t)vw, 0 };

		for (r = 0; r < runs; r++) {
			t0 = now_ns();
			for (i = 0; i < jb->iters; i++)
				sink += lz ? (uint64_t)native_lz4_compress((char *)in,
						(char *)nout, jb->len, 65536 + 4096, nwrk) :
					sha ? (uint64_t)native_sha256_digest(in,
						jb->len, nd) + nd[0] :
					native_xxh64_hash(in, jb->len, 1);
			tn[r] = (now_ns() - t0) / jb->iters;
			t0 = now_ns();
			for (i = 0; i < jb->iters; i++) {
				sink += sbx_call(&s, fn, a, 1ULL << 40, &st);
				if (st) {
					fprintf(stderr, "sbx-bench: %s: status %d\n", jb->name, st);
					return 1;
				}
			}
			tv[r] = (now_ns() - t0) / jb->iters;
		}
		{
			double rt[runs];

			for (r = 0; r < runs; r++)
				rt[r] = tv[r] / tn[r];
			qsort(rt, runs, sizeof(double), cmp);
			qsort(tn, runs, sizeof(double), cmp);
			qsort(tv, runs, sizeof(double), cmp);
			/*
			 * RESULT verified NAME BYTES, native ns median min max,
			 * verified ns median min max, ratio of the medians,
			 * min and max of the per-run ratios
			 */
			printf("RESULT verified %s %zu %.0f %.0f %.0f ", jb->name,
			       jb->len, tn[runs / 2], tn[0], tn[runs - 1]);
			printf("%.0f %.0f %.0f %.3f %.3f %.3f\n",
			       tv[runs / 2], tv[0], tv[runs - 1],
			       tv[runs / 2] / tn[runs / 2], rt[0], rt[runs - 1]);
		}
	}

	/* the verifier on real.so's code, as the kernel runs it at LOAD */
	if (elfk_window_read(argv[1], &wi, err, sizeof(err))) {
		fprintf(stderr, "sbx-bench: %s\n", err);
		return 1;
	}
	reps = 0;
	t0 = now_ns();
	do {
		elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
		if (elfk_x86_verify(wi.code, wi.code_size, &wi.cfg, NULL, &log)) {
			fprintf(stderr, "sbx-bench: refused: %s", logbuf);
			return 1;
		}
		reps++;
		t = now_ns() - t0;
	} while (t < 5e8);
	printf("RESULT verify %zu %.1f %.3f\n", wi.code_size,
	       wi.code_size * (double)reps / (1 << 20) / (t / 1e9), t / reps / 1e3);
	sbx_close(&s);
	free(wi.image);
	return 0;
}
