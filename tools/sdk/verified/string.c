// SPDX-License-Identifier: GPL-2.0
/*
 * memcpy, memmove, memset and memcmp for verified plugins: gcc calls them
 * for structure copies and -mstringop-strategy=libcall, and the string
 * instructions it would otherwise inline are refused (rule I5).  Built
 * through the same pipeline as the plugin, with
 * -fno-tree-loop-distribute-patterns so that these loops are not turned
 * back into calls to themselves.
 */
#include <stddef.h>
#include <stdint.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

typedef uint64_t __attribute__((may_alias, aligned(1))) u64_ua;

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	for (; n >= 8; n -= 8, d += 8, s += 8)
		*(u64_ua *)d = *(const u64_ua *)s;
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint64_t v = (unsigned char)c * 0x0101010101010101ULL;

	for (; n >= 8; n -= 8, d += 8)
		*(u64_ua *)d = v;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}
