// SPDX-License-Identifier: GPL-2.0
/*
 * hello: the life cycle of an elfk object, in order.
 *
 * Proves: DT_INIT, DT_INIT_ARRAY (sorted by constructor priority, not by
 * source order), elfk_init, elfk_exit, DT_FINI_ARRAY (in reverse) and
 * DT_FINI each run exactly once and in the contract's order; a plain
 * exported function; an out buffer; the printk runtime.
 *
 * Every step appends its digit to `seq` (seq = seq * 10 + digit) and prints
 * "<step> <digit> seq <seq>" with elfk_printk:
 *
 *   load:   DT_INIT (-Wl,-init=hello_dt_init)  1   "dt_init 1 seq 1"
 *           constructor(101)                   2   "ctor 2 seq 12"
 *           constructor(200)                   3   "ctor 3 seq 123"
 *           elfk_init                          4   "init 4 seq 1234"
 *   unload: elfk_exit                          5   "exit 5 seq 12345"
 *           destructor(200)                    6   "dtor 6 seq 123456"
 *           destructor(101)                    7   "dtor 7 seq 1234567"
 *           DT_FINI (-Wl,-fini=hello_dt_fini)  8   "dt_fini 8 seq 12345678"
 *
 * Expected calls:
 *   ctor_order()            = 1234  (any other value: wrong order, a step
 *                                    missed or run twice)
 *   add(2, 3)               = 5;  add(2, -7) = -5 (signed)
 *   greet(outstr:32, 32)    = 15, arg1 "hello from elfk"
 *   greet(outstr:8, 8)      = -7 (-E2BIG from strscpy), arg1 "hello f"
 *
 * greet and add are declared with ELFK_EXPORT_TYPED, so that
 * "elfk-ctl call --image hello.so hello greet outstr:32" passes the 32.
 */
#include <elfk/plugin.h>

static unsigned long seq;

static void step(const char *what, unsigned int digit)
{
	seq = seq * 10 + digit;
	elfk_printk("%s %u seq %lu", what, digit, seq);
}

/* Hidden, yet named by -Wl,-init/-fini: the linker stores their addresses. */
void hello_dt_init(void)
{
	step("dt_init", 1);
}

void hello_dt_fini(void)
{
	step("dt_fini", 8);
}

/* Defined in the opposite order to their priorities on purpose. */
__attribute__((constructor(200))) static void hello_ctor_late(void)
{
	step("ctor", 3);
}

__attribute__((constructor(101))) static void hello_ctor_early(void)
{
	step("ctor", 2);
}

/* Destructors run in the reverse order: 200 before 101. */
__attribute__((destructor(101))) static void hello_dtor_late(void)
{
	step("dtor", 7);
}

__attribute__((destructor(200))) static void hello_dtor_early(void)
{
	step("dtor", 6);
}

int elfk_init(void)
{
	step("init", 4);
	return 0;
}

void elfk_exit(void)
{
	step("exit", 5);
}

ELFK_EXPORT unsigned long ctor_order(void)
{
	return seq;
}

ELFK_EXPORT long add(long a, long b)
{
	return a + b;
}

ELFK_EXPORT_TYPED(add, ELFK_INT, ELFK_INT);

ELFK_EXPORT long greet(char *out, long len)
{
	if (len <= 0)
		return -ELFK_EINVAL;
	return strscpy(out, "hello from elfk", len);
}

ELFK_EXPORT_TYPED(greet, ELFK_OUT_BUF(1), ELFK_LEN);
