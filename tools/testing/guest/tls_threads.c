// SPDX-License-Identifier: GPL-2.0
/*
 * tls_threads: userspace threads calling the tls example plugin through
 * ELFK_IOC_CALL, for run-tls.sh.  Each mode checks what every thread sees
 * and exits 0 only if all of it is right; failures are printed to stderr.
 *
 *   tls_threads run ID NTHREADS ITERS
 *       NTHREADS threads, released together, each: tls_get = 1000,
 *       tls_check = 3468 (a fresh block), then ITERS tls_inc calls that
 *       must return 1001, 1002, ... (its own counter only).
 *   tls_threads two ID1 ID2 ITERS
 *       one thread alternates tls_inc on two TLS objects; each object's
 *       sequence is 1001, 1002, ... on its own.
 *   tls_threads spawn ID NTHREADS
 *       NTHREADS short-lived threads, one after the other, each making one
 *       tls_inc call that must return 1001.
 *   tls_threads hold ID NTHREADS READYFILE
 *       NTHREADS threads each make 1 + i tls_inc calls, then all block;
 *       READYFILE is created.  The program then reads a line "NEWID" from
 *       standard input (the test has unloaded ID and loaded the object
 *       again as NEWID meanwhile) and every thread checks that ID is gone
 *       (ENOENT; unless NEWID is ID, as ids are reused) and that NEWID
 *       gives it a fresh block (tls_get = 1000 although the thread had
 *       counted to 1001 + i, tls_check = 3468), then exits.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/elfk.h>

#define TLS_INIT 1000
#define TLS_CHECK 3468
#define MAX_THREADS 256

static int dev = -1;
static int failures;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start;
static pthread_barrier_t held;
static pthread_mutex_t wake_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static unsigned int new_id;
static int woken;

static unsigned int id_a, id_b, iters;

/* The call's return value, or -errno (no tls function returns < 0). */
static long long call(unsigned int id, const char *sym)
{
	struct elfk_call c;

	memset(&c, 0, sizeof(c));
	c.size = sizeof(c);
	c.id = id;
	c.symbol = (uintptr_t)sym;
	if (ioctl(dev, ELFK_IOC_CALL, &c))
		return -errno;
	return (long long)c.ret;
}

static void failed(long t, const char *what, long long got, long long want)
{
	pthread_mutex_lock(&lock);
	failures++;
	fprintf(stderr, "thread %ld: %s = %lld, want %lld\n", t, what, got, want);
	pthread_mutex_unlock(&lock);
}

static int expect(long t, const char *what, long long got, long long want)
{
	if (got == want)
		return 1;
	failed(t, what, got, want);
	return 0;
}

static void *run_thread(void *arg)
{
	long t = (long)arg;
	unsigned int j;

	pthread_barrier_wait(&start);
	expect(t, "tls_get (template)", call(id_a, "tls_get"), TLS_INIT);
	expect(t, "tls_check (fresh block)", call(id_a, "tls_check"),
	       TLS_CHECK);
	for (j = 1; j <= iters; j++)
		if (!expect(t, "tls_inc", call(id_a, "tls_inc"), TLS_INIT + j))
			break;
	expect(t, "tls_get (own counter)", call(id_a, "tls_get"),
	       TLS_INIT + iters);
	return NULL;
}

static void *spawn_thread(void *arg)
{
	expect((long)arg, "tls_inc", call(id_a, "tls_inc"), TLS_INIT + 1);
	return NULL;
}

static void *hold_thread(void *arg)
{
	long t = (long)arg;
	long j;

	for (j = 1; j <= t + 1; j++)
		if (!expect(t, "tls_inc", call(id_a, "tls_inc"), TLS_INIT + j))
			break;
	pthread_barrier_wait(&held);
	pthread_mutex_lock(&wake_lock);
	while (!woken)
		pthread_cond_wait(&wake, &wake_lock);
	pthread_mutex_unlock(&wake_lock);
	/* Object ids are reused: the reload may well have the old one. */
	if (new_id != id_a)
		expect(t, "tls_get on the unloaded id", call(id_a, "tls_get"),
		       -ENOENT);
	expect(t, "tls_get after reload", call(new_id, "tls_get"), TLS_INIT);
	expect(t, "tls_check after reload", call(new_id, "tls_check"),
	       TLS_CHECK);
	return NULL;
}

