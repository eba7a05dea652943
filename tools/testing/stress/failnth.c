// SPDX-License-Identifier: GPL-2.0
/*
 * failnth: a fault-injection sweep of one ELFK_IOC_LOAD.
 *
 *   failnth [--max N] [--dev PATH] [--verbose] [--calls KCALLS.so] PLUGIN.so...
 *
 * For N = 1, 2, 3, ... writes N to /proc/thread-self/fail-nth, so that the
 * N-th fault-injection point this thread reaches fails (slab and page
 * allocations, as configured under /sys/kernel/debug/failslab and
 * fail_page_alloc; failnth.sh sets them up), loads the plugin once, reads
 * fail-nth back (0: the failure was injected; nonzero: the load finished
 * before reaching the N-th point) and writes 0 to disarm it.  See
 * Documentation/fault-injection/fault-injection.rst in the kernel.
 *
 * Each step must end in one of:
 *   - a failure with ENOMEM after an injected fault, and nothing loaded;
 *   - a success (the fault hit an allocation with a fallback), and the
 *     object unloads;
 *   - a success with the fault not injected: the load has N - 1 injection
 *     points and the sweep of this plugin ends.
 * Anything else (another errno, a failure without an injected fault, an
 * object left behind) fails.  Plugins with constructors are fine here:
 * they are loaded unmutated.
 *
 * With --calls, also sweeps ELFK_IOC_CALL of kcalls.so's alloc_test and
 * checksum (see call_sweep()).
 *
 * Prints TAP, one line per plugin.  Exits 1 on any failure.
 */
#include "stress.h"

#define LOG_SIZE 4096

static int failnth_fd = -1;

static int arm(unsigned int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%u", n);

	return write(failnth_fd, buf, len) == len ? 0 : errno;
}

