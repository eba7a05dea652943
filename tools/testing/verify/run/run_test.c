// SPDX-License-Identifier: GPL-2.0
/*
 * Real code sandboxed, on the host (issue 15): the kernel's LZ4, xxHash
 * and SHA-256 built natively (linked in here, native_*) and in verified
 * mode (real.so, through the SDK's VERIFIED=1), run on the same inputs in
 * the host runner (sbx.c); outputs must be identical, and SHA-256's must
 * also be the published test vectors.  Then the run-time
 * containment: an infinite loop and unbounded recursion end their CALL
 * with -ETIME, and the object answers the next CALL.  TAP.
 *
 * Then the SDK's example plugins without kernel imports (fptr.so:
 * function pointer tables, GOT and RELATIVE relocations, indirect calls;
 * noctor.so: exported data), built with VERIFIED=1, must give the results
 * their comments list.
 *
 * Then the life cycle (T11, LIFE_DIR: ../life's images): init entries at
 * open, in order; a failing one fails the open; fini entries at close, in
 * order, a failing one reported and the rest run; hostile entries
 * refused at open.
 *
 * Then thread-local storage (T12, TLS_DIR: ../tls's images).
 *
 *   run-test REAL.so [FPTR.so NOCTOR.so [LIFE_DIR [TLS_DIR]]]
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "native.h"
#include "sbx.h"

#define WRKMEM ((16 << 10) + 64)	/* LZ4_MEM_COMPRESS: 16 KiB + 32 */
#define BUDGET 0x10000000000ULL	/* fuel units: far more than needed */

static int tap_n, tap_bad;

static void ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", cond ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		tap_bad++;
}

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* random bytes, or text-like data with repeats (compressible) */
static void fill(uint8_t *p, size_t n, int kind)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (kind == 0)
			p[i] = next();
		else if (i > 16 && next() % 4)
			p[i] = p[i - 1 - next() % 16];
		else
			p[i] = 'a' + next() % 8;
	}
}

static long vcall(struct sbx *s, const char *fn, int *st, uint64_t a0,
		  uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
	const uint64_t args[6] = { a0, a1, a2, a3, a4, 0 };

	return sbx_call(s, sbx_sym(s, fn), args, BUDGET, st);
}

static int mismatch(const char *kind, int op, uint64_t a, uint64_t b, long v,
		    int st)
{
	printf("# %s op %d: %#llx, %#llx: %#lx, status %d\n", kind, op,
	       (unsigned long long)a, (unsigned long long)b, v, st);
	return 1;
}

/* one CALL of an example: NAME(a0, a1, a2) must return want */
static void expect(struct sbx *s, const char *file, const char *fn,
		   uint64_t a0, uint64_t a1, uint64_t a2, long want)
{
	int st;
	long r = vcall(s, fn, &st, a0, a1, a2, 0, 0);

	ok(st == 0 && r == want, "%s: %s(%lld, %lld, %lld) = %ld (status %d), want %ld",
	   file, fn, (long long)a0, (long long)a1, (long long)a2, r, st, want);
}

static void examples(const char *fptr, const char *noctor)
{
	char err[1200], *out;
	struct sbx s;

	if (sbx_open(&s, fptr, err, sizeof(err))) {
		ok(0, "load and verify %s: %s", fptr, err);
	} else {
		expect(&s, "fptr", "dispatch", 0, 6, 7, 13);
		expect(&s, "fptr", "dispatch", 1, 6, 7, 42);
		expect(&s, "fptr", "dispatch", 2, 6, 3, 5);
		expect(&s, "fptr", "dispatch", 3, 6, 7, 6);
		expect(&s, "fptr", "dispatch", 4, 6, 7, -22);
		expect(&s, "fptr", "walk", 0, 0, 0, 4660);
		expect(&s, "fptr", "same_global", 0, 0, 0, 7);
		expect(&s, "fptr", "bump", 0, 0, 0, 8);
		expect(&s, "fptr", "bump", 0, 0, 0, 9);
		/* indirect calls and returns refilling through T_IND(R) */
		sbx_set_slice(1);
		expect(&s, "fptr", "dispatch", 1, 6, 7, 42);
		expect(&s, "fptr", "walk", 0, 0, 0, 4660);
		sbx_set_slice(1 << 16);
		sbx_close(&s);
	}
	if (sbx_open(&s, noctor, err, sizeof(err))) {
		ok(0, "load and verify %s: %s", noctor, err);
		return;
	}
	expect(&s, "noctor", "seed_sum", 0, 0, 0, 136);
	expect(&s, "noctor", "seed_mix", 3, 4, 0, 31);
	out = sbx_alloc(&s, 16);
	expect(&s, "noctor", "seed_name", (uintptr_t)out, 16, 0, 5);
	ok(out && !strcmp(out, "noctr"), "noctor: seed_name wrote \"%s\"", out ? out : "");
	sbx_close(&s);
}

