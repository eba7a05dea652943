// SPDX-License-Identifier: GPL-2.0
/*
 * Thread-local storage in a verified plugin (rule T12 of
 * Documentation/verified-mode.rst), plain C through the SDK: initialised
 * (.tdata) and zeroed (.tbss) __thread variables, reached directly,
 * through an index and through a pointer.  Each task has its own copy,
 * initialised from the template at its first CALL.
 *
 * TLS_BIG adds 60000 bytes of .tbss, so that the runtime's TLS area holds
 * only a few blocks (the exhaustion checks of run-verified.sh).
 */
#include <elfk/plugin.h>

#define TLS_INIT 0x1234

__thread long tls_counter = TLS_INIT;
__thread char tls_name[8] = "tmpl";
__thread long tls_bss[16];
static __thread int tls_calls;
#ifdef TLS_BIG
__thread char tls_big[60000];
#endif

/* The counter after adding @n; every CALL also counts itself. */
ELFK_EXPORT long tls_bump(long n)
{
	tls_calls++;
	tls_bss[n & 15] += n;
#ifdef TLS_BIG
	tls_big[59999 - (n & 1023)] = 1;
#endif
	tls_counter += n;
	return tls_counter;
}

ELFK_EXPORT long tls_get(void)
{
	return tls_counter;
}

ELFK_EXPORT long tls_calls_get(void)
{
	return tls_calls;
}

/*
 * 1 when this task's block looks freshly made from the template: the
 * initialised variables hold their initial values, the zeroed ones zero.
 */
ELFK_EXPORT long tls_fresh(void)
{
	long sum = 0;
	int i;

	for (i = 0; i < 16; i++)
		sum |= tls_bss[i];
	return tls_counter == TLS_INIT && tls_name[0] == 't' &&
	       tls_name[3] == 'l' && !tls_name[4] && !sum && !tls_calls;
}

/* Through pointers: the block's variables are ordinary window memory. */
ELFK_EXPORT long tls_ptr(long i)
{
	long *p = &tls_bss[i & 15];
	char *q = tls_name;

	*p += 100;
	q[(i & 3) + 4] = 'x';
	return *p + (long)(p - tls_bss);
}

/* The block's window offset, to show two tasks' blocks differ. */
ELFK_EXPORT long tls_where(void)
{
	return (long)((unsigned long)&tls_counter & 0xffffffUL);
}
