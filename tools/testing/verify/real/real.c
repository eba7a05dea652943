// SPDX-License-Identifier: GPL-2.0
/*
 * Real code sandboxed: the kernel's LZ4 (lib/lz4), xxHash (lib/xxhash.c)
 * and SHA-256 (lib/crypto/sha256.c), compiled from Debian's linux-source
 * both natively and in verified mode (tools/testing/verify/run/real.mk),
 * plus two
 * functions that must be contained at run time: an infinite loop and
 * unbounded recursion; and division, which the rewriting pass lowers to
 * software routines.  Without ELFK_VERIFIED the exports get a native_
 * prefix so that the test program can link this file in directly.
 */
#include <linux/types.h>
#include <linux/lz4.h>
#include <linux/xxhash.h>
#include <linux/string.h>
#include <crypto/sha2.h>

#ifdef ELFK_VERIFIED
#include <elfk/verified.h>
#define EXPORT(name) name
#define VISIBLE __attribute__((visibility("default")))
#elif defined(ELFK_REAL_NATIVE_PLUGIN)
/* The same functions as an ordinary plugin: run-verified.sh's reference. */
#define EXPORT(name) name
#define VISIBLE __attribute__((visibility("default")))
#else
#define EXPORT(name) native_##name
#define VISIBLE
#endif

VISIBLE long EXPORT(lz4_compress)(const char *src, char *dst, long len, long cap,
			  void *wrkmem);
long EXPORT(lz4_decompress)(const char *src, char *dst, long len, long cap);
u64 EXPORT(xxh64_hash)(const void *p, long len, u64 seed);
u32 EXPORT(xxh32_hash)(const void *p, long len, u32 seed);
long EXPORT(spin)(long x);
long EXPORT(recurse)(long n);
long EXPORT(helper_nop)(long x);
u64 EXPORT(udivide)(u64 a, u64 b, long op);
s64 EXPORT(sdivide)(s64 a, s64 b, long op);
long EXPORT(atomics)(long *p, long v);
long EXPORT(sha256_digest)(const u8 *p, long len, u8 *out);
long EXPORT(sha256_begin)(struct sha256_state *st);
long EXPORT(sha256_add)(const struct sha256_state *in,
			struct sha256_state *out, const u8 *p, long len);
long EXPORT(sha256_end)(const struct sha256_state *in, u8 *out);
long EXPORT(sha256_repeat)(long c, long count, long chunk, u8 *out);
long EXPORT(bench_lz4)(const char *src, char *dst, long len, long cap,
		       void *wrkmem, long iters);
u64 EXPORT(bench_xxh64)(const void *p, long len, long iters);
long EXPORT(bench_sha256)(const u8 *p, long len, long iters, u8 *out);

VISIBLE long EXPORT(lz4_compress)(const char *src, char *dst, long len,
				  long cap, void *wrkmem)
{
	return LZ4_compress_default(src, dst, len, cap, wrkmem);
}

VISIBLE long EXPORT(lz4_decompress)(const char *src, char *dst, long len,
				    long cap)
{
	return LZ4_decompress_safe(src, dst, len, cap);
}

VISIBLE u64 EXPORT(xxh64_hash)(const void *p, long len, u64 seed)
{
	return xxh64(p, len, seed);
}

VISIBLE u32 EXPORT(xxh32_hash)(const void *p, long len, u32 seed)
{
	return xxh32(p, len, seed);
}

VISIBLE long EXPORT(spin)(long x)
{
	volatile long v = x;

	for (;;)
		v = v * 3 + 1;
	return v;
}

VISIBLE long EXPORT(recurse)(long n)
{
	volatile char pad[64];

	pad[n & 63] = (char)n;
	return EXPORT(recurse)(n + 1) + pad[(n + 7) & 63];
}

/* T_HELPER(0) returns 0 (natively: nothing to call) */
VISIBLE long EXPORT(helper_nop)(long x)
{
#ifdef ELFK_VERIFIED
	return elfk_helper(ELFK_HELPER_NOP, x, 1, 2, 3, 4) + x;
#else
	return x;
#endif
}

