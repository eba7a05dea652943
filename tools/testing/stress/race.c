// SPDX-License-Identifier: GPL-2.0
/*
 * race: loads, unloads, calls and listings racing on /dev/elfload.
 *
 *   race [--seconds S] [--loaders N] [--callers N] [--dev PATH] KCALLS.so
 *
 * For S seconds (default 20), each on its own descriptor:
 *   loaders     load kcalls.so under names of their own (race-L<t>-<k>),
 *               publish the id, unload it again (EBUSY while a caller has
 *               it: retried later)
 *   callers     call alloc_test(4) (= 0), checksum(IN "0123456789", 10)
 *               (= 2970) and checksum of a 256 KiB IN buffer, mostly on the
 *               shared object, else on loaders' objects
 *   lister      walks ELFK_IOC_INFO with ELFK_INFO_NEXT; every object it
 *               sees must be LOADING, LIVE or UNLOADING
 *   unloader    unloads the shared object while callers use it (EBUSY or
 *               ENOENT expected, never anything worse), then reloads it
 *
 * Counts every operation by errno; an errno outside each operation's
 * expected set, or a call returning a wrong value, fails.  Everything is
 * unloaded at the end and nothing may remain.  Prints TAP; exits 1 on
 * failure.
 */
#include <pthread.h>
#include <stdatomic.h>

#include "stress.h"

#define MAX_LOADERS 8
#define MAX_CALLERS 8
#define SLOTS 4
#define NERR 256

#define BIG_LEN (256 << 10)

enum op { OP_LOAD, OP_UNLOAD, OP_CALL_ALLOC, OP_CALL_SUM, OP_CALL_BIG, OP_INFO,
	  OP_SHARED_UNLOAD, OP_SHARED_LOAD, NR_OPS };

static const char *const op_names[NR_OPS] = {
	"load", "unload", "call alloc_test", "call checksum", "call checksum256K",
	"info", "unload shared", "load shared",
};

/* Errnos each operation may legitimately give under the race. */
static int expected(enum op op, int err)
{
	switch (op) {
	case OP_LOAD:
	case OP_SHARED_LOAD:
		return err == 0;
	case OP_UNLOAD:
		return err == 0 || err == EBUSY;
	case OP_CALL_ALLOC:
	case OP_CALL_SUM:
	case OP_CALL_BIG:
	case OP_INFO:
		return err == 0 || err == ENOENT;
	case OP_SHARED_UNLOAD:
		return err == 0 || err == EBUSY || err == ENOENT;
	default:
		return 0;
	}
}

static const char *dev;
static unsigned char big[BIG_LEN];
static uint64_t big_sum;
static unsigned char *image;
static size_t image_len;
static atomic_int stop;
static atomic_uint shared_id;
static atomic_uint loader_ids[MAX_LOADERS * SLOTS];
static atomic_ulong counts[NR_OPS][NERR];
static atomic_ulong bad_results, bad_states, unexpected;

static void count(enum op op, int err)
{
	atomic_fetch_add(&counts[op][err < NERR ? err : NERR - 1], 1);
	if (!expected(op, err)) {
		if (atomic_fetch_add(&unexpected, 1) < 10)
			printf("# unexpected: %s -> %s (%d)\n", op_names[op],
			       errno_name(err), err);
	}
}

static int load_named(int fd, const char *name, unsigned int *id)
{
	char log[1024];
	int err = elfk_load(fd, image, image_len, name, log, sizeof(log),
			    ELFK_LOG_LEVEL_ERROR, id, NULL);

	if (err)
		printf("# load %s: %s: %s\n", name, errno_name(err), log);
	return err;
}

static void *loader(void *arg)
{
	unsigned int t = (uintptr_t)arg, k, id[SLOTS] = { 0 };
	uint64_t rs = 1000 + t;
	char name[64];
	int fd = elfk_open(dev), err;

	while (!atomic_load(&stop)) {
		k = rng_below(&rs, SLOTS);
		if (!id[k]) {
			snprintf(name, sizeof(name), "race-L%u-%u", t, k);
			err = load_named(fd, name, &id[k]);
			count(OP_LOAD, err);
			if (!err)
				atomic_store(&loader_ids[t * SLOTS + k], id[k]);
			else
				id[k] = 0;
		} else {
			/* Unpublish first so callers move on; some still hold it. */
			atomic_store(&loader_ids[t * SLOTS + k], 0);
			err = elfk_unload(fd, id[k]);
			count(OP_UNLOAD, err);
			if (!err)
				id[k] = 0;
			else
				atomic_store(&loader_ids[t * SLOTS + k], id[k]);
		}
	}
	/* Leave nothing behind; calls have stopped or will stop soon. */
	for (k = 0; k < SLOTS; k++) {
		int tries;

		atomic_store(&loader_ids[t * SLOTS + k], 0);
		for (tries = 0; id[k] && tries < 1000; tries++) {
			err = elfk_unload(fd, id[k]);
			count(OP_UNLOAD, err);
			if (!err)
				id[k] = 0;
			else
				usleep(1000);
		}
	}
	close(fd);
	return NULL;
}

