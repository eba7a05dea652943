// SPDX-License-Identifier: GPL-2.0
/*
 * life: a verified plugin with every kind of life-cycle entry
 * (Documentation/verified-mode.rst T11), built by the SDK with VERIFIED=1.
 *
 * DT_INIT (life_dt_init, -init=), two constructors (priorities 101, 102:
 * DT_INIT_ARRAY in that order), elfk_init(); elfk_exit(), two destructors
 * (DT_FINI_ARRAY, run in reverse) and DT_FINI (life_dt_fini, -fini=).
 * Each init appends a digit to seq, which the CALL order() returns:
 * 1234 is DT_INIT, ctor 101, ctor 102, elfk_init.  Each fini says its
 * name through the log helper ("verified: life fini: NAME").
 *
 * Variants (CFLAGS_NAME):
 *   -DLIFE_CTOR_ABORT   the second constructor jumps to T_ABORT (EFAULT)
 *   -DLIFE_CTOR_SPIN    the second constructor never returns (ETIME)
 *   -DLIFE_INIT_ERR=N   elfk_init() returns N
 *   -DLIFE_FINI_SPIN    the first destructor to run never returns
 */
#include <elfk/plugin.h>
#include <elfk/verified.h>

#define ELFK_HELPER_LOG 2

static long seq;

static void step(long digit)
{
	seq = seq * 10 + digit;
}

static void say(const char *s)
{
	elfk_helper(ELFK_HELPER_LOG, s, __builtin_strlen(s), 0, 0, 0);
}

#if defined(LIFE_CTOR_SPIN) || defined(LIFE_FINI_SPIN)
static void spin(void)
{
	for (;;)
		__asm__ volatile("" ::: "memory");
}
#endif

void life_dt_init(void)
{
	step(1);
}

__attribute__((constructor(101))) static void ctor_a(void)
{
	step(2);
}

__attribute__((constructor(102))) static void ctor_b(void)
{
#ifdef LIFE_CTOR_ABORT
	__builtin_trap();
#endif
#ifdef LIFE_CTOR_SPIN
	spin();
#endif
	step(3);
}

int elfk_init(void)
{
	step(4);
#ifdef LIFE_INIT_ERR
	return LIFE_INIT_ERR;
#else
	return 0;
#endif
}

static const char exit_msg[] = "life fini: elfk_exit";

void elfk_exit(void)
{
	say(exit_msg);
}

/* DT_FINI_ARRAY runs in reverse: dtor_b (priority 102) first. */
__attribute__((destructor(101))) static void dtor_a(void)
{
	say("life fini: dtor_a");
}

__attribute__((destructor(102))) static void dtor_b(void)
{
#ifdef LIFE_FINI_SPIN
	spin();
#endif
	say("life fini: dtor_b");
}

void life_dt_fini(void)
{
	say("life fini: DT_FINI");
}

/*
 * life_extra() runs from DT_INIT_ARRAY and is exported too: CALL must
 * refuse it, also after forget() has cleared its array entry, because the
 * kernel answers from the copy LOAD took, not from the window.
 */
ELFK_EXPORT void life_extra(void)
{
}

__attribute__((section(".init_array.00103"), used))
static void (*life_extra_entry)(void) = life_extra;

ELFK_EXPORT long forget(void)
{
	*(void (*volatile *)(void))&life_extra_entry = 0;
	return 0;
}

/* order(): the inits that ran, one digit each, in order */
ELFK_EXPORT long order(void)
{
	return seq;
}
