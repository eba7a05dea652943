// SPDX-License-Identifier: GPL-2.0
/*
 * tls_model.so: what each part of a __thread access costs, for "make
 * bench" part (a).  Each function runs N iterations of one way to reach a
 * variable and add one to it, and returns the nanoseconds they took:
 *
 *   m_plain N     the variable's address from a register (plain_bench)
 *   m_tls N       a general-dynamic __thread access: the psABI's
 *                 "lea x@tlsgd(%rip),%rdi; call *__tls_get_addr@GOTPCREL"
 *   m_indirect N  the same bare indirect call through memory, to a
 *                 function here that returns the address: the call alone
 *   m_direct N    a direct call to that function, on the caller's page
 *   m_far N       a direct call to a copy of it on another page: what a
 *                 call site rewritten at LOAD to a stub would pay
 *   m_inline N    a %gs load and a load that depends on it, then the
 *                 access: what the 16-byte GD site rewritten in place to
 *                 "mov %gs:abs32,%rax; mov disp32(%rax),%rax" would run
 *                 (Documentation/performance.rst, the __thread row)
 *
 * None of the models is a way elfk reaches TLS; they bound what rewriting
 * the GD sequence could gain.  Built with --no-codegen: m_indirect makes
 * the bare indirect call the SDK refuses everywhere but in the TLS
 * sequence.
 */
#include <elfk/plugin.h>

/* An opaque address: gcc can neither hoist it nor keep the value. */
#define opaque(x) ({ __auto_type __x = (x); __asm__ volatile("" : "+r"(__x)); __x; })

ELFK_EXPORT __thread long m_counter;
static long plain_counter;
static long *slots[1] = { &plain_counter };

/* noipa: gcc would find it const and hoist the calls out of the loops. */
static __attribute__((noipa)) long *give(void)
{
	return &plain_counter;
}

/* Page-aligned, so that it is never on the page of its caller. */
static __attribute__((noipa, aligned(4096))) long *give_far(void)
{
	return &plain_counter;
}

static long *(*volatile give_ptr)(void) = give;

ELFK_EXPORT uint64_t m_plain(unsigned long n)
{
	uint64_t t0 = ktime_get_ns();
	unsigned long i;

	for (i = 0; i < n; i++)
		(*(long *)opaque(&plain_counter))++;
	return ktime_get_ns() - t0;
}

ELFK_EXPORT uint64_t m_tls(unsigned long n)
{
	uint64_t t0 = ktime_get_ns();
	unsigned long i;

	for (i = 0; i < n; i++)
		(*(long *)opaque(&m_counter))++;
	return ktime_get_ns() - t0;
}

ELFK_EXPORT uint64_t m_indirect(unsigned long n)
{
	uint64_t t0 = ktime_get_ns();
	unsigned long i;
	long *p;

	for (i = 0; i < n; i++) {
		/* The registers __tls_get_addr() may clobber, as the psABI's. */
		__asm__ volatile("call *%1"
				 : "=a"(p)
				 : "m"(give_ptr)
				 : "memory", "rdi", "rsi", "rdx", "rcx", "r8", "r9",
				   "r10", "r11");
		(*p)++;
	}
	return ktime_get_ns() - t0;
}

ELFK_EXPORT uint64_t m_direct(unsigned long n)
{
	uint64_t t0 = ktime_get_ns();
	unsigned long i;

	for (i = 0; i < n; i++)
		(*(long *)opaque(give()))++;
	return ktime_get_ns() - t0;
}

ELFK_EXPORT uint64_t m_far(unsigned long n)
{
	uint64_t t0 = ktime_get_ns();
	unsigned long i;

	for (i = 0; i < n; i++)
		(*(long *)opaque(give_far()))++;
	return ktime_get_ns() - t0;
}

ELFK_EXPORT uint64_t m_inline(unsigned long n)
{
	uint64_t t0 = ktime_get_ns();
	unsigned long i, t;

	for (i = 0; i < n; i++) {
		long **base = opaque(slots);

		/* %gs:0 is this CPU's per-CPU area; "and" keeps the dependency. */
		__asm__ volatile("movq %%gs:0, %0\n\tandq $0, %0" : "=r"(t));
		(**(long **)((char *)base + t))++;
	}
	return ktime_get_ns() - t0;
}