static void hex(char *buf, const uint8_t *d)
{
	int i;

	for (i = 0; i < 32; i++)
		sprintf(buf + 2 * i, "%02x", d[i]);
}

/* sha256 of n bytes at in (inside the window): verified = native */
static void sha256_same(struct sbx *s, const uint8_t *in, size_t n,
			const char *what)
{
	uint8_t *vd = sbx_alloc(s, 32), nd[32];
	char vh[65] = "", nh[65];
	int st;

	native_sha256_digest(in, n, nd);
	hex(nh, nd);
	if (vd) {
		vcall(s, "sha256_digest", &st, (uintptr_t)in, n, (uintptr_t)vd, 0, 0);
		hex(vh, vd);
	}
	ok(vd && st == 0 && !memcmp(vd, nd, 32),
	   "sha256, %s %zu bytes: %s (native %s)", what, n, vh, nh);
}

/*
 * lib/crypto/sha256.c against published digests (FIPS 180-2's "abc",
 * two-block and million-'a' messages; the empty message; a MiB of zero
 * bytes as coreutils' sha256sum computes it), verified and native, one
 * shot and through the incremental interface in uneven chunks.
 */
static void sha256_vectors(struct sbx *s)
{
	static const struct {
		const char *name, *msg;
		size_t len;
		int fill;
		const char *digest;
	} v[] = {
		{ "\"abc\"", "abc", 3, 0,
		  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "the empty message", "", 0, 0,
		  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "FIPS 180-2's 448-bit message",
		  "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, 0,
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "a million 'a'", NULL, 1000000, 'a',
		  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
		{ "1 MiB of zero bytes", NULL, 1 << 20, 0,
		  "30e14955ebf1352266dc2ff8067e68104607e750abb9d3b36582b8af909fcb58" },
	};
	static const size_t chunks[] = { 1, 63, 64, 65, 4093, 65536 };
	char vh[65], nh[65], ih[65];
	uint8_t nd[32], *in, *vd, *st0, *st1;
	size_t i, c, off, n;
	int st, bad;

	for (i = 0; i < ARRAY_SIZE(v); i++) {
		sbx_reset_heap(s);
		in = sbx_alloc(s, v[i].len + 1);
		vd = sbx_alloc(s, 32);
		st0 = sbx_alloc(s, 128);
		st1 = sbx_alloc(s, 128);
		if (!in || !vd || !st0 || !st1) {
			ok(0, "sha256: buffers for %s", v[i].name);
			continue;
		}
		if (v[i].msg)
			memcpy(in, v[i].msg, v[i].len);
		else
			memset(in, v[i].fill, v[i].len);
		vcall(s, "sha256_digest", &st, (uintptr_t)in, v[i].len,
		      (uintptr_t)vd, 0, 0);
		hex(vh, vd);
		native_sha256_digest(in, v[i].len, nd);
		hex(nh, nd);
		ok(st == 0 && !strcmp(vh, v[i].digest) && !strcmp(nh, v[i].digest),
		   "sha256 of %s: verified %s, native %s", v[i].name, vh, nh);
		/* begin, add in chunks (state copied through CALL buffers), end */
		bad = 0;
		for (c = 0; c < ARRAY_SIZE(chunks); c++) {
			if (v[i].len / chunks[c] > 20000)
				continue;
			vcall(s, "sha256_begin", &st, (uintptr_t)st0, 0, 0, 0, 0);
			bad += st != 0;
			for (off = 0; off < v[i].len; off += n) {
				n = v[i].len - off < chunks[c] ? v[i].len - off : chunks[c];
				vcall(s, "sha256_add", &st, (uintptr_t)st0,
				      (uintptr_t)st1, (uintptr_t)in + off, n, 0);
				memcpy(st0, st1, 128);
				bad += st != 0;
			}
			memset(vd, 0, 32);
			vcall(s, "sha256_end", &st, (uintptr_t)st0, (uintptr_t)vd, 0, 0, 0);
			hex(ih, vd);
			if (st || strcmp(ih, v[i].digest)) {
				printf("# chunks of %zu: %s\n", chunks[c], ih);
				bad++;
			}
		}
		ok(!bad, "sha256 of %s through begin/add/end in chunks of 1..65536 bytes",
		   v[i].name);
	}
	/* the same million 'a's, generated inside the window, 64 and 511 at a time */
	for (c = 64; c <= 511; c += 447) {
		sbx_reset_heap(s);
		vd = sbx_alloc(s, 32);
		vcall(s, "sha256_repeat", &st, 'a', 1000000, c, (uintptr_t)vd, 0);
		hex(vh, vd);
		ok(st == 0 && !strcmp(vh, v[3].digest),
		   "sha256_repeat('a', 1000000, %zu) in the sandbox: %s", c, vh);
	}
}

static const size_t sizes[] = {
	0, 1, 3, 4, 12, 13, 64, 255, 256, 4095, 4096, 65535, 65536, 65537,
	200000,
};

static void life_cycle(const char *dir)
{
	static const char *const bad[][2] = {
		{ "bad_init_mid", "DT_INIT_ARRAY[1] is not a bundle start" },
		{ "bad_init_bundle", "DT_INIT_ARRAY[0] is not a bundle start" },
		{ "bad_fini_mid", "DT_FINI_ARRAY[0] is not a bundle start" },
		{ "bad_elfk_init_mid", "elfk_init() is not a bundle start" },
		{ "bad_init_rodata", "DT_INIT_ARRAY[0] points to 0x1000" },
		{ "bad_init_tramp", "DT_INIT_ARRAY[0] points outside the object" },
	};
	char path[4096], err[1024];
	struct sbx s;
	unsigned int i;
	long r;
	int st;

	snprintf(path, sizeof(path), "%s/life.so", dir);
	sbx_log[0] = 0;
	if (sbx_open(&s, path, err, sizeof(err))) {
		ok(0, "life.so: open: %s", err);
	} else {
		r = vcall(&s, "order", &st, 0, 0, 0, 0, 0);
		ok(st == 0 && r == 1234,
		   "life.so: DT_INIT, DT_INIT_ARRAY in order, elfk_init ran at open (%ld)", r);
		sbx_close(&s);
		ok(!strcmp(sbx_log, "life fini: elfk_exit\nlife fini: dtor_b\n"
			   "life fini: dtor_a\nlife fini: DT_FINI\n"),
		   "life.so: elfk_exit, DT_FINI_ARRAY reversed, DT_FINI at close");
		if (tap_bad)
			printf("# %s", sbx_log);
	}

	snprintf(path, sizeof(path), "%s/life_abort.so", dir);
	sbx_log[0] = 0;
	r = sbx_open(&s, path, err, sizeof(err));
	ok(r && strstr(err, "DT_INIT_ARRAY[1] at window offset") &&
	   strstr(err, "aborted (EFAULT)"),
	   "life_abort.so: the aborting constructor fails the open: %s", err);
	ok(strstr(sbx_log, "life fini: dtor_a") && !strstr(sbx_log, "elfk_exit"),
	   "life_abort.so: the destructors ran, elfk_exit did not");

	sbx_life_budget = 1 << 22;
	snprintf(path, sizeof(path), "%s/life_spin.so", dir);
	r = sbx_open(&s, path, err, sizeof(err));
	ok(r && strstr(err, "ran out of fuel (ETIME)"),
	   "life_spin.so: a constructor out of fuel fails the open: %s", err);

	snprintf(path, sizeof(path), "%s/life_err.so", dir);
	r = sbx_open(&s, path, err, sizeof(err));
	ok(r && strstr(err, "elfk_init() returned -19"),
	   "life_err.so: elfk_init's error fails the open: %s", err);

	snprintf(path, sizeof(path), "%s/life_fini_spin.so", dir);
	sbx_log[0] = 0;
	if (sbx_open(&s, path, err, sizeof(err))) {
		ok(0, "life_fini_spin.so: open: %s", err);
	} else {
		sbx_close(&s);
		ok(strstr(sbx_log, "sbx: DT_FINI_ARRAY[1] at window offset") &&
		   strstr(sbx_log, "failed: -62") &&
		   strstr(sbx_log, "life fini: DT_FINI"),
		   "life_fini_spin.so: the destructor out of fuel is reported, DT_FINI still runs");
	}

	/*
	 * T11: one budget for all init entries.  life_fuel.so's eight
	 * constructors run burn_one()'s body; with twice the smallest power
	 * of two that body fits in, each fits alone, the eight together not.
	 */
	sbx_life_budget = 1ULL << 26;
	snprintf(path, sizeof(path), "%s/life_fuel.so", dir);
	if (sbx_open(&s, path, err, sizeof(err))) {
		ok(0, "life_fuel.so: open: %s", err);
	} else {
		static const uint64_t none[6];
		uint64_t f = 1024;
		int st2 = 1;

		r = vcall(&s, "ran", &st, 0, 0, 0, 0, 0);
		ok(st == 0 && r == 8, "life_fuel.so: its eight constructors ran (%ld)", r);
		for (; f <= 1ULL << 26; f *= 2) {
			sbx_call(&s, sbx_sym(&s, "burn_one"), none, f, &st2);
			if (!st2)
				break;
		}
		sbx_close(&s);
		ok(!st2 && f > 1024, "life_fuel.so: one body fits in %llu units, not in half",
		   (unsigned long long)f);
		sbx_life_budget = 2 * f;
		r = sbx_open(&s, path, err, sizeof(err));
		if (!r)
			sbx_close(&s);
		ok(r && strstr(err, "DT_INIT_ARRAY[") && strstr(err, "ran out of fuel (ETIME)"),
		   "life_fuel.so: eight constructors that each fit in the budget, not together: %s",
		   r ? err : "it opened");
	}
	sbx_life_budget = 1ULL << 26;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(path, sizeof(path), "%s/%s.so", dir, bad[i][0]);
		r = sbx_open(&s, path, err, sizeof(err));
		if (!r)
			sbx_close(&s);
		ok(r && strstr(err, bad[i][1]), "%s refused at open: %s", bad[i][0], err);
	}
}

