// SPDX-License-Identifier: GPL-2.0
/*
 * tls: per-task thread-local storage through elfk's __tls_get_addr().
 *
 * Proves: a PT_TLS object gets a module id, R_X86_64_DTPMOD64/DTPOFF64
 * are applied, every task gets its own block made from the template
 * (.tdata copied, .tbss zeroed), and general-dynamic accesses work from
 * user tasks, kernel threads and work items.  Also the benchmark's
 * workload (tools/testing/bench/run.sh).
 *
 * Expected calls (elfk-ctl call tls ...), in a task that has not touched
 * the object yet (every elfk-ctl run is a new task):
 *   tls_get            = 1000   the .tdata initial value
 *   tls_inc            = 1001   then 1002, ... in the same task only
 *   tls_check          = 3468   sum of (i + 1) * pattern[i] over the .tdata
 *                               array (0x11 * (1 + 4 + ... + 64)) plus the
 *                               weighted sum of the .tbss bytes (all zero);
 *                               it then scribbles over both, so a second
 *                               call in the same task returns 32896
 *                               (sum of i + 1 over 256 bytes set to 1;
 *                               1887467520 for tls2's 61440 bytes)
 *   tls_bench N        = nanoseconds for N __tls_get_addr() accesses
 *   plain_bench N      = nanoseconds for N accesses to an ordinary global
 */
#include <elfk/plugin.h>

#define TLS_INIT 1000
/* tls2.so has a 60 KiB .tbss (-DTLS_TBSS=61440), so that a leak shows. */
#ifndef TLS_TBSS
#define TLS_TBSS 256
#endif

/*
 * .tdata: the template elfk copies into every new block.  tls_counter is
 * exported, so it is reached with the general-dynamic model (DTPMOD64 and
 * DTPOFF64 against the symbol, as another object would reach it); the
 * static variables use the local-dynamic model (one DTPMOD64, offsets
 * fixed at link time).
 */
ELFK_EXPORT __thread long tls_counter = TLS_INIT;
static __thread unsigned int tls_pattern[8] = {
	0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
};

/* .tbss: must read as zero in every new block. */
static __thread unsigned char tls_scratch[TLS_TBSS];

/* The benchmark's ordinary global, reached the same way as tls_counter. */
static long plain_counter;

#define opaque(x) ({ __auto_type __x = (x); __asm__ volatile("" : "+r"(__x)); __x; })

ELFK_EXPORT long tls_inc(void)
{
	return ++tls_counter;
}

ELFK_EXPORT long tls_get(void)
{
	return tls_counter;
}

ELFK_EXPORT unsigned long tls_check(void)
{
	unsigned long sum = 0;
	unsigned int i;

	for (i = 0; i < ELFK_ARRAY_SIZE(tls_pattern); i++)
		sum += (i + 1) * (unsigned long)tls_pattern[i];
	for (i = 0; i < TLS_TBSS; i++)
		sum += (i + 1) * (unsigned long)tls_scratch[i];
	/* A block handed out twice would not pass a second time. */
	for (i = 0; i < ELFK_ARRAY_SIZE(tls_pattern); i++)
		tls_pattern[i] = 0;
	for (i = 0; i < TLS_TBSS; i++)
		tls_scratch[i] = 1;
	return sum;
}

/*
 * Each iteration takes the variable's address afresh: the empty asm makes
 * the address opaque, so gcc can neither hoist the __tls_get_addr() call
 * out of the loop nor keep the value in a register.
 */
ELFK_EXPORT uint64_t tls_bench(unsigned long n)
{
	uint64_t t0 = ktime_get_ns();
	unsigned long i;

	for (i = 0; i < n; i++) {
		long *p = opaque(&tls_counter);

		(*p)++;
	}
	return ktime_get_ns() - t0;
}

ELFK_EXPORT uint64_t plain_bench(unsigned long n)
{
	uint64_t t0 = ktime_get_ns();
	unsigned long i;

	for (i = 0; i < n; i++) {
		long *p = opaque(&plain_counter);

		(*p)++;
	}
	return ktime_get_ns() - t0;
}
