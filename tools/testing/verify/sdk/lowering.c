// SPDX-License-Identifier: GPL-2.0
/*
 * What the rewriting pass lowers rather than refuses: division (to its
 * software routines, rule I2), calls and tail calls through pointers (I,
 * rule C6), a switch (-fno-jump-tables), a structure copy (memcpy), a
 * trap (ud2 to T_ABORT); the result must pass the verifier.
 * # expect: ok
 */
unsigned long udiv64(unsigned long a, unsigned long b);
long srem64(long a, long b);
unsigned int udiv32(unsigned int a, unsigned int b);
int sdiv32(int a, int b);
int call_ptr(int (*f)(int), int x);
int tail_ptr(int (*f)(int), int x);
int pick(int k);

struct big {
	long v[16];
};

void copy_big(struct big *d, const struct big *s);
int trap(int x);

unsigned long udiv64(unsigned long a, unsigned long b)
{
	return a / b;
}

long srem64(long a, long b)
{
	return a % b;
}

unsigned int udiv32(unsigned int a, unsigned int b)
{
	return a / b + a % b;
}

int sdiv32(int a, int b)
{
	return a / b;
}

int call_ptr(int (*f)(int), int x)
{
	return f(x) + 1;
}

int tail_ptr(int (*f)(int), int x)
{
	return f(x);
}

int pick(int k)
{
	switch (k) {
	case 0: return 11;
	case 1: return 22;
	case 2: return 35;
	case 3: return 47;
	case 4: return 51;
	case 5: return 68;
	default: return -1;
	}
}

void copy_big(struct big *d, const struct big *s)
{
	*d = *s;
}

int trap(int x)
{
	if (x)
		__builtin_trap();
	return 0;
}
