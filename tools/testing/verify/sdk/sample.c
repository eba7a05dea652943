// SPDX-License-Identifier: GPL-2.0
/*
 * Plain C through the SDK's prototype rewriting pass
 * (tools/sdk/verified/elfk-sfi-rewrite): loops, calls, recursion, loads,
 * stores, a global; the result must pass the verifier.
 * # expect: ok
 */
int sum(const int *a, int n);
void scale(int *a, int n, int k);
int bump(void);
int fib(int n);
struct node {
	struct node *next;
	long v;
};

long walk(struct node *p);

int sum(const int *a, int n)
{
	int s = 0;

	for (int i = 0; i < n; i++)
		s += a[i];
	return s;
}

void scale(int *a, int n, int k)
{
	for (int i = 0; i < n; i++)
		a[i] *= k;
}

static int counter;

int bump(void)
{
	return ++counter;
}

int fib(int n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

long walk(struct node *p)
{
	long s = 0;

	while (p) {
		s += p->v;
		p->v = s;
		p = p->next;
	}
	return s;
}