static void *caller(void *arg)
{
	static const char digits[] = "0123456789";
	unsigned int t = (uintptr_t)arg, id, k;
	uint64_t rs = 2000 + t, ret;
	struct elfk_call_arg a[2];
	int fd = elfk_open(dev), err;
	char in[10];

	memcpy(in, digits, sizeof(in));
	while (!atomic_load(&stop)) {
		if (rng_below(&rs, 4))
			id = atomic_load(&shared_id);
		else
			id = atomic_load(&loader_ids[rng_below(&rs, MAX_LOADERS * SLOTS)]);
		if (!id)
			continue;
		memset(a, 0, sizeof(a));
		k = rng_below(&rs, 4);
		if (k == 0) {
			/* A long call: the object is held while 256 KiB are copied and summed. */
			a[0].kind = ELFK_ARG_IN;
			a[0].value = (uintptr_t)big;
			a[0].len = BIG_LEN;
			a[1].kind = ELFK_ARG_INT;
			a[1].value = BIG_LEN;
			ret = 0;
			err = elfk_call(fd, id, "checksum", a, 2, &ret);
			count(OP_CALL_BIG, err);
			if (!err && ret != big_sum) {
				atomic_fetch_add(&bad_results, 1);
				printf("# checksum of 256 KiB on id %u returned %llu, not %llu\n",
				       id, (unsigned long long)ret, (unsigned long long)big_sum);
			}
		} else if (k == 1) {
			a[0].kind = ELFK_ARG_INT;
			a[0].value = 4;
			ret = 1;
			err = elfk_call(fd, id, "alloc_test", a, 1, &ret);
			count(OP_CALL_ALLOC, err);
			if (!err && ret != 0) {
				atomic_fetch_add(&bad_results, 1);
				printf("# alloc_test(4) on id %u returned %lld\n", id,
				       (long long)ret);
			}
		} else {
			a[0].kind = ELFK_ARG_IN;
			a[0].value = (uintptr_t)in;
			a[0].len = sizeof(in);
			a[1].kind = ELFK_ARG_INT;
			a[1].value = sizeof(in);
			ret = 0;
			err = elfk_call(fd, id, "checksum", a, 2, &ret);
			count(OP_CALL_SUM, err);
			if (!err && ret != 2970) {
				atomic_fetch_add(&bad_results, 1);
				printf("# checksum on id %u returned %llu\n", id,
				       (unsigned long long)ret);
			}
		}
	}
	close(fd);
	return NULL;
}

static void *lister(void *arg)
{
	struct elfk_info info;
	unsigned int from;
	int fd = elfk_open(dev), err;

	while (!atomic_load(&stop)) {
		for (from = 0;; from = info.id + 1) {
			err = elfk_info_next(fd, from, &info);
			count(OP_INFO, err);
			if (err)
				break;
			if (info.state < ELFK_STATE_LOADING ||
			    info.state > ELFK_STATE_UNLOADING || !info.name[0] ||
			    info.id < from) {
				atomic_fetch_add(&bad_states, 1);
				printf("# info: id %u (from %u) name '%.64s' state %u\n",
				       info.id, from, info.name, info.state);
			}
		}
	}
	close(fd);
	return NULL;
}

static void *shared_unloader(void *arg)
{
	uint64_t rs = 3000;
	unsigned int id;
	int fd = elfk_open(dev), err;

	while (!atomic_load(&stop)) {
		id = atomic_load(&shared_id);
		err = elfk_unload(fd, id);
		count(OP_SHARED_UNLOAD, err);
		if (!err) {
			/* Callers may still try the old id: ENOENT for them. */
			err = load_named(fd, "race-shared", &id);
			count(OP_SHARED_LOAD, err);
			if (err)
				break;
			atomic_store(&shared_id, id);
			/* Give the callers time to find the new object. */
			usleep(1000 + rng_below(&rs, 4000));
		}
	}
	close(fd);
	return NULL;
}

