// SPDX-License-Identifier: GPL-2.0
/*
 * life_fuel: eight constructors that each spend the same fuel
 * (Documentation/verified-mode.rst T11: one budget for all of LOAD's
 * entries), built by the SDK with VERIFIED=1.
 *
 * burn_one() runs the body every constructor runs, as a CALL, which gets
 * a whole verified_fuel budget: run-verified.sh finds a budget F with
 * which one body fits (and not with F / 2), then loads with F: the eight
 * constructors together need more than 2F, so the LOAD must fail with
 * ETIME, while each of them alone fits in F.
 */
#include <elfk/plugin.h>

#define LIFE_BURN 20000

static volatile long sink;

static void __attribute__((noinline)) burn(void)
{
	long i;

	for (i = 0; i < LIFE_BURN; i++)
		sink = sink + i;
}

#define CTOR(n) \
	__attribute__((constructor(101 + (n)))) static void ctor_##n(void) \
	{ \
		burn(); \
	}
CTOR(0)
CTOR(1)
CTOR(2)
CTOR(3)
CTOR(4)
CTOR(5)
CTOR(6)
CTOR(7)

ELFK_EXPORT long burn_one(void)
{
	burn();
	return 0;
}

/* how many constructors ran: 8 after a LOAD that succeeded */
ELFK_EXPORT long ran(void)
{
	return sink ? (long)(sink / ((long)LIFE_BURN * (LIFE_BURN - 1) / 2)) : 0;
}