/*
 * Rule T12: __thread in a verified plugin built from plain C.  Each task
 * gets its own block, made from the template at its first CALL; values
 * persist across that task's CALLs; an exited task's block is reused
 * (fresh from the template); a full TLS area fails the CALL with ENOSPC.
 */
static void tls_checks(const char *dir)
{
	char path[4096], err[1024];
	uint64_t b0, b1;
	struct sbx s;
	long r, r1;
	int st, st1, i;

	snprintf(path, sizeof(path), "%s/tls.so", dir);
	if (sbx_open(&s, path, err, sizeof(err))) {
		ok(0, "tls.so: open: %s", err);
		return;
	}
	sbx_set_task(&s, 1);
	r = vcall(&s, "tls_fresh", &st, 0, 0, 0, 0, 0);
	ok(st == 0 && r == 1, "tls.so: task 1's first CALL sees the template (%ld, %d)", r, st);
	r = vcall(&s, "tls_bump", &st, 5, 0, 0, 0, 0);
	ok(st == 0 && r == 0x1234 + 5, "tls.so: task 1 adds 5 to 0x1234 (%#lx)", r);
	sbx_set_task(&s, 2);
	r = vcall(&s, "tls_get", &st, 0, 0, 0, 0, 0);
	r1 = vcall(&s, "tls_fresh", &st1, 0, 0, 0, 0, 0);
	ok(st == 0 && r == 0x1234 && st1 == 0 && r1 == 1,
	   "tls.so: task 2 has its own copy, from the template (%#lx, %ld)", r, r1);
	r = vcall(&s, "tls_bump", &st, 7, 0, 0, 0, 0);
	ok(st == 0 && r == 0x1234 + 7, "tls.so: task 2 adds 7 (%#lx)", r);
	sbx_set_task(&s, 1);
	r = vcall(&s, "tls_bump", &st, 1, 0, 0, 0, 0);
	r1 = vcall(&s, "tls_calls_get", &st1, 0, 0, 0, 0, 0);
	ok(st == 0 && r == 0x1234 + 6 && st1 == 0 && r1 == 2,
	   "tls.so: task 1's values persist across CALLs (%#lx, %ld calls)", r, r1);
	r = vcall(&s, "tls_ptr", &st, 3, 0, 0, 0, 0);
	r1 = vcall(&s, "tls_ptr", &st1, 3, 0, 0, 0, 0);
	ok(st == 0 && r == 103 && st1 == 0 && r1 == 203,
	   "tls.so: through a pointer into the block (%ld, %ld)", r, r1);
	b0 = sbx_tls_block(&s, 1);
	b1 = sbx_tls_block(&s, 2);
	r = vcall(&s, "tls_where", &st, 0, 0, 0, 0, 0);
	ok(b0 && b1 && b0 != b1 && (uint64_t)r >= b0 && (uint64_t)r < b0 + 0xa0 &&
	   b0 >= (1ULL << (s.k - 1)),
	   "tls.so: blocks in the writable half, the code finds its own (%#llx %#llx %#lx)",
	   (unsigned long long)b0, (unsigned long long)b1, r);
	sbx_task_exit(&s, 2);
	sbx_set_task(&s, 3);
	r = vcall(&s, "tls_fresh", &st, 0, 0, 0, 0, 0);
	ok(st == 0 && r == 1 && sbx_tls_block(&s, 3) == b1,
	   "tls.so: task 2 exited, task 3 gets its block afresh (%ld)", r);
	sbx_close(&s);

	snprintf(path, sizeof(path), "%s/tls_big.so", dir);
	if (sbx_open(&s, path, err, sizeof(err))) {
		ok(0, "tls_big.so: open: %s", err);
		return;
	}
	sbx_log[0] = 0;
	for (i = 1; i <= 4; i++) {
		sbx_set_task(&s, i);
		r = vcall(&s, "tls_bump", &st, i, 0, 0, 0, 0);
		if (st || r != 0x1234 + i)
			break;
	}
	if (i == 5) {
		sbx_set_task(&s, 5);
		vcall(&s, "tls_bump", &st, 9, 0, 0, 0, 0);
	}
	ok(i == 5 && st == SBX_ENOSPC && strstr(sbx_log, "TLS area full"),
	   "tls_big.so: four 60 KB blocks fill the area, the fifth task's CALL fails with ENOSPC (task %d, %d)",
	   i, st);
	sbx_task_exit(&s, 2);
	r = vcall(&s, "tls_bump", &st, 9, 0, 0, 0, 0);
	ok(st == 0 && r == 0x1234 + 9,
	   "tls_big.so: after a task exits the fifth gets its block (%#lx, %d)", r, st);
	sbx_close(&s);

	/* hand-written: a TLS word pointed at a kernel address stays contained */
	snprintf(path, sizeof(path), "%s/hostile_word.so", dir);
	if (sbx_open(&s, path, err, sizeof(err))) {
		ok(0, "hostile_word.so: open: %s", err);
	} else {
		r = vcall(&s, "smash", &st, 0, 0, 0, 0, 0);
		r1 = vcall(&s, "get", &st1, 0, 0, 0, 0, 0);
		ok(!st && !r && !st1 && r1 == 5 && *(uint64_t *)(s.B + 0x900100) == 7,
		   "hostile_word.so: the store lands at window offset 0x900100, the word is restored (%ld)",
		   r1);
		sbx_close(&s);
	}
	snprintf(path, sizeof(path), "%s/bad_huge.so", dir);
	r = sbx_open(&s, path, err, sizeof(err));
	if (!r)
		sbx_close(&s);
	ok(r && strstr(err, "PT_TLS block of 0x11170 bytes is above 0x10000 (rule T12)"),
	   "bad_huge.so refused at open: %s", err);
}