int main(int argc, char **argv)
{
	unsigned int seconds = 20, nloaders = 2, ncallers = 2, i, e, id;
	pthread_t th[MAX_LOADERS + MAX_CALLERS + 2];
	unsigned long total = 0, n;
	const char *path = NULL;
	int fd, err, fail = 0, left, nth = 0, tries;
	double t0;

	for (i = 1; i < (unsigned int)argc; i++) {
		if (!strcmp(argv[i], "--seconds") && i + 1 < (unsigned int)argc)
			seconds = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--loaders") && i + 1 < (unsigned int)argc)
			nloaders = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--callers") && i + 1 < (unsigned int)argc)
			ncallers = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--dev") && i + 1 < (unsigned int)argc)
			dev = argv[++i];
		else if (argv[i][0] != '-')
			path = argv[i];
		else
			path = NULL, i = argc;
	}
	if (!path || !nloaders || nloaders > MAX_LOADERS || ncallers > MAX_CALLERS) {
		fprintf(stderr,
			"usage: race [--seconds S] [--loaders N<=8] [--callers N<=8] [--dev PATH] KCALLS.so\n");
		return 2;
	}
	image = read_file(path, &image_len);
	for (i = 0; i < BIG_LEN; i++) {
		big[i] = i * 7 + (i >> 8);
		big_sum += (uint64_t)(i + 1) * big[i];
	}
	fd = elfk_open(dev);
	if (elfk_count_loaded(fd, 1)) {
		printf("not ok - race: objects are loaded before the run\n");
		return 1;
	}
	err = load_named(fd, "race-shared", &id);
	if (err) {
		printf("not ok - race: loading %s: %s\n", path, errno_name(err));
		return 1;
	}
	atomic_store(&shared_id, id);

	t0 = now_seconds();
	for (i = 0; i < nloaders; i++)
		pthread_create(&th[nth++], NULL, loader, (void *)(uintptr_t)i);
	for (i = 0; i < ncallers; i++)
		pthread_create(&th[nth++], NULL, caller, (void *)(uintptr_t)i);
	pthread_create(&th[nth++], NULL, lister, NULL);
	pthread_create(&th[nth++], NULL, shared_unloader, NULL);
	sleep(seconds);
	atomic_store(&stop, 1);
	for (i = 0; i < (unsigned int)nth; i++)
		pthread_join(th[i], NULL);

	for (tries = 0; tries < 100; tries++) {
		err = elfk_unload(fd, atomic_load(&shared_id));
		if (err != EBUSY)
			break;
		usleep(10000);
	}
	if (err) {
		printf("# final unload of the shared object: %s\n", errno_name(err));
		fail = 1;
	}

	printf("# race: %u s, %u loaders, %u callers, 1 lister, 1 unloader of a shared object\n",
	       seconds, nloaders, ncallers);
	for (i = 0; i < NR_OPS; i++) {
		char line[512];
		int o = 0;

		n = 0;
		for (e = 0; e < NERR; e++)
			if (atomic_load(&counts[i][e])) {
				o += snprintf(line + o, sizeof(line) - o, " %s=%lu",
					      errno_name(e), atomic_load(&counts[i][e]));
				n += atomic_load(&counts[i][e]);
			}
		total += n;
		printf("# %-16s %8lu:%s\n", op_names[i], n, o ? line : "");
	}
	printf("# race: %lu operations in %.1f s (%.0f/s)\n", total,
	       now_seconds() - t0, total / (now_seconds() - t0));
	left = elfk_count_loaded(fd, 1);

#define CHECK(cond, fmt, ...)                                          \
	do {                                                           \
		int check_ok_ = !!(cond);                              \
									\
		printf("%s - race: " fmt "\n",                         \
		       check_ok_ ? "ok" : "not ok", ##__VA_ARGS__);     \
		if (!check_ok_)                                        \
			fail = 1;                                      \
	} while (0)

	CHECK(atomic_load(&unexpected) == 0,
	      "%lu operations, no unexpected errno (%lu unexpected)", total,
	      atomic_load(&unexpected));
	CHECK(atomic_load(&counts[OP_CALL_ALLOC][0]) + atomic_load(&counts[OP_CALL_SUM][0]) > 0 &&
	      atomic_load(&counts[OP_LOAD][0]) > 0 && atomic_load(&counts[OP_SHARED_UNLOAD][0]) > 0,
	      "calls, loads and unloads of the shared object all happened");
	if (atomic_load(&counts[OP_SHARED_UNLOAD][EBUSY])) {
		printf("ok - race: unloads of the shared object met calls in flight (%lu EBUSY)\n",
		       atomic_load(&counts[OP_SHARED_UNLOAD][EBUSY]));
	} else {
		printf("ok - race: unloads of the shared object met calls in flight");
		printf(" # SKIP the race never hit EBUSY\n");
	}
	CHECK(atomic_load(&bad_results) == 0, "every call returned the right value (%lu wrong)",
	      atomic_load(&bad_results));
	CHECK(atomic_load(&bad_states) == 0, "every listed object was sane (%lu not)",
	      atomic_load(&bad_states));
	CHECK(left == 0, "nothing left loaded (%d)", left);
	return fail;
}
