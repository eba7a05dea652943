// SPDX-License-Identifier: GPL-2.0
/*
 * ifunc: STT_GNU_IFUNC symbols and R_X86_64_IRELATIVE.
 *
 * scale() is an exported IFUNC: call_scale() reaches it through a GOT
 * entry filled by an R_X86_64_GLOB_DAT against the IFUNC symbol.  sub()
 * is a hidden IFUNC: its GOT entry is an R_X86_64_IRELATIVE.  Both
 * resolvers read mode, a pointer that an R_X86_64_RELATIVE relocation
 * fills: they pick the "fast" variants only if that relocation was
 * applied before they ran, as elfk (and ld.so) promise.
 *
 * Expected calls:
 *   call_scale(3)   = 300   (scale_fast; scale_slow would give 3)
 *   call_sub(10)    = 3     (sub_fast: 10 - 7; sub_slow: 10 + 7 = 17)
 *   resolved()      = 2     (each resolver ran once, before elfk_init)
 *   sym scale       -> IFUNC GLOBAL (call scale is refused: not STT_FUNC)
 */
#include <elfk/plugin.h>

static const char *mode = "fast";
static long nr_resolved;

/*
 * The asm may have written mode, so gcc must load the pointer the
 * relocation filled rather than fold in the string's address.
 */
static const char *relocated_mode(void)
{
	__asm__("" : : "r"(&mode) : "memory");
	return mode;
}

static long scale_fast(long x)
{
	return x * 100;
}

static long scale_slow(long x)
{
	return x;
}

static long sub_fast(long x)
{
	return x - 7;
}

static long sub_slow(long x)
{
	return x + 7;
}

static long (*resolve_scale(void))(long)
{
	const char *m = relocated_mode();

	nr_resolved++;
	return m && m[0] == 'f' ? scale_fast : scale_slow;
}

static long (*resolve_sub(void))(long)
{
	const char *m = relocated_mode();

	nr_resolved++;
	return m && m[0] == 'f' ? sub_fast : sub_slow;
}

ELFK_EXPORT long scale(long x) __attribute__((ifunc("resolve_scale")));
long sub(long x) __attribute__((ifunc("resolve_sub")));

static long resolved_at_init;

int elfk_init(void)
{
	resolved_at_init = nr_resolved;
	return 0;
}

ELFK_EXPORT long call_scale(long x)
{
	return scale(x);
}

ELFK_EXPORT long call_sub(long x)
{
	return sub(x);
}

ELFK_EXPORT long resolved(void)
{
	return resolved_at_init;
}