int main(int argc, char **argv)
{
	static char wrk[WRKMEM];
	static const char *const fns[] = {
		"lz4_compress", "lz4_decompress", "xxh64_hash", "xxh32_hash",
		"spin", "recurse", "helper_nop", "sha256_digest",
		"sha256_begin", "sha256_add", "sha256_end", "sha256_repeat",
	};
	char err[1200];
	struct sbx s;
	size_t i, f;
	int st, kind;

	if (argc != 2 && argc != 4 && argc != 5 && argc != 6) {
		fprintf(stderr, "usage: run-test REAL.so [FPTR.so NOCTOR.so [LIFE [TLS]]]\n");
		return 2;
	}
	if (sbx_open(&s, argv[1], err, sizeof(err))) {
		ok(0, "load and verify %s: %s", argv[1], err);
		printf("1..%d\n", tap_n);
		return 1;
	}
	ok(1, "real.so loaded in a 2^%u window, %llu bytes of code verified",
	   s.k, (unsigned long long)s.code_size);
	for (f = 0; f < ARRAY_SIZE(fns); f++)
		ok(sbx_sym(&s, fns[f]) != 0, "exported %s is a bundle-aligned code symbol", fns[f]);

	for (kind = 0; kind < 2; kind++) {
		for (i = 0; i < ARRAY_SIZE(sizes); i++) {
			size_t n = sizes[i], cap = n + n / 255 + 16;
			uint8_t *in, *vout, *vw, *vback, *nout, *nback;
			long nlen, vlen, vdlen, ndlen;
			uint64_t nh, vh;
			uint32_t nh32, vh32;
			int st2, st3, st4;

			sbx_reset_heap(&s);
			in = sbx_alloc(&s, n + 1);
			vout = sbx_alloc(&s, cap);
			vback = sbx_alloc(&s, n + 1);
			vw = sbx_alloc(&s, WRKMEM);
			nout = malloc(cap);
			nback = malloc(n + 1);
			if (!in || !vout || !vback || !vw || !nout || !nback) {
				ok(0, "buffers for %zu bytes", n);
				continue;
			}
			fill(in, n, kind);
			memset(wrk, 0, sizeof(wrk));
			nlen = native_lz4_compress((char *)in, (char *)nout, n, cap, wrk);
			vlen = vcall(&s, "lz4_compress", &st, (uintptr_t)in,
				     (uintptr_t)vout, n, cap, (uintptr_t)vw);
			ok(st == 0 && vlen == nlen && !memcmp(vout, nout, nlen > 0 ? nlen : 0),
			   "lz4 compress, %s %zu bytes: verified %ld bytes (status %d), native %ld",
			   kind ? "text" : "random", n, vlen, st, nlen);
			ndlen = native_lz4_decompress((char *)nout, (char *)nback, nlen, n);
			vdlen = vcall(&s, "lz4_decompress", &st2, (uintptr_t)vout,
				      (uintptr_t)vback, vlen, n, 0);
			ok(st2 == 0 && vdlen == (long)n && ndlen == (long)n &&
			   !memcmp(vback, in, n) && !memcmp(nback, in, n),
			   "lz4 decompress, %s %zu bytes: round trip (verified %ld, native %ld)",
			   kind ? "text" : "random", n, vdlen, ndlen);
			nh = native_xxh64_hash(in, n, n);
			vh = vcall(&s, "xxh64_hash", &st3, (uintptr_t)in, n, n, 0, 0);
			nh32 = native_xxh32_hash(in, n, 7);
			vh32 = vcall(&s, "xxh32_hash", &st4, (uintptr_t)in, n, 7, 0, 0);
			ok(st3 == 0 && st4 == 0 && nh == vh && nh32 == vh32,
			   "xxh64/xxh32, %s %zu bytes: %016llx/%08x (native %016llx/%08x)",
			   kind ? "text" : "random", n, (unsigned long long)vh,
			   vh32, (unsigned long long)nh, nh32);
			sha256_same(&s, in, n, kind ? "text" : "random");
			free(nout);
			free(nback);
		}
	}
	sha256_vectors(&s);

	/*
	 * Tiny fuel slices: T_FUEL and T_IND(R) run at (nearly) every payment
	 * and must resume exactly where the code left off.
	 */
	{
		static const uint64_t slices[] = { 1, 2, 3, 7 };
		size_t n = 4096, cap = n + 64, k;

		for (k = 0; k < ARRAY_SIZE(slices); k++) {
			uint8_t *in, *out, *w, *d, nout[4096 + 64], nd[32];
			long v, nat;
			uint64_t h;
			int st2;

			sbx_reset_heap(&s);
			in = sbx_alloc(&s, n);
			out = sbx_alloc(&s, cap);
			w = sbx_alloc(&s, WRKMEM);
			d = sbx_alloc(&s, 32);
			fill(in, n, 1);
			sbx_set_slice(slices[k]);
			v = vcall(&s, "lz4_compress", &st, (uintptr_t)in,
				  (uintptr_t)out, n, cap, (uintptr_t)w);
			h = vcall(&s, "xxh64_hash", &st, (uintptr_t)in, n, 9, 0, 0);
			vcall(&s, "sha256_digest", &st2, (uintptr_t)in, n,
			      (uintptr_t)d, 0, 0);
			sbx_set_slice(1 << 16);
			memset(wrk, 0, sizeof(wrk));
			nat = native_lz4_compress((char *)in, (char *)nout, n, cap, wrk);
			native_sha256_digest(in, n, nd);
			ok(st == 0 && st2 == 0 && v == nat && !memcmp(out, nout, nat) &&
			   h == native_xxh64_hash(in, n, 9) && d && !memcmp(d, nd, 32),
			   "fuel slice %llu: lz4, xxh64 and sha256 on 4096 bytes as native",
			   (unsigned long long)slices[k]);
		}
	}

	/* corrupt input: the verified decompressor refuses as the native one */
	{
		uint8_t *bad, *out;
		long v, nat;
		uint8_t nout[256];

		sbx_reset_heap(&s);
		bad = sbx_alloc(&s, 64);
		out = sbx_alloc(&s, 256);
		fill(bad, 64, 0);
		bad[0] = 0xff;
		nat = native_lz4_decompress((char *)bad, (char *)nout, 64, 256);
		v = vcall(&s, "lz4_decompress", &st, (uintptr_t)bad,
			  (uintptr_t)out, 64, 256, 0);
		ok(st == 0 && v == nat && v < 0,
		   "lz4 decompress of corrupt input: %ld (native %ld)", v, nat);
	}

	/* I2: div and idiv lowered to software routines */
	{
		static const uint64_t edge[] = {
			0, 1, 2, 3, 7, 0x7fffffff, 0x80000000, 0xffffffff,
			0x100000000ULL, 0x7fffffffffffffffULL,
			0x8000000000000000ULL, 0xffffffffffffffffULL,
			0xfffffffffffffffeULL, 0xffffffff80000000ULL,
		};
		int bad = 0, n = 0, op, e;
		uint64_t a, b;
		long vu, vs;

		for (e = 0; e < 3000; e++) {
			a = e < 196 ? edge[e % 14] : next() >> (next() % 64);
			b = e < 196 ? edge[e / 14] : next() >> (next() % 64);
			for (op = 0; op < 4; op++) {
				bool z = op < 2 ? !b : !(uint32_t)b;
				bool ovs = op < 2 ? a == 1ULL << 63 && b == ~0ULL :
					(uint32_t)a == 1U << 31 && (uint32_t)b == ~0U;

				if (z)
					continue;
				vu = vcall(&s, "udivide", &st, a, b, op, 0, 0);
				if (st != 0 || (uint64_t)vu != native_udivide(a, b, op))
					bad += mismatch("unsigned", op, a, b, vu, st);
				if (!ovs) {
					vs = vcall(&s, "sdivide", &st, a, b, op, 0, 0);
					if (st != 0 || vs != native_sdivide(a, b, op))
						bad += mismatch("signed", op, a, b, vs, st);
				}
				n++;
			}
		}
		ok(!bad, "division: %d of %d %s differ from native", bad, n,
		   "unsigned and signed 64- and 32-bit results");
		vcall(&s, "udivide", &st, 5, 0, 0, 0, 0);
		ok(st == SBX_EFAULT,
		   "64-bit division by zero ends the CALL at T_ABORT (status %d)", st);
		vcall(&s, "udivide", &st, 5, 1ULL << 32, 2, 0, 0);
		ok(st == SBX_EFAULT,
		   "32-bit division by zero ends the CALL at T_ABORT (status %d)", st);
		vcall(&s, "sdivide", &st, 1ULL << 63, ~0ULL, 0, 0, 0);
		ok(st == SBX_EFAULT, "INT64_MIN / -1 ends the CALL at T_ABORT (status %d)", st);
		vcall(&s, "sdivide", &st, 1ULL << 31, ~0ULL, 3, 0, 0);
		ok(st == SBX_EFAULT, "INT32_MIN %% -1 ends the CALL at T_ABORT (status %d)", st);
	}

	/* lock-prefixed atomics: the prefix stays on the confined access */
	{
		long *p = sbx_alloc(&s, 4 * sizeof(long)), q[4] = { 10, 20, 30, 40 };
		long v, n;

		memcpy(p, q, sizeof(q));
		v = vcall(&s, "atomics", &st, (uintptr_t)p, 5, 0, 0, 0);
		n = native_atomics(q, 5);
		ok(st == 0 && v == n && !memcmp(p, q, sizeof(q)),
		   "atomics (lock xadd, cmpxchg, add; xchg): %ld, {%ld %ld %ld %ld} as native",
		   v, p[0], p[1], p[2], p[3]);
	}

	/* tramp-abi: a helper call through T_HELPER(0) */
	{
		const uint64_t args[6] = { 41 };
		long r = sbx_call(&s, sbx_sym(&s, "helper_nop"), args, BUDGET, &st);

		ok(st == 0 && r == 41,
		   "helper 0 through elfk/verified.h returns 0 (%ld, status %d)", r, st);
	}

	/* F4: fuel ends the CALL, the object stays usable */
	{
		const uint64_t args[6] = { 1 };
		uint8_t *in;
		long r;

		r = sbx_call(&s, sbx_sym(&s, "spin"), args, 1 << 24, &st);
		ok(st == SBX_ETIME && r == -ETIME,
		   "infinite loop: CALL ends with -ETIME (%ld, status %d)", r, st);
		r = sbx_call(&s, sbx_sym(&s, "recurse"), args, 1 << 24, &st);
		ok(st == SBX_ETIME && r == -ETIME,
		   "unbounded recursion: CALL ends with -ETIME (%ld, status %d)", r, st);
		sbx_reset_heap(&s);
		in = sbx_alloc(&s, 1000);
		fill(in, 1000, 1);
		r = vcall(&s, "xxh64_hash", &st, (uintptr_t)in, 1000, 3, 0, 0);
		ok(st == 0 && (uint64_t)r == native_xxh64_hash(in, 1000, 3),
		   "after -ETIME the object answers the next CALL");
		r = sbx_call(&s, sbx_sym(&s, "spin"), args, 1 << 20, &st);
		ok(st == SBX_ETIME, "and runs out of fuel again (status %d)", st);
	}
	sbx_close(&s);
	if (argc >= 4)
		examples(argv[2], argv[3]);
	if (argc >= 5)
		life_cycle(argv[4]);
	if (argc >= 6)
		tls_checks(argv[5]);
	printf("1..%d\n", tap_n);
	return tap_bad ? 1 : 0;
}
