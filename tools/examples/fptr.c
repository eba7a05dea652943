// SPDX-License-Identifier: GPL-2.0
/*
 * fptr: pointers that only work if every relocation was applied.
 *
 * Proves: R_X86_64_RELATIVE in RELRO (a const table of function pointers,
 * a const linked list, a const table of string pointers) and in writable
 * data; R_X86_64_GLOB_DAT against a symbol the object defines itself
 * (a default-visibility global read through the GOT); R_X86_64_64 against
 * that symbol (a data word holding its address); indirect calls through
 * the retpoline thunk landing on ENDBR.
 *
 * Expected calls:
 *   dispatch(0, 6, 7) = 13      op_add
 *   dispatch(1, 6, 7) = 42      op_mul
 *   dispatch(2, 6, 3) = 5       op_xor
 *   dispatch(3, 6, 7) = 6       op_first
 *   dispatch(4, 6, 7) = -22     out of range (signed)
 *   walk()            = 4660    0x1234, the sum of the parts below
 *   same_global()     = 7       fptr_counter's value, iff its address as
 *                               seen through the GOT, through the R_X86_64_64
 *                               data word and PC-relatively all agree
 *   bump()            = 8, then 9, ...  (writes through the GOT pointer)
 *
 * walk() = list part + string part + writable part, where
 *   list part:   nodes 3 -> 2 -> 1 in .data.rel.ro, sum of val * depth
 *                = 0x100 * 1 + 0x200 * 2 + 0x300 * 3 = 0xe00 = 3584
 *   string part: for names "alpha","beta","gamma","delta": sum over i of
 *                (i + 1) * length = 1*5 + 2*4 + 3*5 + 4*5 = 48, plus the
 *                first letters 'a'+'b'+'g'+'d' = 97+98+103+100 = 398
 *                -> 446
 *   writable:    wlist -> node[1] (val 0x200) through .data: 0x200 = 512,
 *                plus ops table sanity: ops[0](100, 18) = 118
 * 3584 + 446 + 512 + 118 = 4660 = 0x1234.
 */
#include <elfk/plugin.h>

/* Hide a value from the optimiser so loads through it happen at run time. */
#define opaque(x) ({ __auto_type __x = (x); __asm__("" : "+r"(__x)); __x; })

typedef long (*op_fn)(long, long);

static long op_add(long a, long b) { return a + b; }
static long op_mul(long a, long b) { return a * b; }
static long op_xor(long a, long b) { return a ^ b; }
static long op_first(long a, long b) { return a; }

/* const + pointers = .data.rel.ro: RELATIVE relocations, then read-only. */
static const op_fn ops[] = { op_add, op_mul, op_xor, op_first };

struct node {
	long val;
	const struct node *next;
};

static const struct node node1 = { 0x100, NULL };
static const struct node node2 = { 0x200, &node1 };
static const struct node node3 = { 0x300, &node2 };
static const struct node *const head = &node3;

static const char *const names[] = { "alpha", "beta", "gamma", "delta" };

/* Writable data holding a pointer: RELATIVE in .data. */
static const struct node *volatile wlist = &node2;

/* Exported: other code reaches it through the GOT (GLOB_DAT to itself). */
ELFK_EXPORT long fptr_counter = 7;
/* A data word holding its address: R_X86_64_64 against fptr_counter. */
ELFK_EXPORT long *fptr_counter_ptr = &fptr_counter;
/* The same object under a hidden name: addressed PC-relatively. */
extern long fptr_counter_local __attribute__((alias("fptr_counter"), visibility("hidden")));

ELFK_EXPORT long dispatch(unsigned long op, long a, long b)
{
	if (op >= ELFK_ARRAY_SIZE(ops))
		return -ELFK_EINVAL;
	return opaque(ops)[op](a, b);
}

static long slen(const char *s)
{
	long n = 0;

	while (s[n])
		n++;
	return n;
}

ELFK_EXPORT long walk(void)
{
	const char *const *tbl = opaque(names);
	const op_fn *fns = opaque(ops);
	const struct node *n;
	long sum = 0, depth = 0;
	unsigned int i;

	/* Walked from the tail end: node3 is depth 3. */
	for (n = opaque(head); n; n = n->next)
		depth++;
	for (n = opaque(head); n; n = n->next, depth--)
		sum += n->val * depth;
	for (i = 0; i < ELFK_ARRAY_SIZE(names); i++)
		sum += (i + 1) * slen(tbl[i]) + tbl[i][0];
	sum += wlist->val;
	sum += fns[0](100, 18);
	return sum;
}

ELFK_EXPORT long same_global(void)
{
	long *volatile got = &fptr_counter;	/* GOT load: GLOB_DAT */
	long *volatile pcrel = &fptr_counter_local; /* lea (%rip) */

	if (got != pcrel)
		return -1;
	if (fptr_counter_ptr != pcrel)
		return -2;
	return *got;
}

ELFK_EXPORT long bump(void)
{
	long *volatile got = &fptr_counter;

	return ++*got;
}