/* The thread's fail-nth counter now, or -1. */
static long remaining(void)
{
	char buf[32];
	ssize_t n;

	/* The file has no llseek; pread() at 0 reads it afresh. */
	n = pread(failnth_fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

static void first_line(const char *log, char *out, size_t size)
{
	size_t i;

	for (i = 0; log[i] && log[i] != '\n' && i + 1 < size; i++)
		out[i] = log[i];
	out[i] = '\0';
}

static int sweep(int fd, const char *path, unsigned int max, int verbose)
{
	static char logbuf[LOG_SIZE];
	unsigned long enomem = 0, tolerated = 0, other = 0, quiet = 0;
	unsigned long bad = 0, leftover = 0;
	unsigned int n, id = 0;
	unsigned char *image;
	char line[160];
	double t0 = now_seconds();
	size_t len;
	long left;
	int err, uerr, done = 0;
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

	image = read_file(path, &len);
	for (n = 1; n <= max && !done; n++) {
		/* Fault every page in now: a page fault must not be the N-th point. */
		memset(logbuf, 0, sizeof(logbuf));
		err = arm(n);
		if (err) {
			printf("not ok - failnth %s: writing fail-nth: %s\n", base,
			       strerror(err));
			return 1;
		}
		err = elfk_load(fd, image, len, NULL, logbuf, LOG_SIZE,
				ELFK_LOG_LEVEL_ERROR, &id, NULL);
		left = remaining();
		arm(0);
		first_line(logbuf, line, sizeof(line));
		if (verbose)
			printf("# %s N=%u: %s%s%s (fail-nth now %ld)\n", base, n,
			       errno_name(err), line[0] ? ": " : "", line, left);
		if (left < 0) {
			printf("not ok - failnth %s: cannot read fail-nth back\n", base);
			return 1;
		}
		if (!err) {
			uerr = elfk_unload(fd, id);
			if (uerr) {
				printf("# %s N=%u: loaded, but unload failed: %s\n",
				       base, n, errno_name(uerr));
				bad++;
			}
			if (left > 0)
				done = 1;	/* ran out of injection points */
			else
				tolerated++;
		} else if (left > 0) {
			printf("# %s N=%u: failed with %s without an injected fault: %s\n",
			       base, n, errno_name(err), line);
			bad++;
		} else if (err == ENOMEM) {
			enomem++;
			if (!line[0])
				quiet++;
		} else {
			printf("# %s N=%u: injected fault gave %s, not ENOMEM: %s\n",
			       base, n, errno_name(err), line);
			other++;
		}
		if (elfk_count_loaded(fd, 1)) {
			printf("# %s N=%u: objects left loaded after the step\n", base, n);
			leftover++;
			/* Clean up so that later steps mean something. */
			for (;;) {
				struct elfk_info info;

				if (elfk_info_next(fd, 0, &info) || elfk_unload(fd, info.id))
					break;
			}
		}
	}
	free(image);
	if (!done) {
		printf("not ok - failnth %s: still failing after %u injection points (--max)\n",
		       base, max);
		return 1;
	}
	if (bad || other || leftover) {
		printf("not ok - failnth %s: %u injection points: %lu ENOMEM, ",
		       base, n - 2, enomem);
		printf("%lu other errnos, %lu bad outcomes, %lu steps left objects\n",
		       other, bad, leftover);
		return 1;
	}
	printf("ok - failnth %s: %u injection points in a load, %lu ENOMEM ",
	       base, n - 2, enomem);
	printf("(%lu with an empty log), %lu tolerated, nothing left loaded (%.1f s)\n",
	       quiet, tolerated, now_seconds() - t0);
	return 0;
}

/* INFO of one object by id. */
static int info_of(int fd, unsigned int id, struct elfk_info *info)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	info->id = id;
	return ioctl(fd, ELFK_IOC_INFO, info) < 0 ? errno : 0;
}

/*
 * Sweep ELFK_IOC_CALL of kcalls.so: alloc_test(4) (the plugin allocates
 * five blocks through elfk_malloc and frees them; an allocation that fails
 * makes it return -1 or -ENOMEM) and checksum() of a 10-byte IN buffer
 * (2970).  Each step must give the right value, a plugin-reported
 * failure, or ENOMEM from the ioctl, and leave the object holding no
 * elfk_malloc memory.
 */
static int call_sweep(int fd, const char *path, unsigned int max, int verbose)
{
	static const char digits[10] = "0123456789";
	static const struct { const char *sym; int in; } calls[] = {
		{ "alloc_test", 0 }, { "checksum", 1 },
	};
	static char logbuf[LOG_SIZE];
	unsigned int c, n, id = 0, points;
	struct elfk_call_arg a[2];
	struct elfk_info info;
	unsigned char *image;
	unsigned long enomem, failed_inside, tolerated;
	size_t len;
	uint64_t ret;
	long left;
	int err, fail = 0, done;

	image = read_file(path, &len);
	err = elfk_load(fd, image, len, "failnth-calls", logbuf, LOG_SIZE,
			ELFK_LOG_LEVEL_ERROR, &id, NULL);
	free(image);
	if (err) {
		printf("not ok - failnth calls: loading %s: %s: %s\n", path,
		       errno_name(err), logbuf);
		return 1;
	}
	for (c = 0; c < 2; c++) {
		enomem = 0;
		failed_inside = 0;
		tolerated = 0;
		done = 0;
		for (n = 1; n <= max && !done; n++) {
			memset(a, 0, sizeof(a));
			if (calls[c].in) {
				a[0].kind = ELFK_ARG_IN;
				a[0].value = (uintptr_t)digits;
				a[0].len = sizeof(digits);
				a[1].value = sizeof(digits);
			} else {
				a[0].value = 4;
			}
			ret = 0x5a5a;
			arm(n);
			err = elfk_call(fd, id, calls[c].sym, a, calls[c].in ? 2 : 1, &ret);
			left = remaining();
			arm(0);
			if (verbose)
				printf("# call %s N=%u: %s ret %lld (fail-nth now %ld)\n",
				       calls[c].sym, n, errno_name(err), (long long)ret, left);
			if (!err && left > 0) {
				done = 1;
				if (ret != (calls[c].in ? 2970 : 0)) {
					printf("# call %s N=%u: returned %lld without a fault\n",
					       calls[c].sym, n, (long long)ret);
					fail = 1;
				}
			} else if (!err && ret == (calls[c].in ? 2970 : 0)) {
				tolerated++;
			} else if (!err && !calls[c].in &&
				   ((int64_t)ret == -1 || (int64_t)ret == -ENOMEM)) {
				failed_inside++;
			} else if (err == ENOMEM && left == 0) {
				enomem++;
			} else {
				printf("# call %s N=%u: %s, ret %lld, fail-nth %ld: unexpected\n",
				       calls[c].sym, n, errno_name(err), (long long)ret, left);
				fail = 1;
			}
			err = info_of(fd, id, &info);
			if (err || info.alloc_bytes) {
				printf("# call %s N=%u: after the call INFO says %s, ",
				       calls[c].sym, n, errno_name(err));
				printf("%llu bytes held\n",
				       (unsigned long long)info.alloc_bytes);
				fail = 1;
			}
		}
		points = n - 2;
		if (!done) {
			printf("not ok - failnth call %s: still failing after %u points\n",
			       calls[c].sym, max);
			fail = 1;
		} else {
			printf("%s - failnth call %s: %u injection points, %lu ENOMEM, ",
			       fail ? "not ok" : "ok", calls[c].sym, points, enomem);
			printf("%lu failures the plugin saw, %lu tolerated, ",
			       failed_inside, tolerated);
			printf("no elfk_malloc memory left held\n");
		}
	}
	err = elfk_unload(fd, id);
	if (err) {
		printf("not ok - failnth calls: unloading: %s\n", errno_name(err));
		fail = 1;
	}
	return fail;
}

int main(int argc, char **argv)
{
	unsigned int max = 5000;
	const char *dev = NULL, *calls = NULL;
	int i, fd, fail = 0, verbose = 0, nplugins = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--max") && i + 1 < argc) {
			max = strtoul(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--dev") && i + 1 < argc) {
			dev = argv[++i];
		} else if (!strcmp(argv[i], "--verbose")) {
			verbose = 1;
		} else if (!strcmp(argv[i], "--calls") && i + 1 < argc) {
			calls = argv[++i];
			nplugins++;
		} else if (argv[i][0] != '-') {
			nplugins++;
		} else {
			fprintf(stderr,
				"usage: failnth [--max N] [--dev PATH] [--verbose] [--calls KCALLS.so] PLUGIN...\n");
			return 2;
		}
	}
	if (!nplugins) {
		fprintf(stderr,
			"usage: failnth [--max N] [--dev PATH] [--verbose] [--calls KCALLS.so] PLUGIN...\n");
		return 2;
	}
	fd = elfk_open(dev);
	failnth_fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (failnth_fd < 0) {
		printf("ok - failnth # SKIP /proc/thread-self/fail-nth: %s\n",
		       strerror(errno));
		return 0;
	}
	if (elfk_count_loaded(fd, 1)) {
		printf("not ok - failnth: objects are loaded before the sweep\n");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--max") || !strcmp(argv[i], "--dev") ||
		    !strcmp(argv[i], "--calls")) {
			i++;
			continue;
		}
		if (argv[i][0] == '-')
			continue;
		fail |= sweep(fd, argv[i], max, verbose);
	}
	if (calls)
		fail |= call_sweep(fd, calls, max, verbose);
	return fail;
}
