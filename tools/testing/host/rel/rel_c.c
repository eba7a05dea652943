// SPDX-License-Identifier: GPL-2.0
/*
 * rel_c: an ordinary plugin source built as an ET_REL object ("gcc -c",
 * then "ld -r" with the SDK thunks), with -fcommon.
 *
 * Proves: init and fini arrays in ld's order (priorities, then .ctors and
 * .dtors contents reversed), elfk_init after them, an SHN_COMMON symbol,
 * a weak undefined symbol resolving to 0, __elfk_self and a runtime call,
 * a default-visibility global reached through the GOT, a const table of
 * function pointers (R_X86_64_64 in .data.rel.ro) and a kernel call
 * through GOTPCREL and the retpoline thunk.
 *
 * Every step appends its digit to seq:
 *   load:   constructor(101) 1, .ctors.65385 (priority 150, two entries,
 *           run last to first) 2 3, constructor(200) 4, constructor 5,
 *           elfk_init 6                       ctor_order() = 123456
 *   unload: destructor(200) 7, .dtors.65385 (priority 150, first to last)
 *           8 9, destructor(101) 1          ctor_order() = 1234567891
 *
 * Expected calls: common_bump() = 5, then 10; weak_probe() = 77;
 * say() = 1 and the log holds "rel says 42"; bump() = 8, then 9;
 * dispatch(0, 20) = 21, dispatch(1, 20) = 40; slen() = 11.
 */
#include <elfk/plugin.h>

#define opaque(x) ({ __auto_type __x = (x); __asm__("" : "+r"(__x)); __x; })

static unsigned long seq;

static void step(unsigned int digit)
{
	seq = seq * 10 + digit;
}

__attribute__((constructor(101))) static void c101(void) { step(1); }
__attribute__((constructor(200))) static void c200(void) { step(4); }
__attribute__((constructor)) static void cdefault(void) { step(5); }
__attribute__((destructor(101))) static void d101(void) { step(1); }
__attribute__((destructor(200))) static void d200(void) { step(7); }

/* Old-style .ctors/.dtors entries; non-static so they get ENDBR64. */
__attribute__((used)) void rel_ctor_a(void) { step(3); }
__attribute__((used)) void rel_ctor_b(void) { step(2); }
__attribute__((used)) void rel_dtor_a(void) { step(8); }
__attribute__((used)) void rel_dtor_b(void) { step(9); }
__asm__(".pushsection .ctors.65385, \"aw\"\n\t.balign 8\n\t"
	".quad rel_ctor_a\n\t.quad rel_ctor_b\n\t.popsection\n\t"
	".pushsection .dtors.65385, \"aw\"\n\t.balign 8\n\t"
	".quad rel_dtor_a\n\t.quad rel_dtor_b\n\t.popsection");

int elfk_init(void)
{
	step(6);
	return 0;
}

ELFK_EXPORT unsigned long ctor_order(void)
{
	return seq;
}

int common_var;	/* -fcommon: SHN_COMMON in the object */

ELFK_EXPORT long common_bump(void)
{
	common_var += 5;
	return common_var;
}

extern long maybe_hook(void) __attribute__((weak));

ELFK_EXPORT long weak_probe(void)
{
	return maybe_hook ? maybe_hook() : 77;
}

ELFK_EXPORT long say(void)
{
	elfk_printk("rel says %d", 42);
	return 1;
}

ELFK_EXPORT long rel_counter = 7;

ELFK_EXPORT long bump(void)
{
	long *p = opaque(&rel_counter);

	return ++*p;
}

static long inc(long x) { return x + 1; }
static long dbl(long x) { return x * 2; }
static long (*const ops[])(long) = { inc, dbl };

ELFK_EXPORT long dispatch(long i, long x)
{
	return ops[opaque(i) & 1](x);
}

ELFK_EXPORT long slen(void)
{
	return strlen(opaque("hello world"));
}