/* op 0: 64-bit quotient, 1: remainder, 2: 32-bit quotient, 3: remainder */
VISIBLE u64 EXPORT(udivide)(u64 a, u64 b, long op)
{
	switch (op) {
	case 0: return a / b;
	case 1: return a % b;
	case 2: return (u32)a / (u32)b;
	default: return (u32)a % (u32)b;
	}
}

VISIBLE s64 EXPORT(sdivide)(s64 a, s64 b, long op)
{
	switch (op) {
	case 0: return a / b;
	case 1: return a % b;
	case 2: return (s32)a / (s32)b;
	default: return (s32)a % (s32)b;
	}
}

/* lock xadd, lock cmpxchg, lock add, xchg on p[0..3]; returns a mix */
VISIBLE long EXPORT(atomics)(long *p, long v)
{
	long old = __atomic_fetch_add(&p[0], v, __ATOMIC_SEQ_CST);
	long expect = p[1];
	bool swapped = __atomic_compare_exchange_n(&p[1], &expect, v, 0,
						   __ATOMIC_SEQ_CST,
						   __ATOMIC_SEQ_CST);

	__atomic_add_fetch(&p[2], 1, __ATOMIC_RELAXED);
	return old + swapped + __atomic_exchange_n(&p[3], v, __ATOMIC_SEQ_CST);
}

VISIBLE long EXPORT(sha256_digest)(const u8 *p, long len, u8 *out)
{
	sha256(p, len, out);
	return 0;
}

/*
 * The incremental interface with the state in CALL buffers, so that a
 * caller can hash more than one CALL's buffers hold (T6: 192 KiB) in
 * chunks: begin(out), then add(in, out, data) per chunk, then end(in).
 */
VISIBLE long EXPORT(sha256_begin)(struct sha256_state *st)
{
	sha256_init(st);
	return 0;
}

VISIBLE long EXPORT(sha256_add)(const struct sha256_state *in,
				struct sha256_state *out, const u8 *p, long len)
{
	*out = *in;
	sha256_update(out, p, len);
	return 0;
}

VISIBLE long EXPORT(sha256_end)(const struct sha256_state *in, u8 *out)
{
	struct sha256_state st = *in;

	sha256_final(&st, out);
	return 0;
}

/*
 * SHA-256 of @count bytes of value @c, fed @chunk (1..512) bytes at a
 * time: FIPS 180-2's million 'a's without a megabyte of CALL buffers.
 */
VISIBLE long EXPORT(sha256_repeat)(long c, long count, long chunk, u8 *out)
{
	struct sha256_state st;
	u8 buf[512];
	long n;

	if (chunk < 1 || chunk > (long)sizeof(buf) || count < 0)
		return -EINVAL;
	memset(buf, c, sizeof(buf));
	sha256_init(&st);
	for (; count > 0; count -= n) {
		n = count < chunk ? count : chunk;
		sha256_update(&st, buf, n);
	}
	sha256_final(&st, out);
	return 0;
}

/*
 * make bench: @iters runs of one function inside one CALL, so that the
 * CALL's own cost (ioctl, buffer copies, entry) is amortised and the
 * ratio is that of the code.  The seed changes with the iteration so the
 * calls cannot be merged.
 */
VISIBLE long EXPORT(bench_lz4)(const char *src, char *dst, long len, long cap,
			       void *wrkmem, long iters)
{
	long i, sum = 0;

	for (i = 0; i < iters; i++)
		sum += LZ4_compress_default(src, dst, len, cap, wrkmem);
	return sum;
}

VISIBLE u64 EXPORT(bench_xxh64)(const void *p, long len, long iters)
{
	u64 sum = 0;
	long i;

	for (i = 0; i < iters; i++)
		sum += xxh64(p, len, i);
	return sum;
}

VISIBLE long EXPORT(bench_sha256)(const u8 *p, long len, long iters, u8 *out)
{
	long i;

	for (i = 0; i < iters; i++)
		sha256(p, len, out);
	return 0;
}