static unsigned int num(const char *s, unsigned int max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || end == s || *end || v > max) {
		fprintf(stderr, "tls_threads: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static int print_usage(void)
{
	fprintf(stderr,
		"usage: tls_threads run ID NTHREADS ITERS\n"
		"       tls_threads two ID1 ID2 ITERS\n"
		"       tls_threads spawn ID NTHREADS\n"
		"       tls_threads hold ID NTHREADS READYFILE\n");
	return 2;
}

static int start_threads(pthread_t *th, unsigned int n,
			 void *(*fn)(void *))
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		if (pthread_create(&th[i], NULL, fn, (void *)i)) {
			fprintf(stderr, "tls_threads: pthread_create failed\n");
			exit(1);
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = getenv("ELFK_DEV") ? getenv("ELFK_DEV") :
						 "/dev/elfload";
	pthread_t th[MAX_THREADS];
	unsigned int i, n;
	char line[32];
	int fd;

	if (argc < 4)
		return print_usage();
	dev = open(path, O_RDWR | O_CLOEXEC);
	if (dev < 0) {
		perror(path);
		return 1;
	}
	id_a = num(argv[2], UINT32_MAX);
	if (!strcmp(argv[1], "run") && argc == 5) {
		n = num(argv[3], MAX_THREADS);
		iters = num(argv[4], 1000000);
		pthread_barrier_init(&start, NULL, n);
		start_threads(th, n, run_thread);
		for (i = 0; i < n; i++)
			pthread_join(th[i], NULL);
	} else if (!strcmp(argv[1], "two") && argc == 5) {
		id_b = num(argv[3], UINT32_MAX);
		iters = num(argv[4], 1000000);
		for (i = 1; i <= iters; i++) {
			if (!expect(0, "tls_inc on the first object",
				    call(id_a, "tls_inc"), TLS_INIT + i) ||
			    !expect(0, "tls_inc on the second object",
				    call(id_b, "tls_inc"), TLS_INIT + i))
				break;
		}
		expect(0, "tls_get on the first object",
		       call(id_a, "tls_get"), TLS_INIT + iters);
	} else if (!strcmp(argv[1], "spawn") && argc == 4) {
		n = num(argv[3], 100000);
		for (i = 0; i < n; i++) {
			if (pthread_create(&th[0], NULL, spawn_thread,
					   (void *)(unsigned long)i)) {
				fprintf(stderr, "tls_threads: pthread_create failed\n");
				return 1;
			}
			pthread_join(th[0], NULL);
		}
	} else if (!strcmp(argv[1], "hold") && argc == 5) {
		n = num(argv[3], MAX_THREADS);
		pthread_barrier_init(&held, NULL, n + 1);
		start_threads(th, n, hold_thread);
		pthread_barrier_wait(&held);
		fd = open(argv[4], O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0) {
			perror(argv[4]);
			return 1;
		}
		close(fd);
		if (!fgets(line, sizeof(line), stdin)) {
			fprintf(stderr, "tls_threads: no NEWID on stdin\n");
			return 1;
		}
		line[strcspn(line, "\n")] = '\0';
		new_id = num(line, UINT32_MAX);
		pthread_mutex_lock(&wake_lock);
		woken = 1;
		pthread_cond_broadcast(&wake);
		pthread_mutex_unlock(&wake_lock);
		for (i = 0; i < n; i++)
			pthread_join(th[i], NULL);
	} else {
		return print_usage();
	}
	close(dev);
	if (failures)
		fprintf(stderr, "tls_threads %s: %d failure(s)\n", argv[1],
			failures);
	return failures ? 1 : 0;
}
