// SPDX-License-Identifier: GPL-2.0
/*
 * kcalls: calls into the kernel through elfk's exported table.
 *
 * Proves: GLOB_DAT relocations against every table function resolve to
 * the real kernel function (each is called with run-time data, and
 * ELFK_NO_BUILTINS keeps gcc from inlining them), the per-object
 * __elfk_self handle, elfk_malloc/elfk_free and leak accounting, and
 * in/out/inout call buffers.
 *
 * Expected calls (elfk-ctl call kcalls ...; a function that fills a buffer
 * is passed the buffer's length as well):
 *   fmt outstr:64 64 255       = 14, arg1 "x=255 hex=0xff"
 *   fmt outstr:64 64 -3        = 27, arg1 "x=-3 hex=0xfffffffffffffffd"
 *   checksum str:elfk 5        = 1051   sum of (i + 1) * byte over "elfk\0":
 *                                       101*1 + 108*2 + 102*3 + 107*4 + 0*5
 *   checksum in:FILE 10        = the same over the file's first 10 bytes
 *                                (run-e2e.sh writes "0123456789": 2970)
 *   slen str:hello             = 5      strlen
 *   scmp str:abc str:abd       = -1 (--signed); str:abc str:abc = 0
 *   upper inout:FILE 11        = 7 (letters changed), FILE "elfk-Test 1"
 *                                -> "ELFK-TEST 1" = 454c464b2d544553542031
 *   upper out:4 4              = 0, arg1 00000000 (out buffers are zeroed)
 *   alloc_test 16              = 0 (a negative step number on failure)
 *   selftest                   = 1023 (0x3ff): one bit per check of the
 *                                table functions, all right
 *   clock_ok                   = 1      two ktime_get_ns reads, nonzero and
 *                                       nondecreasing
 *   leak 100                   = 0, then unload logs
 *       "elfk: kcalls: freed 1 leaked allocation(s) (100 bytes) at unload"
 */
#define ELFK_NO_BUILTINS
#include <elfk/plugin.h>

#define opaque(x) ({ __auto_type __x = (x); __asm__("" : "+r"(__x)); __x; })

ELFK_EXPORT long fmt(char *out, long len, long x)
{
	return snprintf(out, len, "x=%ld hex=%#lx", x, (unsigned long)x);
}

ELFK_EXPORT unsigned long checksum(const unsigned char *buf, unsigned long len)
{
	unsigned long sum = 0, i;

	for (i = 0; i < len; i++)
		sum += (i + 1) * buf[i];
	return sum;
}

ELFK_EXPORT long slen(const char *s)
{
	return strlen(s);
}

ELFK_EXPORT long scmp(const char *a, const char *b)
{
	int r = strcmp(a, b);

	return r < 0 ? -1 : r > 0;
}

ELFK_EXPORT long upper(char *buf, unsigned long len)
{
	unsigned long i;
	long changed = 0;

	for (i = 0; i < len; i++) {
		if (buf[i] >= 'a' && buf[i] <= 'z') {
			buf[i] -= 'a' - 'A';
			changed++;
		}
	}
	return changed;
}

/*
 * Allocate n blocks of 8 * i + 1 bytes, check each is zeroed, fill it, copy
 * it into the next, compare, free everything.  0 on success, else -step.
 */
ELFK_EXPORT long alloc_test(unsigned long n)
{
	unsigned char **blocks;
	unsigned long i, j;
	long ret = 0;

	if (n == 0 || n > 64)
		return -ELFK_EINVAL;
	blocks = elfk_malloc(n * sizeof(*blocks));
	if (!blocks)
		return -ELFK_ENOMEM;
	for (i = 0; i < n; i++) {
		blocks[i] = elfk_malloc(8 * i + 1);
		if (!blocks[i]) {
			ret = -1;
			goto out;
		}
		for (j = 0; j < 8 * i + 1; j++) {
			if (blocks[i][j]) {
				ret = -2;
				goto out;
			}
		}
		memset(blocks[i], 0x40 + (int)i, 8 * i + 1);
	}
	for (i = 0; i + 1 < n; i++) {
		memcpy(blocks[i + 1], blocks[i], 8 * i + 1);
		if (memcmp(blocks[i + 1], blocks[i], 8 * i + 1)) {
			ret = -3;
			goto out;
		}
		if (blocks[i + 1][8 * i + 1] != 0x40 + i + 1) {
			ret = -4;
			goto out;
		}
	}
out:
	for (i = 0; i < n; i++)
		elfk_free(blocks[i]);	/* NULL (never allocated) is ignored */
	elfk_free(blocks);
	return ret;
}

static int vfmt(char *buf, size_t len, const char *f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = vsnprintf(buf, len, f, ap);
	va_end(ap);
	return n;
}

/* One bit per table function; 0x3ff when all of them answered right. */
ELFK_EXPORT long selftest(void)
{
	static const char hexdigits[] = "0123456789abcdef";
	char a[40], b[40];
	char *pa = opaque(a), *pb = opaque(b);
	size_t n16 = opaque((size_t)16);
	long bits = 0;
	size_t i;

	memset(pa, 'x', n16);
	pa[n16] = 0;
	memcpy(pb, pa, n16 + 1);
	if (pb[0] == 'x' && pb[15] == 'x' && pb[16] == 0)
		bits |= 1 << 0;				/* memset + memcpy */
	for (i = 0; i < n16; i++)
		pa[i] = hexdigits[i];
	memmove(pa + 1, pa, n16);			/* overlapping */
	if (pa[0] == '0' && pa[1] == '0' && pa[2] == '1' && pa[16] == 'f')
		bits |= 1 << 1;
	memset(pa, 'x', n16);
	pa[n16] = 0;
	pb[3] = 'y';					/* pa "xxxx...", pb "xxxy..." */
	if (memcmp(pa, pb, n16) < 0 && memcmp(pa, pa, n16) == 0)
		bits |= 1 << 2;
	if (strlen(pb) == n16)
		bits |= 1 << 3;
	if (strnlen(pb, 4) == 4 && strnlen(pb, 64) == 16)
		bits |= 1 << 4;
	if (strcmp(pb, pa) > 0 && strcmp(pa, pa) == 0)
		bits |= 1 << 5;
	if (strncmp(pa, pb, 3) == 0 && strncmp(pa, pb, 4) < 0)
		bits |= 1 << 6;
	if (strscpy(pa, pb, 5) == -ELFK_E2BIG && pa[4] == 0 &&
	    strscpy(pa, pb, 32) == 16)
		bits |= 1 << 7;
	if (snprintf(pa, 8, "%d-%s", 42, "abcdefgh") == 11 &&
	    strcmp(pa, "42-abcd") == 0)
		bits |= 1 << 8;
	if (vfmt(pb, sizeof(b), "%x:%c", 0xbeef, 'q') == 6 &&
	    strcmp(pb, "beef:q") == 0)
		bits |= 1 << 9;
	return bits;
}

ELFK_EXPORT long clock_ok(void)
{
	uint64_t t1 = ktime_get_ns();
	uint64_t t2 = ktime_get_ns();

	return t1 != 0 && t2 >= t1;
}

static void *kept;

/* Keep an allocation: unload must free and report it. */
ELFK_EXPORT long leak(unsigned long bytes)
{
	void *p = elfk_malloc(bytes);

	if (!p)
		return -ELFK_ENOMEM;
	kept = p;
	return 0;
}
