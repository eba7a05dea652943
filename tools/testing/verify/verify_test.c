// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the verified-mode verifier (arch/x86_64/verify.c): the
 * escape corpus (escape/NAME.S, each must be refused citing the rule its
 * "# expect:" line names), the accepted corpus (ok/NAME.S), and a throughput
 * bench.  The .S files are assembled and linked by the Makefile; this
 * program reads the flat binaries.
 *
 *   verify-test BINDIR FILE.S...      TAP, one test per file
 *   verify-test --bench FILE.bin      MiB/s over repeated verification
 */
#include <time.h>
#include "../../../arch/x86_64/verify.h"

/* The window of sandbox.inc. */
static const struct elfk_verify_cfg test_cfg = {
	.window_bits = 24,
	.code_bits = 20,
	.guard = 1 << 20,
	.code_off = 0x1000,
	.tramp_entries = 8,
};

static int tap_n, tap_bad;

static u8 *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	u8 *buf = NULL;
	long n;

	if (!f)
		return NULL;
	n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
	if (n >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc(n ? n : 1);
		if (buf && fread(buf, 1, n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*size = n;
	}
	fclose(f);
	return buf;
}

/* "# expect: ok" or "# expect: <rule>" on a line of the source. */
static int expectation(const char *src, char *rule, size_t len)
{
	FILE *f = fopen(src, "r");
	char line[256];
	int found = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char *p = strstr(line, "# expect: ");

		if (p && sscanf(p + 10, "%15s", rule) == 1) {
			found = 1;
			break;
		}
	}
	fclose(f);
	(void)len;
	return found;
}

static void one(const char *bindir, const char *src)
{
	const char *base = strrchr(src, '/'), *dir;
	char bin[512], rule[16] = "", logbuf[1024], want[32], name[256];
	struct elfk_log log;
	size_t size = 0;
	u8 *code;
	int err, ok;

	base = base ? base + 1 : src;
	dir = strstr(src, "escape/") ? "escape" : "ok";
	snprintf(name, sizeof(name), "%s/%.*s", dir, (int)(strcspn(base, ".")), base);
	snprintf(bin, sizeof(bin), "%s/%s.bin", bindir, name);
	tap_n++;
	if (!expectation(src, rule, sizeof(rule))) {
		printf("not ok %d - %s: no \"# expect:\" line\n", tap_n, name);
		tap_bad++;
		return;
	}
	code = slurp(bin, &size);
	if (!code) {
		printf("not ok %d - %s: cannot read %s\n", tap_n, name, bin);
		tap_bad++;
		return;
	}
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	err = elfk_x86_verify(code, size, &test_cfg, NULL, &log);
	snprintf(want, sizeof(want), "rule %s:", rule);
	if (!strcmp(rule, "ok"))
		ok = err == 0;
	else
		ok = err != 0 && strstr(logbuf, want);
	printf("%sok %d - verify %s: %s%s\n", ok ? "" : "not ", tap_n, name,
	       err ? "refused, expected " : "accepted, expected ", rule);
	if (logbuf[0])
		printf("# %s", logbuf);
	if (!ok)
		tap_bad++;
	free(code);
}

static int bench(const char *path)
{
	struct elfk_verify_stats st;
	struct timespec a, b, ca, cb;
	struct elfk_log log;
	char logbuf[512];
	size_t size = 0;
	u8 *code = slurp(path, &size);
	double secs, cpu, total = 0;
	int i, rounds = 0, err;

	if (!code)
		return 1;
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	clock_gettime(CLOCK_MONOTONIC, &a);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ca);
	do {
		for (i = 0; i < 10; i++, rounds++) {
			err = elfk_x86_verify(code, size, &test_cfg, &st, &log);
			if (err) {
				fprintf(stderr, "input refused: %s", logbuf);
				return 1;
			}
		}
		clock_gettime(CLOCK_MONOTONIC, &b);
		secs = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	} while (secs < 2.0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cb);
	cpu = (cb.tv_sec - ca.tv_sec) + (cb.tv_nsec - ca.tv_nsec) / 1e9;
	total = (double)size * rounds / (1024.0 * 1024.0);
	/* The machine may be shared: CPU time is the verifier's own cost. */
	printf("verify throughput: %zu bytes, %llu instructions, %d rounds: ",
	       size, (unsigned long long)st.insns, rounds);
	printf("%.1f MiB/s of CPU time (%.2f s), %.1f MiB/s wall (%.2f s)\n",
	       total / cpu, cpu,
	       total / secs, secs);
	free(code);
	return 0;
}

int main(int argc, char **argv)
{
	int i;

	if (argc == 3 && !strcmp(argv[1], "--bench"))
		return bench(argv[2]);
	if (argc < 3) {
		fprintf(stderr, "usage: %s BINDIR FILE.S... | --bench FILE.bin\n", argv[0]);
		return 2;
	}
	for (i = 2; i < argc; i++)
		one(argv[1], argv[i]);
	printf("1..%d\n", tap_n);
	return tap_bad ? 1 : 0;
}
