/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fixed input of make bench's identical-output check, built the same
 * way in the plugin (lz4_check.c) and in the kernel module that calls the
 * stock kernel's LZ4_compress_default() (kmod-same/bench_lz4check.c): text
 * with repeats (so that LZ4 finds matches) from a fixed LCG, and FNV-1a
 * over the compressed bytes.
 */
#ifndef _BENCH_SAME_INPUT_H
#define _BENCH_SAME_INPUT_H

#define SAME_INPUT_LEN 16384
#define SAME_NWORDS 11

static inline void same_input_fill(char *buf)
{
	static const char words[SAME_NWORDS][8] = {
		"elfk ", "loads ", "plugins ", "into ", "the ", "kernel ",
		"lz4 ", "zstd ", "module ", "object ", "\n",
	};
	unsigned int x = 12345, i = 0, j;
	const char *w;

	while (i < SAME_INPUT_LEN) {
		x = x * 1103515245u + 12345u;
		w = words[(x >> 16) % SAME_NWORDS];
		for (j = 0; w[j] && i < SAME_INPUT_LEN; j++)
			buf[i++] = w[j];
	}
}

/* FNV-1a, 64 bits, with the length folded in. */
static inline unsigned long long same_hash(const char *p, int len)
{
	unsigned long long h = 0xcbf29ce484222325ull;
	int i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)p[i]) * 0x100000001b3ull;
	return h ^ (unsigned long long)len;
}

#endif
