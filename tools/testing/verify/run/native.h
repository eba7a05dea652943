/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The native build of real/real.c's exports (the Makefile's native.o:
 * without ELFK_VERIFIED they get a native_ prefix), which run_test and
 * sbx_bench compare with the same code in verified mode.
 */
#ifndef _ELFK_NATIVE_H
#define _ELFK_NATIVE_H

#include <stdint.h>

long native_lz4_compress(const char *src, char *dst, long len, long cap,
			 void *wrkmem);
long native_lz4_decompress(const char *src, char *dst, long len, long cap);
uint64_t native_xxh64_hash(const void *p, long len, uint64_t seed);
uint32_t native_xxh32_hash(const void *p, long len, uint32_t seed);
uint64_t native_udivide(uint64_t a, uint64_t b, long op);
int64_t native_sdivide(int64_t a, int64_t b, long op);
long native_atomics(long *p, long v);
long native_sha256_digest(const uint8_t *p, long len, uint8_t *out);

#endif /* _ELFK_NATIVE_H */
